import Cnnrt
import CnnrtImage

/// Turns `PATH` / `NAME=PATH` arguments into named input tensors for a session.
enum InputBinding {
    /// One bound input: its name, the file it came from and the tensor.
    struct Bound {
        var name: String
        var path: String
        var tensor: Tensor
    }

    /// Binds each argument to an input; tensor files are read as they are, PNG and JPEG images are
    /// preprocessed for the input they feed.
    static func bind(_ arguments: [String], to session: Session,
                     images: ImagePreprocessing = ImagePreprocessing()) throws -> [Bound] {
        let expected = session.inputs
        let list = expected.map { "\($0.name) \($0.elementType.map { "\($0)" } ?? "?")\($0.shapeDescription)" }
            .joined(separator: ", ")
        var bound: [Bound] = []
        var position = 0
        for argument in arguments {
            let name: String
            let path: String
            if let eq = argument.firstIndex(of: "="), expected.contains(where: { $0.name == argument[..<eq] }) {
                name = String(argument[..<eq])
                path = String(argument[argument.index(after: eq)...])
            } else {
                // Positional inputs fill the inputs not yet bound by name, in graph order.
                while position < expected.count && bound.contains(where: { $0.name == expected[position].name }) {
                    position += 1
                }
                guard position < expected.count else {
                    throw CnnrtError.invalidInput(name: argument,
                                                  reason: "more inputs given than the model has (\(list))")
                }
                name = expected[position].name
                path = argument
            }
            guard !bound.contains(where: { $0.name == name }) else {
                throw CnnrtError.invalidInput(name: name, reason: "bound twice")
            }
            let info = expected.first { $0.name == name }!
            bound.append(Bound(name: name, path: path, tensor: try read(path, for: info, images: images)))
        }
        let missing = expected.filter { info in !bound.contains { $0.name == info.name } }
        guard missing.isEmpty else {
            throw CnnrtError.invalidInput(
                name: missing.map(\.name).joined(separator: ", "),
                reason: "missing; the model expects \(expected.count) input\(expected.count == 1 ? "" : "s"): \(list)")
        }
        return bound
    }

    private static func read(_ path: String, for info: ValueInfo, images: ImagePreprocessing) throws -> Tensor {
        if ImageFormat.isImagePath(path) {
            do {
                return try images.tensor(from: try Image.load(path: path), for: info)
            } catch CnnrtError.invalidInput(_, let reason) {
                throw CnnrtError.invalidInput(name: info.name, reason: "\(path): \(reason)")
            }
        }
        var tensor = try TensorFile.read(path: path).tensor
        if info.elementType == .float, tensor.elementType == .double {
            tensor = Tensor(shape: tensor.shape, scalars: tensor.scalars(as: Double.self).map { Float($0) })
        }
        return tensor
    }
}
