import CCnnrtProto

extension Model {
    /// Loads a model from an ONNX/cnnrt file. External tensor data is read relative to the file's folder.
    /// - Throws: `CnnrtError` naming the file and the problem.
    public static func load(path: String, limits: ModelLimits = .default) throws -> Model {
        do {
            var decoder = ProtoDecoding(baseDirectory: FileIO.folder(of: path), limits: limits)
            // The file's bytes are dropped once unpacked: the message holds copies, except for the large
            // initializer payloads, which are taken out first (and their pages released) so that the weights
            // never exist twice.
            let proto = try { (file: TensorBuffer) in
                let extracted = InitializerPayloads(buffer: file.pointer, count: file.byteCount)
                decoder.extractedPayloads = extracted.payloads
                return try decoder.unpackModel(UnsafeRawBufferPointer(start: file.pointer, count: extracted.count))
            }(FileIO.readBuffer(path))
            defer { cnnrt__model_proto__free_unpacked(proto, ProtoDecoding.allocator) }
            return try decoder.model(unpacked: proto)
        } catch let error as CnnrtError {
            if case .io = error { throw error }
            throw CnnrtError.io(path: path, reason: error.description)
        }
    }

    /// Parses a model from bytes. Tensors with external data resolve against `baseDirectory`, if given.
    public init(bytes: [UInt8], baseDirectory: String? = nil, limits: ModelLimits = .default) throws {
        self = try bytes.withUnsafeBytes { raw in
            var decoder = ProtoDecoding(baseDirectory: baseDirectory, limits: limits)
            return try decoder.model(from: raw)
        }
    }

    /// The model serialized as ONNX ModelProto bytes (all tensors inline).
    public func serialized() throws -> [UInt8] {
        try ProtoEncoding().pack(self)
    }

    /// Saves the model atomically: it is written to a temporary file in the same folder, flushed, then
    /// renamed over `path`. A failure leaves any existing file at `path` untouched.
    public func save(path: String) throws {
        let bytes = try serialized()
        try FileIO.writeAtomically(path) { fd in
            try bytes.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: path) }
        }
    }
}

extension Tensor {
    /// Parses a serialized TensorProto (ONNX's test-data `.pb` files); returns its name too.
    public static func decodeProto(_ bytes: [UInt8], limits: ModelLimits = .default) throws -> (name: String, tensor: Tensor) {
        try bytes.withUnsafeBytes { raw in
            var decoder = ProtoDecoding(baseDirectory: nil, limits: limits)
            return try decoder.tensor(from: raw)
        }
    }

    /// The tensor serialized as a TensorProto with raw data.
    public func encodeProto(name: String) throws -> [UInt8] {
        try ProtoEncoding().pack(self, name: name)
    }
}
