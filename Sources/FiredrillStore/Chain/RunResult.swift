import FiredrillCore

/// A finished run's result as stored, from its report: the run's columns, one row per
/// objective and one per quiz question (never per person).
public struct RunResult: Sendable, Hashable {
    public struct Objective: Sendable, Hashable {
        public var objectiveID: String
        public var kind: String
        public var weight: Double
        public var status: String
        public var elapsedMs: Int64?
        public var credit: Double?
        public var rating: String?
        /// The role whose action met the objective.
        public var metBy: String?

        public init(objectiveID: String, kind: String, weight: Double, status: String, elapsedMs: Int64?, credit: Double?, rating: String?, metBy: String?) {
            self.objectiveID = objectiveID
            self.kind = kind
            self.weight = weight
            self.status = status
            self.elapsedMs = elapsedMs
            self.credit = credit
            self.rating = rating
            self.metBy = metBy
        }
    }

    public struct Question: Sendable, Hashable {
        public var questionID: String
        public var answers: Int
        public var correct: Int

        public init(questionID: String, answers: Int, correct: Int) {
            self.questionID = questionID
            self.answers = answers
            self.correct = correct
        }
    }

    public var score: Double?
    public var objectivesExercised: Int
    public var objectivesTotal: Int
    public var weightExercised: Double
    public var weightTotal: Double
    public var complete: Bool
    public var ackMs: Int64?
    public var escalateMs: Int64?
    public var firstActionMs: Int64?
    public var resolveMs: Int64?
    public var detectionMs: Int64?
    public var effectiveEscalationMs: Int64?
    public var effectiveActionMs: Int64?
    /// The drill clock at its end, when it ended; the stored checkpoint is at least this.
    public var endMs: Int64?
    public var objectives: [Objective]
    public var quiz: [Question]

    /// The result of `report`, which must be of the run's scenario.
    public init(_ report: DrillReport, runID: String, scenarioID: String) throws(StoreError) {
        guard report.scenario.id == scenarioID else {
            throw StoreError.invalidInput("the report is of scenario '\(report.scenario.id)', run '\(runID)' plays '\(scenarioID)'")
        }
        score = report.score
        objectivesExercised = report.coverage.objectivesExercised
        objectivesTotal = report.coverage.objectivesTotal
        weightExercised = report.coverage.weightExercised
        weightTotal = report.coverage.weightTotal
        complete = report.coverage.complete
        let metrics = report.metrics
        ackMs = metrics.timeToAcknowledgeSeconds.map(Self.milliseconds)
        escalateMs = metrics.timeToEscalateSeconds.map(Self.milliseconds)
        firstActionMs = metrics.timeToFirstActionSeconds.map(Self.milliseconds)
        resolveMs = metrics.timeToResolveSeconds.map(Self.milliseconds)
        detectionMs = metrics.detectionAtSeconds.map(Self.milliseconds)
        effectiveEscalationMs = metrics.timeToEffectiveEscalationSeconds.map(Self.milliseconds)
        effectiveActionMs = metrics.timeToEffectiveActionSeconds.map(Self.milliseconds)
        endMs = report.drill.endedAtSeconds.map(Self.milliseconds)
        objectives = report.objectives.map { result in
            Objective(
                objectiveID: result.id, kind: result.kind.rawValue, weight: result.weight, status: result.status.rawValue,
                elapsedMs: result.elapsedSeconds.map(Self.milliseconds), credit: result.credit, rating: result.rating?.rawValue,
                metBy: result.metBy
            )
        }
        quiz = (report.quiz ?? []).map { Question(questionID: $0.id, answers: $0.answers, correct: $0.correct) }
    }

    /// Whole milliseconds of a report's seconds.
    public static func milliseconds(_ seconds: Double) -> Int64 {
        Int64((seconds * 1000).rounded())
    }
}

extension RunResult {
    /// Each difference, in words, between what a finished run stores (its row, its objective
    /// rows and quiz rows) and `report`, the report recomputed from its scenario and events;
    /// empty when they agree or the run is not finished.
    public static func differences(stored run: StoredRun, objectives: [Objective], quiz: [Question], recomputed report: DrillReport) -> [String] {
        guard run.status == .finished else { return [] }
        var differences: [String] = []
        func compare<T: Equatable>(_ name: String, _ stored: T?, _ computed: T?) {
            if stored != computed {
                differences.append("\(name) is \(stored.map { "\($0)" } ?? "none") in the record but \(computed.map { "\($0)" } ?? "none") recomputed from the events")
            }
        }
        let expected: RunResult
        do {
            expected = try RunResult(report, runID: run.id, scenarioID: run.scenarioID)
        } catch {
            return [error.message]
        }
        compare("the score", run.score, expected.score)
        compare("the mode", run.mode, report.drill.mode)
        compare("objectives exercised", run.objectivesExercised, expected.objectivesExercised)
        compare("objectives in all", run.objectivesTotal, expected.objectivesTotal)
        compare("complete", run.complete, expected.complete)
        compare("time to acknowledge (ms)", run.ackMs, expected.ackMs)
        compare("time to escalate (ms)", run.escalateMs, expected.escalateMs)
        compare("time to first action (ms)", run.firstActionMs, expected.firstActionMs)
        compare("time to resolve (ms)", run.resolveMs, expected.resolveMs)
        if run.chainVersion >= 2 {
            compare("detection (ms)", run.detectionMs, expected.detectionMs)
            compare("time to effective escalation (ms)", run.effectiveEscalationMs, expected.effectiveEscalationMs)
            compare("time to effective action (ms)", run.effectiveActionMs, expected.effectiveActionMs)
        }
        let stored = Dictionary(objectives.map { ($0.objectiveID, $0) }, uniquingKeysWith: { first, _ in first })
        for objective in expected.objectives {
            guard var row = stored[objective.objectiveID] else {
                differences.append("objective '\(objective.objectiveID)' has no stored result")
                continue
            }
            if run.chainVersion < 2 { row.metBy = objective.metBy } // not stored before v2
            if row != objective {
                differences.append("objective '\(objective.objectiveID)' is stored as \(row.summary) but recomputed as \(objective.summary)")
            }
        }
        for extra in Set(stored.keys).subtracting(expected.objectives.map(\.objectiveID)).sorted() {
            differences.append("objective '\(extra)' has a stored result but is not in the scenario")
        }
        var storedQuiz = Dictionary(quiz.map { ($0.questionID, $0) }, uniquingKeysWith: { first, _ in first })
        for question in expected.quiz {
            let row = storedQuiz.removeValue(forKey: question.questionID) ?? Question(questionID: question.questionID, answers: 0, correct: 0)
            if row != question {
                differences.append("quiz question '\(question.questionID)' is stored with \(row.correct) of \(row.answers) correct but recomputed as \(question.correct) of \(question.answers)")
            }
        }
        for extra in storedQuiz.keys.sorted() {
            differences.append("quiz question '\(extra)' has a stored result but is not in the scenario")
        }
        return differences
    }
}

extension RunResult.Objective {
    var summary: String {
        "\(status), credit \(credit.map { "\($0)" } ?? "none"), rating \(rating ?? "none")"
    }
}
