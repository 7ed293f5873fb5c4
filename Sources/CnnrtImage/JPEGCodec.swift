import CCnnrtJPEG
import Cnnrt

/// The one file that talks to libjpeg, through the setjmp-guarded functions of `CCnnrtJPEG`.
enum JPEGCodec {
    static func decode(_ bytes: [UInt8], source: String, limits: ImageLimits) throws -> Image {
        var message = [CChar](repeating: 0, count: Int(CNNRT_JPEG_MESSAGE_SIZE))
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        let header = bytes.withUnsafeBufferPointer { data in
            cnnrt_jpeg_read_header(data.baseAddress, data.count, &width, &height, &channels, &message)
        }
        guard header == 0 else {
            throw CnnrtError.invalidData(source: source, reason: "not a readable JPEG: \(text(message))")
        }
        try limits.check(width: Int(width), height: Int(height), source: source)
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height) * Int(channels))
        let decoded = bytes.withUnsafeBufferPointer { data in
            pixels.withUnsafeMutableBufferPointer { out in
                cnnrt_jpeg_decode(data.baseAddress, data.count, out.baseAddress, out.count, &message)
            }
        }
        guard decoded == 0 else {
            throw CnnrtError.invalidData(source: source, reason: "truncated or corrupt JPEG: \(text(message))")
        }
        return Image(unchecked: Int(width), height: Int(height), channels: Int(channels), pixels: pixels)
    }

    static func encode(_ image: Image, quality: Int) throws -> [UInt8] {
        var message = [CChar](repeating: 0, count: Int(CNNRT_JPEG_MESSAGE_SIZE))
        var output: UnsafeMutablePointer<UInt8>?
        var size = 0
        let status = image.pixels.withUnsafeBufferPointer { pixels in
            cnnrt_jpeg_encode(pixels.baseAddress, Int32(image.width), Int32(image.height), Int32(image.channels),
                              Int32(quality), &output, &size, &message)
        }
        guard status == 0, let output else {
            throw CnnrtError.invalidData(source: "JPEG encoder", reason: text(message))
        }
        defer { cnnrt_jpeg_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }

    private static func text(_ message: [CChar]) -> String {
        let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? "libjpeg gave no reason" : String(decoding: bytes, as: UTF8.self)
    }
}
