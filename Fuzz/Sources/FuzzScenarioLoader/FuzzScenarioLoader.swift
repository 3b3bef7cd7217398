import FiredrillCore
import FiredrillYAML
import Foundation

/// Any bytes as a scenario file: the loader must answer with a scenario or diagnostics,
/// never crash, hang or use unbounded memory.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    let loaded = ScenarioLoader().load(data: data, path: count % 2 == 0 ? "fuzz.yaml" : "fuzz.json")
    if loaded.scenario == nil && loaded.diagnostics.items.isEmpty && loaded.diagnostics.dropped == 0 {
        fatalError("no scenario and no diagnostic")
    }
    _ = loaded.formattedDiagnostics
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzScenarioLoader_main`; it hands over to libFuzzer.
@_cdecl("FuzzScenarioLoader_main")
public func FuzzScenarioLoaderMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        data.map { fuzzScenarioLoader(UnsafeRawPointer($0), size) } ?? 0
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
