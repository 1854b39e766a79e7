import FuzzEntries

/// libFuzzer's entry point (built with `-sanitize=fuzzer` by scripts/fuzz.sh; libFuzzer supplies main).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    FuzzEntries.imageHeaders(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
