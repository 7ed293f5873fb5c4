import Cnnrt

/// How an image becomes a model's input tensor: convert channels, resize, center-crop, then for each
/// channel `(pixel * scale - mean) / std`.
///
/// Unset sizes come from the model's input: the crop defaults to the input's height and width, and
/// without a resize size the image is scaled (keeping its aspect ratio) just enough to cover the crop.
/// One-channel inputs get a grayscale image, three-channel inputs RGB (or BGR with ``bgr``).
public struct ImagePreprocessing: Sendable, Equatable {
    /// The length the shorter side is resized to (aspect ratio kept); nil: just cover the crop.
    public var resize: Int?
    /// The crop width; nil: the model input's width.
    public var cropWidth: Int?
    /// The crop height; nil: the model input's height.
    public var cropHeight: Int?
    /// Each 0...255 pixel value is multiplied by this first.
    public var scale: Float
    /// Subtracted per channel after scaling (one value for all channels, or one per channel).
    public var mean: [Float]
    /// Divides per channel after the mean is subtracted (one value, or one per channel).
    public var std: [Float]
    /// Channel order blue, green, red (Caffe-style models) instead of red, green, blue.
    public var bgr: Bool

    /// A preprocessing; the defaults map pixels into [0, 1] at the model's input size.
    public init(resize: Int? = nil, cropWidth: Int? = nil, cropHeight: Int? = nil, scale: Float = 1.0 / 255,
                mean: [Float] = [0], std: [Float] = [1], bgr: Bool = false) {
        self.resize = resize
        self.cropWidth = cropWidth
        self.cropHeight = cropHeight
        self.scale = scale
        self.mean = mean
        self.std = std
        self.bgr = bgr
    }

    /// torchvision's ImageNet evaluation transform: resize to 256, center-crop 224, scale to [0, 1],
    /// normalize with ImageNet's channel means and standard deviations.
    public static let imagenet = ImagePreprocessing(
        resize: 256, cropWidth: 224, cropHeight: 224, mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])

    /// MNIST-style digits: 28x28 grayscale in [0, 1] (add `mean` 0.1307 and `std` 0.3081 for models
    /// trained with torchvision's MNIST normalization).
    public static let mnist = ImagePreprocessing(resize: 28, cropWidth: 28, cropHeight: 28)

    /// The named presets: `imagenet`, `mnist` and `none` (the defaults).
    public static let presets: [String: ImagePreprocessing] = [
        "imagenet": .imagenet, "mnist": .mnist, "none": ImagePreprocessing(),
    ]

    /// The input tensor for `input` made from `image`.
    ///
    /// The input's layout is NCHW, or NHWC when its last dimension is 1 or 3 and its second is not;
    /// the batch is 1.
    /// - Throws: `CnnrtError.invalidInput` when the input is not an image-shaped float tensor, the crop
    ///   does not fit, or `mean`/`std` do not match the channel count.
    public func tensor(from image: Image, for input: ValueInfo) throws -> Tensor {
        let layout = try ImageInputLayout(input)
        let width = cropWidth ?? layout.width
        let height = cropHeight ?? layout.height
        guard let width, let height, width > 0, height > 0 else {
            throw CnnrtError.invalidInput(
                name: input.name, reason: "its height and width are not fixed \(input.shapeDescription); give a crop "
                    + "size (--crop)")
        }
        if let w = layout.width, let h = layout.height, w != width || h != height {
            throw CnnrtError.invalidInput(
                name: input.name, reason: "the crop \(width)x\(height) differs from the input's \(w)x\(h) "
                    + "\(input.shapeDescription)")
        }
        let prepared = try prepare(image.converted(toChannels: layout.channels), width: width, height: height,
                                   name: input.name)
        return try normalized(prepared, layout: layout, name: input.name)
    }

    /// Resizes and center-crops to `width` x `height`.
    func prepare(_ image: Image, width: Int, height: Int, name: String) throws -> Image {
        let factor: Double
        if let resize {
            guard resize > 0 else { throw CnnrtError.invalidInput(name: name, reason: "resize size must be positive") }
            factor = Double(resize) / Double(min(image.width, image.height))
        } else {
            factor = max(Double(width) / Double(image.width), Double(height) / Double(image.height))
        }
        let newWidth = max(1, Int((Double(image.width) * factor).rounded()))
        let newHeight = max(1, Int((Double(image.height) * factor).rounded()))
        guard newWidth >= width, newHeight >= height else {
            throw CnnrtError.invalidInput(
                name: name, reason: "the crop \(width)x\(height) is larger than the resized image "
                    + "\(newWidth)x\(newHeight); raise the resize size (--size)")
        }
        guard let pixels = Shape.elementCount([newWidth, newHeight]), pixels <= ImageLimits.default.maxPixels else {
            throw CnnrtError.limitExceeded(reason: "resizing to \(newWidth)x\(newHeight) is over the image limits")
        }
        return image.resized(width: newWidth, height: newHeight).centerCropped(width: width, height: height)
    }

    /// Scales and normalizes into a float tensor laid out as the input wants.
    func normalized(_ image: Image, layout: ImageInputLayout, name: String) throws -> Tensor {
        let c = layout.channels
        for (label, values) in [("mean", mean), ("std", std)] where values.count != 1 && values.count != c {
            throw CnnrtError.invalidInput(
                name: name, reason: "\(values.count) \(label) values for \(c) channel\(c == 1 ? "" : "s")")
        }
        if std.contains(0) { throw CnnrtError.invalidInput(name: name, reason: "std must not be 0") }
        let plane = image.width * image.height
        var values = [Float](repeating: 0, count: plane * c)
        for channel in 0..<c {
            let source = bgr && c == 3 ? 2 - channel : channel
            let m = mean.count == 1 ? mean[0] : mean[channel]
            let s = std.count == 1 ? std[0] : std[channel]
            for i in 0..<plane {
                let v = (Float(image.pixels[i * c + source]) * scale - m) / s
                values[layout.channelsLast ? i * c + channel : channel * plane + i] = v
            }
        }
        let shape = layout.channelsLast ? [1, image.height, image.width, c] : [1, c, image.height, image.width]
        return Tensor(shape: shape, scalars: values)
    }
}

/// Where channels, height and width sit in an image input's shape.
struct ImageInputLayout {
    var channels: Int
    var height: Int?
    var width: Int?
    var channelsLast: Bool

    init(_ input: ValueInfo) throws {
        guard input.elementType == nil || input.elementType == .float else {
            throw CnnrtError.invalidInput(
                name: input.name, reason: "images feed float inputs; this one is \(input.elementType!)")
        }
        guard let dims = input.shape, dims.count == 4 else {
            throw CnnrtError.invalidInput(
                name: input.name,
                reason: "images feed rank-4 inputs (N, C, H, W); this one is \(input.shapeDescription)")
        }
        let second = dims[1].value, last = dims[3].value
        if let last, [1, 3].contains(last), !(second.map { [1, 3].contains($0) } ?? false) {
            channelsLast = true
            channels = last
            height = dims[1].value
            width = dims[2].value
        } else {
            channelsLast = false
            channels = second ?? 3
            height = dims[2].value
            width = dims[3].value
        }
        guard channels == 1 || channels == 3 else {
            throw CnnrtError.invalidInput(
                name: input.name,
                reason: "images feed inputs with 1 or 3 channels; this one is \(input.shapeDescription)")
        }
    }
}
