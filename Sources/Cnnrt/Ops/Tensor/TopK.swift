/// ONNX TopK: the `k` largest (or, with `largest` = 0, opset 11+, smallest) elements along `axis`
/// (default -1) and their int64 indices, in sorted order. Equal values keep the lower index first; NaN
/// counts as larger than every number. `k` is an attribute before opset 10 and a one-element int64 input
/// from 10; `sorted` = 0 (opset 11+) leaves the order open, and sorted order is returned.
struct TopK: NodeNamedOperator {
    static let opType = "TopK"

    let nodeName: String
    let label: ElementwiseLabel
    let kAttribute: Int?
    let axis: Int
    let largest: Bool

    init(node: Node, opset: Int) throws {
        nodeName = node.displayName
        label = ElementwiseLabel(node)
        if opset < 10 {
            try node.requireArity(inputs: 1...1, outputs: 2...2)
            guard let k = try node.int("k") else { throw node.invalid("attribute 'k' is required") }
            kAttribute = k
        } else {
            try node.requireArity(inputs: 2...2, outputs: 2...2)
            kAttribute = nil
        }
        axis = try node.int("axis", default: -1)
        let largestValue = try node.int("largest", default: 1), sortedValue = try node.int("sorted", default: 1)
        guard (0...1).contains(largestValue), (0...1).contains(sortedValue) else {
            throw node.invalid("largest and sorted must be 0 or 1, got \(largestValue) and \(sortedValue)")
        }
        if opset < 11 && (largestValue != 1 || sortedValue != 1) {
            throw node.invalid("largest and sorted are only defined from opset 11")
        }
        largest = largestValue == 1
    }

    private func plan(_ x: TensorInfo, k: Int) throws -> (axis: Int, shape: [Int]) {
        try label.requireNumeric(x.elementType, "input X")
        let a = try normalizedAxis(axis, rank: x.shape.count)
        guard k >= 0, k <= x.shape[a] else {
            throw nodeError("k \(k) is out of range for axis \(a) of size \(x.shape[a])")
        }
        var shape = x.shape
        shape[a] = k
        return (a, shape)
    }

    private func kValue(_ tensor: Tensor) throws -> Int {
        let values = try integers(tensor, "K")
        guard values.count == 1 else { throw nodeError("K must hold one value, got shape \(tensor.shape)") }
        return values[0]
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        let k = try kAttribute ?? kValue(knownValue(inputs[1]!, "input 'K'"))
        let shape = try plan(inputs[0]!, k: k).shape
        return [TensorInfo(elementType: inputs[0]!.elementType, shape: shape),
                TensorInfo(elementType: .int64, shape: shape)]
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let k = try kAttribute ?? kValue(inputs[1]!)
        let (a, shape) = try plan(TensorInfo(x), k: k)
        let kernel = Kernel(x: x, shape: shape, outer: x.shape[..<a].reduce(1, *), length: x.shape[a],
                            inner: x.shape[(a + 1)...].reduce(1, *), k: k, largest: largest)
        let indices = try x.elementType.dispatch(numeric: kernel, label)
        // Values are read through the chosen indices.
        let size = x.elementType.byteSize
        var values = Tensor(zeros: x.elementType, shape: shape)
        let inner = kernel.inner, length = kernel.length
        indices.withUnsafeBufferPointer(as: Int64.self) { pi in
            x.withUnsafeBytes { src in
                values.withUnsafeMutableBytesForMovement { dst in
                    for o in 0..<kernel.outer {
                        for j in 0..<k {
                            for i in 0..<inner {
                                let out = (o &* k &+ j) &* inner &+ i
                                let from = (o &* length &+ Int(pi[out])) &* inner &+ i
                                DataMovement.copyBytes(src, from: from &* size, dst, to: out &* size, count: size)
                            }
                        }
                    }
                }
            }
        }
        return [values, indices]
    }

    /// Computes the int64 indices output.
    private struct Kernel: ElementwiseScalarVisitor {
        let x: Tensor
        let shape: [Int]
        let outer: Int
        let length: Int
        let inner: Int
        let k: Int
        let largest: Bool

        func visit<T: ElementwiseScalar>(_ type: T.Type) throws -> Tensor {
            var y = Tensor(zeros: .int64, shape: shape)
            var order = [Int](repeating: 0, count: length)
            var row = [T.Compute](repeating: T.Compute.zero, count: length)
            let largest = self.largest
            x.withUnsafeBufferPointer(as: T.self) { px in
                y.withUnsafeMutableBufferPointer(as: Int64.self) { py in
                    for o in 0..<outer {
                        for i in 0..<inner {
                            for j in 0..<length {
                                row[j] = px[(o &* length &+ j) &* inner &+ i].computeValue
                                order[j] = j
                            }
                            // A total order: by value (NaN above every number), then by index.
                            order.sort { p, q in
                                let a = row[p], b = row[q]
                                let aNaN = a != a, bNaN = b != b
                                if aNaN != bNaN { return largest ? aNaN : bNaN }
                                if aNaN || a == b { return p < q }
                                return largest ? a > b : a < b
                            }
                            for j in 0..<k { py[(o &* k &+ j) &* inner &+ i] = Int64(order[j]) }
                        }
                    }
                }
            }
            return y
        }
    }
}
