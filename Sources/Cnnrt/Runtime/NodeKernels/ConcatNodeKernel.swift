/// Concat of float tensors along any axis: block copies. When every input is a contiguous block of the
/// output (nothing before the axis but ones, e.g. channels at batch 1) the plan may have the producers
/// write straight into the output (`placedInOutput`): the copy then has nothing left to do.
final class ConcatNodeKernel: NodeKernel, @unchecked Sendable {
    /// Elements per outer index for each input, and for the output.
    let blocks: [Int]
    let outerCount: Int
    let outBlock: Int
    /// The inputs already sit in their places in the output.
    let inPlace: Bool

    var kernelName: String { inPlace ? "f32-concat-in-place" : "f32-concat" }

    private init(blocks: [Int], outerCount: Int, inPlace: Bool = false) {
        self.blocks = blocks
        self.outerCount = outerCount
        self.inPlace = inPlace
        outBlock = blocks.reduce(0, +)
    }

    /// The same concat for a plan that placed every input in the output: input i at element
    /// `blocks[0..<i].sum` (needs `outerCount == 1`).
    func placedInOutput() -> ConcatNodeKernel {
        precondition(outerCount == 1)
        return ConcatNodeKernel(blocks: blocks, outerCount: outerCount, inPlace: true)
    }

    static func make(_ c: NodeKernelContext) throws -> NodeKernel? {
        guard c.allFloat, let y = c.outputs.first, let axisValue = try c.node.int("axis"),
              let axis = Shape.normalizeAxis(axisValue, rank: y.shape.count) else { return nil }
        var blocks: [Int] = []
        for i in 0..<c.inputs.count {
            guard let x = c.floatInput(i), x.shape.count == y.shape.count else { return nil }
            blocks.append(x.shape[axis...].reduce(1, *))
        }
        return ConcatNodeKernel(blocks: blocks, outerCount: y.shape[..<axis].reduce(1, *))
    }

    func run(_ io: NodeIO, pool: ThreadPool?, scratch: GemmScratch) {
        if inPlace { return }
        let y = io.output(0)
        let total = outerCount * outBlock
        // With a pool (the plan gives one only to big enough nodes), each thread copies an equal slice of
        // the output.
        let tasks = min(pool?.threads ?? 1, max(1, total / 4096))
        let body = { (task: Int, _: Int) in
            var position = total * task / tasks
            let end = total * (task + 1) / tasks
            var input = 0, start = 0
            while position < end {
                let outer = position / self.outBlock, inner = position - outer * self.outBlock
                if inner == 0 { (input, start) = (0, 0) }
                while inner >= start + self.blocks[input] {
                    start += self.blocks[input]
                    input += 1
                }
                let count = min(start + self.blocks[input] - inner, end - position)
                let x = io.input(input)! + outer * self.blocks[input] + (inner - start)
                (y + position).update(from: x, count: count)
                position += count
            }
        }
        if let pool, tasks > 1 { pool.parallelFor(tasks, body) } else { body(0, 0) }
    }
}
