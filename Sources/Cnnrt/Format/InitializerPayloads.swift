#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Takes the large `raw_data` payloads of the main graph's initializers out of a serialized ModelProto
/// before protobuf-c unpacks it, and compacts the bytes in place around them.
///
/// protobuf-c copies every bytes field, so a model's weights used to exist twice while loading (the
/// file's bytes and the unpacked copy: AlexNet's 233 MB of weights peaked at 377 MB). Here each payload is
/// copied into its own tensor buffer a few megabytes at a time, and the file pages it came from are handed
/// back to the system as soon as they are copied, so the peak stays near one copy. The message keeps an
/// empty `raw_data` field where the payload was; `ProtoDecoding` then uses the extracted buffer.
///
/// Only ModelProto.graph (field 7, once) -> GraphProto.initializer (5) -> TensorProto.raw_data (9, once per
/// tensor) is rewritten; everything else is copied as it is. Anything unexpected on that path (a bad
/// varint, a length past its parent, a repeated field) leaves the bytes untouched, and the usual checks
/// then report what is wrong.
struct InitializerPayloads {
    /// Payloads smaller than this stay in the message (copying them is cheap).
    static let threshold = 64 << 10

    /// Extracted payloads by initializer index (in the order the graph lists them); nil where none was.
    private(set) var payloads: [TensorBuffer?] = []
    /// The length of the compacted message at the start of the buffer.
    private(set) var count: Int

    private struct Field {
        let keyStart: Int, payloadStart: Int, end: Int
        let number: UInt64, wireType: UInt64
    }

    private struct Initializer {
        /// The initializer field: its key, its message, its end.
        let start: Int, messageStart: Int, end: Int
        /// The raw_data field (key to end) and its payload, when extracted, and the tensor's length without it.
        let rawField: Range<Int>?
        let payload: Range<Int>?
        let newLength: Int
    }

    /// Extracts from `buffer[0 ..< count]` (which it may rewrite); with nothing to extract the bytes are
    /// left as they are and `count` is unchanged.
    init(buffer: UnsafeMutableRawPointer, count: Int) {
        self.count = count
        let bytes = UnsafeMutableRawBufferPointer(start: buffer, count: count)
        guard let plan = Self.plan(UnsafeRawBufferPointer(bytes)), plan.initializers.contains(where: { $0.payload != nil })
        else { return }
        payloads = plan.initializers.map { initializer in
            initializer.payload.map { Self.extract(bytes, $0) }
        }
        self.count = Self.compact(bytes, graph: plan.graph, graphLength: plan.graphLength,
                                  initializers: plan.initializers)
    }

    /// The graph field and its initializers with their new lengths; nil when the path is not as expected.
    private static func plan(_ bytes: UnsafeRawBufferPointer)
        -> (graph: Field, graphLength: Int, initializers: [Initializer])? {
        guard let top = fields(bytes, 0..<bytes.count) else { return nil }
        let graphs = top.filter { $0.number == 7 }
        guard graphs.count == 1, let graph = graphs.first, graph.wireType == 2,
              let graphFields = fields(bytes, graph.payloadStart..<graph.end) else { return nil }
        var initializers: [Initializer] = []
        var graphLength = 0
        for field in graphFields {
            guard field.number == 5 else {
                graphLength += field.end - field.keyStart
                continue
            }
            guard field.wireType == 2, let tensorFields = fields(bytes, field.payloadStart..<field.end) else { return nil }
            let raw = tensorFields.filter { $0.number == 9 }
            var payload: Range<Int>? = nil, rawField: Range<Int>? = nil
            var length = field.end - field.payloadStart
            if raw.count == 1, let r = raw.first, r.wireType == 2, r.end - r.payloadStart >= threshold {
                payload = r.payloadStart..<r.end
                rawField = r.keyStart..<r.end
                // The field becomes a one-byte key and a one-byte length of 0.
                length -= (r.end - r.keyStart) - (keySize(9) + 1)
            }
            initializers.append(Initializer(start: field.keyStart, messageStart: field.payloadStart, end: field.end,
                                            rawField: rawField, payload: payload, newLength: length))
            graphLength += keySize(5) + varintSize(UInt64(length)) + length
        }
        return (graph, graphLength, initializers)
    }

    /// The fields of the message in `range`; nil when one is malformed or runs past the range.
    private static func fields(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> [Field]? {
        var result: [Field] = []
        var offset = range.lowerBound
        while offset < range.upperBound {
            let keyStart = offset
            guard let key = varint(bytes, &offset, range.upperBound) else { return nil }
            let number = key >> 3, wireType = key & 7
            guard number != 0 else { return nil }
            var payloadStart = offset
            switch wireType {
            case 0: guard varint(bytes, &offset, range.upperBound) != nil else { return nil }
            case 1: offset += 8
            case 5: offset += 4
            case 2:
                guard let length = varint(bytes, &offset, range.upperBound),
                      length <= UInt64(range.upperBound - offset) else { return nil }
                payloadStart = offset
                offset += Int(length)
            default: return nil
            }
            guard offset <= range.upperBound else { return nil }
            result.append(Field(keyStart: keyStart, payloadStart: payloadStart, end: offset, number: number,
                                wireType: wireType))
        }
        return result
    }

    private static func varint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int, _ end: Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    private static func varintSize(_ value: UInt64) -> Int {
        var size = 1, v = value >> 7
        while v != 0 { size += 1; v >>= 7 }
        return size
    }

    private static func keySize(_ field: UInt64) -> Int { varintSize(field << 3 | 2) }

    /// Copies `range` into a new buffer in 2 MiB steps, returning each step's whole source pages to the
    /// system once copied (the compaction never reads them again).
    private static func extract(_ bytes: UnsafeMutableRawBufferPointer, _ range: Range<Int>) -> TensorBuffer {
        let buffer = TensorBuffer(uninitializedByteCount: range.count)
        let base = bytes.baseAddress!
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var done = 0
        while done < range.count {
            let step = min(TensorMemory.hugePage, range.count - done)
            (buffer.pointer + done).copyMemory(from: base + range.lowerBound + done, byteCount: step)
            let first = (Int(bitPattern: base + range.lowerBound + done) + page - 1) / page * page
            let last = Int(bitPattern: base + range.lowerBound + done + step) / page * page
            if last > first {
                _ = madvise(UnsafeMutableRawPointer(bitPattern: first), last - first, Int32(MADV_DONTNEED))
            }
            done += step
        }
        return buffer
    }

    /// Rewrites the message front to back without the extracted payloads (every write lands at or before
    /// the byte being read, and lengths only shrink); returns the new length.
    private static func compact(_ bytes: UnsafeMutableRawBufferPointer, graph: Field, graphLength: Int,
                                initializers: [Initializer]) -> Int {
        let base = bytes.baseAddress!
        var write = 0
        func copy(_ range: Range<Int>) {
            if range.lowerBound != write { (base + write).copyMemory(from: base + range.lowerBound, byteCount: range.count) }
            write += range.count
        }
        func put(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                base.storeBytes(of: UInt8(v & 0x7F | 0x80), toByteOffset: write, as: UInt8.self)
                write += 1
                v >>= 7
            }
            base.storeBytes(of: UInt8(v), toByteOffset: write, as: UInt8.self)
            write += 1
        }
        // Fields before the graph, the graph's key and new length.
        copy(0..<graph.keyStart)
        put(7 << 3 | 2)
        put(UInt64(graphLength))
        var read = graph.payloadStart
        for initializer in initializers {
            copy(read..<initializer.start)
            read = initializer.end
            guard let rawField = initializer.rawField else {
                copy(initializer.start..<initializer.end)
                continue
            }
            put(5 << 3 | 2)
            put(UInt64(initializer.newLength))
            // The tensor's fields, with raw_data emptied.
            copy(initializer.messageStart..<rawField.lowerBound)
            put(9 << 3 | 2)
            put(0)
            copy(rawField.upperBound..<initializer.end)
        }
        copy(read..<graph.end)
        copy(graph.end..<bytes.count)
        return write
    }
}
