import FiredrillCore
import FiredrillPostgres
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Testing

/// The connection to PostgreSQL breaks while a transaction is being committed: the server may
/// have committed, so the store must not say "nothing was recorded".
@Suite("PostgreSQL: a connection lost during COMMIT", .serialized)
struct CommitOutcomeTests {
    @Test("the connection cut after the COMMIT reached the server: the write is 'outcome unknown', it is in the record, and a writer that believes otherwise cannot write over it")
    func cutDuringCommit() throws {
        let cluster = try PostgresCluster.shared()
        let database = try cluster.database("commit_outcome")
        let proxy = try CuttingProxy(upstreamPort: cluster.port)
        defer { proxy.stop() }
        let direct = try PostgresStore.open(try PostgresAddress(url: cluster.url(database)))
        defer { try? direct.close() }
        let throughProxy = try PostgresStore.open(try PostgresAddress(url: cluster.url(database).replacingOccurrences(of: ":\(cluster.port)/", with: ":\(proxy.port)/")))
        defer { try? throughProxy.close() }

        let recorder = try throughProxy.startRun(
            scenario: RecordingTests.scenario, source: RecordingTests.source, path: "db-outage.yaml", interface: .server, speed: 1,
            participants: [Participant(role: "oncall", department: nil)]
        )
        let events = RecordingTests.events()
        try recorder.append(Array(events[0..<2]))

        try proxy.arm("COMMIT")
        do {
            try recorder.append([events[2]])
            Issue.record("a write whose COMMIT lost its answer must not succeed")
        } catch let error as StoreError {
            #expect(error.code == .outcomeUnknown, "\(error)")
            #expect(error.message.contains("may or may not be recorded"), "\(error.message)")
            #expect(!error.message.contains(PostgresCluster.password))
        }
        #expect(proxy.hasCut)
        // The server did commit: the record has it (so answering "nothing was recorded" would have been wrong).
        #expect(try direct.storedEvents(runID: recorder.runID).map(\.event.sequence) == [0, 1, 2])
        // The recorder (like the engine above it) does not know it was recorded: writing that
        // number again is refused and changes nothing. The server takes such a drill up again
        // from the record instead.
        #expect(throws: StoreError.self) { try recorder.append([events[2]]) }
        #expect(try direct.storedEvents(runID: recorder.runID).map(\.event.sequence) == [0, 1, 2])
        let verification = try direct.verify(runID: recorder.runID)
        if case .intact = verification {} else { Issue.record("the chain must verify: \(verification)") }
    }
}
