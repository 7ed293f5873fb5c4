import Cnnrt

/// Turns `PATH` / `NAME=PATH` arguments into named input tensors for a session.
enum InputBinding {
    static func bind(_ arguments: [String], to session: Session) throws -> [String: Tensor] {
        let expected = session.inputs
        let list = expected.map { "\($0.name) \($0.elementType.map { "\($0)" } ?? "?")\($0.shapeDescription)" }
            .joined(separator: ", ")
        var feeds: [String: Tensor] = [:]
        var position = 0
        for argument in arguments {
            let name: String
            let path: String
            if let eq = argument.firstIndex(of: "="), expected.contains(where: { $0.name == argument[..<eq] }) {
                name = String(argument[..<eq])
                path = String(argument[argument.index(after: eq)...])
            } else {
                // Positional inputs fill the inputs not yet bound by name, in graph order.
                while position < expected.count && feeds[expected[position].name] != nil { position += 1 }
                guard position < expected.count else {
                    throw CnnrtError.invalidInput(name: argument, reason: "more inputs given than the model has (\(list))")
                }
                name = expected[position].name
                path = argument
            }
            guard feeds[name] == nil else { throw CnnrtError.invalidInput(name: name, reason: "bound twice") }
            var tensor = try TensorFile.read(path: path).tensor
            if let want = expected.first(where: { $0.name == name })?.elementType,
               want == .float, tensor.elementType == .double {
                tensor = Tensor(shape: tensor.shape, scalars: tensor.scalars(as: Double.self).map { Float($0) })
            }
            feeds[name] = tensor
        }
        let missing = expected.filter { feeds[$0.name] == nil }
        guard missing.isEmpty else {
            throw CnnrtError.invalidInput(
                name: missing.map(\.name).joined(separator: ", "),
                reason: "missing; the model expects \(expected.count) input\(expected.count == 1 ? "" : "s"): \(list)")
        }
        return feeds
    }
}
