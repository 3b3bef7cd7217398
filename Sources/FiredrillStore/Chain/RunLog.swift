import FiredrillCore
import Foundation

/// The rules of appending to a run's log, whichever database keeps it. A backend reads the
/// run's ``State`` inside its transaction, asks ``append(_:to:state:wallClock:facts:)`` for
/// the links to insert and the run's new state, and writes both in the same transaction.
public enum RunLog {
    /// What appending needs to know of the run, as stored.
    public struct State: Sendable, Hashable {
        public var status: RunStatus
        public var chainHead: String?
        public var eventCount: Int
        public var checkpointMs: Int64
        /// The stored log's last event: its sequence number and hash (`nil` when empty).
        public var lastSequence: Int?
        public var lastHash: String?

        public init(status: RunStatus, chainHead: String?, eventCount: Int, checkpointMs: Int64, lastSequence: Int?, lastHash: String?) {
            self.status = status
            self.chainHead = chainHead
            self.eventCount = eventCount
            self.checkpointMs = checkpointMs
            self.lastSequence = lastSequence
            self.lastHash = lastHash
        }
    }

    /// The links to insert and the run's columns after them.
    public struct Append: Sendable, Hashable {
        public var links: [EventChain.Link]
        public var chainHead: String
        public var eventCount: Int
        public var checkpointMs: Int64
        public var status: RunStatus
    }

    /// Events that may still come after a run has finished: participants' survey and quiz
    /// answers, evaluators' write-ups and decisions.
    public static func mayFollowTheEnd(_ event: DrillEvent) -> Bool {
        switch event.kind {
        case .surveyAnswer, .quizAnswer, .observation, .adjudication: true
        default: false
        }
    }

    /// Chains `events` onto the run's log. The first event of a run fixes its facts
    /// (`facts`, given the drill's start: the first event's wall time), which are hashed into
    /// the chain's first link. A finished run takes only what may follow its end; a stored log
    /// that does not match the run's chain head or count takes nothing.
    public static func append(
        _ events: [DrillEvent], to runID: String, state: State, wallClock: () -> Date, facts: (Date) throws -> RunFacts
    ) throws -> Append {
        guard state.status != .finished || events.allSatisfy(mayFollowTheEnd) else { throw StoreError.runFinished(runID) }
        guard state.lastHash == state.chainHead, (state.lastSequence.map { $0 + 1 } ?? 0) == state.eventCount else {
            throw StoreError(.inconsistentRecord, """
                the stored events of run '\(runID)' do not match its chain head or event count; \
                nothing was appended. Run 'firedrill verify \(runID)' to see what changed.
                """)
        }
        var chain: EventChain
        // The first event's wall time is the drill's start, fixed in the facts.
        var firstWallTime: Date? = nil
        if let head = state.lastHash {
            chain = EventChain(runID: runID, head: head, nextSequence: state.eventCount)
        } else {
            let start = wallClock()
            firstWallTime = start
            chain = EventChain(facts: try facts(start))
        }
        var checkpoint = state.checkpointMs
        var links: [EventChain.Link] = []
        links.reserveCapacity(events.count)
        for event in events {
            let wallTime = firstWallTime ?? wallClock()
            firstWallTime = nil
            let link = try chain.append(event, wallTime: Timestamp.string(from: wallTime))
            checkpoint = max(checkpoint, link.drillMs)
            links.append(link)
        }
        return Append(
            links: links, chainHead: chain.head, eventCount: chain.nextSequence, checkpointMs: checkpoint,
            status: state.status == .ready ? .running : state.status
        )
    }

    // MARK: A new run

    /// Refuses a participant whose role the scenario does not have.
    public static func checkParticipants(_ participants: [Participant], of scenario: Scenario) throws(StoreError) {
        for participant in participants where scenario.role(participant.role) == nil {
            let roles = scenario.roles.map(\.id)
            throw StoreError.invalidInput("""
                unknown role '\(participant.role.prefix(40))'\(Suggestions.hint(for: participant.role, among: roles)) \
                (roles: \(roles.joined(separator: ", ")))
                """)
        }
    }

    /// The participants as stored: one without department takes its role's.
    public static func storedParticipants(_ participants: [Participant], of scenario: Scenario) -> [Participant] {
        participants.map { participant in
            var stored = participant
            stored.department = participant.department ?? scenario.role(participant.role)?.department
            return stored
        }
    }

    /// A fresh run id, `r-yyyyMMdd-HHmmss-xxxx` from the creation time (UTC) and random hex,
    /// that `exists` (asked inside the inserting transaction) says is unused.
    public static func newRunID(createdAt: String, exists: (String) throws -> Bool) rethrows -> String {
        let digits = createdAt.utf8.filter { $0 >= 48 && $0 <= 57 }.map { Character(UnicodeScalar($0)) }
        let stamp = digits.count >= 14
            ? String(digits[0..<8]) + "-" + String(digits[8..<14])
            : "00000000-000000"
        for attempt in 0..<32 {
            let suffixLength = attempt < 16 ? 4 : 8
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let padded = String(repeating: "0", count: max(0, 16 - suffix.count)) + suffix
            let candidate = "r-\(stamp)-\(padded.suffix(suffixLength))"
            if try !exists(candidate) { return candidate }
        }
        return "r-\(stamp)-" + UUID().uuidString.lowercased()
    }

    /// The run's row as it is created: no event yet, chain version 2.
    public static func newRun(
        id: String, scenario: Scenario, source: String, path: String, interface: RunInterface, speed: Double?,
        options: RunOptions?, status: RunStatus, createdAt: String
    ) -> StoredRun {
        StoredRun(
            id: id, scenarioID: scenario.id, scenarioTitle: scenario.title, scenarioSource: source,
            scenarioSHA256: EventChain.sha256Hex(source), scenarioPath: path, mode: interface.mode, interface: interface,
            speed: speed, createdAt: createdAt, startedAt: createdAt, status: status, checkpointMs: 0,
            chainVersion: 2, options: options?.json, eventCount: 0
        )
    }

    /// The facts a run's chain covers, fixed as the drill starts: the start time, and the
    /// roles recorded as played (each once, in the order stored).
    public static func facts(of run: StoredRun, participants: [Participant], startedAt: Date) -> RunFacts {
        var seen: Set<String> = []
        let played = participants.filter { seen.insert($0.role).inserted }
            .map { DrillReport.RecordInfo.PlayedRole(role: $0.role, department: $0.department) }
        return RunFacts(
            runID: run.id, scenarioID: run.scenarioID, scenarioSHA256: run.scenarioSHA256, mode: run.mode,
            interface: run.interface, speed: run.speed, startedAt: Timestamp.string(from: startedAt), roles: played
        )
    }
}
