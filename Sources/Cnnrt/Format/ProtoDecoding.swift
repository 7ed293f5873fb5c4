import CCnnrtProto
#if canImport(Glibc)
import Glibc
#endif

/// Converts protobuf-c messages into cnnrt's Swift graph values. With `ProtoEncoding`, the only code
/// that touches the C structs; every size read from them is checked before it is used.
struct ProtoDecoding {
    /// Folder that external tensor data is relative to; nil when the model came from bytes alone.
    let baseDirectory: String?
    let limits: ModelLimits
    private(set) var totalTensorBytes = 0
    /// The main graph's initializer payloads taken out of the bytes before unpacking (see
    /// `InitializerPayloads`), by initializer index; used where the message's raw_data was left empty.
    var extractedPayloads: [TensorBuffer?] = []

    init(baseDirectory: String?, limits: ModelLimits) {
        self.baseDirectory = baseDirectory
        self.limits = limits
    }

    /// protobuf-c's allocations through `TensorMemory`: blocks of 64 bytes and more aligned like tensor
    /// buffers (so an initializer's `raw_data` becomes its tensor's buffer without a copy), large ones in
    /// huge pages; all released with `free`, so a field may be taken over or freed on its own.
    static let allocator: UnsafeMutablePointer<ProtobufCAllocator> = {
        let allocator = UnsafeMutablePointer<ProtobufCAllocator>.allocate(capacity: 1)
        allocator.initialize(to: ProtobufCAllocator(
            alloc: { _, size in size >= 64 ? TensorMemory.allocate(byteCount: size) : malloc(size) },
            free: { _, block in free(block) },
            allocator_data: nil))
        return allocator
    }()

    // MARK: Entry points

    /// Parses a serialized ModelProto.
    mutating func model(from bytes: UnsafeRawBufferPointer) throws -> Model {
        let proto = try unpackModel(bytes)
        defer { cnnrt__model_proto__free_unpacked(proto, Self.allocator) }
        return try model(proto.pointee)
    }

    /// Checks and unpacks a serialized ModelProto; the caller frees it with `cnnrt__model_proto__free_unpacked`
    /// (and may drop `bytes` first: the message holds copies).
    mutating func unpackModel(_ bytes: UnsafeRawBufferPointer) throws -> UnsafeMutablePointer<Cnnrt__ModelProto> {
        try WireFormatCheck(bytes: bytes, maxDepth: limits.maxMessageDepth, maxMessages: limits.maxMessages)
            .check(as: .model)
        guard let proto = cnnrt__model_proto__unpack(Self.allocator, bytes.count,
                                                     bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) else {
            throw CnnrtError.malformedModel(reason: "not a valid ModelProto (protobuf parsing failed)")
        }
        return proto
    }

    /// Converts an unpacked ModelProto.
    mutating func model(unpacked proto: UnsafeMutablePointer<Cnnrt__ModelProto>) throws -> Model {
        try model(proto.pointee)
    }

    /// Parses a serialized TensorProto (the ONNX test-data `.pb` format).
    mutating func tensor(from bytes: UnsafeRawBufferPointer) throws -> (name: String, tensor: Tensor) {
        try WireFormatCheck(bytes: bytes, maxDepth: limits.maxMessageDepth, maxMessages: limits.maxMessages)
            .check(as: .tensor)
        guard let proto = cnnrt__tensor_proto__unpack(Self.allocator, bytes.count,
                                                      bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)) else {
            throw CnnrtError.malformedModel(reason: "not a valid TensorProto (protobuf parsing failed)")
        }
        defer { cnnrt__tensor_proto__free_unpacked(proto, Self.allocator) }
        return try tensor(proto.pointee, role: "tensor")
    }

    // MARK: Messages

    private mutating func model(_ m: Cnnrt__ModelProto) throws -> Model {
        guard let graphProto = m.graph else { throw CnnrtError.malformedModel(reason: "the model has no graph") }
        let opsets = try list(m.opset_import, m.n_opset_import).map { p -> OpsetImport in
            guard p.pointee.has_version != 0 else {
                throw CnnrtError.invalidGraph(reason: "opset import for domain '\(string(p.pointee.domain))' has no version")
            }
            return OpsetImport(domain: string(p.pointee.domain), version: Int(p.pointee.version))
        }
        let metadata = list(m.metadata_props, m.n_metadata_props).map {
            (key: string($0.pointee.key), value: string($0.pointee.value))
        }
        return Model(graph: try graph(graphProto.pointee, payloads: extractedPayloads), opsetImports: opsets,
                     irVersion: m.has_ir_version != 0 ? Int(m.ir_version) : 0,
                     producerName: string(m.producer_name), producerVersion: string(m.producer_version),
                     domain: string(m.domain), modelVersion: m.has_model_version != 0 ? Int(m.model_version) : 0,
                     docString: string(m.doc_string), metadata: metadata)
    }

    private mutating func graph(_ g: Cnnrt__GraphProto, payloads: [TensorBuffer?] = []) throws -> Graph {
        var result = Graph(name: string(g.name), docString: string(g.doc_string))
        guard g.n_sparse_initializer == 0 else {
            throw CnnrtError.invalidGraph(reason: "graph '\(result.name)' has sparse initializers, which cnnrt does not support")
        }
        for (index, p) in list(g.initializer, g.n_initializer).enumerated() {
            let payload = index < payloads.count ? payloads[index] : nil
            let (name, value) = try tensor(p.pointee, role: "initializer", rawData: p, payload: payload)
            // The Swift tensor took the message's raw bytes or holds its own copy: free the message's now, so
            // the two copies of the weights never coexist in full (free_unpacked skips a NULL field).
            if p.pointee.has_raw_data != 0, p.pointee.raw_data.data != nil {
                free(p.pointee.raw_data.data)
                p.pointee.raw_data.data = nil
                p.pointee.raw_data.len = 0
            }
            guard !name.isEmpty else { throw CnnrtError.invalidGraph(reason: "an initializer has no name") }
            guard result.initializers[name] == nil else {
                throw CnnrtError.invalidGraph(reason: "initializer '\(name)' is defined twice")
            }
            result.setInitializer(name, value)
        }
        result.inputs = try list(g.input, g.n_input).map { try valueInfo($0.pointee) }
        result.outputs = try list(g.output, g.n_output).map { try valueInfo($0.pointee) }
        result.valueInfo = try list(g.value_info, g.n_value_info).map { try valueInfo($0.pointee) }
        result.nodes = try list(g.node, g.n_node).map { try node($0.pointee) }
        return result
    }

    private mutating func node(_ n: Cnnrt__NodeProto) throws -> Node {
        var result = Node(name: string(n.name), opType: string(n.op_type), domain: string(n.domain),
                          inputs: strings(n.input, n.n_input), outputs: strings(n.output, n.n_output),
                          docString: string(n.doc_string))
        guard !result.opType.isEmpty else {
            throw CnnrtError.invalidGraph(reason: "node '\(result.displayName)' has no op_type")
        }
        for p in list(n.attribute, n.n_attribute) {
            let parsed = try attribute(p.pointee, node: result)
            guard result.attribute(parsed.name) == nil else {
                throw CnnrtError.invalidNode(node: result.displayName, opType: result.opType,
                                             reason: "attribute '\(parsed.name)' appears twice")
            }
            result.attributes.append(parsed)
        }
        return result
    }

    private mutating func attribute(_ a: Cnnrt__AttributeProto, node: Node) throws -> Attribute {
        let name = string(a.name)
        func unsupported(_ type: String) -> CnnrtError {
            .invalidNode(node: node.displayName, opType: node.opType,
                         reason: "attribute '\(name)' has type \(type), which cnnrt does not support")
        }
        guard a.ref_attr_name == nil else { throw unsupported("reference (function attribute)") }
        var type = a.has_type != 0 ? a.type : CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__UNDEFINED
        if type == CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__UNDEFINED {
            type = Self.impliedType(a)
        }
        let value: AttributeValue
        switch type {
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT: value = .float(a.f)
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT: value = .int(Int(a.i))
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING: value = .string(Self.text(a.s))
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR:
            guard let t = a.t else { throw unsupported("TENSOR without a tensor") }
            value = .tensor(try tensor(t.pointee, role: "attribute '\(name)' of node '\(node.displayName)'").tensor)
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH:
            guard let g = a.g else { throw unsupported("GRAPH without a graph") }
            value = .graph(try graph(g.pointee))
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS:
            value = .floats(Array(UnsafeBufferPointer(start: a.floats, count: a.n_floats)))
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS:
            value = .ints(UnsafeBufferPointer(start: a.ints, count: a.n_ints).map { Int($0) })
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS:
            value = .strings(UnsafeBufferPointer(start: a.strings, count: a.n_strings).map(Self.text))
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS:
            value = .tensors(try list(a.tensors, a.n_tensors).map {
                try tensor($0.pointee, role: "attribute '\(name)' of node '\(node.displayName)'").tensor
            })
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS:
            value = .graphs(try list(a.graphs, a.n_graphs).map { try graph($0.pointee) })
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSOR, CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__SPARSE_TENSORS:
            throw unsupported("SPARSE_TENSOR")
        case CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTO, CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TYPE_PROTOS:
            throw unsupported("TYPE_PROTO")
        default:
            throw CnnrtError.invalidNode(node: node.displayName, opType: node.opType,
                                         reason: "attribute '\(name)' has unknown type \(type.rawValue)")
        }
        return Attribute(name, value)
    }

    /// The type of an attribute written without its `type` field (files from before IR version 2).
    private static func impliedType(_ a: Cnnrt__AttributeProto) -> Cnnrt__AttributeProto__AttributeType {
        if a.has_f != 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT }
        if a.has_i != 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT }
        if a.has_s != 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING }
        if a.t != nil { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR }
        if a.g != nil { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH }
        if a.n_floats > 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS }
        if a.n_strings > 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS }
        if a.n_tensors > 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS }
        if a.n_graphs > 0 { return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS }
        return CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS
    }

    private func valueInfo(_ v: Cnnrt__ValueInfoProto) throws -> ValueInfo {
        let name = string(v.name)
        var info = ValueInfo(name: name, elementType: nil, shape: nil, docString: string(v.doc_string))
        guard let type = v.type, type.pointee.value_case == CNNRT__TYPE_PROTO__VALUE_TENSOR_TYPE,
              let tensorType = type.pointee.tensor_type else {
            return info   // untyped, or a sequence/map/optional: the session rejects those where they matter
        }
        if tensorType.pointee.has_elem_type != 0, tensorType.pointee.elem_type != 0 {
            let raw = tensorType.pointee.elem_type
            guard let element = ElementType(onnx: raw) else {
                throw CnnrtError.invalidGraph(reason: "value '\(name)' has unknown or unsupported element type \(raw)")
            }
            info.elementType = element
        }
        if let shape = tensorType.pointee.shape {
            info.shape = try list(shape.pointee.dim, shape.pointee.n_dim).map { p -> Dimension in
                switch p.pointee.value_case {
                case CNNRT__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE:
                    guard p.pointee.dim_value >= 0 else {
                        throw CnnrtError.invalidGraph(reason: "value '\(name)' has negative dimension \(p.pointee.dim_value)")
                    }
                    return .value(Int(p.pointee.dim_value))
                case CNNRT__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM:
                    let symbol = string(p.pointee.dim_param)
                    return symbol.isEmpty ? .unknown : .symbol(symbol)
                default:
                    return .unknown
                }
            }
            // No tensor can have a shape whose known dimensions already overflow: refuse it here so
            // that shape inference never multiplies them.
            let known = info.shape?.compactMap(\.value) ?? []
            guard Shape.byteCount(known, elementType: info.elementType ?? .double) != nil else {
                throw CnnrtError.invalidGraph(reason: "value '\(name)' has dimensions \(known) whose size overflows")
            }
        }
        return info
    }

    // MARK: Tensors

    /// Converts a TensorProto. With `rawData` (the same message), a `raw_data` field allocated by `allocator`
    /// becomes the tensor's buffer and the message's field is emptied.
    private mutating func tensor(_ t: Cnnrt__TensorProto, role: String,
                                 rawData: UnsafeMutablePointer<Cnnrt__TensorProto>? = nil,
                                 payload: TensorBuffer? = nil) throws
        -> (name: String, tensor: Tensor) {
        let name = string(t.name)
        let label = name.isEmpty ? role : "\(role) '\(name)'"
        func bad(_ reason: String) -> CnnrtError { .invalidGraph(reason: "\(label): \(reason)") }

        let dims = UnsafeBufferPointer(start: t.dims, count: t.n_dims).map { Int($0) }
        guard dims.allSatisfy({ $0 >= 0 }) else { throw bad("negative dimension in \(dims)") }
        let rawType = t.has_data_type != 0 ? t.data_type : 0
        guard let type = ElementType(onnx: rawType) else { throw bad("unknown or unsupported data type \(rawType)") }
        guard type != .string else { throw bad("string tensors are not supported") }
        guard let count = Shape.elementCount(dims), let bytes = Shape.byteCount(dims, elementType: type) else {
            throw bad("dimensions \(dims) overflow")
        }
        guard let nominal = Shape.nominalByteCount(dims, elementType: type), nominal <= limits.maxTotalTensorBytes
        else {
            throw CnnrtError.limitExceeded(
                reason: "\(label): \(type) \(dims) spans more than \(limits.maxTotalTensorBytes) bytes counting empty "
                    + "axes as 1 (ModelLimits.maxTotalTensorBytes)")
        }
        guard bytes <= limits.maxTotalTensorBytes - totalTensorBytes else {
            throw CnnrtError.limitExceeded(
                reason: "\(label): tensors exceed \(limits.maxTotalTensorBytes) bytes in total (ModelLimits.maxTotalTensorBytes)")
        }
        guard t.segment == nil else { throw bad("segmented tensors are not supported") }

        let buffer: TensorBuffer
        if t.has_data_location != 0 && t.data_location == CNNRT__TENSOR_PROTO__DATA_LOCATION__EXTERNAL {
            buffer = try externalData(t, byteCount: bytes, label: label)
        } else if t.has_raw_data != 0, t.raw_data.len == 0, let payload {
            guard payload.byteCount == bytes else {
                throw bad("raw_data holds \(payload.byteCount) bytes but \(type) \(dims) needs \(bytes)")
            }
            buffer = payload
        } else if t.has_raw_data != 0 {
            guard t.raw_data.len == bytes else {
                throw bad("raw_data holds \(t.raw_data.len) bytes but \(type) \(dims) needs \(bytes)")
            }
            if let rawData, let data = t.raw_data.data, bytes >= 64,
               Int(bitPattern: data) % TensorBuffer.alignment == 0 {
                buffer = TensorBuffer(adopting: UnsafeMutableRawPointer(data), byteCount: bytes)
                rawData.pointee.raw_data.data = nil
                rawData.pointee.raw_data.len = 0
            } else {
                buffer = TensorBuffer(copying: UnsafeRawBufferPointer(start: t.raw_data.data, count: bytes))
            }
        } else {
            buffer = try typedData(t, type: type, count: count, bytes: bytes, bad: bad)
        }
        totalTensorBytes += bytes
        return (name, Tensor(elementType: type, shape: dims, buffer: buffer))
    }

    /// Reads the typed repeated field that ONNX assigns to `type`.
    private func typedData(_ t: Cnnrt__TensorProto, type: ElementType, count: Int, bytes: Int,
                           bad: (String) -> CnnrtError) throws -> TensorBuffer {
        let buffer = TensorBuffer(byteCount: bytes)
        func fill<Source, Target>(_ source: UnsafePointer<Source>?, _ n: Int, field: String,
                                  _ convert: (Source) -> Target) throws {
            guard n == count else { throw bad("\(field) holds \(n) values but the dimensions need \(count)") }
            let out = buffer.pointer.bindMemory(to: Target.self, capacity: count)
            for i in 0..<count { out[i] = convert(source![i]) }
        }
        if count == 0 { return buffer }
        switch type {
        case .float: try fill(t.float_data, t.n_float_data, field: "float_data") { $0 as Float }
        case .double: try fill(t.double_data, t.n_double_data, field: "double_data") { $0 as Double }
        case .int64: try fill(t.int64_data, t.n_int64_data, field: "int64_data") { $0 as Int64 }
        case .uint64: try fill(t.uint64_data, t.n_uint64_data, field: "uint64_data") { $0 as UInt64 }
        case .uint32: try fill(t.uint64_data, t.n_uint64_data, field: "uint64_data") { UInt32(truncatingIfNeeded: $0) }
        case .int32: try fill(t.int32_data, t.n_int32_data, field: "int32_data") { $0 as Int32 }
        case .int16: try fill(t.int32_data, t.n_int32_data, field: "int32_data") { Int16(truncatingIfNeeded: $0) }
        case .int8: try fill(t.int32_data, t.n_int32_data, field: "int32_data") { Int8(truncatingIfNeeded: $0) }
        case .uint16, .float16, .bfloat16:
            try fill(t.int32_data, t.n_int32_data, field: "int32_data") { UInt16(truncatingIfNeeded: $0) }
        case .uint8: try fill(t.int32_data, t.n_int32_data, field: "int32_data") { UInt8(truncatingIfNeeded: $0) }
        case .bool: try fill(t.int32_data, t.n_int32_data, field: "int32_data") { $0 != 0 }
        case .string: throw bad("string tensors are not supported")
        }
        return buffer
    }

    /// Reads a tensor stored outside the model file. The location must stay inside the model's folder
    /// and the offset and length inside the data file.
    private func externalData(_ t: Cnnrt__TensorProto, byteCount: Int, label: String) throws -> TensorBuffer {
        func bad(_ reason: String) -> CnnrtError { .invalidGraph(reason: "\(label): external data \(reason)") }
        var entries: [String: String] = [:]
        for p in list(t.external_data, t.n_external_data) { entries[string(p.pointee.key)] = string(p.pointee.value) }
        guard let location = entries["location"], !location.isEmpty else { throw bad("has no location") }
        guard let folder = baseDirectory else {
            throw bad("'\(location)' cannot be resolved: the model was not loaded from a file")
        }
        func integer(_ key: String) throws -> Int? {
            guard let text = entries[key] else { return nil }
            guard let v = Int(text), v >= 0 else { throw bad("has invalid \(key) '\(text)'") }
            return v
        }
        let offset = try integer("offset") ?? 0
        let length = try integer("length")
        if let length, length != byteCount {
            throw bad("length \(length) does not match the \(byteCount) bytes the dimensions need")
        }
        guard !location.hasPrefix("/"), !location.split(separator: "/").contains("..") else {
            throw bad("location '\(location)' leaves the model's folder")
        }
        let path = folder + "/" + location
        guard let root = FileIO.realPath(folder), let resolved = FileIO.realPath(path) else {
            throw bad("file '\(location)' does not exist")
        }
        guard resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            throw bad("location '\(location)' leaves the model's folder")
        }
        do {
            let data = try FileIO.read(resolved, offset: offset, count: byteCount)
            return data.withUnsafeBytes { TensorBuffer(copying: $0) }
        } catch CnnrtError.io(_, let reason) {
            throw bad("file '\(location)': \(reason)")
        }
    }

    // MARK: C helpers

    private func string(_ p: UnsafeMutablePointer<CChar>?) -> String {
        p.map { String(cString: $0) } ?? ""
    }

    private func strings(_ p: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ n: Int) -> [String] {
        (0..<n).map { string(p![$0]) }
    }

    private static func text(_ b: ProtobufCBinaryData) -> String {
        String(decoding: UnsafeRawBufferPointer(start: b.data, count: b.len), as: UTF8.self)
    }

    /// The non-null elements of a protobuf-c repeated message field.
    private func list<T>(_ p: UnsafeMutablePointer<UnsafeMutablePointer<T>?>?, _ n: Int) -> [UnsafeMutablePointer<T>] {
        (0..<n).compactMap { p![$0] }
    }
}
