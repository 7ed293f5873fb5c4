import Testing
@testable import Cnnrt
@testable import CnnrtImage

/// Resizing, cropping, channel conversion and normalization into input tensors.
@Suite struct ImagePreprocessingTests {
    static func input(_ dims: [Dimension], name: String = "x") -> ValueInfo {
        ValueInfo(name: name, elementType: .float, shape: dims)
    }

    static func nchw(_ c: Int, _ h: Int, _ w: Int) -> ValueInfo {
        input([.symbol("N"), .value(c), .value(h), .value(w)])
    }

    @Test func grayConversionUsesLuma() throws {
        let rgb = try Image(width: 2, height: 1, channels: 3, pixels: [255, 0, 0, 10, 20, 30])
        let gray = rgb.converted(toChannels: 1)
        let expected = [0.299 * 255, 0.299 * 10 + 0.587 * 20 + 0.114 * 30].map { UInt8(($0 as Double).rounded()) }
        #expect(gray.pixels == expected)
        #expect(gray.converted(toChannels: 3).pixels == [76, 76, 76, 18, 18, 18])
    }

    @Test func resizingAConstantImageKeepsItConstant() throws {
        let image = try Image(width: 17, height: 9, channels: 3, pixels: [UInt8](repeating: 123, count: 17 * 9 * 3))
        for (w, h) in [(5, 3), (40, 21), (17, 4), (1, 1)] {
            let resized = image.resized(width: w, height: h)
            #expect(resized.width == w && resized.height == h)
            #expect(resized.pixels.allSatisfy { $0 == 123 })
        }
    }

    @Test func halvingAveragesPairs() throws {
        // Halving with a triangle filter of support 2: each output mixes its two pixels with weight
        // 3/8 each and the outer neighbours with 1/8 (edges renormalize).
        let row: [UInt8] = [0, 80, 160, 240]
        let image = try Image(width: 4, height: 1, channels: 1, pixels: row)
        let half = image.resized(width: 2, height: 1)
        let left = (0.375 * 0 + 0.375 * 80 + 0.125 * 160) / 0.875
        let right = (0.125 * 80 + 0.375 * 160 + 0.375 * 240) / 0.875
        #expect(half.pixels == [UInt8(left.rounded()), UInt8(right.rounded())])
    }

    @Test func centerCropTakesTheMiddle() throws {
        let pixels = (0..<30).map { UInt8($0) }
        let image = try Image(width: 6, height: 5, channels: 1, pixels: pixels)
        let crop = image.centerCropped(width: 2, height: 3)
        // Left (6-2)/2 = 2, top (5-3)/2 = 1.
        #expect(crop.pixels == [8, 9, 14, 15, 20, 21])
    }

    @Test func normalizesPerChannelInNCHW() throws {
        let image = try Image(width: 1, height: 2, channels: 3, pixels: [10, 20, 30, 40, 50, 60])
        let p = ImagePreprocessing(scale: 0.5, mean: [1, 2, 3], std: [2, 4, 8])
        let t = try p.tensor(from: image, for: Self.nchw(3, 2, 1))
        #expect(t.shape == [1, 3, 2, 1])
        let expected: [Float] = [(5 - 1) / 2, (20 - 1) / 2, (10 - 2) / 4, (25 - 2) / 4, (15 - 3) / 8, (30 - 3) / 8]
        #expect(t.floats == expected)
    }

    @Test func bgrSwapsChannelsAndNHWCInterleaves() throws {
        let image = try Image(width: 1, height: 1, channels: 3, pixels: [10, 20, 30])
        var p = ImagePreprocessing(scale: 1)
        p.bgr = true
        #expect(try p.tensor(from: image, for: Self.nchw(3, 1, 1)).floats == [30, 20, 10])
        let square = try Image(width: 2, height: 2, channels: 3, pixels: (1...12).map { UInt8($0) })
        let nhwc = Self.input([.value(1), .value(2), .value(2), .value(3)])
        let t = try ImagePreprocessing(scale: 1).tensor(from: square, for: nhwc)
        #expect(t.shape == [1, 2, 2, 3])
        #expect(t.floats == (1...12).map { Float($0) })
    }

    @Test func imagenetPresetResizesAndCrops() throws {
        let image = try ImageCodecTests.picture(width: 400, height: 300, channels: 3)
        let t = try ImagePreprocessing.imagenet.tensor(from: image, for: Self.input([.symbol("N"), .value(3), .unknown,
                                                                                    .unknown]))
        #expect(t.shape == [1, 3, 224, 224])
        let values = t.floats
        // Normalized values of 0...255 pixels stay within (0 - mean) / std ... (1 - mean) / std.
        #expect(values.min()! >= -0.485 / 0.229 - 1e-5 && values.max()! <= (1 - 0.406) / 0.225 + 1e-5)
    }

    @Test func defaultCoversTheModelInputKeepingAspect() throws {
        let image = try ImageCodecTests.picture(width: 60, height: 30, channels: 1)
        let t = try ImagePreprocessing().tensor(from: image, for: Self.nchw(1, 10, 10))
        #expect(t.shape == [1, 1, 10, 10])
        #expect(t.floats.allSatisfy { $0 >= 0 && $0 <= 1 })
        // The same as resizing to 20x10 and cropping the middle by hand.
        let manual = image.resized(width: 20, height: 10).centerCropped(width: 10, height: 10)
        #expect(t.floats == manual.pixels.map { Float($0) * (1.0 / 255) })
    }

    @Test func mistakesAreClearErrors() throws {
        let image = try ImageCodecTests.picture(width: 8, height: 8, channels: 3)
        let cases: [(ImagePreprocessing, ValueInfo, String)] = [
            (ImagePreprocessing(resize: 8, cropWidth: 16, cropHeight: 16), Self.input([.value(1), .value(3), .unknown,
                                                                                       .unknown]), "larger"),
            (ImagePreprocessing(mean: [1, 2]), Self.nchw(3, 4, 4), "mean"),
            (ImagePreprocessing(std: [0]), Self.nchw(3, 4, 4), "std"),
            (ImagePreprocessing(), Self.input([.value(1), .value(3), .unknown, .unknown]), "--crop"),
            (ImagePreprocessing(), Self.input([.value(1), .value(10)]), "rank-4"),
            (ImagePreprocessing(), Self.nchw(4, 4, 4), "1 or 3 channels"),
            (ImagePreprocessing(cropWidth: 5, cropHeight: 5), Self.nchw(3, 4, 4), "differs"),
        ]
        for (preprocessing, input, words) in cases {
            #expect {
                try preprocessing.tensor(from: image, for: input)
            } throws: { error in
                guard case CnnrtError.invalidInput(_, let reason) = error else { return false }
                return reason.contains(words)
            }
        }
    }

    @Test func digitPNGMatchesTheFixtureArray() throws {
        // digit_3.png holds the same pixels as digit_3.npy, quantized to 8 bits.
        let image = try Image.load(path: TestModels.fixture("lenet_digits", "digit_3.png"))
        let t = try ImagePreprocessing().tensor(from: image, for: Self.nchw(1, 28, 28))
        let reference = try Npy.read(path: TestModels.fixture("lenet_digits", "digit_3.npy")).floats
        let worst = zip(t.floats, reference).map { abs($0 - $1) }.max() ?? 1
        #expect(worst <= 0.5 / 255 + 1e-6)
    }
}
