/// A bounded walk over protobuf wire bytes that checks, before protobuf-c parses them, that every
/// field is well-formed and that nested messages stay within a depth limit.
///
/// It knows which fields of the schema are messages, so it follows exactly the nesting protobuf-c
/// will follow; every other length-delimited field is skipped as bytes.
struct WireFormatCheck {
    /// The message types of `proto/cnnrt.proto` that contain other messages, by field number.
    enum Message {
        case model, graph, node, attribute, tensor, sparseTensor, valueInfo, type, typeTensor
        case typeElement, typeMap, tensorShape, trainingInfo, function, tensorAnnotation, leaf

        var children: [UInt64: Message] {
            switch self {
            case .model: return [7: .graph, 8: .leaf, 14: .leaf, 20: .trainingInfo, 25: .function]
            case .graph:
                return [1: .node, 5: .tensor, 11: .valueInfo, 12: .valueInfo, 13: .valueInfo,
                        14: .tensorAnnotation, 15: .sparseTensor, 16: .leaf]
            case .node: return [5: .attribute, 9: .leaf]
            case .attribute:
                return [5: .tensor, 6: .graph, 10: .tensor, 11: .graph, 14: .type, 15: .type,
                        22: .sparseTensor, 23: .sparseTensor]
            case .tensor: return [3: .leaf, 13: .leaf, 16: .leaf]
            case .sparseTensor: return [1: .tensor, 2: .tensor]
            case .valueInfo: return [2: .type, 4: .leaf]
            case .type: return [1: .typeTensor, 4: .typeElement, 5: .typeMap, 8: .typeTensor, 9: .typeElement]
            case .typeTensor: return [2: .tensorShape]
            case .typeElement: return [1: .type]
            case .typeMap: return [2: .type]
            case .tensorShape: return [1: .leaf]
            case .trainingInfo: return [1: .graph, 2: .graph, 3: .leaf, 4: .leaf]
            case .function: return [7: .node, 9: .leaf, 11: .attribute, 12: .valueInfo, 14: .leaf]
            case .tensorAnnotation: return [2: .leaf]
            case .leaf: return [:]
            }
        }
    }

    let bytes: UnsafeRawBufferPointer
    let maxDepth: Int
    /// The most messages (of any type, at any depth) the bytes may hold: protobuf-c allocates a struct of
    /// up to a few hundred bytes for each, so a file of tiny messages would otherwise cost many times its size.
    var maxMessages = ModelLimits.default.maxMessages

    /// Walks `bytes` as a message of type `root`.
    /// - Throws: `CnnrtError.malformedModel` with the byte offset of the first problem; `limitExceeded`
    ///   when there are more than `maxMessages` messages.
    func check(as root: Message) throws {
        var messages = 0
        try walk(root, from: 0, to: bytes.count, depth: 1, messages: &messages)
    }

    private func walk(_ message: Message, from start: Int, to end: Int, depth: Int, messages: inout Int) throws {
        guard depth <= maxDepth else {
            throw CnnrtError.malformedModel(
                reason: "messages nested deeper than \(maxDepth) levels at byte \(start) (nested subgraphs?)")
        }
        messages += 1
        guard messages <= maxMessages else {
            throw CnnrtError.limitExceeded(
                reason: "more than \(maxMessages) protobuf messages (nodes, values, dimensions, ...) at byte \(start) "
                    + "(ModelLimits.maxMessages)")
        }
        let children = message.children
        var offset = start
        while offset < end {
            let key = try varint(at: &offset, end: end)
            let field = key >> 3
            guard field != 0 else { throw malformed("field number 0", at: offset) }
            switch key & 7 {
            case 0: _ = try varint(at: &offset, end: end)
            case 1: try skip(8, at: &offset, end: end)
            case 5: try skip(4, at: &offset, end: end)
            case 2:
                let length = try varint(at: &offset, end: end)
                guard length <= UInt64(end - offset) else {
                    throw malformed("field \(field) claims \(length) bytes but \(end - offset) remain", at: offset)
                }
                let fieldEnd = offset + Int(length)
                if let child = children[field] {
                    try walk(child, from: offset, to: fieldEnd, depth: depth + 1, messages: &messages)
                }
                offset = fieldEnd
            default:
                throw malformed("unsupported wire type \(key & 7) for field \(field)", at: offset)
            }
        }
    }

    private func varint(at offset: inout Int, end: Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while true {
            guard offset < end else { throw malformed("truncated varint", at: start) }
            let byte = bytes[offset]
            offset += 1
            guard shift < 64 else { throw malformed("varint longer than 10 bytes", at: start) }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    private func skip(_ count: Int, at offset: inout Int, end: Int) throws {
        guard end - offset >= count else { throw malformed("truncated fixed-size field", at: offset) }
        offset += count
    }

    private func malformed(_ what: String, at offset: Int) -> CnnrtError {
        .malformedModel(reason: "\(what) at byte \(offset)")
    }
}
