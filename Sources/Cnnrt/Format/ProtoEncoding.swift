import CCnnrtProto
#if canImport(Glibc)
import Glibc
#endif

/// Converts cnnrt's Swift graph values into protobuf-c messages and packs them.
///
/// Every C allocation made here is recorded in an arena and freed when encoding ends, on success and
/// on error alike. Tensor bytes are not copied: the messages point into the tensors' own buffers,
/// which outlive the packing.
final class ProtoEncoding {
    /// protobuf-c writes lengths it cannot read back above this size (see docs/format.md).
    static let maxMessageBytes = Int(Int32.max)

    private var allocations: [UnsafeMutableRawPointer] = []

    deinit {
        for p in allocations { free(p) }
    }

    // MARK: Entry points

    /// Serializes `model` into ONNX ModelProto bytes.
    func pack(_ model: Model) throws -> [UInt8] {
        let proto = try self.model(model)
        let size = cnnrt__model_proto__get_packed_size(proto)
        guard size <= Self.maxMessageBytes else {
            throw CnnrtError.limitExceeded(
                reason: "the model needs \(size) bytes, over protobuf's 2 GiB limit for one file")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        let written = bytes.withUnsafeMutableBufferPointer { cnnrt__model_proto__pack(proto, $0.baseAddress) }
        precondition(written == size, "protobuf-c packed \(written) of \(size) bytes")
        return bytes
    }

    /// Serializes one tensor as a TensorProto (the ONNX test-data `.pb` format).
    func pack(_ tensor: Tensor, name: String) throws -> [UInt8] {
        let proto = try self.tensor(tensor, name: name)
        let size = cnnrt__tensor_proto__get_packed_size(proto)
        guard size <= Self.maxMessageBytes else {
            throw CnnrtError.limitExceeded(reason: "tensor '\(name)' is over protobuf's 2 GiB limit")
        }
        var bytes = [UInt8](repeating: 0, count: size)
        _ = bytes.withUnsafeMutableBufferPointer { cnnrt__tensor_proto__pack(proto, $0.baseAddress) }
        return bytes
    }

    // MARK: Messages

    private func model(_ m: Model) throws -> UnsafeMutablePointer<Cnnrt__ModelProto> {
        let p = message(Cnnrt__ModelProto.self, cnnrt__model_proto__init)
        p.pointee.has_ir_version = 1
        p.pointee.ir_version = Int64(m.irVersion)
        p.pointee.producer_name = cString(m.producerName)
        p.pointee.producer_version = cString(m.producerVersion)
        p.pointee.domain = cString(m.domain)
        if m.modelVersion != 0 {
            p.pointee.has_model_version = 1
            p.pointee.model_version = Int64(m.modelVersion)
        }
        p.pointee.doc_string = cString(m.docString)
        p.pointee.graph = try graph(m.graph)
        (p.pointee.n_opset_import, p.pointee.opset_import) = array(m.opsetImports) { o in
            let q = message(Cnnrt__OperatorSetIdProto.self, cnnrt__operator_set_id_proto__init)
            q.pointee.domain = cString(o.domain, always: true)
            q.pointee.has_version = 1
            q.pointee.version = Int64(o.version)
            return q
        }
        (p.pointee.n_metadata_props, p.pointee.metadata_props) = array(m.metadata) { entry($0.key, $0.value) }
        return p
    }

    private func graph(_ g: Graph) throws -> UnsafeMutablePointer<Cnnrt__GraphProto> {
        let p = message(Cnnrt__GraphProto.self, cnnrt__graph_proto__init)
        p.pointee.name = cString(g.name, always: true)
        p.pointee.doc_string = cString(g.docString)
        (p.pointee.n_node, p.pointee.node) = try array(g.nodes) { try node($0) }
        (p.pointee.n_initializer, p.pointee.initializer) = try array(g.initializerOrder) {
            try tensor(g.initializers[$0]!, name: $0)
        }
        (p.pointee.n_input, p.pointee.input) = array(g.inputs) { valueInfo($0) }
        (p.pointee.n_output, p.pointee.output) = array(g.outputs) { valueInfo($0) }
        (p.pointee.n_value_info, p.pointee.value_info) = array(g.valueInfo) { valueInfo($0) }
        return p
    }

    private func node(_ n: Node) throws -> UnsafeMutablePointer<Cnnrt__NodeProto> {
        let p = message(Cnnrt__NodeProto.self, cnnrt__node_proto__init)
        p.pointee.name = cString(n.name)
        p.pointee.op_type = cString(n.opType, always: true)
        p.pointee.domain = cString(n.domain)
        p.pointee.doc_string = cString(n.docString)
        (p.pointee.n_input, p.pointee.input) = array(n.inputs) { cString($0, always: true) }
        (p.pointee.n_output, p.pointee.output) = array(n.outputs) { cString($0, always: true) }
        (p.pointee.n_attribute, p.pointee.attribute) = try array(n.attributes) { try attribute($0) }
        return p
    }

    private func attribute(_ a: Attribute) throws -> UnsafeMutablePointer<Cnnrt__AttributeProto> {
        let p = message(Cnnrt__AttributeProto.self, cnnrt__attribute_proto__init)
        p.pointee.name = cString(a.name, always: true)
        p.pointee.has_type = 1
        switch a.value {
        case .float(let f):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOAT
            (p.pointee.has_f, p.pointee.f) = (1, f)
        case .int(let i):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INT
            (p.pointee.has_i, p.pointee.i) = (1, Int64(i))
        case .string(let s):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRING
            (p.pointee.has_s, p.pointee.s) = (1, binary(s))
        case .tensor(let t):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSOR
            p.pointee.t = try tensor(t, name: "")
        case .graph(let g):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPH
            p.pointee.g = try graph(g)
        case .floats(let list):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__FLOATS
            (p.pointee.n_floats, p.pointee.floats) = scalars(list)
        case .ints(let list):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__INTS
            (p.pointee.n_ints, p.pointee.ints) = scalars(list.map { Int64($0) })
        case .strings(let list):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__STRINGS
            (p.pointee.n_strings, p.pointee.strings) = scalars(list.map { binary($0) })
        case .tensors(let list):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__TENSORS
            (p.pointee.n_tensors, p.pointee.tensors) = try array(list) { try tensor($0, name: "") }
        case .graphs(let list):
            p.pointee.type = CNNRT__ATTRIBUTE_PROTO__ATTRIBUTE_TYPE__GRAPHS
            (p.pointee.n_graphs, p.pointee.graphs) = try array(list) { try graph($0) }
        }
        return p
    }

    private func valueInfo(_ v: ValueInfo) -> UnsafeMutablePointer<Cnnrt__ValueInfoProto> {
        let p = message(Cnnrt__ValueInfoProto.self, cnnrt__value_info_proto__init)
        p.pointee.name = cString(v.name, always: true)
        p.pointee.doc_string = cString(v.docString)
        guard v.elementType != nil || v.shape != nil else { return p }
        let type = message(Cnnrt__TypeProto.self, cnnrt__type_proto__init)
        let tensorType = message(Cnnrt__TypeProto__Tensor.self, cnnrt__type_proto__tensor__init)
        if let element = v.elementType {
            tensorType.pointee.has_elem_type = 1
            tensorType.pointee.elem_type = element.rawValue
        }
        if let dims = v.shape {
            let shape = message(Cnnrt__TensorShapeProto.self, cnnrt__tensor_shape_proto__init)
            (shape.pointee.n_dim, shape.pointee.dim) = array(dims) { d in
                let q = message(Cnnrt__TensorShapeProto__Dimension.self, cnnrt__tensor_shape_proto__dimension__init)
                switch d {
                case .value(let size):
                    q.pointee.value_case = CNNRT__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE
                    q.pointee.dim_value = Int64(size)
                case .symbol(let name):
                    q.pointee.value_case = CNNRT__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_PARAM
                    q.pointee.dim_param = cString(name, always: true)
                case .unknown:
                    break
                }
                return q
            }
            tensorType.pointee.shape = shape
        }
        type.pointee.value_case = CNNRT__TYPE_PROTO__VALUE_TENSOR_TYPE
        type.pointee.tensor_type = tensorType
        p.pointee.type = type
        return p
    }

    private func tensor(_ t: Tensor, name: String) throws -> UnsafeMutablePointer<Cnnrt__TensorProto> {
        guard t.byteCount <= Self.maxMessageBytes - 64 else {
            throw CnnrtError.limitExceeded(
                reason: "tensor '\(name)' has \(t.byteCount) bytes; one file holds at most 2 GiB per tensor")
        }
        let p = message(Cnnrt__TensorProto.self, cnnrt__tensor_proto__init)
        p.pointee.name = cString(name)
        p.pointee.has_data_type = 1
        p.pointee.data_type = t.elementType.rawValue
        (p.pointee.n_dims, p.pointee.dims) = scalars(t.shape.map { Int64($0) })
        p.pointee.has_raw_data = 1
        p.pointee.raw_data = ProtobufCBinaryData(
            len: t.byteCount, data: t.buffer.pointer.assumingMemoryBound(to: UInt8.self))
        return p
    }

    // MARK: Arena

    private func allocate(_ bytes: Int) -> UnsafeMutableRawPointer {
        let p = malloc(max(bytes, 1))!
        allocations.append(p)
        return p
    }

    private func message<T>(_ type: T.Type, _ initialize: (UnsafeMutablePointer<T>) -> Void) -> UnsafeMutablePointer<T> {
        let p = allocate(MemoryLayout<T>.stride).bindMemory(to: T.self, capacity: 1)
        initialize(p)
        return p
    }

    /// A C string copy, or NULL for an empty string unless the field must be present.
    private func cString(_ s: String, always: Bool = false) -> UnsafeMutablePointer<CChar>? {
        if s.isEmpty && !always { return nil }
        let utf8 = Array(s.utf8CString)
        let p = allocate(utf8.count).bindMemory(to: CChar.self, capacity: utf8.count)
        p.initialize(from: utf8, count: utf8.count)
        return p
    }

    private func binary(_ s: String) -> ProtobufCBinaryData {
        let utf8 = Array(s.utf8)
        let p = allocate(utf8.count).bindMemory(to: UInt8.self, capacity: max(utf8.count, 1))
        p.initialize(from: utf8, count: utf8.count)
        return ProtobufCBinaryData(len: utf8.count, data: p)
    }

    private func entry(_ key: String, _ value: String) -> UnsafeMutablePointer<Cnnrt__StringStringEntryProto> {
        let p = message(Cnnrt__StringStringEntryProto.self, cnnrt__string_string_entry_proto__init)
        p.pointee.key = cString(key, always: true)
        p.pointee.value = cString(value, always: true)
        return p
    }

    private func scalars<T>(_ values: [T]) -> (Int, UnsafeMutablePointer<T>?) {
        guard !values.isEmpty else { return (0, nil) }
        let p = allocate(MemoryLayout<T>.stride * values.count).bindMemory(to: T.self, capacity: values.count)
        p.initialize(from: values, count: values.count)
        return (values.count, p)
    }

    private func array<S, T>(_ items: [S], _ make: (S) throws -> UnsafeMutablePointer<T>?) rethrows
        -> (Int, UnsafeMutablePointer<UnsafeMutablePointer<T>?>?) {
        guard !items.isEmpty else { return (0, nil) }
        let p = allocate(MemoryLayout<UnsafeMutablePointer<T>?>.stride * items.count)
            .bindMemory(to: UnsafeMutablePointer<T>?.self, capacity: items.count)
        for (i, item) in items.enumerated() { p[i] = try make(item) }
        return (items.count, p)
    }
}
