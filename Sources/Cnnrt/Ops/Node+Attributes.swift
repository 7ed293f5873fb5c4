/// Typed attribute access for operators; every failure names the node and the attribute.
extension Node {
    func invalid(_ reason: String) -> CnnrtError {
        .invalidNode(node: displayName, opType: opType, reason: reason)
    }

    private func typeMismatch(_ name: String, expected: String, got: AttributeValue) -> CnnrtError {
        invalid("attribute '\(name)' must be \(expected), got \(got.typeName)")
    }

    func hasAttribute(_ name: String) -> Bool { attribute(name) != nil }

    func int(_ name: String) throws -> Int? {
        guard let v = attribute(name) else { return nil }
        guard case .int(let i) = v else { throw typeMismatch(name, expected: "INT", got: v) }
        return i
    }

    func int(_ name: String, default value: Int) throws -> Int {
        try int(name) ?? value
    }

    func float(_ name: String) throws -> Float? {
        guard let v = attribute(name) else { return nil }
        switch v {
        case .float(let f): return f
        case .int(let i): return Float(i)   // some exporters write integral floats as INT
        default: throw typeMismatch(name, expected: "FLOAT", got: v)
        }
    }

    func float(_ name: String, default value: Float) throws -> Float {
        try float(name) ?? value
    }

    func string(_ name: String) throws -> String? {
        guard let v = attribute(name) else { return nil }
        guard case .string(let s) = v else { throw typeMismatch(name, expected: "STRING", got: v) }
        return s
    }

    func string(_ name: String, default value: String) throws -> String {
        try string(name) ?? value
    }

    func ints(_ name: String) throws -> [Int]? {
        guard let v = attribute(name) else { return nil }
        switch v {
        case .ints(let list): return list
        case .int(let i): return [i]
        default: throw typeMismatch(name, expected: "INTS", got: v)
        }
    }

    func floats(_ name: String) throws -> [Float]? {
        guard let v = attribute(name) else { return nil }
        switch v {
        case .floats(let list): return list
        case .float(let f): return [f]
        default: throw typeMismatch(name, expected: "FLOATS", got: v)
        }
    }

    func strings(_ name: String) throws -> [String]? {
        guard let v = attribute(name) else { return nil }
        guard case .strings(let list) = v else { throw typeMismatch(name, expected: "STRINGS", got: v) }
        return list
    }

    func tensor(_ name: String) throws -> Tensor? {
        guard let v = attribute(name) else { return nil }
        guard case .tensor(let t) = v else { throw typeMismatch(name, expected: "TENSOR", got: v) }
        return t
    }
}

extension Node {
    /// Checks that the node has between `min` and `max` inputs with the first `min` present (non-empty),
    /// and between `outputs.lowerBound` and `outputs.upperBound` outputs. After this check an operator may
    /// force-unwrap its first `min` inputs at run time: the session binds every present input.
    func requireArity(inputs: ClosedRange<Int>, outputs: ClosedRange<Int> = 1...1) throws {
        guard inputs.contains(self.inputs.count) else {
            throw invalid("expects \(inputs.lowerBound == inputs.upperBound ? "\(inputs.lowerBound)" : "\(inputs)") "
                + "inputs, has \(self.inputs.count)")
        }
        for i in 0..<inputs.lowerBound where self.inputs[i].isEmpty {
            throw invalid("required input \(i) is missing")
        }
        guard outputs.contains(self.outputs.count) else {
            throw invalid("expects \(outputs) outputs, has \(self.outputs.count)")
        }
        if self.outputs.first?.isEmpty ?? false { throw invalid("output 0 has no name") }
    }
}
