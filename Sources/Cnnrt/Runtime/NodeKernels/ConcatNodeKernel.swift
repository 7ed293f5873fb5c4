/// Concat of float tensors along any axis: block copies.
final class ConcatNodeKernel: NodeKernel, @unchecked Sendable {
    /// Elements per outer index for each input, and for the output.
    let blocks: [Int]
    let outerCount: Int
    let outBlock: Int

    var kernelName: String { "f32-concat" }

    private init(blocks: [Int], outerCount: Int) {
        self.blocks = blocks
        self.outerCount = outerCount
        outBlock = blocks.reduce(0, +)
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
        let y = io.output(0)
        var offset = 0
        for (i, block) in blocks.enumerated() {
            let x = io.input(i)!
            for outer in 0..<outerCount {
                (y + outer * outBlock + offset).update(from: x + outer * block, count: block)
            }
            offset += block
        }
    }
}
