import FiredrillCore
import Foundation
import Testing
@testable import FiredrillStore

/// The hash chain every backend stores: the same rules whichever database keeps the events.
@Suite("The event chain")
struct EventChainTests {
    @Test("each event links to the one before; the first to a genesis bound to the run's facts; order is enforced")
    func links() throws {
        var chain = EventChain(runID: "r-1", head: EventChain.genesisHash(facts: #"{"run_id":"r-1"}"#), nextSequence: 0)
        let genesis = chain.head
        let first = try chain.append(DrillEvent(sequence: 0, time: .zero, kind: .started), wallTime: "2026-01-01T00:00:00.000Z")
        #expect(first.previousHash == genesis && first.hash == chain.head && first.hash.count == 64)
        let second = try chain.append(DrillEvent(sequence: 1, time: .seconds(5), kind: .paused), wallTime: "2026-01-01T00:00:05.000Z")
        #expect(second.previousHash == first.hash)
        // Recomputing the hash from the canonical form gives the same value.
        let canonical = try EventChain.canonicalForm(runID: "r-1", sequence: 1, drillMs: 5_000, wallTime: second.wallTime, type: second.type, payload: second.payload)
        #expect(EventChain.hash(previous: first.hash, canonical: canonical) == second.hash)
        // A gap or a repeat is refused.
        #expect(throws: StoreError.self) { try chain.append(DrillEvent(sequence: 5, time: .seconds(6), kind: .resumed), wallTime: "x") }
        // Another wall time, another hash: the chain covers when it was recorded too.
        var other = EventChain(runID: "r-1", head: genesis, nextSequence: 0)
        #expect(try other.append(DrillEvent(sequence: 0, time: .zero, kind: .started), wallTime: "2026-01-01T00:00:00.001Z").hash != first.hash)
    }
}
