import FiredrillCore
import Foundation
@testable import FiredrillStore
@testable import FiredrillSQLite
import Synchronization
import Testing

@Suite("Several processes on one file")
struct ConcurrencyTests {
    @Test("two pools on the same file (as two processes) append to different runs at once")
    func twoWritersOnOneFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.sqlite")
        let databases = [try AppDatabase.open(path: path), try AppDatabase.open(path: path)]
        let recorders = try databases.map { database in
            try database.startRun(
                scenario: Fixtures.scenario(), source: Fixtures.source, path: "s.yaml", interface: .terminal, speed: 1,
                participants: Fixtures.participants
            )
        }
        let batches = 40, batchSize = 5
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let recorder = recorders[index]
            do {
                for batch in 0..<batches {
                    try recorder.append(Fixtures.actions(from: batch * batchSize, count: batchSize, role: "oncall"))
                    if batch % 10 == 0 { try recorder.checkpoint(drillTime: .seconds(Int64(batch * batchSize))) }
                }
            } catch {
                failures.withLock { $0.append("\(index): \(error)") }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)

        // Each process sees both runs complete and intact.
        for database in databases {
            for recorder in recorders {
                let run = try database.run(id: recorder.runID)
                #expect(run.eventCount == batches * batchSize)
                #expect(try database.verify(runID: recorder.runID) == .intact(head: try #require(run.chainHead), events: batches * batchSize))
            }
            #expect(try database.history().count == 2)
        }
        #expect(recorders[0].runID != recorders[1].runID)
    }

    @Test("two pools resume the same interrupted run one after the other, keeping one chain")
    func resumeFromAnotherProcess() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.sqlite")
        let first = try AppDatabase.open(path: path)
        let second = try AppDatabase.open(path: path)
        let recorder = try first.startRun(
            scenario: Fixtures.scenario(), source: Fixtures.source, path: "s.yaml", interface: .terminal, speed: 1, participants: []
        )
        try recorder.append(Fixtures.actions(from: 0, count: 3))
        try first.markInterrupted(runID: recorder.runID)
        let resumed = try second.recorder(resuming: recorder.runID)
        try resumed.append(Fixtures.actions(from: 3, count: 3))
        // The first process's stale recorder continues from what is stored, not from memory.
        try recorder.append(Fixtures.actions(from: 6, count: 1))
        #expect(try first.verify(runID: recorder.runID).isIntact)
        #expect(try first.events(runID: recorder.runID) == Fixtures.actions(from: 0, count: 7))
    }
}

@Suite("Creating one file from several processes")
struct ConcurrentCreationTests {
    @Test("two pools creating and migrating the same new file at once both succeed")
    func concurrentCreation() throws {
        let directory = try TemporaryDirectory()
        for round in 0..<8 {
            let path = directory.file("new-\(round)/firedrill.sqlite")
            let opened = Mutex<[AppDatabase]>([])
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                do {
                    let database = try AppDatabase.open(path: path)
                    opened.withLock { $0.append(database) }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty)
            for database in opened.withLock({ $0 }) {
                #expect(try database.unsafeFetchText(sql: "SELECT group_concat(identifier) FROM grdb_migrations") == "v1,v2,v3,v4,v5,v6")
            }
        }
    }
}
