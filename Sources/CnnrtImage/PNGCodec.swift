import CPNG
import Cnnrt

/// The one file that talks to libpng, through its simplified `png_image` API (errors come back as
/// return values and a message; libpng's longjmp never reaches Swift).
enum PNGCodec {
    private static let formatGray: UInt32 = 0
    private static let formatColorFlag: UInt32 = 0x02

    static func decode(_ bytes: [UInt8], source: String, limits: ImageLimits) throws -> Image {
        try bytes.withUnsafeBytes { raw -> Image in
            var image = png_image()
            image.version = UInt32(PNG_IMAGE_VERSION)
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw CnnrtError.invalidData(source: source, reason: "not a readable PNG: \(message(of: &image))")
            }
            defer { png_image_free(&image) }
            let width = Int(image.width), height = Int(image.height)
            try limits.check(width: width, height: height, source: source)
            let channels = image.format & formatColorFlag != 0 ? 3 : 1
            image.format = channels == 3 ? formatColorFlag : formatGray
            var pixels = [UInt8](repeating: 0, count: width * height * channels)
            let finished = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, Int32(width * channels), nil)
            }
            guard finished != 0 else {
                throw CnnrtError.invalidData(source: source,
                                             reason: "truncated or corrupt PNG: \(message(of: &image))")
            }
            return Image(unchecked: width, height: height, channels: channels, pixels: pixels)
        }
    }

    static func encode(_ picture: Image) throws -> [UInt8] {
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        image.width = UInt32(picture.width)
        image.height = UInt32(picture.height)
        image.format = picture.channels == 3 ? formatColorFlag : formatGray
        let stride = Int32(picture.width * picture.channels)
        return try picture.pixels.withUnsafeBytes { pixels -> [UInt8] in
            // The first call measures, the second writes.
            var size = 0
            guard png_image_write_to_memory(&image, nil, &size, 0, pixels.baseAddress, stride, nil) != 0 else {
                throw CnnrtError.invalidData(source: "PNG encoder", reason: message(of: &image))
            }
            var output = [UInt8](repeating: 0, count: size)
            let written = output.withUnsafeMutableBytes { out in
                png_image_write_to_memory(&image, out.baseAddress, &size, 0, pixels.baseAddress, stride, nil)
            }
            guard written != 0 else {
                throw CnnrtError.invalidData(source: "PNG encoder", reason: message(of: &image))
            }
            return Array(output.prefix(size))
        }
    }

    /// libpng's message for the last failure (a NUL-terminated char[64] inside the struct).
    private static func message(of image: inout png_image) -> String {
        withUnsafeBytes(of: &image.message) { raw in
            let text = String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            return text.isEmpty ? "libpng gave no reason" : text
        }
    }
}
