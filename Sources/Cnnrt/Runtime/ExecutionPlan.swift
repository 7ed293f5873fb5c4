#if canImport(Glibc)
import Glibc
#endif

/// A model compiled for one set of input shapes: every shape inferred, weights packed once, a kernel
/// chosen per node (a fast `NodeKernel` where one fits, the reference `Operator` otherwise) and the
/// memory of fast-kernel outputs planned into one arena by value lifetimes.
///
/// Shared and immutable after compilation: the steps, packed weights and constants. Per run: an
/// `ExecutionContext` (arena, scratch, value table) taken from a pool under a lock, so several threads may
/// run one plan at once, each with its own context.
final class ExecutionPlan: @unchecked Sendable {
    enum Storage {
        case feed
        case constant(Tensor)
        case arena(offset: Int)
        /// Produced by a reference operator (or an alias of such a value): a `Tensor` held per run.
        case tensor
        /// The first input of an alias op (Reshape, Flatten, ...), by value index.
        case alias(of: Int)
        /// Bytes at `byteOffset` inside another value's storage (an input of a Concat written in place).
        case slice(of: Int, byteOffset: Int)
    }

    struct Value {
        let name: String
        let shape: [Int]?
        var storage: Storage
    }

    enum Action {
        case fast(NodeKernel)
        case reference(any Operator)
        case alias
    }

    struct Step {
        let node: Node
        let action: Action
        let inputs: [Int]
        let outputs: [Int]
        /// Tensor-backed values whose last reader is this step.
        let releases: [Int]
        /// The pool this step's kernel may split its work over: nil when the step is too small to gain
        /// from a second thread (see `defaultMinParallelWork`).
        let pool: ThreadPool?
    }

    /// The least work (FLOPs, or 8 per output element for kernels that count no FLOPs) for which a
    /// fast kernel gets the thread pool. Below it, handing tasks to a worker (0.1 us spinning, tens of
    /// microseconds when the worker sleeps or the other core is busy) costs more than it saves: on
    /// LeNet (convolutions of 0.17 and 0.31 MFLOP) 2 threads were slower than 1. `CNNRT_PARALLEL_MIN_WORK`
    /// overrides it (0 gives every kernel the pool).
    static let defaultMinParallelWork: Double = {
        if let raw = getenv("CNNRT_PARALLEL_MIN_WORK"), let value = Double(String(cString: raw)), value >= 0 {
            return value
        }
        return 1_000_000
    }()

    /// Values that may hold a tensor set during a run (feeds, reference outputs, their aliases): what
    /// `ExecutionContext.clear` drops. Arena values never hold one; constants keep theirs.
    let perRunTensors: [Int]

    /// True when a reference operator runs: only those allocate tensors whose size
    /// `TensorLimits.maxTensorBytes` must bound.
    let hasReferenceSteps: Bool

    let values: [Value]
    let steps: [Step]
    let feeds: [(name: String, index: Int)]
    let results: [(name: String, index: Int)]
    /// Bytes of the arena holding every fast-kernel output.
    let arenaBytes: Int
    let scratchFloatsPerThread: Int
    let sharedScratchFloats: Int
    let pool: ThreadPool?
    private let contexts = Locked<[ExecutionContext]>([])

    /// Compiles `steps` (the session's nodes in order, each with its reference operator).
    init(model: Model, order: [(node: Node, op: any Operator)], inputShapes: [String: [Int]], pool: ThreadPool?,
         kernels: KernelSet, registry: KernelRegistry = .standard,
         minParallelWork: Double = ExecutionPlan.defaultMinParallelWork) throws {
        let graph = model.graph
        let inferred = model.inferShapes(inputShapes: inputShapes).values
        var values: [Value] = []
        var index: [String: Int] = [:]
        func add(_ name: String, _ storage: Storage) -> Int {
            if let existing = index[name] { return existing }
            index[name] = values.count
            values.append(Value(name: name, shape: inferred[name]?.shape, storage: storage))
            return values.count - 1
        }
        var feeds: [(String, Int)] = []
        for input in graph.runtimeInputs { feeds.append((input.name, add(input.name, .feed))) }
        for (name, tensor) in graph.initializers { _ = add(name, .constant(tensor)) }

        var steps: [(node: Node, action: Action, inputs: [Int], outputs: [Int])] = []
        for (node, op) in order {
            let inputs = node.inputs.map { $0.isEmpty ? -1 : add($0, .tensor) }
            let infos = node.inputs.map { $0.isEmpty ? nil : inferred[$0] }
            let outputInfos = node.outputs.compactMap { inferred[$0] }
            var action = Action.reference(op)
            let known = outputInfos.count == node.outputs.count
                && zip(node.inputs, infos).allSatisfy { $0.0.isEmpty || $0.1 != nil }
            let opset = model.opsetVersion(for: node.domain) ?? 1
            if known, node.isDefaultDomain, KernelRegistry.aliasOps.contains(node.opType), node.outputs.count == 1
                || (node.opType == "Dropout" && node.outputs.dropFirst().allSatisfy(\.isEmpty)),
               infos[0]?.elementType == outputInfos[0].elementType, infos[0]?.value == nil {
                action = .alias
            } else if known, let kernel = try? registry.kernel(for: NodeKernelContext(
                node: node, opset: opset, inputs: infos, outputs: outputInfos, kernels: kernels)) {
                action = .fast(kernel)
            }
            var outputs: [Int] = []
            for name in node.outputs {
                guard !name.isEmpty else { outputs.append(-1); continue }
                let storage: Storage
                switch action {
                case .fast: storage = .arena(offset: 0)
                case .alias: storage = .alias(of: inputs[0])
                case .reference: storage = .tensor
                }
                let i = add(name, storage)
                values[i].storage = storage
                outputs.append(i)
            }
            steps.append((node, action, inputs, outputs))
        }

        Self.placeConcatInputs(&steps, &values, graphOutputs: Set(graph.outputs.map(\.name)))

        // Lifetimes: the last step reading each value's root; graph outputs live to the end.
        func root(_ i: Int) -> Int {
            if case .alias(let source) = values[i].storage { return root(source) }
            return i
        }
        var lastUse = [Int](repeating: -1, count: values.count)
        for (position, step) in steps.enumerated() {
            for i in step.inputs where i >= 0 {
                lastUse[root(i)] = max(lastUse[root(i)], position)
                lastUse[i] = max(lastUse[i], position)
            }
        }
        var results: [(String, Int)] = []
        for output in graph.outputs {
            guard let i = index[output.name] else { continue }
            results.append((output.name, i))
            lastUse[root(i)] = steps.count
            lastUse[i] = steps.count
        }
        var planner = ArenaPlanner()
        var releases: [[Int]] = Array(repeating: [], count: steps.count)
        var allocated = Set<Int>()
        for (position, step) in steps.enumerated() {
            for output in step.outputs where output >= 0 {
                // A slice's bytes are its container's: the container is allocated by its first writer.
                var i = output
                while case .slice(let container, _) = values[i].storage { i = container }
                if case .arena = values[i].storage, allocated.insert(i).inserted {
                    let bytes = (values[i].shape.flatMap(Shape.elementCount) ?? 0) * 4
                    values[i].storage = .arena(offset: planner.allocate(bytes))
                }
            }
            let finished = Set((step.inputs + step.outputs).filter { $0 >= 0 && lastUse[$0] <= position })
            for i in finished {
                switch values[i].storage {
                case .arena(let offset):
                    if lastUse[root(i)] <= position, root(i) == i {
                        planner.release(offset: offset, bytes: (values[i].shape.flatMap(Shape.elementCount) ?? 0) * 4)
                    }
                case .tensor, .alias:
                    releases[position].append(i)
                default:
                    break
                }
            }
            // Roots whose last reader was an alias of them.
            var aliasRoots = Set<Int>()
            for i in step.inputs where i >= 0 && root(i) != i { aliasRoots.insert(root(i)) }
            for r in aliasRoots where lastUse[r] <= position && !finished.contains(r) {
                if case .arena(let offset) = values[r].storage {
                    planner.release(offset: offset, bytes: (values[r].shape.flatMap(Shape.elementCount) ?? 0) * 4)
                }
            }
        }
        self.values = values
        self.steps = steps.enumerated().map { position, step in
            var stepPool: ThreadPool?
            if let pool, case .fast(let kernel) = step.action {
                let elements = step.outputs.reduce(0) { total, i in
                    total + (i < 0 ? 0 : values[i].shape.flatMap(Shape.elementCount) ?? 0)
                }
                if kernel.parallelWork ?? max(kernel.flops, 8 * Double(elements)) >= minParallelWork { stepPool = pool }
            }
            return Step(node: step.node, action: step.action, inputs: step.inputs, outputs: step.outputs,
                        releases: releases[position], pool: stepPool)
        }
        perRunTensors = values.indices.filter { i in
            switch values[i].storage {
            case .constant, .arena, .slice: return false
            case .feed, .tensor, .alias: return true
            }
        }
        hasReferenceSteps = steps.contains { if case .reference = $0.action { return true } else { return false } }
        self.feeds = feeds
        self.results = results
        arenaBytes = planner.size
        scratchFloatsPerThread = steps.map { step -> Int in
            if case .fast(let kernel) = step.action { return kernel.scratchFloatsPerThread }
            return 0
        }.max() ?? 0
        sharedScratchFloats = steps.map { step -> Int in
            if case .fast(let kernel) = step.action { return kernel.sharedScratchFloats }
            return 0
        }.max() ?? 0
        self.pool = pool
    }

    /// Concat in place: when a fast Concat's inputs are contiguous blocks of its output and each is an
    /// arena value read by nothing else (nor a graph output), the producers write straight into the output
    /// and the Concat copies nothing (SqueezeNet's fire modules, GoogLeNet's inception blocks).
    private static func placeConcatInputs(_ steps: inout [(node: Node, action: Action, inputs: [Int], outputs: [Int])],
                                   _ values: inout [Value], graphOutputs: Set<String>) {
        var readers = [Int](repeating: 0, count: values.count)
        for step in steps { for i in step.inputs where i >= 0 { readers[i] += 1 } }
        for position in steps.indices {
            let step = steps[position]
            guard step.node.opType == "Concat", step.node.isDefaultDomain,
                  case .fast(let kernel as ConcatNodeKernel) = step.action, kernel.outerCount == 1,
                  let output = step.outputs.first, output >= 0, case .arena = values[output].storage,
                  Set(step.inputs).count == step.inputs.count else { continue }
            let placeable = step.inputs.allSatisfy { i in
                guard i >= 0, readers[i] == 1, !graphOutputs.contains(values[i].name),
                      case .arena = values[i].storage else { return false }
                return true
            }
            guard placeable else { continue }
            var offset = 0
            for (i, block) in zip(step.inputs, kernel.blocks) {
                values[i].storage = .slice(of: output, byteOffset: offset * 4)
                offset += block
            }
            steps[position].action = .fast(kernel.placedInOutput())
        }
    }

    /// Nodes that run a fast kernel, and all nodes.
    var fastStepCount: Int { steps.filter { if case .fast = $0.action { return true } else { return false } }.count }

    /// Runs the plan on `feeds` (already checked against the shapes it was compiled for).
    /// - Parameter profile: when given, receives the seconds each step took (indexed like `steps`).
    func run(_ feeds: [String: Tensor], profile: UnsafeMutablePointer<Double>? = nil) throws -> [String: Tensor] {
        let context = contexts.withLock { $0.popLast() } ?? ExecutionContext(plan: self)
        defer {
            context.clear(self)
            contexts.withLock { $0.append(context) }
        }
        for (name, i) in self.feeds {
            guard let tensor = feeds[name] else { continue }
            context.tensors[i] = tensor
            context.addresses[i] = tensor.buffer.pointer
        }
        if profile == nil {
            // The common path: fast kernels back to back, reading the steps in place (no copy of each
            // step's node, so no reference counting per step).
            try steps.withUnsafeBufferPointer { steps in
                for position in steps.indices {
                    if case .fast(let kernel) = steps[position].action {
                        kernel.run(NodeIO(addresses: context.addresses, inputs: steps[position].inputs,
                                          outputs: steps[position].outputs),
                                   pool: steps[position].pool, scratch: context.scratch)
                        if !steps[position].releases.isEmpty {
                            for i in steps[position].releases { context.tensors[i] = nil }
                        }
                    } else {
                        try runStep(steps[position], context: context)
                    }
                }
            }
            return collectResults(context)
        }
        var clock = ContinuousClock.now
        for (position, step) in steps.enumerated() {
            try runStep(step, context: context)
            let now = ContinuousClock.now
            let elapsed = now - clock
            profile![position] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            clock = now
        }
        return collectResults(context)
    }

    /// The graph outputs of a finished run, copied out of the arena.
    private func collectResults(_ context: ExecutionContext) -> [String: Tensor] {
        var result: [String: Tensor] = Dictionary(minimumCapacity: results.count)
        for (name, i) in results { result[name] = context.outputTensor(i, plan: self) }
        return result
    }

    /// Runs one step of any kind.
    private func runStep(_ step: Step, context: ExecutionContext) throws {
        switch step.action {
        case .fast(let kernel):
            kernel.run(NodeIO(addresses: context.addresses, inputs: step.inputs, outputs: step.outputs),
                       pool: step.pool, scratch: context.scratch)
        case .alias:
            let source = step.inputs[0], target = step.outputs[0]
            context.addresses[target] = context.addresses[source]
            if let tensor = context.tensors[source], let shape = values[target].shape {
                context.tensors[target] = tensor.reshaped(shape)
            }
        case .reference(let op):
            let args = step.inputs.map { $0 < 0 ? nil : context.tensor($0, plan: self) }
            let outputs: [Tensor]
            do {
                outputs = try op.run(args)
            } catch let error as CnnrtError {
                throw error
            } catch {
                throw CnnrtError.invalidNode(node: step.node.displayName, opType: step.node.opType,
                                             reason: "\(error)")
            }
            // Every named output must get a result, wherever it sits (outputs may be skipped with "").
            if let unfilled = step.outputs.indices.first(where: { step.outputs[$0] >= 0 && $0 >= outputs.count }) {
                throw CnnrtError.invalidNode(
                    node: step.node.displayName, opType: step.node.opType,
                    reason: "produced \(outputs.count) outputs, but output \(unfilled) "
                        + "('\(step.node.outputs[unfilled])') is used")
            }
            for (i, tensor) in zip(step.outputs, outputs) where i >= 0 {
                if let shape = values[i].shape, shape != tensor.shape {
                    throw CnnrtError.invalidNode(node: step.node.displayName, opType: step.node.opType,
                                                 reason: "produced shape \(tensor.shape), inferred \(shape)")
                }
                context.tensors[i] = tensor
                context.addresses[i] = tensor.buffer.pointer
            }
        }
        for i in step.releases { context.tensors[i] = nil }
    }
}

/// The per-run state of a plan: the arena, GEMM scratch, the address of every value and the tensors
/// produced by reference operators. Reused across runs, so fast kernels run with no allocation.
final class ExecutionContext: @unchecked Sendable {
    let arena: TensorBuffer
    let scratch: GemmScratch
    let addresses: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    var tensors: [Tensor?]
    let count: Int
    /// Per large graph output, the memory its last result released (see `outputTensor`).
    private var recyclers: [Int: BufferRecycler] = [:]

    init(plan: ExecutionPlan) {
        count = plan.values.count
        arena = TensorBuffer(byteCount: plan.arenaBytes)
        scratch = GemmScratch(threads: plan.pool?.threads ?? 1, floatsPerThread: plan.scratchFloatsPerThread,
                              sharedFloats: plan.sharedScratchFloats)
        addresses = .allocate(capacity: max(1, count))
        addresses.initialize(repeating: nil, count: max(1, count))
        tensors = Array(repeating: nil, count: count)
        for (i, value) in plan.values.enumerated() {
            switch value.storage {
            case .arena(let offset): addresses[i] = arena.pointer + offset
            case .constant(let tensor):
                tensors[i] = tensor
                addresses[i] = tensor.buffer.pointer
            default: break
            }
        }
        // Slices sit inside their containers (which may be slices themselves).
        func sliceAddress(_ i: Int) -> UnsafeMutableRawPointer? {
            guard case .slice(let container, let byteOffset) = plan.values[i].storage else { return addresses[i] }
            return sliceAddress(container).map { $0 + byteOffset }
        }
        for i in plan.values.indices {
            if case .slice = plan.values[i].storage { addresses[i] = sliceAddress(i) }
        }
        // Aliases of arena values share their root's address.
        for i in plan.values.indices {
            var root = i
            while case .alias(let source) = plan.values[root].storage { root = source }
            switch plan.values[root].storage {
            case .arena, .slice: if root != i { addresses[i] = addresses[root] }
            default: break
            }
        }
    }

    deinit {
        addresses.deallocate()
    }

    /// Graph output `i` as a tensor, like `tensor(_:plan:)`; a large copy of arena bytes goes into memory that
    /// this context's previous result for `i` released, when it did (see `BufferRecycler`).
    func outputTensor(_ i: Int, plan: ExecutionPlan) -> Tensor? {
        if let tensor = tensors[i] { return tensor }
        guard let shape = plan.values[i].shape, let address = addresses[i] else { return nil }
        let bytes = (Shape.elementCount(shape) ?? 0) * 4
        guard bytes >= Self.recycledOutputBytes else { return tensor(i, plan: plan) }
        let recycler = recyclers[i] ?? BufferRecycler()
        recyclers[i] = recycler
        let buffer = TensorBuffer(uninitializedByteCount: bytes, recycler: recycler)
        buffer.pointer.copyMemory(from: address, byteCount: bytes)
        return Tensor(elementType: .float, shape: shape, buffer: buffer)
    }

    /// Outputs from this size on are recycled: below it the allocator reuses memory without page faults.
    static let recycledOutputBytes = 256 << 10

    /// Value `i` as a tensor: the one a reference operator or the caller produced, or a copy of arena bytes.
    func tensor(_ i: Int, plan: ExecutionPlan) -> Tensor? {
        if let tensor = tensors[i] { return tensor }
        guard let shape = plan.values[i].shape, let address = addresses[i] else { return nil }
        let bytes = (Shape.elementCount(shape) ?? 0) * 4
        return Tensor(elementType: .float, shape: shape,
                      buffer: TensorBuffer(copying: UnsafeRawBufferPointer(start: address, count: bytes)))
    }

    /// Drops what a run left behind (feeds and reference outputs), keeping constants.
    func clear(_ plan: ExecutionPlan) {
        tensors.withUnsafeMutableBufferPointer { tensors in
            for i in plan.perRunTensors where tensors[i] != nil { tensors[i] = nil }
        }
    }
}
