import FiredrillCore
import Foundation

/// Checking a stored run against its hash chain, whichever database keeps it: the backend
/// reads the run, its participants and its events; the rules are here.
public enum RunVerification {
    /// The genesis hash of the run's chain: over its facts (version 2) or its id and
    /// scenario hash (version 1).
    public static func genesis(of run: StoredRun) -> String {
        if run.chainVersion >= 2, let facts = run.facts { return EventChain.genesisHash(facts: facts) }
        return EventChain.genesisHash(runID: run.id, scenarioSHA256: run.scenarioSHA256)
    }

    /// Compares the run row with the facts its chain covers; a difference means the row
    /// was changed after the drill started.
    /// `participants` are the stored participants' roles and departments, in the order stored.
    public static func verifyFacts(run: StoredRun, participants: [(role: String, department: String?)]) -> ChainVerification? {
        guard run.chainVersion >= 2, run.eventCount > 0 || run.facts != nil else { return nil }
        guard let text = run.facts, let facts = RunFacts.decode(text) else {
            return .broken(firstBadSequence: 0, reason: "the run's facts (covered by its chain) are missing or unreadable: the run row was altered")
        }
        var differences: [String] = []
        func compare(_ name: String, _ stored: String, _ covered: String) {
            if stored != covered { differences.append("\(name) is '\(stored)' in the run row but '\(covered)' under the chain") }
        }
        compare("run id", run.id, facts.runID)
        compare("scenario id", run.scenarioID, facts.scenarioID)
        compare("scenario SHA-256", run.scenarioSHA256, facts.scenarioSHA256)
        compare("scenario SHA-256 of the stored source", EventChain.sha256Hex(run.scenarioSource), facts.scenarioSHA256)
        compare("mode", run.mode.rawValue, facts.mode.rawValue)
        compare("interface", run.interface.rawValue, facts.interface.rawValue)
        compare("speed", run.speed.map { "\($0)" } ?? "none", facts.speed.map { "\($0)" } ?? "none")
        compare("start", run.startedAt, facts.startedAt)
        var seen: Set<String> = []
        let played = participants.filter { seen.insert($0.role).inserted }
            .map { "\($0.role)/\($0.department ?? "")" }.joined(separator: ", ")
        compare("roles played", played, facts.roles.map { "\($0.role)/\($0.department ?? "")" }.joined(separator: ", "))
        guard differences.isEmpty else {
            return .broken(firstBadSequence: 0, reason: "the run's facts were altered: " + differences.joined(separator: "; "))
        }
        return nil
    }

    /// Recomputes the chain over the stored events, `next` giving them in sequence order
    /// (`nil` at the end), and compares it with the stored hashes, links, count and head.
    public static func verify(run: StoredRun, next: () throws -> EventChain.Link?) throws -> ChainVerification {
        let decoder = JSONDecoder()
        var head = genesis(of: run)
        var count = 0
        while let event = try next() {
            if event.sequence != count {
                if event.sequence > count {
                    let gap = event.sequence - count == 1 ? "event \(count) is" : "events \(count) to \(event.sequence - 1) are"
                    return .broken(firstBadSequence: count, reason: "\(gap) missing (deleted): the log jumps from \(count - 1) to \(event.sequence)")
                }
                return .broken(firstBadSequence: event.sequence, reason: "event \(event.sequence) has an impossible sequence number (inserted)")
            }
            guard event.previousHash == head else {
                return .broken(firstBadSequence: event.sequence, reason: """
                    event \(event.sequence) does not link to the event before it (prev_hash mismatch): \
                    an event was inserted, deleted or replaced before it
                    """)
            }
            let canonical = try EventChain.canonicalForm(
                runID: run.id, sequence: event.sequence, drillMs: event.drillMs, wallTime: event.wallTime,
                type: event.type, payload: event.payload
            )
            guard EventChain.hash(previous: head, canonical: canonical) == event.hash else {
                return .broken(firstBadSequence: event.sequence, reason: "event \(event.sequence) was altered: its content does not match its hash")
            }
            let decoded = try? decoder.decode(DrillEvent.self, from: Data(event.payload.utf8))
            guard let decoded, decoded.sequence == event.sequence, decoded.time.milliseconds == event.drillMs,
                  decoded.typeName == event.type
            else {
                return .broken(firstBadSequence: event.sequence, reason: "event \(event.sequence) was altered: its payload does not match its columns")
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
