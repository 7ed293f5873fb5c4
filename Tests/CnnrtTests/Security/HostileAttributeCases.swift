import Testing
@testable import Cnnrt

/// One operator fed invalid attributes or inputs: a one-node model whose inputs are all initializers
/// (so `cnnrt run MODEL` needs no input files). The node is named `victim`; every error must name it.
struct HostileAttributeCase: CustomTestStringConvertible, Sendable {
    var label: String
    var opType: String
    var opset: Int
    var inputs: [Tensor?]
    var attributes: [Attribute]
    var outputs = 1
    var domain = ""

    var testDescription: String { label }

    /// The model holding the single `victim` node.
    var model: Model {
        var graph = Graph(name: "hostile-\(label)")
        var names: [String] = []
        for (i, tensor) in inputs.enumerated() {
            guard let tensor else {
                names.append("")
                continue
            }
            graph.setInitializer("in\(i)", tensor)
            names.append("in\(i)")
        }
        let outs = (0..<outputs).map { "out\($0)" }
        graph.nodes = [Node(name: "victim", opType: opType, domain: domain, inputs: names, outputs: outs,
                            attributes: attributes)]
        graph.outputs = [ValueInfo(name: "out0", elementType: nil, shape: nil)]
        var imports = [OpsetImport(domain: "", version: opset)]
        if !domain.isEmpty { imports.append(OpsetImport(domain: domain, version: 1)) }
        return Model(graph: graph, opsetImports: imports)
    }
}

/// The catalogue of invalid attributes and inputs, by operator family.
enum HostileAttributeCases {
    static func f32(_ shape: [Int]) -> Tensor { Tensor(zeros: .float, shape: shape) }
    static func floats(_ values: [Float]) -> Tensor { Tensor(shape: [values.count], scalars: values) }
    static func i64(_ values: [Int]) -> Tensor { Tensor(shape: [values.count], scalars: values.map { Int64($0) }) }
    static func ints(_ name: String, _ values: [Int]) -> Attribute { Attribute(name, .ints(values)) }
    static func int(_ name: String, _ value: Int) -> Attribute { Attribute(name, .int(value)) }
    static func text(_ name: String, _ value: String) -> Attribute { Attribute(name, .string(value)) }

    static let x = f32([1, 4, 5, 5])
    static let w = f32([4, 4, 3, 3])

    static func conv(_ label: String, _ attributes: [Attribute], w: Tensor = w, b: Tensor? = nil,
                     op: String = "Conv") -> HostileAttributeCase {
        HostileAttributeCase(label: label, opType: op, opset: 13, inputs: b.map { [x, w, $0] } ?? [x, w],
                             attributes: attributes)
    }

    static func pool(_ label: String, _ op: String, _ attributes: [Attribute], input: Tensor = x,
                     opset: Int = 13) -> HostileAttributeCase {
        HostileAttributeCase(label: label, opType: op, opset: opset, inputs: [input], attributes: attributes)
    }

    static func op(_ label: String, _ op: String, _ inputs: [Tensor?], _ attributes: [Attribute] = [],
                   opset: Int = 13, outputs: Int = 1) -> HostileAttributeCase {
        HostileAttributeCase(label: label, opType: op, opset: opset, inputs: inputs, attributes: attributes,
                             outputs: outputs)
    }

    static let convolutions: [HostileAttributeCase] = [
        conv("conv kernel 0", [ints("kernel_shape", [0, 3])]),
        conv("conv stride 0", [ints("strides", [0, 1])]),
        conv("conv stride -1", [ints("strides", [-1, 1])]),
        conv("conv dilation 0", [ints("dilations", [0, 1])]),
        conv("conv pads -1", [ints("pads", [-1, 0, 0, 0])]),
        conv("conv pads odd count", [ints("pads", [1, 1, 1])]),
        conv("conv group 0", [int("group", 0)]),
        conv("conv group not dividing", [int("group", 3)]),
        conv("conv strides rank", [ints("strides", [1, 1, 1])]),
        conv("conv huge dilation", [ints("dilations", [1 << 62, 1])]),
        conv("conv huge pads", [ints("pads", [1 << 62, 0, 1 << 62, 0])]),
        conv("conv kernel over input", [], w: f32([4, 4, 9, 9])),
        conv("conv auto_pad unknown", [text("auto_pad", "SIDEWAYS")]),
        conv("conv W rank 2", [], w: f32([4, 4])),
        conv("conv bias shape", [], b: f32([3])),
        conv("conv kernel_shape string", [text("kernel_shape", "3")]),
        conv("conv kernel_shape mismatch", [ints("kernel_shape", [5, 5])]),
        conv("convT output_padding -1", [ints("output_padding", [-1, 0])], op: "ConvTranspose"),
        conv("convT output_shape 0", [ints("output_shape", [0, 0])], op: "ConvTranspose"),
        conv("convT output_shape huge", [ints("output_shape", [1 << 40, 1 << 40])], op: "ConvTranspose"),
        conv("convT output_shape overflow", [ints("output_shape", [Int.max, Int.max])], op: "ConvTranspose"),
        conv("convT group 0", [int("group", 0)], op: "ConvTranspose"),
        conv("convT stride 0", [ints("strides", [0, 1])], op: "ConvTranspose"),
        conv("convT huge stride", [ints("strides", [1 << 40, 1 << 40])], op: "ConvTranspose"),
    ]

    static let pooling: [HostileAttributeCase] = [
        pool("maxpool no kernel", "MaxPool", []),
        pool("maxpool kernel 0", "MaxPool", [ints("kernel_shape", [0, 0])]),
        pool("maxpool ceil_mode 2", "MaxPool", [ints("kernel_shape", [2, 2]), int("ceil_mode", 2)]),
        pool("maxpool storage_order 5", "MaxPool", [ints("kernel_shape", [2, 2]), int("storage_order", 5)]),
        pool("maxpool stride 0", "MaxPool", [ints("kernel_shape", [2, 2]), ints("strides", [0, 1])]),
        pool("maxpool pads -1", "MaxPool", [ints("kernel_shape", [2, 2]), ints("pads", [-1, 0, 0, 0])]),
        pool("maxpool kernel over input", "MaxPool", [ints("kernel_shape", [9, 9])]),
        pool("maxpool rank 2 input", "MaxPool", [ints("kernel_shape", [2])], input: f32([4, 5])),
        pool("avgpool count_include_pad 7", "AveragePool",
             [ints("kernel_shape", [2, 2]), int("count_include_pad", 7)]),
        pool("avgpool kernel -3", "AveragePool", [ints("kernel_shape", [-3, 3])]),
        pool("avgpool huge pads", "AveragePool",
             [ints("kernel_shape", [2, 2]), ints("pads", [1 << 62, 0, 0, 1 << 62])]),
        pool("lrn size 0", "LRN", [int("size", 0)]),
        pool("lrn no size", "LRN", []),
        pool("lrn alpha inf", "LRN", [int("size", 3), Attribute("alpha", .float(.infinity))]),
        pool("global average pool rank 1", "GlobalAveragePool", [], input: f32([4])),
        pool("global max pool rank 1", "GlobalMaxPool", [], input: f32([4])),
    ]

    static let elementwise: [HostileAttributeCase] = [
        op("softmax axis 10", "Softmax", [x], [int("axis", 10)]),
        op("logsoftmax axis -10", "LogSoftmax", [x], [int("axis", -10)]),
        op("add shapes", "Add", [f32([2, 3]), f32([4, 5])]),
        op("add legacy broadcast 3", "Add", [f32([2, 3]), f32([3])], [int("broadcast", 3)], opset: 6),
        op("add broadcast over limit", "Add", [f32([1 << 16, 1]), f32([1, 1 << 16])]),
        op("sum shapes", "Sum", [f32([2, 3]), f32([4, 5]), f32([1])]),
        op("max broadcast over limit", "Max", [f32([1 << 16, 1]), f32([1, 1 << 16])]),
        op("prelu slope shape", "PRelu", [x, f32([7])]),
        op("cast to 99", "Cast", [x], [int("to", 99)]),
        op("cast to string", "Cast", [x], [int("to", 8)]),
        op("cast no to", "Cast", [x]),
        op("batchnorm scale shape", "BatchNormalization", [x, f32([3]), f32([4]), f32([4]), f32([4])]),
        op("clip min not scalar", "Clip", [x, f32([2]), nil], opset: 13),
        op("identity two inputs", "Identity", [x, x]),
    ]

    static let shapes: [HostileAttributeCase] = [
        op("concat axis 5", "Concat", [x, x], [int("axis", 5)]),
        op("concat no axis", "Concat", [x, x]),
        op("concat ranks", "Concat", [x, f32([4, 5])], [int("axis", 0)]),
        op("split sizes", "Split", [f32([5]), i64([1, 1])], [int("axis", 0)], outputs: 2),
        op("split axis 9", "Split", [f32([4]), nil], [int("axis", 9)], outputs: 2),
        op("split negative", "Split", [f32([4]), i64([5, -1])], [int("axis", 0)], outputs: 2),
        op("flatten axis 9", "Flatten", [x], [int("axis", 9)]),
        op("squeeze axis 7", "Squeeze", [x, i64([7])]),
        op("squeeze non-1 axis", "Squeeze", [x, i64([1])]),
        op("unsqueeze repeated axes", "Unsqueeze", [x, i64([0, 0])]),
        op("unsqueeze axis 9", "Unsqueeze", [x, i64([9])]),
        op("transpose perm repeated", "Transpose", [x], [ints("perm", [0, 0, 1, 2])]),
        op("transpose perm 9", "Transpose", [x], [ints("perm", [0, 1, 2, 9])]),
        op("transpose perm short", "Transpose", [x], [ints("perm", [0, 1])]),
        op("gather axis 7", "Gather", [x, i64([0])], [int("axis", 7)]),
        op("gather index 100", "Gather", [x, i64([100])]),
        op("gather index -100", "Gather", [x, i64([-100])]),
        op("slice step 0", "Slice", [x, i64([0]), i64([1]), i64([0]), i64([0])]),
        op("slice axes repeated", "Slice", [x, i64([0, 0]), i64([1, 1]), i64([0, 0])]),
        op("slice axis 9", "Slice", [x, i64([0]), i64([1]), i64([9])]),
        op("pad count", "Pad", [x, i64([1, 1])]),
        op("pad mode", "Pad", [x, i64([0, 0, 0, 0, 0, 0, 0, 0])], [text("mode", "bogus")]),
        op("pad below zero", "Pad", [x, i64([0, 0, -10, 0, 0, 0, 0, 0])]),
        op("pad over limit", "Pad", [x, i64([0, 0, 1 << 20, 1 << 20, 0, 0, 1 << 20, 1 << 20])]),
        op("pad overflow", "Pad", [x, i64([0, 0, Int.max, 0, 0, 0, Int.max, 0])]),
        op("reshape two -1", "Reshape", [x, i64([-1, -1])]),
        op("reshape count", "Reshape", [x, i64([7, 7])]),
        op("reshape -2", "Reshape", [x, i64([-2, 50])]),
        op("reshape overflow", "Reshape", [x, i64([Int.max, Int.max, 0, 0])]),
        op("reshape empty to huge axes", "Reshape", [f32([0]), i64([0, 1 << 40])], opset: 14),
        op("expand over limit", "Expand", [f32([1]), i64([1 << 40])]),
        op("expand overflow", "Expand", [f32([1]), i64([Int.max, Int.max])]),
        op("expand negative", "Expand", [f32([1]), i64([-2])]),
        op("tile negative", "Tile", [x, i64([1, 1, 1, -1])]),
        op("tile over limit", "Tile", [x, i64([1 << 20, 1 << 20, 1, 1])]),
        op("tile overflow", "Tile", [x, i64([Int.max, Int.max, 1, 1])]),
        // An empty axis makes the output hold nothing, but the other axes still size per-axis tables.
        op("tile empty axis huge repeats", "Tile", [f32([0, 5]), i64([1, 1 << 60])]),
        op("expand empty axis huge", "Expand", [f32([0, 1]), i64([0, 1 << 40])]),
        op("constant of shape empty axis huge", "ConstantOfShape", [i64([0, 1 << 40])]),
        op("pad empty axis huge", "Pad", [f32([0, 5]), i64([0, 1 << 40, 0, 0])]),
        op("resize empty axis huge", "Resize", [f32([0, 1, 2, 2]), nil, floats([1, 1, 1e9, 1e9])]),
        op("constant of shape -1", "ConstantOfShape", [i64([-1])]),
        op("constant of shape over limit", "ConstantOfShape", [i64([1 << 40])]),
        op("constant of shape overflow", "ConstantOfShape", [i64([Int.max, Int.max])]),
        op("constant of shape value 2", "ConstantOfShape", [i64([2])], [Attribute("value", .tensor(floats([1, 2])))]),
        op("constant no value", "Constant", []),
        op("resize scale 0", "Resize", [x, nil, floats([1, 1, 0, 0])]),
        op("resize scale huge", "Resize", [x, nil, floats([1, 1, 1e30, 1e30])]),
        op("resize scale nan", "Resize", [x, nil, floats([1, 1, .nan, 1])]),
        op("resize scale over limit", "Resize", [x, nil, floats([1, 1, 1e5, 1e5])]),
        op("resize mode", "Resize", [x, nil, floats([1, 1, 2, 2])], [text("mode", "bogus")]),
        op("resize sizes negative", "Resize", [x, nil, nil, i64([1, 4, -5, 5])]),
        op("resize sizes over limit", "Resize", [x, nil, nil, i64([1, 4, 1 << 20, 1 << 20])]),
        op("resize scales and sizes", "Resize", [x, nil, floats([1, 1, 2, 2]), i64([1, 4, 10, 10])]),
        op("upsample scale 0.5", "Upsample", [x, floats([1, 1, 0.5, 0.5])], opset: 9),
        op("upsample over limit", "Upsample", [x, floats([1, 1, 1e5, 1e5])], opset: 9),
        op("gemm transA 2", "Gemm", [f32([2, 3]), f32([3, 2])], [int("transA", 2)]),
        op("gemm shapes", "Gemm", [f32([2, 3]), f32([4, 5])]),
        op("gemm over limit", "Gemm", [f32([1 << 16, 1]), f32([1, 1 << 16])]),
        op("matmul shapes", "MatMul", [f32([2, 3]), f32([4, 5])]),
        op("matmul over limit", "MatMul", [f32([1 << 16, 1]), f32([1, 1 << 16])]),
        op("reducesum axis 9", "ReduceSum", [x, i64([9])]),
        op("reducemean axis 9", "ReduceMean", [x], [ints("axes", [9])]),
        op("reducemax axes repeated", "ReduceMax", [x], [ints("axes", [1, 1])]),
    ]

    static func f64(_ shape: [Int]) -> Tensor { Tensor(zeros: .double, shape: shape) }
    static func bools(_ shape: [Int]) -> Tensor { Tensor(zeros: .bool, shape: shape) }

    /// Inputs of the wrong element type, which a kernel reading them as its own type would crash on.
    static let types: [HostileAttributeCase] = [
        op("conv W int64", "Conv", [x, Tensor(zeros: .int64, shape: [4, 4, 3, 3])]),
        op("conv B double", "Conv", [x, w, f64([4])]),
        op("conv X bool", "Conv", [bools([1, 4, 5, 5]), w]),
        op("convT W double", "ConvTranspose", [x, f64([4, 4, 3, 3])]),
        op("maxpool X bool", "MaxPool", [bools([1, 4, 5, 5])], [ints("kernel_shape", [2, 2])]),
        op("avgpool X int64", "AveragePool", [Tensor(zeros: .int64, shape: [1, 4, 5, 5])],
           [ints("kernel_shape", [2, 2])]),
        op("lrn X int32", "LRN", [Tensor(zeros: .int32, shape: [1, 4, 5, 5])], [int("size", 3)]),
        op("global pool X uint8", "GlobalAveragePool", [Tensor(zeros: .uint8, shape: [1, 4, 5, 5])]),
        op("gemm C double", "Gemm", [f32([2, 3]), f32([3, 2]), f64([2])]),
        op("gemm int64", "Gemm", [Tensor(zeros: .int64, shape: [2, 3]), Tensor(zeros: .int64, shape: [3, 2])]),
        op("matmul mixed", "MatMul", [f32([2, 3]), Tensor(zeros: .int64, shape: [3, 2])]),
        op("batchnorm X int64", "BatchNormalization",
           [Tensor(zeros: .int64, shape: [1, 4, 5, 5]), f32([4]), f32([4]), f32([4]), f32([4])]),
        op("prelu slope double", "PRelu", [x, f64([4, 1, 1])]),
        op("clip min double", "Clip", [x, f64([]), nil]),
        op("add float double", "Add", [x, f64([1])]),
        op("add bools", "Add", [bools([2]), bools([2])]),
        op("sum mixed", "Sum", [x, f64([1])]),
        op("softmax int64", "Softmax", [Tensor(zeros: .int64, shape: [2, 3])]),
        op("sigmoid bool", "Sigmoid", [bools([2])]),
        op("pow bool", "Pow", [bools([2]), x]),
        op("concat mixed", "Concat", [x, f64([1, 4, 5, 5])], [int("axis", 0)]),
        op("expand shape float", "Expand", [x, floats([1, 4, 5, 5])]),
        op("reshape shape float", "Reshape", [x, floats([100])]),
        op("tile repeats float", "Tile", [x, floats([1, 1, 1, 1])]),
        op("constant of shape float", "ConstantOfShape", [floats([2])]),
        op("resize scales int64", "Resize", [x, nil, i64([1, 1, 2, 2])]),
        op("resize sizes float", "Resize", [x, nil, nil, floats([1, 4, 10, 10])]),
        op("gather indices float", "Gather", [x, floats([0])]),
        op("slice starts float", "Slice", [x, floats([0]), i64([1])]),
        op("pad value double", "Pad", [x, i64([0, 0, 1, 1, 0, 0, 1, 1]), f64([])]),
        op("split sizes float", "Split", [f32([4]), floats([2, 2])], [int("axis", 0)], outputs: 2),
        op("reducesum axes float", "ReduceSum", [x, floats([1])]),
        op("squeeze axes float", "Squeeze", [f32([1, 4]), floats([0])]),
        op("unsqueeze axes float", "Unsqueeze", [x, floats([0])]),
        op("dropout training bool float", "Dropout", [x, floats([0.5]), floats([1])]),
        op("upsample scales int64", "Upsample", [x, i64([1, 1, 2, 2])], opset: 9),
    ]

    static let all = convolutions + pooling + elementwise + shapes + types + more
}
