import Testing
@testable import Cnnrt
@testable import CnnrtImage

/// PNG and JPEG decoding through libpng and libjpeg: round trips from known pixels, and files that
/// are truncated, corrupt or claim hostile sizes.
@Suite struct ImageCodecTests {
    /// A smooth test picture (JPEG keeps smooth images close): gradients across x and y, offset per channel.
    static func picture(width: Int, height: Int, channels: Int) throws -> Image {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    pixels.append(UInt8(x * 100 / max(width - 1, 1) + y * 60 / max(height - 1, 1) + c * 40))
                }
            }
        }
        return try Image(width: width, height: height, channels: channels, pixels: pixels)
    }

    @Test(arguments: [1, 3])
    func pngRoundTripIsExact(channels: Int) throws {
        let image = try Self.picture(width: 13, height: 7, channels: channels)
        let bytes = try image.pngData()
        #expect(ImageFormat.detect(bytes) == .png)
        let decoded = try Image.decode(bytes)
        #expect(decoded == image)
    }

    @Test(arguments: [1, 3])
    func jpegRoundTripIsClose(channels: Int) throws {
        let image = try Self.picture(width: 32, height: 24, channels: channels)
        let bytes = try image.jpegData(quality: 95)
        #expect(ImageFormat.detect(bytes) == .jpeg)
        let decoded = try Image.decode(bytes)
        #expect(decoded.width == 32 && decoded.height == 24 && decoded.channels == channels)
        let worst = zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        #expect(worst <= 12, "largest JPEG error \(worst)")
    }

    @Test func loadsFromAFile() throws {
        let folder = try TemporaryFolder()
        let image = try Self.picture(width: 5, height: 4, channels: 3)
        try folder.write("a.png", try image.pngData())
        #expect(try Image.load(path: folder.path + "/a.png") == image)
        #expect(throws: CnnrtError.self) { try Image.load(path: folder.path + "/missing.png") }
    }

    @Test func unknownBytesAreRefused() {
        #expect(throws: CnnrtError.invalidData(source: "x", reason: "not a PNG or JPEG file (unknown signature)")) {
            try Image.decode(Array("GIF89a....".utf8), source: "x")
        }
        #expect(throws: CnnrtError.self) { try Image.decode([], source: "x") }
    }

    @Test(arguments: [ImageFormat.png, .jpeg])
    func truncatedFilesAreErrors(format: ImageFormat) throws {
        let image = try Self.picture(width: 40, height: 30, channels: 3)
        let bytes = format == .png ? try image.pngData() : try image.jpegData()
        for length in [bytes.count / 4, bytes.count / 2, bytes.count - 20, 8, 3] {
            #expect(throws: CnnrtError.self, "\(format) cut to \(length) bytes") {
                try Image.decode(Array(bytes.prefix(length)), source: "cut")
            }
        }
    }

    @Test func corruptPNGDataIsAnError() throws {
        var bytes = try Self.picture(width: 40, height: 30, channels: 3).pngData()
        // Overwrite the middle of the compressed data; the zlib stream or its CRC no longer holds.
        for i in (bytes.count / 2)..<(bytes.count / 2 + 16) { bytes[i] ^= 0x5A }
        #expect(throws: CnnrtError.self) { try Image.decode(bytes, source: "corrupt") }
    }

    @Test func corruptJPEGDataIsAnError() throws {
        var bytes = try Self.picture(width: 40, height: 30, channels: 3).jpegData()
        // Destroy the Huffman tables: every marker after the header becomes garbage.
        for i in 20..<min(bytes.count, 400) { bytes[i] = UInt8(truncatingIfNeeded: i &* 31) }
        #expect(throws: CnnrtError.self) { try Image.decode(bytes, source: "corrupt") }
    }

    @Test func hostilePNGDimensionsAreRefusedFromTheHeader() throws {
        var bytes = try Self.picture(width: 4, height: 4, channels: 1).pngData()
        // IHDR data starts at byte 16: width, height (big-endian); its CRC covers bytes 12..<29.
        for (offset, value) in [(16, UInt32(200_000)), (20, UInt32(200_000))] {
            for k in 0..<4 { bytes[offset + k] = UInt8(truncatingIfNeeded: value >> (24 - 8 * k)) }
        }
        let crc = CRC32.checksum(bytes[12..<29])
        for k in 0..<4 { bytes[29 + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * k)) }
        #expect {
            try Image.decode(bytes, source: "huge.png")
        } throws: { error in
            guard case CnnrtError.limitExceeded(let reason) = error else { return false }
            return reason.contains("200000x200000")
        }
    }

    @Test func hostileJPEGDimensionsAreRefusedFromTheHeader() throws {
        var bytes = try Self.picture(width: 8, height: 8, channels: 3).jpegData()
        // The baseline frame header FF C0: length (2), precision (1), height (2), width (2).
        let sof = try #require((0..<(bytes.count - 1)).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        // 65280 a side: under libjpeg's own maximum (65500), far over cnnrt's limits.
        for k in [5, 7] { (bytes[sof + k], bytes[sof + k + 1]) = (0xFF, 0x00) }
        #expect {
            try Image.decode(bytes, source: "huge.jpg")
        } throws: { error in
            guard case CnnrtError.limitExceeded(let reason) = error else { return false }
            return reason.contains("65280x65280")
        }
    }

    @Test func limitsAreConfigurable() throws {
        let bytes = try Self.picture(width: 30, height: 20, channels: 1).pngData()
        #expect(throws: CnnrtError.self) { try Image.decode(bytes, limits: ImageLimits(maxPixels: 599)) }
        #expect(throws: CnnrtError.self) { try Image.decode(bytes, limits: ImageLimits(maxSide: 29)) }
        #expect(try Image.decode(bytes, limits: ImageLimits(maxPixels: 600, maxSide: 30)).width == 30)
    }

    @Test func imageInitChecksItsParts() {
        #expect(throws: CnnrtError.self) { try Image(width: 2, height: 2, channels: 2, pixels: [UInt8](repeating: 0, count: 8)) }
        #expect(throws: CnnrtError.self) { try Image(width: 2, height: 2, channels: 1, pixels: [0, 0, 0]) }
        #expect(throws: CnnrtError.self) { try Image(width: 0, height: 2, channels: 1, pixels: []) }
    }
}

/// The CRC-32 that PNG chunks carry (ISO 3309, reflected, polynomial 0xEDB88320).
enum CRC32 {
    static func checksum<C: Collection>(_ bytes: C) -> UInt32 where C.Element == UInt8 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
