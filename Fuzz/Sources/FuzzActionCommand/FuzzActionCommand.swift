import FiredrillCore
import FiredrillYAML
import Foundation

/// Any text as a command typed at the terminal or sent over HTTP: the parser must accept it
/// as a well-formed action of the typing role, or refuse it with a message.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzActionCommand(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    switch ActionCommand.parse(text, role: "ops", in: Commands.scenario) {
    case .failure(let error):
        if error.message.isEmpty { fatalError("a refusal without a message") }
    case .success(let action):
        if action.role != "ops" { fatalError("acted as \(action.role)") }
        if ControlCharacters.firstForbidden(in: action.text, allowingNewlines: false) != nil { fatalError("control character accepted") }
        if action.kind == .escalate && (action.target == nil || action.channel == nil) { fatalError("escalation without target or channel") }
    }
    return 0
}

enum Commands {
    static let scenario = Scenario(
        id: "fuzz", title: "Fuzz", duration: .seconds(3600),
        roles: [
            Role(id: "ops", name: "On-call engineer"), Role(id: "firmware-lead", name: "Priya Nair", persona: Persona(channels: ["pager"])),
            Role(id: "team-a", name: "Duty team"), Role(id: "team-b", name: "Duty team"), Role(id: "boss", name: "山本部長"),
        ],
        injects: [Inject(id: "i", to: .all, channel: "chat", subject: "s", trigger: .at(.zero))],
        objectives: [Objective(id: "o", kind: .acknowledge, target: .seconds(60))]
    )
}

/// SwiftPM links an executable's entry point as `FuzzActionCommand_main`; it hands over to libFuzzer.
@_cdecl("FuzzActionCommand_main")
public func FuzzActionCommandMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        data.map { fuzzActionCommand(UnsafeRawPointer($0), size) } ?? 0
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
