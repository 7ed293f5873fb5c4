import Cnnrt

/// An 8-bit image: `height` rows of `width` pixels, top row first, each pixel `channels` bytes
/// (1: gray, 3: red, green, blue).
public struct Image: Sendable, Equatable {
    /// Pixels per row.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// Bytes per pixel: 1 (gray) or 3 (RGB).
    public let channels: Int
    /// `height * width * channels` bytes, row by row, channels interleaved.
    public let pixels: [UInt8]

    /// An image over the given pixels.
    /// - Throws: `CnnrtError.invalidData` when `channels` is not 1 or 3 or the pixel count does not
    ///   match the size.
    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws {
        guard channels == 1 || channels == 3 else {
            throw CnnrtError.invalidData(source: "image", reason: "\(channels) channels (expected 1 or 3)")
        }
        guard width > 0, height > 0, let count = Shape.elementCount([height, width, channels]),
              count == pixels.count else {
            throw CnnrtError.invalidData(
                source: "image", reason: "\(pixels.count) bytes do not make a \(width)x\(height)x\(channels) image")
        }
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// An image built from checked parts (the decoders and transforms in this module).
    init(unchecked width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }

    /// The byte offset of pixel (`x`, `y`).
    @inline(__always)
    func offset(x: Int, y: Int) -> Int {
        (y * width + x) * channels
    }
}

/// Bounds that an image file must stay within before any pixel memory is allocated.
public struct ImageLimits: Sendable, Equatable {
    /// The most pixels (width x height) a decoded image may have.
    public var maxPixels: Int
    /// The longest side a decoded image may have.
    public var maxSide: Int

    /// Limits; the defaults (64 megapixels, 32768 pixels a side) fit any photo.
    public init(maxPixels: Int = 1 << 26, maxSide: Int = 1 << 15) {
        self.maxPixels = maxPixels
        self.maxSide = maxSide
    }

    /// The default limits.
    public static let `default` = ImageLimits()

    /// Throws when a `width` x `height` image is over the limits.
    func check(width: Int, height: Int, source: String) throws {
        guard width > 0, height > 0 else {
            throw CnnrtError.invalidData(source: source, reason: "image has no pixels (\(width)x\(height))")
        }
        guard width <= maxSide, height <= maxSide, width * height <= maxPixels else {
            throw CnnrtError.limitExceeded(
                reason: "\(source): image is \(width)x\(height) pixels; the limit is \(maxPixels) pixels and "
                    + "\(maxSide) a side (ImageLimits)")
        }
    }
}
