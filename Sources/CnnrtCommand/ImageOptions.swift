import ArgumentParser
import Cnnrt
import CnnrtImage

/// The `run` options that say how PNG and JPEG inputs become tensors (see `ImagePreprocessing`).
struct ImageOptions: ParsableArguments {
    @Option(name: .customLong("preprocess"),
            help: """
                Image preset: imagenet (resize 256, crop 224, ImageNet mean/std), mnist (28x28 gray in [0,1]) \
                or none (the default: the model's input size, pixels in [0,1]). The flags below override it.
                """)
    var preset: String?

    @Option(help: "Resize the image's shorter side to N pixels (default: just cover the crop).")
    var size: Int?

    @Option(help: "Center-crop to N or WxH pixels (default: the model input's width and height).")
    var crop: String?

    @Option(help: "Multiply 0-255 pixel values by this first (default 1/255).")
    var scale: Float?

    @Option(help: "Subtract per channel after scaling: one value or one per channel, comma-separated.")
    var mean: String?

    @Option(help: "Divide per channel after subtracting the mean: one value or one per channel.")
    var std: String?

    @Flag(help: "Feed channels in blue, green, red order.")
    var bgr = false

    func validate() throws {
        _ = try preprocessing()
    }

    /// The preprocessing the flags describe.
    func preprocessing() throws -> ImagePreprocessing {
        var result = ImagePreprocessing()
        if let preset {
            guard let named = ImagePreprocessing.presets[preset] else {
                let names = ImagePreprocessing.presets.keys.sorted().joined(separator: ", ")
                throw ValidationError("unknown --preprocess '\(preset)' (presets: \(names))")
            }
            result = named
        }
        if let size {
            guard size > 0 else { throw ValidationError("--size must be positive") }
            result.resize = size
        }
        if let crop {
            let parts = crop.lowercased().split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(parts.count), parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw ValidationError("--crop takes N or WxH with positive sizes, not '\(crop)'")
            }
            result.cropWidth = parts[0]!
            result.cropHeight = parts.last!!
        }
        if let scale { result.scale = scale }
        if let mean { result.mean = try Self.floats(mean, flag: "--mean") }
        if let std { result.std = try Self.floats(std, flag: "--std") }
        if bgr { result.bgr = true }
        return result
    }

    private static func floats(_ text: String, flag: String) throws -> [Float] {
        let values = text.split(separator: ",").map { Float($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw ValidationError("\(flag) takes comma-separated numbers, not '\(text)'")
        }
        return values.map { $0! }
    }
}
