import FiredrillCore
import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Records a new run of `scenario` and returns the recorder its events go to.
    ///
    /// - Parameters:
    ///   - source: The exact text of the scenario file; it is stored with its SHA-256.
    ///   - path: Where the scenario file was read from.
    ///   - participants: The roles played and by whom. A participant without department
    ///     takes its role's department from the scenario.
    ///   - wallClock: The clock that stamps the run and its events.
    public func startRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions? = nil, status: RunStatus = .running,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> any RunRecording {
        let runID = try write { db in
            try Self.insertRun(db, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                               participants: participants, options: options, status: status, createdAt: wallClock())
        }
        return RunRecorder(database: self, runID: runID, wallClock: wallClock)
    }

    /// Records a whole run at once (a scripted replay): the run, its events and its result
    /// in one transaction, so that a failure (a full disk) leaves nothing behind. Returns the
    /// run's id.
    public func recordFinishedRun(
        scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], events: [DrillEvent], report: DrillReport,
        wallClock: @escaping @Sendable () -> Date = { Date() }
    ) throws -> String {
        try write { db in
            let runID = try Self.insertRun(db, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
                                           participants: participants, options: nil, status: .running, createdAt: wallClock())
            try RunRecorder.append(events, to: runID, in: db, wallClock: wallClock)
            try RunRecorder.finish(runID, with: report, in: db, endedAt: wallClock())
            return runID
        }
    }

    private static func insertRun(
        _ db: Database, scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        participants: [Participant], options: RunOptions?, status: RunStatus, createdAt: Date
    ) throws -> String {
        try RunLog.checkParticipants(participants, of: scenario)
        let createdAt = Timestamp.string(from: createdAt)
        let id = try RunLog.newRunID(createdAt: createdAt) { try StoredRun.exists(db, key: $0) }
        try RunLog.newRun(
            id: id, scenario: scenario, source: source, path: path, interface: interface, speed: speed,
            options: options, status: status, createdAt: createdAt
        ).insert(db)
        for participant in RunLog.storedParticipants(participants, of: scenario) {
            try ParticipantRecord(runID: id, participant: participant).insert(db)
        }
        return id
    }

    /// A recorder continuing an interrupted (or abandoned running) run, given its id or a
    /// unique prefix of it. The run is marked running again.
    public func recorder(resuming runID: String, wallClock: @escaping @Sendable () -> Date = { Date() }) throws -> any RunRecording {
        let id = try write { db in
            let run = try Self.resolveRun(db, id: runID)
            guard run.status != .finished else { throw StoreError.runFinished(run.id) }
            try StoredRun.filter(key: run.id).updateAll(db, StoredRun.Columns.status.set(to: RunStatus.running))
            return run.id
        }
        return RunRecorder(database: self, runID: id, wallClock: wallClock)
    }

    /// Marks a running run interrupted. Interrupted runs stay so; finished runs are refused.
    public func markInterrupted(runID: String) throws {
        try write { db in
            let run = try Self.fetchRun(db, id: runID)
            switch run.status {
            case .finished: throw StoreError.runFinished(run.id)
            case .interrupted, .ready: return
            case .running:
                try StoredRun.filter(key: run.id).updateAll(db, StoredRun.Columns.status.set(to: RunStatus.interrupted))
            }
        }
    }
}

// MARK: - Fetching runs inside transactions

extension AppDatabase {
    /// The run with exactly this id.
    static func fetchRun(_ db: Database, id: String) throws -> StoredRun {
        guard let run = try StoredRun.fetchOne(db, key: id) else { throw StoreError.runNotFound(id) }
        return run
    }

    /// The run with this id, or else the only run whose id starts with it.
    static func resolveRun(_ db: Database, id: String) throws -> StoredRun {
        if let run = try StoredRun.fetchOne(db, key: id) { return run }
        guard !id.isEmpty else { throw StoreError.runNotFound(id) }
        // Ids starting with `id` sort between `id` and `id` followed by the highest scalar.
        let matches = try StoredRun
            .filter(StoredRun.Columns.id >= id && StoredRun.Columns.id < id + "\u{10FFFF}")
            .order(StoredRun.Columns.id)
            .limit(6)
            .fetchAll(db)
        switch matches.count {
        case 0: throw StoreError.runNotFound(id)
        case 1: return matches[0]
        default:
            let shown = matches.prefix(5).map(\.id).joined(separator: ", ") + (matches.count > 5 ? ", …" : "")
            throw StoreError(.ambiguousRunID, "'\(id)' matches several runs (\(shown)); give more of the id")
        }
    }
}

extension AppDatabase {
    /// Changes the speed of a run that has not started (its facts are fixed at the start).
    public func setSpeed(runID: String, speed: Double) throws {
        try write { db in
            let run = try Self.fetchRun(db, id: runID)
            guard run.eventCount == 0 else {
                throw StoreError.invalidInput("run '\(runID)' has started; its speed is part of its record")
            }
            try StoredRun.filter(key: runID).updateAll(db, Column("speed").set(to: speed))
        }
    }
}

extension AppDatabase {
    /// A recorder for a finished run, for what may still come after its end (survey
    /// answers, evaluators' write-ups).
    public func recorder(appendingTo runID: String, wallClock: @escaping @Sendable () -> Date = { Date() }) throws -> any RunRecording {
        let run = try self.run(id: runID)
        return RunRecorder(database: self, runID: run.id, wallClock: wallClock)
    }

    /// Marks a server drill that never started as ready again (after a restart).
    public func markReady(runID: String) throws {
        try write { db in
            let run = try Self.fetchRun(db, id: runID)
            guard run.eventCount == 0, run.status != .finished else { return }
            try StoredRun.filter(key: runID).updateAll(db, StoredRun.Columns.status.set(to: RunStatus.ready))
        }
    }
}
