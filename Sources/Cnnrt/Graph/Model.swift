/// An operator set a model imports: a domain and its version.
public struct OpsetImport: Sendable, Equatable {
    /// The operator set's domain ("" for ONNX's default domain).
    public var domain: String
    /// The operator set version.
    public var version: Int

    /// An import of `domain` at `version` ("" is ONNX's default domain).
    public init(domain: String, version: Int) {
        self.domain = domain
        self.version = version
    }
}

/// A model: a graph plus the versions and metadata around it (ONNX's ModelProto).
///
/// A value: copies are independent, and one loaded model may be read from many threads at once
/// (for example to build one `Session` per thread, or one shared `Session`).
public struct Model: Sendable, Equatable {
    /// The IR version cnnrt writes when it creates a model (ONNX IR 8 is read by every current tool).
    public static let defaultIRVersion = 8

    /// The ONNX IR version of the file.
    public var irVersion: Int
    /// The tool that wrote the file, such as `pytorch`.
    public var producerName: String
    /// That tool's version.
    public var producerVersion: String
    /// The model's domain, such as a reverse-DNS name.
    public var domain: String
    /// The model's own version number.
    public var modelVersion: Int
    /// Free-form documentation from the file.
    public var docString: String
    /// The operator sets the graph's nodes use.
    public var opsetImports: [OpsetImport]
    /// Key-value metadata, in file order.
    public var metadata: [(key: String, value: String)]
    /// The computation.
    public var graph: Graph

    /// A model around `graph`; by default it imports ONNX opset 13 and says cnnrt produced it.
    public init(graph: Graph, opsetImports: [OpsetImport] = [OpsetImport(domain: "", version: 13)],
                irVersion: Int = Model.defaultIRVersion, producerName: String = "cnnrt",
                producerVersion: String = "", domain: String = "", modelVersion: Int = 0,
                docString: String = "", metadata: [(key: String, value: String)] = []) {
        self.graph = graph
        self.opsetImports = opsetImports
        self.irVersion = irVersion
        self.producerName = producerName
        self.producerVersion = producerVersion
        self.domain = domain
        self.modelVersion = modelVersion
        self.docString = docString
        self.metadata = metadata
    }

    /// The imported version of `domain` ("" and "ai.onnx" both name the default domain).
    public func opsetVersion(for domain: String) -> Int? {
        let isDefault = domain.isEmpty || domain == "ai.onnx"
        return opsetImports.first { isDefault ? ($0.domain.isEmpty || $0.domain == "ai.onnx") : $0.domain == domain }?
            .version
    }

    /// Equal when the graph, versions and metadata are equal.
    public static func == (a: Model, b: Model) -> Bool {
        a.irVersion == b.irVersion && a.producerName == b.producerName && a.producerVersion == b.producerVersion
            && a.domain == b.domain && a.modelVersion == b.modelVersion && a.docString == b.docString
            && a.opsetImports == b.opsetImports && a.graph == b.graph
            && a.metadata.map(\.key) == b.metadata.map(\.key) && a.metadata.map(\.value) == b.metadata.map(\.value)
    }
}
