import Cnnrt
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The functions of include/cnnrt.h. Handles are retained Swift objects passed as opaque pointers;
// every Swift error is caught here and turned into a NULL result and a malloc'd message.

/// The library version (a static C string).
private let versionString = OwnedCString("0.1.0")

/// The most dimensions an input tensor may have.
private let maxRank = 32

/// `char **error`: where a failing function stores its message.
public typealias ErrorOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?

/// Runs `body`; on a thrown error sets `*error` to its message and returns nil.
private func guarded<T>(_ error: ErrorOut, _ body: () throws -> T) -> T? {
    error?.pointee = nil
    do {
        return try body()
    } catch let failure {
        error?.pointee = strdup("\(failure)")
        return nil
    }
}

private func model(_ pointer: UnsafeRawPointer?) -> ModelHandle? {
    pointer.map { Unmanaged<ModelHandle>.fromOpaque($0).takeUnretainedValue() }
}

private func outputs(_ pointer: UnsafeRawPointer?) -> OutputsHandle? {
    pointer.map { Unmanaged<OutputsHandle>.fromOpaque($0).takeUnretainedValue() }
}

private func open(_ load: () throws -> Model) throws -> UnsafeMutableRawPointer {
    Unmanaged.passRetained(try ModelHandle(model: try load())).toOpaque()
}

@_cdecl("cnnrt_version")
public func cnnrt_version() -> UnsafePointer<CChar> {
    UnsafePointer(versionString.pointer)
}

@_cdecl("cnnrt_model_open_path")
public func cnnrt_model_open_path(_ path: UnsafePointer<CChar>?, _ error: ErrorOut) -> UnsafeMutableRawPointer? {
    guarded(error) {
        guard let path else { throw CnnrtError.invalidInput(name: "path", reason: "is NULL") }
        return try open { try Model.load(path: String(cString: path)) }
    }
}

@_cdecl("cnnrt_model_open_bytes")
public func cnnrt_model_open_bytes(_ bytes: UnsafeRawPointer?, _ size: Int, _ error: ErrorOut)
    -> UnsafeMutableRawPointer? {
    guarded(error) {
        guard let bytes, size > 0 else { throw CnnrtError.invalidInput(name: "bytes", reason: "is NULL or empty") }
        let copy = [UInt8](UnsafeRawBufferPointer(start: bytes, count: size))
        return try open { try Model(bytes: copy) }
    }
}

@_cdecl("cnnrt_model_free")
public func cnnrt_model_free(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<ModelHandle>.fromOpaque(pointer).release()
}

@_cdecl("cnnrt_model_input_count")
public func cnnrt_model_input_count(_ pointer: UnsafeRawPointer?) -> Int {
    model(pointer)?.inputNames.count ?? 0
}

@_cdecl("cnnrt_model_input_name")
public func cnnrt_model_input_name(_ pointer: UnsafeRawPointer?, _ index: Int) -> UnsafePointer<CChar>? {
    guard let names = model(pointer)?.inputNames, index >= 0, index < names.count else { return nil }
    return UnsafePointer(names[index].pointer)
}

@_cdecl("cnnrt_model_input_rank")
public func cnnrt_model_input_rank(_ pointer: UnsafeRawPointer?, _ index: Int) -> Int64 {
    guard let inputs = model(pointer)?.session.inputs, index >= 0, index < inputs.count,
          let shape = inputs[index].shape else { return -1 }
    return Int64(shape.count)
}

@_cdecl("cnnrt_model_input_dim")
public func cnnrt_model_input_dim(_ pointer: UnsafeRawPointer?, _ index: Int, _ axis: Int) -> Int64 {
    guard let inputs = model(pointer)?.session.inputs, index >= 0, index < inputs.count,
          let shape = inputs[index].shape, axis >= 0, axis < shape.count,
          let value = shape[axis].value else { return -1 }
    return Int64(value)
}

@_cdecl("cnnrt_model_output_count")
public func cnnrt_model_output_count(_ pointer: UnsafeRawPointer?) -> Int {
    model(pointer)?.outputNames.count ?? 0
}

@_cdecl("cnnrt_model_output_name")
public func cnnrt_model_output_name(_ pointer: UnsafeRawPointer?, _ index: Int) -> UnsafePointer<CChar>? {
    guard let names = model(pointer)?.outputNames, index >= 0, index < names.count else { return nil }
    return UnsafePointer(names[index].pointer)
}

/// Reads the `cnnrt_input` array: four 8-byte fields (name, data, shape, rank) per element.
private func readInputs(_ inputs: UnsafeRawPointer?, _ count: Int) throws -> [(name: String?, tensor: Tensor)] {
    guard count >= 0, count <= 4096 else { throw CnnrtError.invalidInput(name: "count", reason: "\(count) is invalid") }
    guard count == 0 || inputs != nil else { throw CnnrtError.invalidInput(name: "inputs", reason: "is NULL") }
    return try (0..<count).map { i in
        let base = inputs! + i * 32
        let name = base.load(fromByteOffset: 0, as: UnsafePointer<CChar>?.self).map { String(cString: $0) }
        let data = base.load(fromByteOffset: 8, as: UnsafePointer<Float>?.self)
        let shapePointer = base.load(fromByteOffset: 16, as: UnsafePointer<Int64>?.self)
        let rank = base.load(fromByteOffset: 24, as: Int.self)
        let label = name ?? "#\(i)"
        guard rank >= 0, rank <= maxRank else {
            throw CnnrtError.invalidInput(name: label, reason: "rank \(rank) is over \(maxRank)")
        }
        guard rank == 0 || shapePointer != nil else {
            throw CnnrtError.invalidInput(name: label, reason: "shape is NULL")
        }
        let dims = (0..<rank).map { shapePointer![$0] }
        guard dims.allSatisfy({ $0 >= 0 && $0 <= Int64(Int32.max) }),
              let bytes = Shape.byteCount(dims.map { Int($0) }, elementType: .float), bytes <= 1 << 34 else {
            throw CnnrtError.invalidInput(name: label, reason: "shape \(dims) is invalid or too large")
        }
        let count = bytes / 4
        guard count == 0 || data != nil else { throw CnnrtError.invalidInput(name: label, reason: "data is NULL") }
        let values = count == 0 ? [] : Array(UnsafeBufferPointer(start: data!, count: count))
        return (name, Tensor(shape: dims.map { Int($0) }, scalars: values))
    }
}

@_cdecl("cnnrt_model_run")
public func cnnrt_model_run(_ pointer: UnsafeRawPointer?, _ inputs: UnsafeRawPointer?, _ count: Int,
                            _ error: ErrorOut) -> UnsafeMutableRawPointer? {
    guarded(error) {
        guard let handle = model(pointer) else { throw CnnrtError.invalidInput(name: "model", reason: "is NULL") }
        let result = try handle.run(try readInputs(inputs, count))
        return Unmanaged.passRetained(result).toOpaque()
    }
}

@_cdecl("cnnrt_outputs_count")
public func cnnrt_outputs_count(_ pointer: UnsafeRawPointer?) -> Int {
    outputs(pointer)?.outputs.count ?? 0
}

@_cdecl("cnnrt_outputs_name")
public func cnnrt_outputs_name(_ pointer: UnsafeRawPointer?, _ index: Int) -> UnsafePointer<CChar>? {
    outputs(pointer)?.output(index).map { UnsafePointer($0.name.pointer) }
}

@_cdecl("cnnrt_outputs_rank")
public func cnnrt_outputs_rank(_ pointer: UnsafeRawPointer?, _ index: Int) -> Int {
    outputs(pointer)?.output(index)?.rank ?? 0
}

@_cdecl("cnnrt_outputs_shape")
public func cnnrt_outputs_shape(_ pointer: UnsafeRawPointer?, _ index: Int) -> UnsafePointer<Int64>? {
    outputs(pointer)?.output(index).map { UnsafePointer($0.shape.baseAddress!) }
}

@_cdecl("cnnrt_outputs_element_count")
public func cnnrt_outputs_element_count(_ pointer: UnsafeRawPointer?, _ index: Int) -> Int {
    outputs(pointer)?.output(index)?.count ?? 0
}

@_cdecl("cnnrt_outputs_data")
public func cnnrt_outputs_data(_ pointer: UnsafeRawPointer?, _ index: Int) -> UnsafePointer<Float>? {
    outputs(pointer)?.output(index).map { UnsafePointer($0.data.baseAddress!) }
}

@_cdecl("cnnrt_outputs_free")
public func cnnrt_outputs_free(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<OutputsHandle>.fromOpaque(pointer).release()
}

@_cdecl("cnnrt_error_free")
public func cnnrt_error_free(_ error: UnsafeMutablePointer<CChar>?) {
    free(error)
}
