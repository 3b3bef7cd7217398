import FiredrillCore
import Foundation
import GRDB
@testable import FiredrillStore
@testable import FiredrillSQLite
import Synchronization
import Testing

/// The store's edge cases: a full disk, busy writers, read-only copies, damaged rows.
@Suite("Store hardening")
struct StoreHardeningTests {
    /// Makes every further write that needs a new page fail with SQLITE_FULL, as a full disk does.
    func fillDisk(_ database: AppDatabase) throws {
        try database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
    }

    @Test("a replay recorded on a full disk leaves nothing behind, and the error names the database", arguments: StoreKind.allCases)
    func fullDiskLeavesNoOrphanRun(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let database = fixture.database
        try Fixtures.recordFinishedRun(in: database)
        try fillDisk(database)
        let scenario = Fixtures.scenario()
        let events = Fixtures.events()
        let big = String(repeating: "scenario text ", count: 40_000)
        let error = storeError {
            _ = try database.recordFinishedRun(
                scenario: scenario, source: big, path: "/drills/x.yaml", interface: .script, speed: nil,
                participants: [], events: events, report: DrillReport(scenario: scenario, events: events, mode: .replay)
            )
        }
        #expect(error?.code == .diskFull)
        #expect(error?.message.contains(database.path) == true)
        #expect(try database.history().count == 1)
    }

    @Test("readers are not held up by a process that holds the write lock")
    func readersDoNotWaitForWriters() throws {
        let fixture = try StoreFixture(.onDisk)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        // Another connection takes the write lock and keeps it while we read. Taking it must
        // succeed: a failure is reported, never waited on forever.
        let other = try DatabaseQueue(path: fixture.path)
        let outcome = Mutex<String?>(nil)
        let ready = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let holder = Thread {
            do {
                try other.inDatabase { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: "UPDATE run SET scenario_path = 'x'")
                    outcome.withLock { $0 = "locked" }
                    ready.signal()
                    release.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                outcome.withLock { if $0 == nil { $0 = "failed: \(error)" } }
                ready.signal()
            }
        }
        holder.start()
        defer { release.signal() }
        #expect(ready.wait(timeout: .now() + 30) == .success, "the other connection neither took the lock nor failed")
        try #require(outcome.withLock { $0 } == "locked", "\(outcome.withLock { $0 } ?? "no outcome")")
        // Were reading to wait for the lock, these would fail with `.busy` after the timeout.
        let reader = try AppDatabase.open(path: fixture.path, access: .readOnly)
        #expect(try reader.history().map(\.runID) == [runID])
        #expect(try reader.verify(runID: runID).isIntact)
    }

    @Test("opening for reading creates nothing: no file, no directory")
    func readingCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("typo/fd.sqllite")
        let error = storeError { _ = try AppDatabase.open(path: path, access: .readOnly) }
        #expect(error?.code == .noDatabase)
        #expect(error?.message.contains(path) == true)
        #expect(!FileManager.default.fileExists(atPath: directory.file("typo")))
    }

    @Test("an archived read-only database can be read without anything written next to it")
    func readOnlyOpenWritesNothing() throws {
        let fixture = try StoreFixture(.onDisk)
        let runID = try Fixtures.recordFinishedRun(in: fixture.database)
        // An archive is the database file alone, its WAL checkpointed into it.
        try fixture.database.writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try fixture.database.close()
        let archive = try TemporaryDirectory()
        let copy = archive.file("archive.sqlite")
        try FileManager.default.copyItem(atPath: fixture.path, toPath: copy)
        let before = try Data(contentsOfFile: copy)
        let reader = try AppDatabase.open(path: copy, access: .readOnly)
        #expect(try reader.verify(runID: runID).isIntact)
        #expect(try reader.history().count == 1)
        try reader.close()
        #expect(try Data(contentsOfFile: copy) == before)
    }

    @Test("the immutable URI escapes the characters a URI reserves")
    func immutableURI() {
        #expect(AppDatabase.immutableURI("/a b/x?y#z%.sqlite") == "file:/a%20b/x%3Fy%23z%25.sqlite?immutable=1")
    }

    @Test("damaged values in one run do not fail the listing: the run is listed with what is wrong", arguments: StoreKind.allCases)
    func damagedRowsAreListed(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let good = try Fixtures.recordFinishedRun(in: fixture.database)
        let bad = try Fixtures.recordFinishedRun(in: fixture.database, clock: SteppingClock(start: Fixtures.day(1)))
        try fixture.database.unsafeExecute(sql: "UPDATE run SET score = 1e999, ack_ms = 'soon', started_at = 'yesterday' WHERE id = ?", arguments: [bad])
        let rows = try fixture.database.history()
        #expect(Set(rows.map(\.runID)) == [good, bad])
        let damaged = try #require(rows.first { $0.runID == bad })
        #expect(damaged.score == nil && damaged.ackMs == nil)
        #expect(damaged.damage.count == 3, "\(damaged.damage)")
        #expect(rows.first { $0.runID == good }?.damage == [])
        let points = try fixture.database.trendPoints()
        #expect(points.map(\.runID) == [good])
    }

    @Test("a stored speed that is not a finite number reads as unknown in the report's record", arguments: StoreKind.allCases)
    func nonFiniteSpeed(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let run = try Fixtures.recordFinishedRun(in: fixture.database)
        try fixture.database.unsafeExecute(sql: "UPDATE run SET speed = 1e999 WHERE id = ?", arguments: [run])
        #expect(try fixture.database.recordInfo(runID: run).speed == nil)
    }
}
