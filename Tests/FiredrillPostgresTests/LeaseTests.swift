import FiredrillCore
import FiredrillPostgres
import FiredrillStore
import FiredrillTestSupport
import Foundation
import Testing

/// Several servers on one database: leases, the fencing token checked in every write, reading
/// events after a point, and announcements between servers.
@Suite("PostgreSQL: drill leases and fencing", .serialized)
struct LeaseTests {
    func store(_ name: String) throws -> PostgresStore {
        let cluster = try PostgresCluster.shared()
        return try PostgresStore.open(try PostgresAddress(url: cluster.url(try cluster.database(name))))
    }

    /// A server drill with its first two events recorded.
    func startedDrill(_ store: PostgresStore) throws -> String {
        let recorder = try store.startRun(
            scenario: RecordingTests.scenario, source: RecordingTests.source, path: "db-outage.yaml", interface: .server, speed: 1,
            participants: [Participant(role: "oncall", department: nil)]
        )
        try recorder.append(Array(RecordingTests.events()[0..<2]))
        return recorder.runID
    }

    func granted(_ claim: LeaseClaim, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> DrillLease {
        guard case .granted(let lease) = claim else {
            Issue.record("expected the lease to be granted, got \(claim)", sourceLocation: sourceLocation)
            throw CancellationError()
        }
        return lease
    }

    @Test("a lease is one server's until it expires; then another takes it with a higher fence, and the first one's writes are refused with nothing recorded")
    func fencing() throws {
        let store = try store("lease_fencing")
        defer { try? store.close() }
        let run = try startedDrill(store)
        let first = try granted(try store.claimLease(runID: run, node: "a", address: "http://a:1", duration: .seconds(60)))
        #expect(first.fence == 1)
        // Held and live: another server is told who holds it.
        guard case .heldElsewhere(let held) = try store.claimLease(runID: run, node: "b", address: "http://b:1", duration: .seconds(60)) else {
            Issue.record("a live lease must not be granted to another server")
            return
        }
        #expect(held.node == "a" && held.address == "http://a:1" && held.fence == 1 && held.isLive)
        #expect(try store.orphanedDrills().isEmpty)

        let writerA = try store.recorder(resuming: run, lease: first, wallClock: { Date() })
        try writerA.append([DrillEvent(sequence: 2, time: DrillTime(milliseconds: 95_250), kind: RecordingTests.events()[2].kind)])

        // The lease runs out (renewed for almost nothing): the drill is an orphan, and b takes it.
        #expect(try store.renewLeases(node: "a", fences: [run: 1], duration: .milliseconds(1)) == [run])
        try waitUntil { try store.lease(runID: run)?.isLive == false }
        #expect(try store.orphanedDrills() == [run])
        let second = try granted(try store.claimLease(runID: run, node: "b", address: "http://b:1", duration: .seconds(60)))
        #expect(second.fence == 2)
        #expect(try store.orphanedDrills().isEmpty)

        // a wakes up: every kind of write is refused, and nothing of it is in the record.
        let before = try store.storedEvents(runID: run).count
        let late = DrillEvent(sequence: 3, time: DrillTime(milliseconds: 200_000), kind: RecordingTests.events()[3].kind)
        for write in [{ try writerA.append([late]) }, { try writerA.checkpoint(drillTime: DrillTime(milliseconds: 999_000)) }, { try writerA.markInterrupted() }] {
            #expect(throws: StoreError.self) { try write() }
            do { try write() } catch let error as StoreError { #expect(error.code == .leaseLost) }
        }
        #expect(try store.storedEvents(runID: run).count == before)
        #expect(try store.run(id: run).checkpointMs < 999_000)
        #expect(try store.run(id: run).status == .running)
        // Its renewal finds the lease gone.
        #expect(try store.renewLeases(node: "a", fences: [run: 1], duration: .seconds(60)).isEmpty)

        // b goes on from the record, and the chain verifies.
        let writerB = try store.recorder(resuming: run, lease: second, wallClock: { Date() })
        try writerB.append([late])
        #expect(try store.storedEvents(runID: run, after: 1).map(\.event.sequence) == [2, 3])
        #expect(try store.storedEvents(runID: run, after: nil).count == 4)
        guard case .intact = try store.verify(runID: run) else {
            Issue.record("the chain must verify")
            return
        }
        #expect(try store.renewLeases(node: "b", fences: [run: 2], duration: .seconds(60)) == [run])

        // Given up at once (graceful shutdown): a third server takes it without waiting.
        try store.releaseLease(second)
        let third = try granted(try store.claimLease(runID: run, node: "c", address: "http://c:1", duration: .seconds(60)))
        #expect(third.fence == 3)
        #expect(try store.lease(runID: run) == DrillLease(runID: run, node: "c", address: "http://c:1", fence: 3, isLive: true))
    }

    @Test("an expired lease nobody took still lets its holder write; a server taking over afterwards reads that write, and the old holder is refused from then on")
    func takeoverWaitsForTheWrite() throws {
        let store = try store("lease_takeover_order")
        let other = try PostgresStore.open(try PostgresAddress(url: PostgresCluster.shared().url("lease_takeover_order")))
        defer { try? store.close(); try? other.close() }
        let run = try startedDrill(store)
        let first = try granted(try store.claimLease(runID: run, node: "a", address: "http://a:1", duration: .milliseconds(1)))
        try waitUntil { try store.lease(runID: run)?.isLive == false }
        // Expired but not taken: a's write still counts (nobody else runs the drill).
        let writerA = try store.recorder(resuming: run, lease: first, wallClock: { Date() })
        try writerA.append([RecordingTests.events()[2]])
        let second = try granted(try other.claimLease(runID: run, node: "b", address: "http://b:1", duration: .seconds(60)))
        #expect(second.fence == 2)
        #expect(try other.storedEvents(runID: run).count == 3)
        #expect(throws: StoreError.self) { try writerA.append([RecordingTests.events()[3]]) }
    }

    @Test("events committed under a lease are announced to a listening server, after the commit; a token is found by its hash")
    func announcements() async throws {
        let store = try store("lease_announcements")
        defer { try? store.close() }
        let run = try startedDrill(store)
        let lease = try granted(try store.claimLease(runID: run, node: "a", address: "http://a:1", duration: .seconds(60)))
        let writer = try store.recorder(resuming: run, lease: lease, wallClock: { Date() })
        var heard = store.announcements([StoreChannel.events, StoreChannel.tokens]).makeAsyncIterator()
        // First, each channel says it is listening.
        var listening: Set<String> = []
        while listening.count < 2, let next = try await heard.next() {
            #expect(next.payload == "")
            listening.insert(next.channel)
        }
        try writer.append([RecordingTests.events()[2]])
        let event = try await heard.next()
        #expect(event?.channel == StoreChannel.events && event?.payload == run)
        // When it is heard, the event is readable.
        #expect(try store.storedEvents(runID: run, after: 1).map(\.event.sequence) == [2])
        try store.announce(StoreChannel.tokens, "abc")
        let token = try await heard.next()
        #expect(token?.channel == StoreChannel.tokens && token?.payload == "abc")

        let made = try store.makeToken(runID: run, kind: .player, roles: ["oncall"])
        #expect(try store.token(hash: made.token.hash) == made.token)
        #expect(try store.token(hash: AccessToken.hash(of: "not-a-token")) == nil)
    }

    /// Polls a condition the database decides (a lease's expiry by its own clock).
    func waitUntil(_ condition: () throws -> Bool) throws {
        for _ in 0..<200 {
            if try condition() { return }
            usleep(10_000)
        }
        Issue.record("the condition did not become true within 2 s")
    }
}
