import FiredrillCore

/// Every row of one run, as stored, for copying it to another store: the run row (facts,
/// result columns, checkpoint, speed, interface, chain head, event count, chain version), its
/// participants in the order stored, its events byte for byte, and its objective and quiz
/// results.
public struct RunCopy: Sendable, Hashable {
    public var run: StoredRun
    /// The participants in the order stored (the order the run's facts cover).
    public var participants: [Participant]
    /// The events in sequence order, as stored.
    public var events: [EventChain.Link]
    /// In objective id order.
    public var objectives: [RunResult.Objective]
    /// In question id order.
    public var quiz: [RunResult.Question]

    public init(
        run: StoredRun, participants: [Participant], events: [EventChain.Link], objectives: [RunResult.Objective], quiz: [RunResult.Question]
    ) {
        self.run = run
        self.participants = participants
        self.events = events
        self.objectives = objectives
        self.quiz = quiz
    }

    public var head: RunHead { RunHead(id: run.id, chainHead: run.chainHead, eventCount: run.eventCount) }

    /// These rows checked as `verify` checks a stored run (``RunVerification``): the facts
    /// under the chain, then every event's hash and link, the count and the head. The rows
    /// checked are the rows copied, so a run recorded to while it is copied is checked as
    /// copied.
    public func verification() throws -> ChainVerification {
        let roles = participants.map { (role: $0.role, department: $0.department) }
        if let broken = RunVerification.verifyFacts(run: run, participants: roles) { return broken }
        var links = events.makeIterator()
        return try RunVerification.verify(run: run) { links.next() }
    }

    /// Which of the run's rows differ from `other`'s (the same run read elsewhere): `the run
    /// row`, `participants`, `events`, `objective results`, `quiz results`.
    public func differences(from other: RunCopy) -> [String] {
        var rows: [String] = []
        if run != other.run { rows.append("the run row") }
        if participants != other.participants { rows.append("participants") }
        if events != other.events { rows.append("events") }
        if objectives != other.objectives { rows.append("objective results") }
        if quiz != other.quiz { rows.append("quiz results") }
        return rows
    }
}
