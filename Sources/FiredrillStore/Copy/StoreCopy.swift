/// `firedrill store copy`: every record of one store written into another (SQLite to
/// PostgreSQL and back), ids and content unchanged, and nothing in the target overwritten.
///
/// Runs go first, oldest first, each in one transaction of the target: its rows are checked
/// as `verify` checks them before they are written (a run whose chain does not verify in the
/// source is not copied), then read back from the target, compared with the source's, and
/// verified there. A run the target holds already with the same chain head is skipped; with
/// another head it is a problem naming it. Then the other records, kind by kind
/// (``CopiedRecord/Kind``), in batches: one the target holds already is skipped when equal,
/// a problem naming it when not.
///
/// So a copy stopped anywhere (Ctrl-C, `kill -9`, a lost connection) leaves the target
/// consistent, and the same copy run again carries on where it stopped. Problems are
/// collected and the copy goes on; only a store that cannot be used at all (unreachable, full,
/// read-only, locked) stops it (``Aborted``).
///
/// The leases that PostgreSQL servers hold on running drills are not records: they say which
/// process holds a drill now, and are not copied.
public struct StoreCopy {
    public let source: any StoreCopying
    public let target: any StoreCopying
    /// Records written per transaction (runs: one per transaction).
    public var batchSize = 500

    /// Refuses to copy a store into itself.
    public init(from source: any StoreCopying, to target: any StoreCopying) throws(StoreError) {
        guard source.location != target.location else { throw Self.intoItself(source.location) }
        self.source = source
        self.target = target
    }

    /// Copying `location` onto itself.
    public static func intoItself(_ location: String) -> StoreError {
        StoreError.invalidInput("--from and --to name the same store (\(location)): a store cannot be copied into itself; name another database with --to")
    }

    /// Copies everything, calling `progress` after each run and each batch of records and
    /// `problem` for each record that is not copied, and checking `shouldStop` between runs
    /// and batches (then the summary says it was interrupted).
    ///
    /// Throws ``Aborted`` when a store cannot be used any more, with what was done until then.
    public func run(
        progress: @escaping (Progress) -> Void = { _ in }, problem: @escaping (Problem) -> Void = { _ in },
        shouldStop: () -> Bool = { false }
    ) throws(Aborted) -> Summary {
        var state = State(progress: progress, problem: problem)
        do {
            try copyRuns(&state, shouldStop: shouldStop)
            if !state.summary.interrupted { try copyRecords(&state, shouldStop: shouldStop) }
        } catch let error as StoreError {
            throw Aborted(error: error, summary: state.summary)
        } catch {
            throw Aborted(error: StoreError(.writeFailed, "\(error)"), summary: state.summary)
        }
        return state.summary
    }

    // MARK: Runs

    private func copyRuns(_ state: inout State, shouldStop: () -> Bool) throws {
        let heads = try source.runHeads()
        var inTarget: [String: RunHead] = [:]
        for head in try target.runHeads() {
            inTarget[head.id] = head
            state.present.insert(head.id)
        }
        state.summary.runsTotal = heads.count
        for head in heads {
            if shouldStop() {
                state.summary.interrupted = true
                return
            }
            if let existing = inTarget[head.id] {
                compare(head, with: existing, &state)
            } else {
                do {
                    try copyRun(head.id, &state)
                } catch let error as StoreError where Self.stopsTheCopy(error) {
                    throw error
                } catch let error as StoreError {
                    state.fail(runID: head.id, events: head.eventCount, error.message)
                } catch {
                    state.fail(runID: head.id, events: head.eventCount, "\(error)")
                }
            }
            state.summary.runsDone += 1
            state.report(.runs)
        }
    }

    private func copyRun(_ id: String, _ state: inout State) throws {
        let copy = try source.runCopy(id: id)
        if case .broken(let sequence, let reason) = try copy.verification() {
            return state.fail(runID: id, events: copy.run.eventCount, """
                its chain does not verify in \(source.location) (at event \(sequence): \(reason)); it was not copied. \
                'firedrill verify \(id) --db …' on the source says more
                """)
        }
        if let existing = try target.insertRun(copy) {
            // Written by someone else since the target's runs were listed.
            return compare(copy.head, with: existing, &state)
        }
        state.present.insert(id)
        let stored = try target.runCopy(id: id)
        guard stored == copy else {
            return state.fail(runID: id, events: copy.run.eventCount, """
                it was copied, but \(target.location) reads back other \(copy.differences(from: stored).joined(separator: ", ")) than \
                \(source.location) holds; run 'firedrill verify \(id)' on both
                """)
        }
        switch try target.verify(runID: id) {
        case .intact(_, let events) where events == copy.events.count:
            state.summary.runs.copied += 1
            state.summary.events.copied += events
        case .intact:
            state.fail(runID: id, events: copy.run.eventCount, "it was copied, but \(target.location) holds another number of its events; run 'firedrill verify \(id)' there")
        case .broken(let sequence, let reason):
            state.fail(runID: id, events: copy.run.eventCount, "it was copied, but its chain does not verify in \(target.location) (at event \(sequence): \(reason))")
        }
    }

    /// A run the target holds already: the same record when its chain ends at the same head.
    private func compare(_ head: RunHead, with existing: RunHead, _ state: inout State) {
        state.present.insert(head.id)
        guard existing.chainHead == head.chainHead, existing.eventCount == head.eventCount else {
            return state.fail(runID: head.id, events: head.eventCount, """
                \(target.location) holds another record of this run (\(existing.summary) there; \(head.summary) in \
                \(source.location)); it was not overwritten. Compare them with 'firedrill verify \(head.id) --db …' on each
                """)
        }
        state.summary.runs.skipped += 1
        state.summary.events.skipped += head.eventCount
    }

    // MARK: Other records

    private func copyRecords(_ state: inout State, shouldStop: () -> Bool) throws {
        var nearMisses: Set<Int64> = []
        for kind in CopiedRecord.Kind.allCases {
            var pending: [CopiedRecord] = []
            for record in try source.copiedRecords(kind) {
                if let runID = record.runID, !state.present.contains(runID) {
                    state.fail(record, "its run \(runID) is not in \(target.location) (it was not copied); it was not copied either")
                } else if let id = record.nearMissID, !nearMisses.contains(id) {
                    state.fail(record, "near miss \(id), which it names, is not in \(target.location) as in the source; it was not copied")
                } else {
                    pending.append(record)
                }
            }
            for start in stride(from: 0, to: pending.count, by: batchSize) {
                if shouldStop() {
                    state.summary.interrupted = true
                    return
                }
                let batch = Array(pending[start..<min(pending.count, start + batchSize)])
                for (record, outcome) in zip(batch, try insert(batch)) {
                    switch outcome {
                    case .failure(let error):
                        state.fail(record, error.message)
                    case .success(nil):
                        state.summary.records[kind, default: Counts()].copied += 1
                    case .success(let existing?) where existing == record:
                        state.summary.records[kind, default: Counts()].skipped += 1
                    case .success(let existing?):
                        let columns = record.differingColumns(from: existing).joined(separator: ", ")
                        state.fail(record, "\(target.location) holds another version of it (different \(columns)); it was not overwritten")
                    }
                    if case .nearMiss(let entry) = record, case .success(let existing) = outcome, existing == nil || existing == record {
                        nearMisses.insert(entry.id)
                    }
                }
                state.report(.records(kind))
            }
        }
    }

    /// Writes a batch in one transaction; when the target refuses it, each record on its own,
    /// so that one bad record does not hold back the others.
    private func insert(_ batch: [CopiedRecord]) throws -> [Result<CopiedRecord?, StoreError>] {
        do {
            return try target.insertRecords(batch).map { .success($0) }
        } catch let error as StoreError where Self.stopsTheCopy(error) {
            throw error
        } catch {
            return try batch.map { record in
                do {
                    return .success(try target.insertRecords([record]).first ?? nil)
                } catch let error as StoreError where Self.stopsTheCopy(error) {
                    throw error
                } catch let error as StoreError {
                    return .failure(error)
                } catch {
                    return .failure(StoreError(.writeFailed, "\(error)"))
                }
            }
        }
    }

    /// Failures of a store itself, after which nothing more can be copied.
    static func stopsTheCopy(_ error: StoreError) -> Bool {
        [.unavailable, .diskFull, .readOnly, .busy, .cannotOpen, .newerSchema].contains(error.code)
    }
}

// MARK: - What it reports

extension StoreCopy {
    /// How many records of a kind were copied, skipped (already in the target, the same) and
    /// not copied (a ``Problem`` each).
    public struct Counts: Sendable, Hashable {
        public var copied = 0
        public var skipped = 0
        public var failed = 0

        public init(copied: Int = 0, skipped: Int = 0, failed: Int = 0) {
            self.copied = copied
            self.skipped = skipped
            self.failed = failed
        }
    }

    /// A record that was not copied, and why.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        /// The record, named (`run r-…`, `corrective action 3 (of run r-…)`).
        public var record: String
        public var reason: String

        public var description: String { "\(record): \(reason)" }
    }

    /// Where the copy is.
    public enum Phase: Sendable, Hashable {
        case runs
        case records(CopiedRecord.Kind)
    }

    /// What was done so far, reported after each run and each batch of records.
    public struct Progress: Sendable {
        public var phase: Phase
        public var summary: Summary
    }

    /// What was done.
    public struct Summary: Sendable, Hashable {
        /// The runs in the source.
        public var runsTotal = 0
        /// The runs looked at so far (copied, skipped or not).
        public var runsDone = 0
        public var runs = Counts()
        /// The events of those runs.
        public var events = Counts()
        public var records: [CopiedRecord.Kind: Counts] = [:]
        public var problems: [Problem] = []
        /// Stopped before the end (``StoreCopy/run(progress:problem:shouldStop:)``'s `shouldStop`).
        public var interrupted = false

        /// Whether something was not copied.
        public var hasProblems: Bool { !problems.isEmpty }
    }

    /// A copy stopped by a store that cannot be used any more (unreachable, full, read-only,
    /// locked): the error, and what was copied until then (it stays in the target).
    public struct Aborted: Error, Sendable, CustomStringConvertible {
        public var error: StoreError
        public var summary: Summary

        public var description: String { error.message }
    }

    /// The summary as the copy goes, with the callbacks it is reported to.
    private struct State {
        var summary = Summary()
        /// The runs the target holds (copied now, or there before): the records that belong
        /// to a run are copied only for them.
        var present: Set<String> = []
        let progress: (Progress) -> Void
        let problem: (Problem) -> Void

        init(progress: @escaping (Progress) -> Void, problem: @escaping (Problem) -> Void) {
            self.progress = progress
            self.problem = problem
        }

        mutating func fail(runID: String, events: Int, _ reason: String) {
            summary.runs.failed += 1
            summary.events.failed += events
            add(Problem(record: "run \(runID)", reason: reason))
        }

        mutating func fail(_ record: CopiedRecord, _ reason: String) {
            summary.records[record.kind, default: Counts()].failed += 1
            add(Problem(record: record.name, reason: reason))
        }

        private mutating func add(_ found: Problem) {
            summary.problems.append(found)
            problem(found)
        }

        func report(_ phase: Phase) {
            progress(Progress(phase: phase, summary: summary))
        }
    }
}
