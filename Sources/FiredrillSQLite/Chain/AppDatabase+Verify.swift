import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Recomputes the run's hash chain from its stored events and compares it with the
    /// stored hashes, links, event count and chain head.
    public func verify(runID: String) throws -> ChainVerification {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            let roles = try ParticipantRecord
                .filter(ParticipantRecord.Columns.runID == runID)
                .order(Column.rowID)
                .fetchAll(db)
            if let broken = Self.verifyFacts(run: run, participants: roles) { return broken }
            return try Self.verify(run: run, events: EventChain.Link.ofRun(runID).fetchCursor(db))
        }
    }

    /// The genesis hash of the run's chain: over its facts (version 2) or its id and
    /// scenario hash (version 1).
    static func genesis(of run: StoredRun) -> String {
        if run.chainVersion >= 2, let facts = run.facts { return EventChain.genesisHash(facts: facts) }
        return EventChain.genesisHash(runID: run.id, scenarioSHA256: run.scenarioSHA256)
    }

    /// Compares the run row with the facts its chain covers; a difference means the row
    /// was changed after the drill started.
    static func verifyFacts(run: StoredRun, participants: [ParticipantRecord]) -> ChainVerification? {
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
        let played = participants.filter { seen.insert($0.roleID).inserted }
            .map { "\($0.roleID)/\($0.department ?? "")" }.joined(separator: ", ")
        compare("roles played", played, facts.roles.map { "\($0.role)/\($0.department ?? "")" }.joined(separator: ", "))
        guard differences.isEmpty else {
            return .broken(firstBadSequence: 0, reason: "the run's facts were altered: " + differences.joined(separator: "; "))
        }
        return nil
    }

    static func verify(run: StoredRun, events: some Cursor<EventChain.Link>) throws -> ChainVerification {
        let decoder = JSONDecoder()
        var head = genesis(of: run)
        var count = 0
        while let event = try events.next() {
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

extension AppDatabase {
    /// Compares what a finished run stores as its result (score, coverage, timing, one row
    /// per objective) with `report`, the report recomputed from its scenario and events.
    /// Returns each difference in words; empty when they agree (or the run is not finished).
    public func resultDifferences(runID: String, report: DrillReport) throws -> [String] {
        try read { db in
            let run = try Self.fetchRun(db, id: runID)
            guard run.status == .finished else { return [] }
            var differences: [String] = []
            func compare<T: Equatable>(_ name: String, _ stored: T?, _ computed: T?) {
                if stored != computed {
                    differences.append("\(name) is \(stored.map { "\($0)" } ?? "none") in the record but \(computed.map { "\($0)" } ?? "none") recomputed from the events")
                }
            }
            compare("the score", run.score, report.score)
            compare("the mode", run.mode, report.drill.mode)
            compare("objectives exercised", run.objectivesExercised, report.coverage.objectivesExercised)
            compare("objectives in all", run.objectivesTotal, report.coverage.objectivesTotal)
            compare("complete", run.complete, report.coverage.complete)
            let metrics = report.metrics
            compare("time to acknowledge (ms)", run.ackMs, metrics.timeToAcknowledgeSeconds.map(milliseconds(_:)))
            compare("time to escalate (ms)", run.escalateMs, metrics.timeToEscalateSeconds.map(milliseconds(_:)))
            compare("time to first action (ms)", run.firstActionMs, metrics.timeToFirstActionSeconds.map(milliseconds(_:)))
            compare("time to resolve (ms)", run.resolveMs, metrics.timeToResolveSeconds.map(milliseconds(_:)))
            if run.chainVersion >= 2 {
                compare("detection (ms)", run.detectionMs, metrics.detectionAtSeconds.map(milliseconds(_:)))
                compare("time to effective escalation (ms)", run.effectiveEscalationMs, metrics.timeToEffectiveEscalationSeconds.map(milliseconds(_:)))
                compare("time to effective action (ms)", run.effectiveActionMs, metrics.timeToEffectiveActionSeconds.map(milliseconds(_:)))
            }
            let rows = try ObjectiveResultRecord.filter(ObjectiveResultRecord.Columns.runID == runID).fetchAll(db)
            let stored = Dictionary(rows.map { ($0.objectiveID, $0) }, uniquingKeysWith: { first, _ in first })
            for objective in report.objectives {
                let expected = ObjectiveResultRecord(runID: runID, result: objective)
                guard var row = stored[objective.id] else {
                    differences.append("objective '\(objective.id)' has no stored result")
                    continue
                }
                if run.chainVersion < 2 { row.metBy = expected.metBy } // not stored before v2
                if row != expected {
                    differences.append("objective '\(objective.id)' is stored as \(row.summary) but recomputed as \(expected.summary)")
                }
            }
            for extra in Set(stored.keys).subtracting(report.objectives.map(\.id)).sorted() {
                differences.append("objective '\(extra)' has a stored result but is not in the scenario")
            }
            // The quiz per question, as answered in the events.
            var quiz: [String: (answers: Int, correct: Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT question_id, answers, correct FROM quiz_result WHERE run_id = ?", arguments: [runID]) {
                quiz[row[0]] = (row[1], row[2])
            }
            for result in report.quiz ?? [] {
                let stored = quiz.removeValue(forKey: result.id) ?? (0, 0)
                if stored != (result.answers, result.correct) {
                    differences.append("quiz question '\(result.id)' is stored with \(stored.correct) of \(stored.answers) correct but recomputed as \(result.correct) of \(result.answers)")
                }
            }
            for extra in quiz.keys.sorted() {
                differences.append("quiz question '\(extra)' has a stored result but is not in the scenario")
            }
            return differences
        }
    }
}

extension ObjectiveResultRecord {
    var summary: String {
        "\(status), credit \(credit.map { "\($0)" } ?? "none"), rating \(rating ?? "none")"
    }
}
