import Testing
@testable import Cnnrt

/// Helpers for the ConvPool operator tests: building nodes, running an operator the way the session
/// does (registry, shape inference, run) and independent naive oracles written straight from the ONNX
/// formulas with coordinate arithmetic (slow, tiny tensors only).
enum ConvPoolTest {
    static func ints(_ name: String, _ values: [Int]) -> Attribute { Attribute(name, .ints(values)) }
    static func int(_ name: String, _ value: Int) -> Attribute { Attribute(name, .int(value)) }
    static func string(_ name: String, _ value: String) -> Attribute { Attribute(name, .string(value)) }
    static func float(_ name: String, _ value: Float) -> Attribute { Attribute(name, .float(value)) }

    static func node(_ opType: String, inputs: [Bool], outputs: Int = 1, _ attributes: [Attribute]) -> Node {
        Node(name: "", opType: opType,
             inputs: inputs.enumerated().map { $0.element ? "in\($0.offset)" : "" },
             outputs: (0..<outputs).map { "out\($0)" }, attributes: attributes)
    }

    /// Builds the operator through the standard registry (so registration is tested too).
    static func make(_ opType: String, inputs: Int = 1, outputs: Int = 1, _ attributes: [Attribute] = [],
                     opset: Int = OperatorRegistry.newestOpset) throws -> any Operator {
        let node = node(opType, inputs: [Bool](repeating: true, count: inputs), outputs: outputs, attributes)
        return try OperatorRegistry.standard.makeOperator(node, opset: opset)
    }

    /// Builds, infers and runs; checks that inference agrees with the results' types and shapes.
    static func run(_ opType: String, _ inputs: [Tensor?], _ attributes: [Attribute] = [],
                    opset: Int = OperatorRegistry.newestOpset, outputs: Int = 1) throws -> [Tensor] {
        let node = node(opType, inputs: inputs.map { $0 != nil }, outputs: outputs, attributes)
        let op = try OperatorRegistry.standard.makeOperator(node, opset: opset)
        let infos = try op.inferOutputs(inputs.map { $0.map { TensorInfo($0) } })
        let results = try op.run(inputs)
        #expect(infos.map(\.shape) == results.map(\.shape))
        #expect(infos.map(\.elementType) == results.map(\.elementType))
        return results
    }

    /// Runs and returns the single output as floats.
    static func floats(_ opType: String, _ inputs: [Tensor?], _ attributes: [Attribute] = [],
                       opset: Int = OperatorRegistry.newestOpset) throws -> (shape: [Int], values: [Float]) {
        let y = try run(opType, inputs, attributes, opset: opset)[0]
        return (y.shape, y.floats)
    }

    static func tensor(_ shape: [Int], _ values: [Float]) -> Tensor {
        Tensor(shape: shape, scalars: values)
    }

    /// 0, 1, 2, ... as float32.
    static func iota(_ shape: [Int], from start: Float = 0) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(shape: shape, scalars: (0..<n).map { start + Float($0) })
    }

    /// Deterministic pseudo-random values in [-1, 1) (SplitMix64).
    static func random(_ shape: [Int], seed: UInt64) -> Tensor {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        let n = shape.reduce(1, *)
        var values: [Float] = []
        values.reserveCapacity(n)
        for _ in 0..<n {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            values.append(Float(z >> 40) / Float(1 << 23) - 1)
        }
        return Tensor(shape: shape, scalars: values)
    }

    /// Element-wise |a - b| <= atol + rtol * |b|.
    static func expectClose(_ a: [Float], _ b: [Float], rtol: Float = 1e-5, atol: Float = 1e-5,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.count == b.count, sourceLocation: sourceLocation)
        guard a.count == b.count else { return }
        let bad = zip(a, b).enumerated().first { _, pair in
            !(abs(pair.0 - pair.1) <= atol + rtol * abs(pair.1)) && !(pair.0.isNaN && pair.1.isNaN)
        }
        #expect(bad == nil, "first mismatch at \(bad?.offset ?? -1): \(bad?.element.0 ?? 0) vs \(bad?.element.1 ?? 0)",
                sourceLocation: sourceLocation)
    }

    static func expectClose(_ a: [Double], _ b: [Double], rtol: Double = 1e-5, atol: Double = 1e-5,
                            sourceLocation: SourceLocation = #_sourceLocation) {
        expectClose(a.map { Float($0) }, b.map { Float($0) }, rtol: Float(rtol), atol: Float(atol),
                    sourceLocation: sourceLocation)
    }

    /// Expects `body` to throw `CnnrtError.invalidNode`.
    static func expectInvalid(sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected an invalidNode error", sourceLocation: sourceLocation)
        } catch let error as CnnrtError {
            if case .invalidNode = error { return }
            Issue.record("expected invalidNode, got \(error)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected CnnrtError, got \(error)", sourceLocation: sourceLocation)
        }
    }

    // MARK: Oracles

    /// The coordinates of flat row-major index `flat` in `shape`.
    static func coordinates(_ flat: Int, _ shape: [Int]) -> [Int] {
        var rest = flat
        var result = [Int](repeating: 0, count: shape.count)
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            result[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return result
    }

    /// Per axis `o * s - pad + k * d`: where kernel index `k` of window `o` lands.
    static func place(_ o: [Int], _ k: [Int], strides: [Int], pads: [Int], dilations: [Int]) -> [Int] {
        var result: [Int] = []
        for axis in 0..<o.count {
            let start: Int = o[axis] * strides[axis] - pads[axis]
            result.append(start + k[axis] * dilations[axis])
        }
        return result
    }

    static func flatIndex(_ coordinates: [Int], _ shape: [Int]) -> Int {
        zip(coordinates, shape).reduce(0) { $0 * $1.1 + $1.0 }
    }

    /// Forward output size: floor((n + pads - extent) / s) + 1.
    static func outputSize(_ n: Int, k: Int, s: Int = 1, d: Int = 1, padBegin: Int = 0, padEnd: Int = 0) -> Int {
        (n + padBegin + padEnd - ((k - 1) * d + 1)) / s + 1
    }

    /// Conv by its definition, gathering each output element.
    static func naiveConv(x: Tensor, w: Tensor, b: Tensor?, strides: [Int], padsBegin: [Int], dilations: [Int],
                          group: Int, outSpatial: [Int]) -> [Double] {
        let xs = x.shape, ws = w.shape
        let xv = x.doubles(), wv = w.doubles(), bv = b?.doubles()
        let m = ws[0], cg = ws[1], mg = m / group
        let kernel = Array(ws[2...])
        let outShape = [xs[0], m] + outSpatial
        let outCount = outShape.reduce(1, *), kernelCount = kernel.reduce(1, *)
        var y = [Double](repeating: 0, count: outCount)
        for flat in 0..<outCount {
            let oc = coordinates(flat, outShape)
            let n = oc[0], mo = oc[1], o = Array(oc[2...])
            var sum = bv?[mo] ?? 0
            for c in 0..<cg {
                let channel = (mo / mg) * cg + c
                for kf in 0..<kernelCount {
                    let k = coordinates(kf, kernel)
                    let i = place(o, k, strides: strides, pads: padsBegin, dilations: dilations)
                    guard zip(i, xs[2...]).allSatisfy({ $0 >= 0 && $0 < $1 }) else { continue }
                    sum += xv[flatIndex([n, channel] + i, xs)] * wv[flatIndex([mo, c] + k, ws)]
                }
            }
            y[flat] = sum
        }
        return y
    }

    /// ConvTranspose by its definition, scattering each input element through the kernel.
    static func naiveConvTranspose(x: Tensor, w: Tensor, b: Tensor?, strides: [Int], padsBegin: [Int],
                                   dilations: [Int], group: Int, outSpatial: [Int]) -> [Double] {
        let xs = x.shape, ws = w.shape
        let xv = x.doubles(), wv = w.doubles(), bv = b?.doubles()
        let c = xs[1], cg = c / group, mg = ws[1], m = mg * group
        let kernel = Array(ws[2...])
        let outShape = [xs[0], m] + outSpatial
        var y = [Double](repeating: 0, count: outShape.reduce(1, *))
        for xf in 0..<xv.count {
            let xc = coordinates(xf, xs)
            let n = xc[0], channel = xc[1], i = Array(xc[2...])
            let g = channel / cg
            for ml in 0..<mg {
                for kf in 0..<kernel.reduce(1, *) {
                    let k = coordinates(kf, kernel)
                    let o = place(i, k, strides: strides, pads: padsBegin, dilations: dilations)
                    guard zip(o, outSpatial).allSatisfy({ $0 >= 0 && $0 < $1 }) else { continue }
                    y[flatIndex([n, g * mg + ml] + o, outShape)] += xv[xf] * wv[flatIndex([channel, ml] + k, ws)]
                }
            }
        }
        if let bv {
            for flat in 0..<y.count { y[flat] += bv[coordinates(flat, outShape)[1]] }
        }
        return y
    }

    /// Max or average pooling by definition. `countIncludePad` counts window elements inside
    /// [-padBegin, n + padEnd); otherwise only input elements count.
    static func naivePool(x: Tensor, max isMax: Bool, kernel: [Int], strides: [Int], padsBegin: [Int],
                          padsEnd: [Int], dilations: [Int], countIncludePad: Bool, outSpatial: [Int]) -> [Double] {
        let xs = x.shape, xv = x.doubles()
        let outShape = [xs[0], xs[1]] + outSpatial
        var y = [Double](repeating: 0, count: outShape.reduce(1, *))
        for flat in 0..<y.count {
            let oc = coordinates(flat, outShape)
            var best = -Double.infinity, sum = 0.0, count = 0, padded = 0
            for kf in 0..<kernel.reduce(1, *) {
                let k = coordinates(kf, kernel)
                let i = place(Array(oc[2...]), k, strides: strides, pads: padsBegin, dilations: dilations)
                var insidePadded = true, inside = true
                for axis in 0..<i.count {
                    let n: Int = xs[2 + axis]
                    if i[axis] < -padsBegin[axis] || i[axis] >= n + padsEnd[axis] { insidePadded = false }
                    if i[axis] < 0 || i[axis] >= n { inside = false }
                }
                if insidePadded { padded += 1 }
                guard inside else { continue }
                let v = xv[flatIndex([oc[0], oc[1]] + i, xs)]
                best = Swift.max(best, v)
                sum += v
                count += 1
            }
            y[flat] = isMax ? best : sum / Double(countIncludePad ? padded : count)
        }
        return y
    }

    // MARK: Sessions

    /// Runs a one-node model through `Session`: X is the graph input, the other inputs are initializers.
    static func session(_ opType: String, x: Tensor, constants: [Tensor?] = [], _ attributes: [Attribute] = [],
                        opset: Int = OperatorRegistry.newestOpset) throws -> Tensor {
        var inputs = ["X"]
        var initializers: [(String, Tensor)] = []
        for (index, constant) in constants.enumerated() {
            if let constant {
                inputs.append("C\(index)")
                initializers.append(("C\(index)", constant))
            } else {
                inputs.append("")
            }
        }
        let node = Node(name: "n0", opType: opType, inputs: inputs, outputs: ["Y"], attributes: attributes)
        let graph = Graph(name: "g", nodes: [node], initializers: initializers,
                          inputs: [ValueInfo(name: "X", elementType: x.elementType,
                                             shape: x.shape.map { .value($0) })],
                          outputs: [ValueInfo(name: "Y", elementType: x.elementType, shape: nil)])
        let model = Model(graph: graph, opsetImports: [OpsetImport(domain: "", version: opset)])
        let session = try Session(model: model)
        guard let y = try session.run(["X": x])["Y"] else {
            throw CnnrtError.invalidGraph(reason: "no output Y")
        }
        return y
    }
}
