import Cnnrt

/// libFuzzer's entry point: one input is one candidate file.
@_cdecl("LLVMFuzzerTestOneInput")
public func cnnrtFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzHarness.exercise(bytes)
    return 0
}

/// libFuzzer's driver, exported by the runtime that `-sanitize=fuzzer` links.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The executable's entry point. SwiftPM links an executable target's `main` to `<module>_main`; built
/// with `-parse-as-library` there is no top-level code, so this function is that entry and hands the
/// command line to libFuzzer.
@_cdecl("CnnrtFuzz_main")
public func cnnrtFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in cnnrtFuzzOneInput(data, size) }
}
