import Testing
@testable import Cnnrt

@Suite struct ResizeTests {
    /// 0 ... 15 as 1x1x4x4.
    let x = SO.iota([1, 1, 4, 4])
    let none: Tensor? = nil

    func scales(_ values: [Float]) -> Tensor { SO.f([values.count], values) }

    func linear(_ extra: [Attribute] = []) -> [Attribute] { [SO.string("mode", "linear")] + extra }

    @Test func bilinearHalfPixelMatchesPyTorch() throws {
        let y = try SO.run1(Resize.self, [x, none, scales([1, 1, 2, 2])], linear())
        #expect(y.shape == [1, 1, 8, 8])
        #expect(SO.close(y.reshaped([64]).sliceRow(0, 8), [0, 0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3]))
    }

    @Test func bilinearAlignCorners() throws {
        let y = try SO.run1(Resize.self, [x, none, scales([1, 1, 2, 2])],
                            linear([SO.string("coordinate_transformation_mode", "align_corners")]))
        #expect(SO.close(y.reshaped([64]).sliceRow(0, 8), (0..<8).map { 3 * Double($0) / 7 }))
    }

    @Test func bilinearDownscaleByHalf() throws {
        let y = try SO.run1(Resize.self, [x, none, scales([1, 1, 0.5, 0.5])], linear())
        #expect(SO.close(y, [2.5, 4.5, 10.5, 12.5], shape: [1, 1, 2, 2]))
    }

    /// On the ramp f(r, c) = r + c, bilinear sampling is exact at clamped half-pixel coordinates.
    @Test(arguments: [Float(0.5), 2])
    func featureMapScaling(scale: Float) throws {
        var values = [Float]()
        for _ in 0..<16 { for r in 0..<28 { for c in 0..<28 { values.append(Float(r + c)) } } }
        let y = try SO.run1(Resize.self, [SO.f([1, 16, 28, 28], values), none, scales([1, 1, scale, scale])], linear())
        let n = Int(28 * scale)
        #expect(y.shape == [1, 16, n, n])
        func source(_ i: Int) -> Double { min(max((Double(i) + 0.5) / Double(scale) - 0.5, 0), 27) }
        var expected = [Double]()
        for _ in 0..<16 { for r in 0..<n { for c in 0..<n { expected.append(source(r) + source(c)) } } }
        #expect(SO.close(y, expected))
    }

    @Test func sizesInputAndAxes() throws {
        let bySizes = try SO.run1(Resize.self, [x, none, none, SO.i64([1, 1, 2, 2])], linear())
        #expect(SO.close(bySizes, [2.5, 4.5, 10.5, 12.5], shape: [1, 1, 2, 2]))
        let byAxes = try SO.run1(Resize.self, opset: 18, [x, none, scales([0.5, 0.5])],
                                 linear([SO.ints("axes", [2, -1])]))
        #expect(SO.close(byAxes, [2.5, 4.5, 10.5, 12.5], shape: [1, 1, 2, 2]))
    }

    @Test func keepAspectRatioPolicies() throws {
        // Sizes 2 x 3 for a 4 x 4 input: scales 0.5 and 0.75.
        let smaller = try SO.run1(Resize.self, opset: 18, [x, none, none, SO.i64([2, 3])],
                                  linear([SO.ints("axes", [2, 3]),
                                          SO.string("keep_aspect_ratio_policy", "not_larger")]))
        #expect(SO.close(smaller, [2.5, 4.5, 10.5, 12.5], shape: [1, 1, 2, 2]))
        let larger = try SO.run1(Resize.self, opset: 18, [x, none, none, SO.i64([2, 3])],
                                 linear([SO.ints("axes", [2, 3]),
                                         SO.string("keep_aspect_ratio_policy", "not_smaller")]))
        #expect(larger.shape == [1, 1, 3, 3])
        SO.fails { _ = try SO.run(Resize.self, opset: 18, [x, none, scales([1, 1, 2, 2])],
                                  [SO.string("keep_aspect_ratio_policy", "not_larger")]) }
    }

    @Test func nearestSpecExample() throws {
        // Default half_pixel with round_prefer_floor.
        let y = try SO.run1(Resize.self, [SO.f([1, 1, 2, 2], [1, 2, 3, 4]), none, scales([1, 1, 2, 3])])
        let row1: [Float] = [1, 1, 1, 2, 2, 2], row2: [Float] = [3, 3, 3, 4, 4, 4]
        #expect(y == SO.f([1, 1, 4, 6], row1 + row1 + row2 + row2))
    }

    @Test(arguments: [("round_prefer_floor", [Float](arrayLiteral: 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4)),
                      ("round_prefer_ceil", [1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4]),
                      ("floor", [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]),
                      ("ceil", [1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 4])])
    func nearestModesWithAsymmetricCoordinates(mode: String, expected: [Float]) throws {
        // x / 3 for x = 0 ..< 12: 0, 1/3, 2/3, 1, ...
        let y = try SO.run1(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), none, scales([1, 3])],
                            [SO.string("coordinate_transformation_mode", "asymmetric"),
                             SO.string("nearest_mode", mode)])
        #expect(y == SO.f([1, 12], expected))
    }

    @Test func nearestHalfwayTies() throws {
        // Asymmetric x / 2 hits exact halves: prefer_floor keeps the lower, prefer_ceil the upper.
        let attrs = [SO.string("coordinate_transformation_mode", "asymmetric")]
        let floor = try SO.run1(Resize.self, [SO.f([4], [1, 2, 3, 4]), none, scales([2])], attrs)
        #expect(floor == SO.f([8], [1, 1, 2, 2, 3, 3, 4, 4]))
        let ceil = try SO.run1(Resize.self, [SO.f([4], [1, 2, 3, 4]), none, scales([2])],
                               attrs + [SO.string("nearest_mode", "round_prefer_ceil")])
        #expect(ceil == SO.f([8], [1, 2, 2, 3, 3, 4, 4, 4]))
    }

    @Test func nearestOnIntegersAndTfHalfPixel() throws {
        let bytes = Tensor(shape: [1, 4], scalars: [UInt8(1), 2, 3, 4])
        let y = try SO.run1(Resize.self, [bytes, none, scales([1, 0.5])],
                            [SO.string("coordinate_transformation_mode", "tf_half_pixel_for_nn")])
        // (x + 0.5) / 0.5 = 1, 3.
        #expect(y == Tensor(shape: [1, 2], scalars: [UInt8(2), 4]))
    }

    @Test func pytorchHalfPixelToOneElement() throws {
        let y = try SO.run1(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), none, none, SO.i64([1, 1])],
                            linear([SO.string("coordinate_transformation_mode", "pytorch_half_pixel")]))
        #expect(y == SO.f([1, 1], [1]))
        let half = try SO.run1(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), none, none, SO.i64([1, 1])], linear())
        #expect(half == SO.f([1, 1], [2.5]))
    }

    @Test func alignCornersUsesTheUnroundedOutputLength() throws {
        // ONNX's reference: 2x4 scaled by 0.6 gives 1x2; x = 1 maps to 1 * 3 / (2.4 - 1).
        let y = try SO.run1(Resize.self, [SO.f([1, 1, 2, 4], [1, 2, 3, 4, 5, 6, 7, 8]), none, scales([1, 1, 0.6, 0.6])],
                            linear([SO.string("coordinate_transformation_mode", "align_corners")]))
        #expect(SO.close(y, [1, 1 + 3 / 1.4], shape: [1, 1, 1, 2]))
    }

    @Test func cubic() throws {
        let line = SO.f([1, 4], [1, 2, 3, 4])
        let y = try SO.run1(Resize.self, [line, none, scales([1, 2])], [SO.string("mode", "cubic")])
        #expect(SO.close(y, [0.89453125, 1.19140625, 1.66796875, 2.296875, 2.703125, 3.33203125, 3.80859375,
                             4.10546875], shape: [1, 8]))
        let excluded = try SO.run1(Resize.self, [line, none, scales([1, 2])],
                                   [SO.string("mode", "cubic"), SO.float("cubic_coeff_a", -0.5),
                                    SO.int("exclude_outside", 1)])
        #expect(SO.close(excluded, [0.9117647058823528, 1.167883211678832, 1.7099236641221374, 2.25, 2.75,
                                    3.2900763358778624, 3.832116788321168, 4.088235294117647]))
        let asym = try SO.run1(Resize.self, [line, none, scales([1, 2])],
                               [SO.string("mode", "cubic"), SO.string("coordinate_transformation_mode", "asymmetric")])
        #expect(SO.close(asym, [1, 1.40625, 2, 2.5, 3, 3.59375, 4, 4.09375]))
        // ONNX's test_resize_upsample_scales_cubic starts with 0.47265625.
        let grid = try SO.run1(Resize.self, [SO.f([1, 1, 4, 4], (1...16).map(Float.init)), none, scales([1, 1, 2, 2])],
                               [SO.string("mode", "cubic")])
        #expect(abs(grid.floats[0] - 0.47265625) < 1e-6)
    }

    @Test func antialiasedLinearDownscale() throws {
        // Kernel stretched by 2: taps at distances (-1.5, -0.5, 0.5, 1.5) / 2 weigh 1, 3, 3, 1 over 8.
        let y = try SO.run1(Resize.self, opset: 18, [SO.f([4], [0, 1, 2, 3]), none, scales([0.5])],
                            linear([SO.int("antialias", 1)]))
        #expect(SO.close(y, [0.625, 2.375], shape: [2]))
        let vanishing = try SO.run1(Resize.self, opset: 18, [SO.f([4], [0, 1, 2, 3]), none, scales([1e-30])],
                                    linear([SO.int("antialias", 1)]))
        #expect(vanishing.shape == [0])
        SO.fails { try SO.make(Resize.self, opset: 18, inputs: 3, [SO.int("antialias", 1)]) }
    }

    @Test func antialiasedCubicDownscale() throws {
        // Eight taps at distances (i - 0.5) / 2 for i = -3 ... 4; their cubic weights sum to 2.
        let y = try SO.run1(Resize.self, opset: 18, [SO.f([4], [0, 1, 2, 3]), none, scales([0.5])],
                            [SO.string("mode", "cubic"), SO.int("antialias", 1)])
        #expect(SO.close(y, [0.490234375, 2.509765625], shape: [2]))
    }

    @Test func halfPixelSymmetric() throws {
        // 4 -> floor(2.4) = 2: offset 2 * (1 - 2 / 2.4) = 1/3, x_original = 1/3 + (x + 0.5) / 0.6 - 0.5.
        let y = try SO.run1(Resize.self, opset: 19, [SO.f([1, 4], [1, 2, 3, 4]), none, scales([1, 0.6])],
                            linear([SO.string("coordinate_transformation_mode", "half_pixel_symmetric")]))
        #expect(SO.close(y, [1 + 2.0 / 3, 3 + 1.0 / 3], shape: [1, 2]))
    }

    @Test func tfCropAndResizeExtrapolates() throws {
        // roi 0.5 ... 1.5 of a length-4 axis: x_original = 1.5 + 1.5 x = 1.5, 3, 4.5 (outside).
        let roi = SO.f([4], [0, 0.5, 1, 1.5])
        let attrs = [SO.string("coordinate_transformation_mode", "tf_crop_and_resize"),
                     SO.float("extrapolation_value", 10)]
        let y = try SO.run1(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), roi, none, SO.i64([1, 3])], linear(attrs))
        #expect(SO.close(y, [2.5, 4, 10], shape: [1, 3]))
        let nearest = try SO.run1(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), roi, none, SO.i64([1, 3])], attrs)
        #expect(nearest == SO.f([1, 3], [2, 4, 10]))
        SO.fails { _ = try SO.run(Resize.self, [SO.f([1, 4], [1, 2, 3, 4]), none, none, SO.i64([1, 3])], attrs) }
    }

    @Test func opset10UsesAsymmetricFloorUpAndCeilDown() throws {
        let y = try SO.run1(Resize.self, opset: 10, [SO.f([1, 1, 2, 2], [1, 2, 3, 4]), scales([1, 1, 2, 3])])
        let row1: [Float] = [1, 1, 1, 2, 2, 2], row2: [Float] = [3, 3, 3, 4, 4, 4]
        #expect(y == SO.f([1, 1, 4, 6], row1 + row1 + row2 + row2))
        // Shrinking by 0.6: x / 0.6 = 0, 1.67, which rounds up.
        let down = try SO.run1(Resize.self, opset: 10, [SO.f([4], [1, 2, 3, 4]), scales([0.6])])
        #expect(down == SO.f([2], [1, 3]))
        SO.fails { try SO.make(Resize.self, opset: 10, inputs: 2, [SO.string("mode", "cubic")]) }
    }

    @Test func rejectsBadArguments() {
        let line = SO.f([1, 4], [1, 2, 3, 4])
        SO.fails { _ = try SO.run(Resize.self, [line, none, scales([1, 2]), SO.i64([1, 8])]) }
        SO.fails { _ = try SO.run(Resize.self, [line, none, none, none]) }
        SO.fails { _ = try SO.run(Resize.self, [line, none, scales([2])]) }
        SO.fails { _ = try SO.run(Resize.self, [line, none, scales([1, 0])]) }
        SO.fails { _ = try SO.run(Resize.self, [line, none, scales([1, -2])]) }
        SO.fails { _ = try SO.run(Resize.self, [line, none, none, SO.i64([1, -1])]) }
        SO.fails { _ = try SO.run(Resize.self, [SO.i64([1, 2]), none, scales([2])], linear()) }
        SO.fails { _ = try SO.run(Resize.self, [SO.f([0], []), none, none, SO.i64([2])]) }
        SO.fails { try SO.make(Resize.self, inputs: 3, [SO.string("mode", "area")]) }
        SO.fails { try SO.make(Resize.self, inputs: 3, [SO.string("coordinate_transformation_mode", "center")]) }
        SO.fails { try SO.make(Resize.self, inputs: 3, [SO.string("nearest_mode", "simple")]) }
        SO.fails { try SO.make(Resize.self, opset: 12, inputs: 1) }
    }
}

@Suite struct UpsampleTests {
    let x = SO.f([1, 1, 2, 2], [1, 2, 3, 4])

    @Test func nearestWithScalesAttribute() throws {
        let y = try SO.run1(Upsample.self, opset: 7, [x], [Attribute("scales", .floats([1, 1, 2, 2]))])
        #expect(y == SO.f([1, 1, 4, 4], [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4]))
    }

    @Test func nearestWithScalesInput() throws {
        let y = try SO.run1(Upsample.self, opset: 9, [x, SO.f([4], [1, 1, 2, 3])])
        let row1: [Float] = [1, 1, 1, 2, 2, 2], row2: [Float] = [3, 3, 3, 4, 4, 4]
        #expect(y == SO.f([1, 1, 4, 6], row1 + row1 + row2 + row2))
    }

    @Test func linearUsesAsymmetricCoordinates() throws {
        let y = try SO.run1(Upsample.self, opset: 9, [x, SO.f([4], [1, 1, 2, 2])], [SO.string("mode", "linear")])
        #expect(SO.close(y, [1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 3.5, 4, 4, 3, 3.5, 4, 4], shape: [1, 1, 4, 4]))
    }

    @Test func rejectsBadArguments() {
        SO.fails { _ = try SO.run(Upsample.self, opset: 9, [x, SO.f([4], [1, 1, 0.5, 1])]) }
        SO.fails { _ = try SO.run(Upsample.self, opset: 9, [x, SO.f([2], [2, 2])]) }
        SO.fails { try SO.make(Upsample.self, opset: 7) }
        SO.fails { try SO.make(Upsample.self, opset: 9, inputs: 2, [SO.string("mode", "cubic")]) }
    }
}

extension Tensor {
    /// Elements `start ..< start + count` of a float32 tensor, as Double.
    fileprivate func sliceRow(_ start: Int, _ count: Int) -> Tensor {
        Tensor(shape: [count], scalars: Array(floats[start..<(start + count)]))
    }
}
