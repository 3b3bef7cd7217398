import FiredrillCore
import FiredrillReporting
import FiredrillSQLite
import FiredrillStore
import FiredrillYAML
import Foundation
import Testing
@testable import FiredrillRecords

/// Recorded runs read back: the report rebuilt from the stored scenario and events alone,
/// names kept out of it, its version following what can change, and the lock that tells a
/// run being played from one whose process died.
@Suite("Recorded runs read back")
struct StoredReportTests {
    static let source = """
        firedrill: 1
        id: records-fixture
        title: 証明書の期限切れ
        language: ja
        duration: 30m
        roles:
          - id: ops
            name: 当番エンジニア
            department: 運用部
          - id: boss
            name: 上長
            persona:
              channels: [phone]
              reply: 了解
        injects:
          - id: alert
            to: [ops]
            channel: monitoring
            subject: 証明書エラー
            at: 1m
        objectives:
          - id: ack
            name: 受領する
            kind: acknowledge
            from: alert
            target: 2m
          - id: esc
            name: 上長に電話する
            kind: escalate
            to: boss
            via: [phone]
            target: 10m
        """

    /// A replayed drill recorded in a scratch database, played by 田中一郎.
    static func recorded() throws -> (database: AppDatabase, runID: String, directory: URL) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let database = try AppDatabase.open(path: directory.appendingPathComponent("fd.sqlite").path)
        let scenario = try #require(ScenarioLoader().load(data: Data(source.utf8), path: "fixture.yaml").scenario)
        let script = "01:30 ops ack 田中さんが確認しました\n04:00 ops escalate boss via phone 証明書が切れました\n"
        let engine = try ReplayScript.parse(script, for: scenario).get().play(scenario)
        let report = DrillReport(scenario: scenario, events: engine.events, mode: .replay)
        let runID = try database.recordFinishedRun(
            scenario: scenario, source: source, path: "fixture.yaml", interface: .script, speed: nil,
            participants: [Participant(role: "ops", displayName: "田中一郎")], events: engine.events, report: report
        )
        return (database, runID, directory)
    }

    @Test("the report comes from the record alone: chain verified, names masked, the script replays to it")
    func rebuilt() throws {
        let (database, runID, _) = try Self.recorded()
        let stored = try StoredReport(database, runID: runID)
        #expect(stored.report.record?.verification?.intact == true)
        #expect(stored.report.score == 100)
        #expect(stored.participantNames == ["田中一郎"])
        let ack = try #require(stored.report.timeline.first { $0.type == "action" })
        #expect(ack.text == "［参加者］さんが確認しました", "the name typed in a message stays in the record only")
        #expect(try database.events(runID: runID).contains { if case .action(let action) = $0.kind { action.text.contains("田中さん") } else { false } })
        // The exported script replays to the same report (without the record).
        let script = try ReplayScript.parse(stored.script, for: stored.scenario).get()
        let replayed = DrillReport(scenario: stored.scenario, events: try script.play(stored.scenario).events, mode: script.mode)
        #expect(try JSONReportRenderer.render(replayed) == (try JSONReportRenderer.render(stored.reportWithoutRecord)))
    }

    @Test("the version moves when the improvement plan changes, and only then")
    func version() throws {
        let (database, runID, _) = try Self.recorded()
        let first = try StoredReport.version(database, runID: runID)
        #expect(try StoredReport.version(database, runID: runID) == first)
        _ = try database.addCorrectiveAction(runID: runID, issue: "電話の基準がない", correctiveAction: "手順書に追記する", capability: "Planning", responsibleOrg: "運用部")
        let second = try StoredReport.version(database, runID: runID)
        #expect(second != first && second.chainHead == first.chainHead && second.eventCount == first.eventCount)
    }

    @Test("a run marked running is interrupted unless a live process holds its lock")
    func lock() throws {
        let (database, runID, _) = try Self.recorded()
        #expect(!RunLock.isHeld(databasePath: database.location, runID: runID))
        var lock = RunLock(databasePath: database.location, runID: runID)
        #expect(lock != nil && RunLock.isHeld(databasePath: database.location, runID: runID))
        #expect(StoredReport.displayStatus(.running, runID: runID, databasePath: database.location) == .running)
        #expect(RunLock(databasePath: database.location, runID: runID) == nil, "a second holder is refused")
        lock = nil
        #expect(!RunLock.isHeld(databasePath: database.location, runID: runID))
        #expect(StoredReport.displayStatus(.running, runID: runID, databasePath: database.location) == .interrupted)
    }
}
