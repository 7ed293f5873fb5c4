/// Reading and writing NumPy `.npy` files (format versions 1-3, little-endian, C order).
public enum Npy {
    private static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]   // "\x93NUMPY"

    /// The NumPy dtype code for each element type cnnrt reads and writes.
    static func descr(_ type: ElementType) -> String? {
        switch type {
        case .float: return "<f4"
        case .double: return "<f8"
        case .float16: return "<f2"
        case .int8: return "|i1"
        case .int16: return "<i2"
        case .int32: return "<i4"
        case .int64: return "<i8"
        case .uint8: return "|u1"
        case .uint16: return "<u2"
        case .uint32: return "<u4"
        case .uint64: return "<u8"
        case .bool: return "|b1"
        case .bfloat16, .string: return nil
        }
    }

    private static func elementType(descr: String) -> ElementType? {
        // '=' (native) and '<' are both little-endian here; one-byte types may use '|'.
        var code = descr
        if let first = code.first, first == "=" || first == "|" { code = "<" + code.dropFirst() }
        return ElementType.allCases.first { t in
            guard let d = Self.descr(t) else { return false }
            return d == code || (d.first == "|" && "<" + d.dropFirst() == code)
        }
    }

    /// Parses `.npy` bytes. `source` names the file in error messages.
    /// - Throws: `CnnrtError.invalidData` for a malformed header, Fortran order, an unsupported dtype or a
    ///   data length that does not match the shape.
    public static func decode(_ bytes: [UInt8], source: String) throws -> Tensor {
        func bad(_ reason: String) -> CnnrtError { .invalidData(source: source, reason: reason) }
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else { throw bad("not a .npy file (bad magic)") }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else { throw bad("truncated header") }
            headerLength = (0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }
            headerStart = 12
        default:
            throw bad("unsupported .npy version \(major)")
        }
        guard headerLength <= bytes.count - headerStart else { throw bad("truncated header") }
        let header = String(decoding: bytes[headerStart..<(headerStart + headerLength)], as: UTF8.self)
        let fields = try parseHeader(header, bad: bad)
        guard let descr = fields.descr else { throw bad("header has no 'descr'") }
        guard let type = elementType(descr: descr) else { throw bad("unsupported dtype '\(descr)'") }
        guard !fields.fortranOrder else { throw bad("Fortran-order arrays are not supported; save with C order") }
        guard let shape = fields.shape else { throw bad("header has no 'shape'") }
        let dataStart = headerStart + headerLength
        guard let byteCount = Shape.byteCount(shape, elementType: type) else { throw bad("shape \(shape) overflows") }
        do {
            try TensorLimits.checkedByteCount(shape, type, for: "array")
        } catch CnnrtError.limitExceeded(let reason) {
            throw bad(reason)
        }
        guard bytes.count - dataStart == byteCount else {
            throw bad("holds \(bytes.count - dataStart) data bytes but \(descr) \(shape) needs \(byteCount)")
        }
        let buffer = bytes.withUnsafeBytes { TensorBuffer(copying: UnsafeRawBufferPointer(rebasing: $0[dataStart...])) }
        return Tensor(elementType: type, shape: shape, buffer: buffer)
    }

    /// Reads a `.npy` file.
    public static func read(path: String) throws -> Tensor {
        try decode(try FileIO.read(path), source: path)
    }

    /// The `.npy` (version 1) encoding of `tensor`.
    public static func encode(_ tensor: Tensor) throws -> [UInt8] {
        guard let descr = descr(tensor.elementType) else {
            throw CnnrtError.invalidData(source: "tensor", reason: "\(tensor.elementType) cannot be saved as .npy")
        }
        let dims = tensor.shape.map(String.init).joined(separator: ", ") + (tensor.rank == 1 ? "," : "")
        var header = "{'descr': '\(descr)', 'fortran_order': False, 'shape': (\(dims)), }"
        // Pad with spaces so the data starts on a 64-byte boundary; the header ends in a newline.
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        let length = header.utf8.count
        var bytes = magic + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)]
        bytes += Array(header.utf8)
        tensor.withUnsafeBytes { bytes += $0 }
        return bytes
    }

    /// Writes `tensor` to a `.npy` file atomically.
    public static func write(_ tensor: Tensor, path: String) throws {
        let bytes = try encode(tensor)
        try FileIO.writeAtomically(path) { fd in try bytes.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: path) } }
    }

    /// The three header keys, parsed from the Python dict literal NumPy writes.
    private static func parseHeader(_ header: String, bad: (String) -> CnnrtError) throws
        -> (descr: String?, fortranOrder: Bool, shape: [Int]?) {
        func value(after key: String) -> Substring? {
            guard let end = header.endOfFirst("'\(key)'") ?? header.endOfFirst("\"\(key)\"") else { return nil }
            var rest = header[end...].drop { $0 == " " }
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst().drop { $0 == " " }
            return rest
        }
        var descr: String?
        if let rest = value(after: "descr"), let quote = rest.first, quote == "'" || quote == "\"" {
            descr = String(rest.dropFirst().prefix { $0 != quote })
        }
        let fortran = value(after: "fortran_order").map { $0.hasPrefix("True") } ?? false
        var shape: [Int]?
        if let rest = value(after: "shape"), rest.first == "(" {
            let inside = rest.dropFirst().prefix { $0 != ")" }
            shape = try inside.split(separator: ",").map { $0.trimmingCharacters() }.filter { !$0.isEmpty }.map {
                guard let v = Int($0.hasSuffix("L") ? String($0.dropLast()) : $0), v >= 0 else {
                    throw bad("invalid dimension '\($0)' in shape")
                }
                return v
            }
        }
        return (descr, fortran, shape)
    }
}

private extension String {
    /// The index just past the first occurrence of `needle`.
    func endOfFirst(_ needle: String) -> String.Index? {
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) { return index(start, offsetBy: needle.count) }
            start = index(after: start)
        }
        return nil
    }
}

private extension Substring {
    func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
