/// ONNX Dropout in inference: the output is the input, and the optional mask is all ones (bool `true` from
/// opset 10; of the input's type before).
///
/// Before opset 7 `is_test` and `ratio`, and until opset 11 `ratio`, are attributes that inference ignores.
/// From opset 12 `ratio` and `training_mode` are optional inputs: an absent or false `training_mode` (as in a
/// model exported from training without it) runs as identity, and so does training mode with ratio 0.
/// Training mode with a non-zero ratio is random and is rejected with an error.
struct Dropout: OperatorDefinition {
    static let opType = "Dropout"
    let label: ElementwiseLabel
    /// Opset 10+: the mask is bool; before, it has the input's type.
    let boolMask: Bool
    /// Whether the node names a mask output (it is only built when asked for).
    let wantsMask: Bool
    let outputCount: Int
    /// The default ratio when the `ratio` input is absent (opset 12+).
    static let defaultRatio = 0.5

    init(node: Node, opset: Int) throws {
        label = ElementwiseLabel(node)
        boolMask = opset >= 10
        wantsMask = node.outputs.count > 1 && !node.outputs[1].isEmpty
        outputCount = node.outputs.count
        if opset >= 12 {
            try node.requireArity(inputs: 1...3, outputs: 1...2)
        } else {
            try node.requireArity(inputs: 1...1, outputs: 1...2)
            // Read only to report a wrongly typed attribute: inference ignores both.
            _ = try node.float("ratio")
            _ = try node.int("is_test")
        }
        _ = try node.int("seed")
    }

    /// The shared check of `inferOutputs` and `run`. `ratio` and `trainingMode` are the values of those inputs
    /// when known (nil when absent or, for shape inference, not constant).
    func outputs(_ x: TensorInfo, ratio: TensorInfo?, trainingMode: TensorInfo?) throws -> [TensorInfo] {
        if let ratio {
            try label.requireFloat(ratio.elementType, "ratio")
            guard Shape.elementCount(ratio.shape) == 1 else {
                throw label.error("ratio must be a scalar, got shape \(ratio.shape)")
            }
        }
        if let trainingMode {
            guard trainingMode.elementType == .bool else {
                throw label.error("training_mode has element type \(trainingMode.elementType), expected bool")
            }
            guard Shape.elementCount(trainingMode.shape) == 1 else {
                throw label.error("training_mode must be a scalar, got shape \(trainingMode.shape)")
            }
            if let mode = trainingMode.value, mode.scalars(as: Bool.self)[0] {
                // Ratio 0 keeps every element, so training mode is still the identity.
                // A ratio that is not constant is checked when the node runs.
                let r = ratio == nil ? Dropout.defaultRatio : ratio!.value?.doubles()[0]
                if let r, r != 0 {
                    throw label.error("training-mode Dropout (training_mode=true, ratio \(r)) is not "
                        + "supported: cnnrt runs inference only; set training_mode to false or remove it")
                }
            }
        }
        try label.requireNumeric(x.elementType, "input data")
        let maskType = boolMask ? ElementType.bool : x.elementType
        return Array([TensorInfo(elementType: x.elementType, shape: x.shape),
                      TensorInfo(elementType: maskType, shape: x.shape)].prefix(outputCount))
    }

    func inferOutputs(_ inputs: [TensorInfo?]) throws -> [TensorInfo] {
        try outputs(inputs[0]!, ratio: inputs.count > 1 ? inputs[1] : nil,
                    trainingMode: inputs.count > 2 ? inputs[2] : nil)
    }

    func run(_ inputs: [Tensor?]) throws -> [Tensor] {
        let x = inputs[0]!
        let ratio = inputs.count > 1 ? inputs[1] : nil
        let trainingMode = inputs.count > 2 ? inputs[2] : nil
        let infos = try outputs(TensorInfo(x), ratio: ratio.map(TensorInfo.init),
                                trainingMode: trainingMode.map(TensorInfo.init))
        guard wantsMask else { return [x] }
        // All ones: a bool mask of `true`, cast to the data's type before opset 10.
        var keep = Tensor(zeros: .bool, shape: x.shape)
        keep.withUnsafeMutableBufferPointer(as: Bool.self) { $0.update(repeating: true) }
        return [x, try castTensor(keep, to: infos[1].elementType, label)]
    }
}
