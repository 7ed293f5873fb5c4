import Cnnrt

/// What one fuzz input goes through: everything cnnrt does with an untrusted file before and while
/// running it. Errors are expected and ignored; a crash, a sanitizer report, a leak, a timeout or an
/// allocation over libFuzzer's limit is a finding. A broken invariant is turned into a crash on purpose.
enum FuzzHarness {
    /// Smaller than the defaults so that a legitimately large allocation is not mistaken for a finding
    /// under libFuzzer's 2 GiB malloc limit, while every check still runs.
    static let limits = ModelLimits(maxMessageDepth: 64, maxTotalTensorBytes: 64 << 20)
    static let maxTensorBytes = 64 << 20
    /// Graph inputs are fed with zeros when all of them together have at most this many elements.
    static let maxRunElements = 1 << 12

    static func exercise(_ bytes: [UInt8]) {
        TensorLimits.$maxTensorBytes.withValue(maxTensorBytes) {
            tensorFiles(bytes)
            model(bytes)
        }
    }

    /// The same bytes as the two tensor file formats cnnrt reads.
    private static func tensorFiles(_ bytes: [UInt8]) {
        _ = try? Npy.decode(bytes, source: "fuzz.npy")
        _ = try? Tensor.decodeProto(bytes, limits: limits)
    }

    /// Load, validate, infer shapes, build a session, run it on zeros, and check the save round trip.
    private static func model(_ bytes: [UInt8]) {
        guard let model = try? Model(bytes: bytes, limits: limits) else { return }
        _ = try? model.validate()
        _ = model.inferShapes()
        roundTrip(model)
        guard let session = try? Session(model: model, options: SessionOptions(threads: 1,
                                                                              maxTensorBytes: maxTensorBytes))
        else { return }
        var feeds: [String: Tensor] = [:]
        var elements = 0
        for input in session.inputs {
            guard let type = input.elementType, type != .string, let shape = input.concreteShape,
                  let count = Shape.elementCount(shape) else { return }
            elements += count
            guard elements <= maxRunElements else { return }
            feeds[input.name] = Tensor(zeros: type, shape: shape)
        }
        _ = try? session.run(feeds)
    }

    /// A model that loads must save, and what it saves must load back and save to the same bytes.
    private static func roundTrip(_ model: Model) {
        guard let first = try? model.serialized() else { return }
        let reloaded: Model
        do {
            reloaded = try Model(bytes: first, limits: limits)
        } catch {
            fatalError("a saved model does not load back: \(error)")
        }
        guard let second = try? reloaded.serialized(), second == first else {
            fatalError("saving a reloaded model gives different bytes")
        }
    }
}
