import FiredrillCore
import Foundation
import GRDB

extension AppDatabase {
    /// Recomputes the run's hash chain from its stored events and compares it with the
    /// stored hashes, links, event count and chain head.
    public func verify(runID: String) throws -> ChainVerification {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            let events = try EventRecord
                .filter(EventRecord.Columns.runID == runID)
                .order(EventRecord.Columns.seq)
                .fetchCursor(db)
            return try Self.verify(run: run, events: events)
        }
    }

    static func verify(run: StoredRun, events: some Cursor<EventRecord>) throws -> ChainVerification {
        let decoder = JSONDecoder()
        var head = EventChain.genesisHash(runID: run.id, scenarioSHA256: run.scenarioSHA256)
        var count = 0
        while let event = try events.next() {
            if event.seq != count {
                if event.seq > count {
                    let gap = event.seq - count == 1 ? "event \(count) is" : "events \(count) to \(event.seq - 1) are"
                    return .broken(firstBadSequence: count, reason: "\(gap) missing (deleted): the log jumps from \(count - 1) to \(event.seq)")
                }
                return .broken(firstBadSequence: event.seq, reason: "event \(event.seq) has an impossible sequence number (inserted)")
            }
            guard event.prevHash == head else {
                return .broken(firstBadSequence: event.seq, reason: """
                    event \(event.seq) does not link to the event before it (prev_hash mismatch): \
                    an event was inserted, deleted or replaced before it
                    """)
            }
            let canonical = try EventChain.canonicalForm(
                runID: run.id, sequence: event.seq, drillMs: event.drillMs, wallTime: event.wallTime,
                type: event.type, payload: event.payload
            )
            guard EventChain.hash(previous: head, canonical: canonical) == event.hash else {
                return .broken(firstBadSequence: event.seq, reason: "event \(event.seq) was altered: its content does not match its hash")
            }
            let decoded = try? decoder.decode(DrillEvent.self, from: Data(event.payload.utf8))
            guard let decoded, decoded.sequence == event.seq, decoded.time.milliseconds == event.drillMs,
                  decoded.typeName == event.type
            else {
                return .broken(firstBadSequence: event.seq, reason: "event \(event.seq) was altered: its payload does not match its columns")
            }
            head = event.hash
            count += 1
        }
        if count < run.eventCount {
            return .broken(firstBadSequence: count, reason: """
                the run records \(run.eventCount) events but \(count) are stored: \
                events from \(count) on are missing (deleted)
                """)
        }
        if count > run.eventCount {
            return .broken(firstBadSequence: run.eventCount, reason: """
                \(count - run.eventCount) event(s) from \(run.eventCount) on are not part of the record: \
                the run records \(run.eventCount) events (inserted)
                """)
        }
        switch run.chainHead {
        case nil where count == 0:
            return .intact(head: head, events: 0)
        case nil:
            return .broken(firstBadSequence: count - 1, reason: "the run's chain head is missing")
        case let stored? where count == 0:
            return .broken(firstBadSequence: 0, reason: "the run has a chain head (\(stored.prefix(12))…) but no events: head altered")
        case let stored? where stored != head:
            return .broken(firstBadSequence: count - 1, reason: "the run's chain head does not match the hash of its last event: head altered")
        default:
            return .intact(head: head, events: count)
        }
    }
}
