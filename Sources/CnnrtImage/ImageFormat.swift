import Cnnrt
import Foundation

/// The image file formats cnnrt decodes.
public enum ImageFormat: String, Sendable, CaseIterable {
    case png
    case jpeg

    /// The format whose signature starts `bytes`, or nil.
    public static func detect(_ bytes: [UInt8]) -> ImageFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        return nil
    }

    /// True when the path's extension names an image file (`.png`, `.jpg`, `.jpeg`, any case).
    public static func isImagePath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".png", ".jpg", ".jpeg"].contains { lower.hasSuffix($0) }
    }
}

extension Image {
    /// Decodes a PNG or JPEG file held in memory, detected by its signature. Gray images decode to one
    /// channel, everything else to RGB (alpha is dropped, palettes expanded, 16-bit reduced to 8-bit).
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - source: a name for messages, such as the file's path.
    ///   - limits: the largest image accepted; checked against the header before pixels are allocated.
    /// - Throws: `CnnrtError.invalidData` for an unknown, truncated or corrupt file;
    ///   `CnnrtError.limitExceeded` for an image over `limits`.
    public static func decode(_ bytes: [UInt8], source: String = "image",
                              limits: ImageLimits = .default) throws -> Image {
        switch ImageFormat.detect(bytes) {
        case .png: return try PNGCodec.decode(bytes, source: source, limits: limits)
        case .jpeg: return try JPEGCodec.decode(bytes, source: source, limits: limits)
        case nil:
            throw CnnrtError.invalidData(source: source, reason: "not a PNG or JPEG file (unknown signature)")
        }
    }

    /// Reads and decodes a PNG or JPEG file.
    /// - Throws: `CnnrtError.io` when the file cannot be read, else as ``decode(_:source:limits:)``.
    public static func load(path: String, limits: ImageLimits = .default) throws -> Image {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CnnrtError.io(path: path, reason: "cannot read the file")
        }
        return try decode([UInt8](data), source: path, limits: limits)
    }

    /// The image encoded as a PNG file (lossless).
    /// - Throws: `CnnrtError.invalidData` when libpng fails.
    public func pngData() throws -> [UInt8] {
        try PNGCodec.encode(self)
    }

    /// The image encoded as a baseline JPEG file.
    /// - Parameter quality: 1 (smallest) to 100 (best).
    /// - Throws: `CnnrtError.invalidData` when libjpeg fails.
    public func jpegData(quality: Int = 90) throws -> [UInt8] {
        try JPEGCodec.encode(self, quality: min(max(quality, 1), 100))
    }
}
