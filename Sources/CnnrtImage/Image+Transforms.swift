extension Image {
    /// The image with `channels` channels: RGB to gray uses ITU-R BT.601 luma (0.299 R + 0.587 G +
    /// 0.114 B, as PIL's "L" mode does); gray to RGB repeats the value.
    public func converted(toChannels target: Int) -> Image {
        precondition(target == 1 || target == 3, "images have 1 or 3 channels")
        if target == channels { return self }
        let count = width * height
        var out = [UInt8](repeating: 0, count: count * target)
        if target == 1 {
            for i in 0..<count {
                let r = Float(pixels[3 * i]), g = Float(pixels[3 * i + 1]), b = Float(pixels[3 * i + 2])
                out[i] = UInt8((0.299 * r + 0.587 * g + 0.114 * b).rounded())
            }
        } else {
            for i in 0..<count {
                out[3 * i] = pixels[i]
                out[3 * i + 1] = pixels[i]
                out[3 * i + 2] = pixels[i]
            }
        }
        return Image(unchecked: width, height: height, channels: target, pixels: out)
    }

    /// The image resampled to `newWidth` x `newHeight` with a triangle (bilinear) filter whose support
    /// widens when shrinking, so a large photo is averaged rather than aliased (PIL's BILINEAR, which
    /// torchvision's `Resize` uses on images).
    public func resized(width newWidth: Int, height newHeight: Int) -> Image {
        precondition(newWidth > 0 && newHeight > 0, "an image needs at least one pixel")
        if newWidth == width && newHeight == height { return self }
        let columns = ResampleWeights(source: width, target: newWidth)
        let rows = ResampleWeights(source: height, target: newHeight)
        // Horizontal pass into floats, then vertical pass with rounding.
        var horizontal = [Float](repeating: 0, count: height * newWidth * channels)
        for y in 0..<height {
            for x in 0..<newWidth {
                let (first, weights) = columns.taps[x]
                for c in 0..<channels {
                    var sum: Float = 0
                    for (k, w) in weights.enumerated() { sum += w * Float(pixels[offset(x: first + k, y: y) + c]) }
                    horizontal[(y * newWidth + x) * channels + c] = sum
                }
            }
        }
        var out = [UInt8](repeating: 0, count: newHeight * newWidth * channels)
        let rowStride = newWidth * channels
        for y in 0..<newHeight {
            let (first, weights) = rows.taps[y]
            for i in 0..<rowStride {
                var sum: Float = 0
                for (k, w) in weights.enumerated() { sum += w * horizontal[(first + k) * rowStride + i] }
                out[y * rowStride + i] = UInt8(min(max(sum.rounded(), 0), 255))
            }
        }
        return Image(unchecked: newWidth, height: newHeight, channels: channels, pixels: out)
    }

    /// The centered `cropWidth` x `cropHeight` region (when the size is odd, the extra pixel is on the
    /// right or bottom, as torchvision's `CenterCrop`).
    public func centerCropped(width cropWidth: Int, height cropHeight: Int) -> Image {
        precondition(cropWidth > 0 && cropHeight > 0 && cropWidth <= width && cropHeight <= height,
                     "crop \(cropWidth)x\(cropHeight) does not fit in \(width)x\(height)")
        if cropWidth == width && cropHeight == height { return self }
        let left = Int((Double(width - cropWidth) / 2).rounded())
        let top = Int((Double(height - cropHeight) / 2).rounded())
        var out: [UInt8] = []
        out.reserveCapacity(cropWidth * cropHeight * channels)
        for y in top..<(top + cropHeight) {
            let start = offset(x: left, y: y)
            out.append(contentsOf: pixels[start..<(start + cropWidth * channels)])
        }
        return Image(unchecked: cropWidth, height: cropHeight, channels: channels, pixels: out)
    }
}

/// For each output position along one axis: the first input position and the normalized weights of
/// the input positions from there on.
struct ResampleWeights {
    var taps: [(first: Int, weights: [Float])]

    init(source: Int, target: Int) {
        let scale = Double(source) / Double(target)
        let support = max(scale, 1)
        taps = (0..<target).map { i in
            let center = (Double(i) + 0.5) * scale
            let first = max(Int((center - support).rounded(.down)), 0)
            let last = min(Int((center + support).rounded(.up)), source - 1)
            var weights: [Float] = []
            for j in first...last {
                let distance = abs(Double(j) + 0.5 - center) / support
                weights.append(Float(max(0, 1 - distance)))
            }
            let total = weights.reduce(0, +)
            if total > 0 {
                weights = weights.map { $0 / total }
            } else {
                // Cannot happen for positive sizes; keep the nearest pixel to be safe.
                weights = weights.indices.map { $0 == 0 ? 1 : 0 }
            }
            return (first, weights)
        }
    }
}
