import Cnnrt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C string owned by a handle: copied once, freed with the handle.
final class OwnedCString {
    let pointer: UnsafeMutablePointer<CChar>

    init(_ text: String) {
        pointer = strdup(text)!
    }

    deinit {
        free(pointer)
    }
}

/// What `cnnrt_model *` points to: a compiled session and the names the C caller reads.
final class ModelHandle {
    let session: Session
    let inputNames: [OwnedCString]
    let outputNames: [OwnedCString]

    init(model: Model) throws {
        session = try Session(model: model)
        inputNames = session.inputs.map { OwnedCString($0.name) }
        outputNames = session.outputs.map { OwnedCString($0.name) }
    }

    /// Runs on inputs decoded from the C array; positional inputs take the next unbound input.
    func run(_ inputs: [(name: String?, tensor: Tensor)]) throws -> OutputsHandle {
        var feeds: [String: Tensor] = [:]
        var position = 0
        for input in inputs {
            let name: String
            if let given = input.name {
                name = given
            } else {
                while position < session.inputs.count && feeds[session.inputs[position].name] != nil { position += 1 }
                guard position < session.inputs.count else {
                    throw CnnrtError.invalidInput(name: "#\(position)", reason: "more inputs given than the model has")
                }
                name = session.inputs[position].name
            }
            guard feeds[name] == nil else { throw CnnrtError.invalidInput(name: name, reason: "bound twice") }
            feeds[name] = input.tensor
        }
        let results = try session.run(feeds)
        return OutputsHandle(session.outputs.compactMap { info in results[info.name].map { (info.name, $0) } })
    }
}

/// What `cnnrt_outputs *` points to: each output as float32 data, its shape and its name.
final class OutputsHandle {
    struct Output {
        var name: OwnedCString
        var rank: Int
        var count: Int
        /// `rank` dimensions (one slot at least, so the pointer is never NULL).
        var shape: UnsafeMutableBufferPointer<Int64>
        /// `count` floats (one slot at least).
        var data: UnsafeMutableBufferPointer<Float>
    }

    let outputs: [Output]

    init(_ tensors: [(String, Tensor)]) {
        outputs = tensors.map { name, tensor in
            let shape = UnsafeMutableBufferPointer<Int64>.allocate(capacity: max(tensor.rank, 1))
            for (axis, size) in tensor.shape.enumerated() { shape[axis] = Int64(size) }
            shape[0] = tensor.rank == 0 ? 0 : shape[0]
            let data = UnsafeMutableBufferPointer<Float>.allocate(capacity: max(tensor.count, 1))
            data[0] = 0
            let values = tensor.elementType == .float ? tensor.floats : tensor.doubles().map { Float($0) }
            for (i, value) in values.enumerated() { data[i] = value }
            return Output(name: OwnedCString(name), rank: tensor.rank, count: tensor.count, shape: shape, data: data)
        }
    }

    func output(_ index: Int) -> Output? {
        index >= 0 && index < outputs.count ? outputs[index] : nil
    }

    deinit {
        for output in outputs {
            output.shape.deallocate()
            output.data.deallocate()
        }
    }
}
