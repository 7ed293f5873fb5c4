/// Conv's attributes (`auto_pad`, `dilations`, `group`, `kernel_shape`, `pads`, `strides`), read
/// once from a node and resolved against input and weight shapes by `geometry(input:weight:)`.
struct ConvAttributes: Sendable {
    var autoPad: String
    var dilations: [Int]?
    var group: Int
    var kernelShape: [Int]?
    var pads: [Int]?
    var strides: [Int]?
    /// The node's display name and op type, for messages.
    var node: String
    var opType: String

    init(node: Node) throws {
        autoPad = try node.string("auto_pad", default: "NOTSET")
        guard ["NOTSET", "VALID", "SAME_UPPER", "SAME_LOWER"].contains(autoPad) else {
            throw node.invalid("auto_pad '\(autoPad)' is not NOTSET, VALID, SAME_UPPER or SAME_LOWER")
        }
        dilations = try node.ints("dilations")
        group = try node.int("group", default: 1)
        kernelShape = try node.ints("kernel_shape")
        pads = try node.ints("pads")
        strides = try node.ints("strides")
        self.node = node.displayName
        self.opType = node.opType
        guard group >= 1 else { throw node.invalid("group must be at least 1, got \(group)") }
        for (label, list) in [("dilations", dilations), ("strides", strides), ("kernel_shape", kernelShape)] {
            if let list, list.contains(where: { $0 < 1 }) { throw node.invalid("\(label) must be positive") }
        }
        if let pads, pads.contains(where: { $0 < 0 }) { throw node.invalid("pads must not be negative") }
    }

    private func invalid(_ reason: String) -> CnnrtError {
        .invalidNode(node: node, opType: opType, reason: reason)
    }

    /// Sizes, strides and padding of a convolution of `input` [N, C, spatial...] with `weight`
    /// [M, C / group, kernel...].
    /// - Throws: `CnnrtError.invalidNode` when the shapes do not fit the attributes.
    func geometry(input: [Int], weight: [Int]) throws -> ConvGeometry {
        guard input.count >= 3, weight.count == input.count else {
            throw invalid("input \(input) and weight \(weight) must have the same rank, at least 3")
        }
        let rank = input.count - 2
        let kernel = Array(weight[2...])
        if let kernelShape, kernelShape != kernel {
            throw invalid("kernel_shape \(kernelShape) does not match the weight's \(kernel)")
        }
        let strides = self.strides ?? Array(repeating: 1, count: rank)
        let dilations = self.dilations ?? Array(repeating: 1, count: rank)
        guard strides.count == rank, dilations.count == rank else {
            throw invalid("strides and dilations need \(rank) values")
        }
        let channels = input[1], outChannels = weight[0]
        guard channels % group == 0, outChannels % group == 0, weight[1] * group == channels else {
            throw invalid("input channels \(channels) and weight \(weight) do not fit group \(group)")
        }
        var padBegin = [Int](repeating: 0, count: rank)
        var padEnd = [Int](repeating: 0, count: rank)
        var output = [Int](repeating: 0, count: rank)
        for axis in 0..<rank {
            let size = input[axis + 2]
            let span = (kernel[axis] - 1) * dilations[axis] + 1
            switch autoPad {
            case "SAME_UPPER", "SAME_LOWER":
                let wanted = (size + strides[axis] - 1) / strides[axis]
                let total = max(0, (wanted - 1) * strides[axis] + span - size)
                padBegin[axis] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
                padEnd[axis] = total - padBegin[axis]
            case "VALID":
                break
            default:
                if let pads {
                    guard pads.count == 2 * rank else { throw invalid("pads needs \(2 * rank) values") }
                    padBegin[axis] = pads[axis]
                    padEnd[axis] = pads[axis + rank]
                }
            }
            let padded = size + padBegin[axis] + padEnd[axis]
            guard padded >= span else {
                throw invalid("the kernel (extent \(span)) exceeds the padded input (\(padded)) on axis \(axis + 2)")
            }
            output[axis] = (padded - span) / strides[axis] + 1
        }
        return ConvGeometry(batch: input[0], channels: channels, outChannels: outChannels, group: group,
                            input: Array(input[2...]), kernel: kernel, output: output, strides: strides,
                            dilations: dilations, padBegin: padBegin)
    }
}

/// A convolution's sizes resolved from its attributes and its input and weight shapes.
struct ConvGeometry: Sendable, Equatable {
    var batch: Int
    var channels: Int
    var outChannels: Int
    var group: Int
    var input: [Int]
    var kernel: [Int]
    var output: [Int]
    var strides: [Int]
    var dilations: [Int]
    var padBegin: [Int]

    /// The output shape [N, M, spatial...].
    var outputShape: [Int] { [batch, outChannels] + output }

    /// The spatial sizes padded with leading 1s to three axes (depth, height, width), so one loop
    /// nest serves 1-D, 2-D and 3-D convolutions.
    func volume(_ sizes: [Int], fill: Int) -> [Int] {
        Array(repeating: fill, count: max(0, 3 - sizes.count)) + sizes
    }
}
