import FiredrillCore
import FiredrillStore
import Foundation
import PostgresNIO

/// Recording and reading runs. The rules (new runs, appending to the chain, the result, the
/// checks of `verify`) are ``FiredrillStore/RunLog``, ``FiredrillStore/RunResult`` and
/// ``FiredrillStore/RunVerification``, shared with the SQLite store; here is only SQL.
extension PostgresStore {
    public func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions? = nil, status: RunStatus = .running,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> any RunRecording {
        let runID = try transaction { transaction in
            try Self.insertRun(transaction, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                               participants: participants, options: options, status: status, createdAt: wallClock())
        }
        return PostgresRunRecorder(store: self, runID: runID, wallClock: wallClock)
    }

    public func recordFinishedRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], events: [DrillEvent], report: DrillReport,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> String {
        try transaction { transaction in
            let runID = try Self.insertRun(transaction, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                                           participants: participants, options: nil, status: .running, createdAt: wallClock())
            try PostgresRunRecorder.append(events, to: runID, in: transaction, wallClock: wallClock)
            try PostgresRunRecorder.finish(runID, with: report, in: transaction, endedAt: wallClock())
            return runID
        }
    }

    private static func insertRun(
        _ transaction: Transaction, scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions?, status: RunStatus, createdAt: Date
    ) throws -> String {
        try RunLog.checkParticipants(participants, of: scenario)
        let createdAt = Timestamp.string(from: createdAt)
        let id = try RunLog.newRunID(createdAt: createdAt) { candidate in
            try !transaction.query("SELECT 1 FROM run WHERE id = \(candidate)").isEmpty
        }
        let run = RunLog.newRun(
            id: id, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
            options: options, status: status, createdAt: createdAt
        )
        try transaction.query("""
            INSERT INTO run (id, scenario_id, scenario_title, scenario_sha256, scenario_path, mode, interface, speed,
                             created_at, started_at, status, checkpoint_ms, chain_version, options, event_count, scenario_source)
            VALUES (\(run.id), \(run.scenarioID), \(run.scenarioTitle), \(run.scenarioSHA256), \(run.scenarioPath),
                    \(run.mode.rawValue), \(run.interface.rawValue), \(run.speed), \(run.createdAt), \(run.startedAt),
                    \(run.status.rawValue), \(run.checkpointMs), \(run.chainVersion), \(run.options), \(run.eventCount),
                    \(run.scenarioSource))
            """)
        for participant in RunLog.storedParticipants(participants, of: scenario) {
            try transaction.query("""
                INSERT INTO participant (run_id, role_id, display_name, department)
                VALUES (\(id), \(participant.role), \(participant.displayName), \(participant.department))
                """)
        }
        return id
    }

    public func recorder(resuming runID: String, wallClock: @escaping @Sendable () -> Date = { Date() }) throws -> any RunRecording {
        let id = try transaction { transaction in
            let run = try Self.resolveRun(transaction, id: runID)
            guard run.status != .finished else { throw StoreError.runFinished(run.id) }
            try transaction.query("UPDATE run SET status = 'running' WHERE id = \(run.id)")
            return run.id
        }
        return PostgresRunRecorder(store: self, runID: id, wallClock: wallClock)
    }

    public func recorder(appendingTo runID: String, wallClock: @escaping @Sendable () -> Date = { Date() }) throws -> any RunRecording {
        PostgresRunRecorder(store: self, runID: try run(id: runID).id, wallClock: wallClock)
    }

    /// Marks a running run interrupted. Interrupted runs stay so; finished runs are refused.
    public func markInterrupted(runID: String) throws {
        try transaction { try Self.markInterrupted(runID: runID, in: $0) }
    }

    /// ``markInterrupted(runID:)`` inside the caller's transaction (a recorder's, fenced by its lease).
    static func markInterrupted(runID: String, in transaction: Transaction) throws {
        let run = try fetchRun(transaction, id: runID, lock: true)
        switch run.status {
        case .finished: throw StoreError.runFinished(run.id)
        case .interrupted, .ready: return
        case .running: try transaction.query("UPDATE run SET status = 'interrupted' WHERE id = \(run.id)")
        }
    }

    /// Marks a server drill that never started as ready again (after a restart).
    public func markReady(runID: String) throws {
        try transaction { transaction in
            let run = try Self.fetchRun(transaction, id: runID, lock: true)
            guard run.eventCount == 0, run.status != .finished else { return }
            try transaction.query("UPDATE run SET status = 'ready' WHERE id = \(run.id)")
        }
    }

    /// Changes the speed of a run that has not started (its facts are fixed at the start).
    public func setSpeed(runID: String, speed: Double) throws {
        try transaction { transaction in
            let run = try Self.fetchRun(transaction, id: runID, lock: true)
            guard run.eventCount == 0 else {
                throw StoreError.invalidInput("run '\(runID)' has started; its speed is part of its record")
            }
            try transaction.query("UPDATE run SET speed = \(speed) WHERE id = \(run.id)")
        }
    }

    // MARK: Reading

    /// The run with this id, or else the only run whose id starts with it.
    public func run(id: String) throws -> StoredRun {
        try transaction { try Self.resolveRun($0, id: id) }
    }

    public func events(runID: String) throws -> [DrillEvent] {
        try storedEvents(runID: runID).map(\.event)
    }

    public func storedEvents(runID: String) throws -> [(event: DrillEvent, wallTime: String)] {
        try snapshot { transaction in
            _ = try Self.fetchRun(transaction, id: runID)
            let decoder = JSONDecoder()
            return try Self.links(transaction, runID: runID).map { link in
                do {
                    return (try decoder.decode(DrillEvent.self, from: Data(link.payload.utf8)), link.wallTime)
                } catch {
                    throw StoreError(.inconsistentRecord, "event \(link.sequence) of run '\(runID)' cannot be read: \(error)")
                }
            }
        }
    }

    public func participants(runID: String) throws -> [Participant] {
        try snapshot { transaction in
            _ = try Self.fetchRun(transaction, id: runID)
            return try Self.participants(transaction, runID: runID)
        }
    }

    // MARK: The chain

    public func verify(runID: String) throws -> ChainVerification {
        try snapshot { transaction in
            let run = try Self.fetchRun(transaction, id: runID)
            let roles = try Self.participants(transaction, runID: runID).map { (role: $0.role, department: $0.department) }
            if let broken = RunVerification.verifyFacts(run: run, participants: roles) { return broken }
            var links = try Self.links(transaction, runID: runID).makeIterator()
            return try RunVerification.verify(run: run) { links.next() }
        }
    }

    public func resultDifferences(runID: String, report: DrillReport) throws -> [String] {
        try snapshot { transaction in
            let run = try Self.fetchRun(transaction, id: runID)
            guard run.status == .finished else { return [] }
            let objectives = try transaction.query("""
                SELECT objective_id, kind, weight, status, elapsed_ms, credit, rating, met_by
                FROM objective_result WHERE run_id = \(runID)
                """).map { row in
                let (id, kind, weight, status, elapsed, credit, rating, metBy) = try row.decode(
                    (String, String, Double, String, Int64?, Double?, String?, String?).self
                )
                return RunResult.Objective(objectiveID: id, kind: kind, weight: weight, status: status, elapsedMs: elapsed, credit: credit, rating: rating, metBy: metBy)
            }
            let quiz = try transaction.query("SELECT question_id, answers, correct FROM quiz_result WHERE run_id = \(runID)").map { row in
                let (id, answers, correct) = try row.decode((String, Int, Int).self)
                return RunResult.Question(questionID: id, answers: answers, correct: correct)
            }
            return RunResult.differences(stored: run, objectives: objectives, quiz: quiz, recomputed: report)
        }
    }

    // MARK: Inside transactions

    static let runColumns = """
        id, scenario_id, scenario_title, scenario_source, scenario_sha256, scenario_path, mode, interface, speed,
        created_at, started_at, ended_at, status, checkpoint_ms, score, objectives_exercised, objectives_total,
        weight_exercised, weight_total, complete, ack_ms, escalate_ms, first_action_ms, resolve_ms, detection_ms,
        effective_escalation_ms, effective_action_ms, chain_version, facts, options, chain_head, event_count
        """

    /// The run with exactly this id; `lock` holds its row until the transaction ends.
    static func fetchRun(_ transaction: Transaction, id: String, lock: Bool = false) throws -> StoredRun {
        // PostgreSQL's text cannot hold U+0000, so no run has such an id (SQLite answers the same).
        guard !id.contains("\u{0}") else { throw StoreError.runNotFound(id) }
        let rows = try transaction.query("SELECT \(unescaped: runColumns) FROM run WHERE id = \(id)\(unescaped: lock ? " FOR UPDATE" : "")")
        guard let row = rows.first else { throw StoreError.runNotFound(id) }
        return try storedRun(row)
    }

    /// The run with this id, or else the only run whose id starts with it.
    static func resolveRun(_ transaction: Transaction, id: String) throws -> StoredRun {
        guard !id.contains("\u{0}") else { throw StoreError.runNotFound(id) }
        if let row = try transaction.query("SELECT \(unescaped: runColumns) FROM run WHERE id = \(id)").first {
            return try storedRun(row)
        }
        guard !id.isEmpty else { throw StoreError.runNotFound(id) }
        // Ids starting with `id`, compared byte by byte as SQLite does.
        let matches = try transaction.query("""
            SELECT id FROM run WHERE id COLLATE "C" >= \(id) AND id COLLATE "C" < \(id + "\u{10FFFF}") ORDER BY id COLLATE "C" LIMIT 6
            """).map { try $0.decode(String.self) }
        switch matches.count {
        case 0: throw StoreError.runNotFound(id)
        case 1: return try fetchRun(transaction, id: matches[0])
        default:
            let shown = matches.prefix(5).joined(separator: ", ") + (matches.count > 5 ? ", …" : "")
            throw StoreError(.ambiguousRunID, "'\(id)' matches several runs (\(shown)); give more of the id")
        }
    }

    static func participants(_ transaction: Transaction, runID: String) throws -> [Participant] {
        try transaction.query("SELECT role_id, display_name, department FROM participant WHERE run_id = \(runID) ORDER BY position").map { row in
            let (role, name, department) = try row.decode((String, String?, String?).self)
            return Participant(role: role, displayName: name, department: department)
        }
    }

    static func links(_ transaction: Transaction, runID: String) throws -> [EventChain.Link] {
        try transaction.query("""
            SELECT seq, drill_ms, wall_time, type, payload, prev_hash, hash FROM event WHERE run_id = \(runID) ORDER BY seq
            """).map { row in
            let (sequence, drillMs, wallTime, type, payload, previous, hash) = try row.decode((Int, Int64, String, String, String, String, String).self)
            return EventChain.Link(sequence: sequence, drillMs: drillMs, wallTime: wallTime, type: type, payload: payload, previousHash: previous, hash: hash)
        }
    }

    private static func storedRun(_ row: PostgresRow) throws -> StoredRun {
        try RowDecoder.decode(StoredRun.self, from: row)
    }
}
