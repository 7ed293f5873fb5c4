import CCnnrtCPU
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Persistent worker threads that run the tasks of one parallel loop at a time.
///
/// The calling thread is worker 0 and takes tasks too, so a pool of `threads` has `threads - 1`
/// background workers. Between loops a worker spins on an atomic for a short while (a hand-over then
/// costs about 0.1 us), then sleeps on a condition variable (waking it costs tens of microseconds).
/// Only one loop runs at a time: a caller that finds the pool busy runs its loop alone, so a pool may
/// be shared by sessions running on several threads.
public final class ThreadPool: @unchecked Sendable {
    private let core: ThreadPoolCore

    /// Threads taking part in a loop, the caller included.
    public var threads: Int { core.threads }

    /// Starts `threads - 1` workers; `threads <= 1` starts none.
    public init(threads: Int) {
        core = ThreadPoolCore(threads: threads)
    }

    /// Stops and joins the workers.
    deinit {
        core.stop()
    }

    /// Runs `body(task, worker)` for every task in `0..<count` and returns when all are done.
    /// `worker` is in `0..<threads` and no two tasks run at once with the same worker index, so it
    /// can index per-thread scratch memory.
    public func parallelFor(_ count: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        core.parallelFor(count, body)
    }
}

/// The state the caller and the workers share; workers hold it strongly, so it outlives them.
private final class ThreadPoolCore: @unchecked Sendable {
    let threads: Int

    private let generation = Atomic<Int>(0)
    private let nextTask = Atomic<Int>(0)
    private let finishedTasks = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let stopping = Atomic<Bool>(false)
    /// Workers between announcing that they read the job and leaving it.
    private let readers = Atomic<Int>(0)
    // Written by the caller before it bumps `generation`, read by workers after they see the bump.
    private var taskCount = 0
    private var body: ((_ task: Int, _ worker: Int) -> Void)?
    // Allocated, not stored properties: `&property` may hand C the address of a temporary copy.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var workers: [pthread_t] = []

    /// Spin iterations (each a PAUSE) before a worker goes to sleep: roughly 50-200 us.
    static let spinLimit = 4000

    init(threads: Int) {
        self.threads = max(1, threads)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        for index in 1..<self.threads {
            let box = Unmanaged.passRetained(WorkerStart(pool: self, index: index))
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let start = Unmanaged<WorkerStart>.fromOpaque(raw!).takeRetainedValue()
                start.pool.workerLoop(index: start.index)
                return nil
            }, box.toOpaque())
            if status == 0 {
                workers.append(thread)
            } else {
                box.release()
            }
        }
    }

    func stop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        generation.add(2, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
        for thread in workers { pthread_join(thread, nil) }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    private final class WorkerStart {
        let pool: ThreadPoolCore
        let index: Int
        init(pool: ThreadPoolCore, index: Int) {
            self.pool = pool
            self.index = index
        }
    }

    func parallelFor(_ count: Int, _ body: (_ task: Int, _ worker: Int) -> Void) {
        if count <= 0 { return }
        guard count > 1, !workers.isEmpty,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for task in 0..<count { body(task, 0) }
            return
        }
        withoutActuallyEscaping(body) { escaping in
            // An odd generation means "being written": workers that see it keep away from the job.
            generation.add(1, ordering: .sequentiallyConsistent)
            waitForReaders()
            self.body = escaping
            taskCount = count
            nextTask.store(0, ordering: .relaxed)
            finishedTasks.store(0, ordering: .relaxed)
            generation.add(1, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                pthread_mutex_lock(mutex)
                pthread_cond_broadcast(condition)
                pthread_mutex_unlock(mutex)
            }
            runTasks(worker: 0)
            while finishedTasks.load(ordering: .acquiring) < count { cnnrt_cpu_relax() }
            generation.add(1, ordering: .sequentiallyConsistent)
            waitForReaders()
            self.body = nil
            generation.add(1, ordering: .sequentiallyConsistent)
        }
        busy.store(false, ordering: .releasing)
    }

    private func waitForReaders() {
        while readers.load(ordering: .sequentiallyConsistent) > 0 { cnnrt_cpu_relax() }
    }

    private func runTasks(worker: Int) {
        guard let body else { return }
        let count = taskCount
        while true {
            let task = nextTask.wrappingAdd(1, ordering: .relaxed).oldValue
            if task >= count { return }
            body(task, worker)
            finishedTasks.add(1, ordering: .releasing)
        }
    }

    private func workerLoop(index: Int) {
        // Generation 0 is the pool's state before any loop: a worker that starts late still sees every
        // loop (and a stop) that happened since.
        var seen = 0
        while true {
            var spins = 0
            var current = generation.load(ordering: .acquiring)
            while current == seen || current & 1 == 1 {
                spins += 1
                if spins < Self.spinLimit {
                    cnnrt_cpu_relax()
                } else {
                    pthread_mutex_lock(mutex)
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    while generation.load(ordering: .sequentiallyConsistent) == seen
                            && !stopping.load(ordering: .sequentiallyConsistent) {
                        pthread_cond_wait(condition, mutex)
                    }
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    pthread_mutex_unlock(mutex)
                    spins = 0
                }
                current = generation.load(ordering: .acquiring)
            }
            if stopping.load(ordering: .acquiring) { return }
            // Announce the read, then check that the caller has not started rewriting the job.
            readers.add(1, ordering: .sequentiallyConsistent)
            if generation.load(ordering: .sequentiallyConsistent) == current {
                runTasks(worker: index)
            }
            readers.subtract(1, ordering: .sequentiallyConsistent)
            seen = current
        }
    }
}
