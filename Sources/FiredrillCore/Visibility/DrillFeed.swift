/// Folds a drill's event log, one event at a time, into what viewers need beside each
/// event: which objectives an action met, after how long and for how much credit. The same
/// fold serves live streams and catch-up from the record, so both show the same.
public struct DrillFeed: Sendable {
    public let scenario: Scenario
    private var ledger: DrillLedger

    public init(scenario: Scenario) {
        self.scenario = scenario
        ledger = DrillLedger(scenario: scenario)
    }

    /// An objective an action met.
    public struct Met: Sendable, Hashable, Codable {
        public var objective: String
        public var elapsedSeconds: Double
        public var credit: Double

        public init(objective: String, elapsedSeconds: Double, credit: Double) {
            self.objective = objective
            self.elapsedSeconds = elapsedSeconds
            self.credit = credit
        }

        enum CodingKeys: String, CodingKey {
            case objective, elapsedSeconds = "elapsed_seconds", credit
        }
    }

    /// Takes the next event of the log; returns the objectives it met (empty for most events).
    public mutating func take(_ event: DrillEvent) -> [Met] {
        let newlyMet = ledger.apply(event)
        return newlyMet.compactMap { id in
            guard let objective = scenario.objective(id), let start = ledger.clockStart(of: objective),
                  let satisfaction = ledger.met[id] else { return nil }
            let elapsed = max(.zero, satisfaction.time - start)
            return Met(
                objective: id, elapsedSeconds: elapsed.seconds,
                credit: Scoring.credit(elapsed: elapsed, target: objective.target, limit: objective.limit)
            )
        }
    }

    /// The facts so far: deliveries, objectives met, first actions.
    public var facts: DrillLedger { ledger }
}
