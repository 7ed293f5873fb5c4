/// A minimal protobuf wire writer for building hostile and hand-made model bytes in tests.
struct ProtoBytes {
    var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v != 0 { byte |= 0x80 }
            out.append(byte)
        } while v != 0
        return out
    }

    mutating func int(_ field: UInt64, _ value: Int64) {
        bytes += Self.varint(field << 3) + Self.varint(UInt64(bitPattern: value))
    }

    mutating func bytes(_ field: UInt64, _ payload: [UInt8]) {
        bytes += Self.varint(field << 3 | 2) + Self.varint(UInt64(payload.count)) + payload
    }

    mutating func string(_ field: UInt64, _ text: String) {
        bytes(field, Array(text.utf8))
    }

    mutating func message(_ field: UInt64, _ build: (inout ProtoBytes) -> Void) {
        var inner = ProtoBytes()
        build(&inner)
        bytes(field, inner.bytes)
    }
}
