import Cnnrt

/// libFuzzer's entry point: one input is one candidate file.
@_cdecl("LLVMFuzzerTestOneInput")
public func cnnrtFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.exercise(bytes)
    return 0
}
