import Foundation

extension TensorFile {
    /// Reads `<prefix>_0`, `<prefix>_1`, ... (`.pb` or `.npy`) from a folder, in index order — the layout
    /// of ONNX's test data sets and of cnnrt's fixtures.
    /// - Throws: `CnnrtError.io` when the folder cannot be listed, or a file's read error.
    public static func readIndexed(folder: String, prefix: String) throws -> [(name: String?, tensor: Tensor)] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw CnnrtError.io(path: folder, reason: "cannot list the folder")
        }
        let indexed = names.compactMap { name -> (Int, String)? in
            guard name.hasPrefix(prefix + "_"), name.hasSuffix(".pb") || name.hasSuffix(".npy") else { return nil }
            let stem = name.dropFirst(prefix.count + 1).prefix { $0.isNumber }
            guard let index = Int(stem) else { return nil }
            return (index, name)
        }.sorted { $0.0 < $1.0 }
        return try indexed.map { try read(path: folder + "/" + $0.1) }
    }
}
