import FiredrillCore
import FiredrillYAML
import Foundation

/// Any bytes as a replay script for a fixed scenario: parsing must give a script or
/// problems; a parsed script must play without crashing (refusals are errors, not traps),
/// and its report must encode.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReplayScript(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    guard case .success(let text) = InputFile.decodeUTF8(bytes) else { return 0 }
    switch ReplayScript.parse(text, for: FuzzScenario.scenario) {
    case .failure(let error):
        if error.problems.isEmpty { fatalError("a failure without problems") }
    case .success(let script):
        if let engine = try? script.play(FuzzScenario.scenario) {
            let report = DrillReport(scenario: FuzzScenario.scenario, events: engine.events, mode: script.mode)
            if let score = report.score, !(0...100).contains(score) { fatalError("score \(score)") }
            _ = ReplayScript.export(events: engine.events, scenario: FuzzScenario.scenario, mode: script.mode)
        }
    }
    return 0
}

enum FuzzScenario {
    static let scenario: Scenario = {
        let yaml = """
        firedrill: 1
        id: fuzz
        title: Fuzz
        duration: 1h
        roles:
          - {id: ops, name: On-call engineer, department: Ops}
          - {id: sec, name: Security officer, department: Security}
          - {id: boss, name: 山本部長, persona: {channels: [phone], delay: 1m, reply: はい}}
        injects:
          - {id: alert, to: [ops], channel: pager, subject: Alert, at: 1m}
          - {id: angry, to: all, channel: chat, subject: Angry, at: 10m, if: not met(esc)}
          - {id: follow, to: all, channel: email, subject: Follow, when: met(esc), delay: 1m}
        objectives:
          - {id: ack, kind: acknowledge, from: alert, target: 2m}
          - {id: esc, kind: escalate, to: boss, target: 5m, weight: 2}
          - {id: fix, kind: action, match: [renew, 更新], target: 20m}
        survey:
          - How was it?
          - {question: What would you change?, kind: text}
        """
        guard let scenario = ScenarioLoader().load(data: Data(yaml.utf8), path: "fuzz.yaml").scenario else {
            fatalError("the fuzz scenario does not validate")
        }
        return scenario
    }()
}

/// SwiftPM links an executable's entry point as `FuzzReplayScript_main`; it hands over to libFuzzer.
@_cdecl("FuzzReplayScript_main")
public func FuzzReplayScriptMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in
        data.map { fuzzReplayScript(UnsafeRawPointer($0), size) } ?? 0
    }
}

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
