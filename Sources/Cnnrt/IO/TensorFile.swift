/// Tensor files by extension: `.npy` (NumPy) and `.pb` (a serialized TensorProto, ONNX's test-data format).
public enum TensorFile {
    /// Reads a tensor; the name is the TensorProto's name for `.pb` files and nil for `.npy`.
    /// - Throws: `CnnrtError` naming the file for an unknown extension or malformed content.
    public static func read(path: String) throws -> (name: String?, tensor: Tensor) {
        if path.hasSuffix(".npy") {
            return (nil, try Npy.read(path: path))
        }
        if path.hasSuffix(".pb") {
            do {
                let (name, tensor) = try Tensor.decodeProto(try FileIO.read(path))
                return (name.isEmpty ? nil : name, tensor)
            } catch let error as CnnrtError {
                if case .io = error { throw error }
                throw CnnrtError.invalidData(source: path, reason: error.description)
            }
        }
        throw CnnrtError.invalidData(source: path, reason: "unknown tensor file type (expected .npy or .pb)")
    }

    /// Writes a tensor as `.npy` or `.pb` according to the extension, atomically.
    public static func write(_ tensor: Tensor, name: String, path: String) throws {
        if path.hasSuffix(".pb") {
            let bytes = try tensor.encodeProto(name: name)
            try FileIO.writeAtomically(path) { fd in try bytes.withUnsafeBytes { try FileIO.writeAll(fd, $0, path: path) } }
        } else {
            try Npy.write(tensor, path: path)
        }
    }
}
