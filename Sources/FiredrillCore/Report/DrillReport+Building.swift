extension DrillReport {
    /// Computes the report of a drill from its scenario and event log.
    ///
    /// - Parameters:
    ///   - mode: How the drill was played; every rendering says so.
    ///   - standingAt: For a drill still under way, its drill time now: objectives whose limit
    ///     has passed by then count as missed (default: the time of the last event).
    public init(scenario: Scenario, events: [DrillEvent], mode: DrillMode, record: RecordInfo? = nil, standingAt: DrillTime? = nil) {
        var feed = DrillFeed(scenario: scenario)
        // What keyword matching alone made of the same record: the automatic score. Without
        // any evaluator's decision it is the official one, and the record is read once.
        let adjudicated = events.contains { if case .adjudication = $0.kind { true } else { false } }
        var automatic: DrillLedger? = adjudicated ? DrillLedger(scenario: scenario, adjudicating: false) : nil
        var timeline: [EventView] = []
        timeline.reserveCapacity(events.count)
        var observations: [ObservationEntry] = []
        var adlibs: [InjectResult] = []
        var pauses = 0
        var interruptions = 0
        var actions = 0
        var speedChanges = 0
        var skipped = DrillTime.zero
        // Each participant's latest answer per question; answers without a participant all count.
        var answers: [SurveyAnswer] = []
        var quizAnswers: [QuizAnswer] = []
        var answerIndex: [String: Int] = [:]
        for event in events {
            let met = feed.take(event)
            automatic?.apply(event)
            let at = event.time.seconds
            switch event.kind {
            case .adlibInject(let inject):
                adlibs.append(InjectResult(id: inject.id, status: .delivered, atSeconds: at, channel: inject.channel, subject: inject.subject, adlib: true))
            case .action:
                actions += 1
            case .observation(let observation):
                observations.append(ObservationEntry(atSeconds: at, objective: observation.objective, rating: observation.rating, text: observation.text, by: observation.by))
            case .paused:
                pauses += 1
            case .interrupted:
                interruptions += 1
            case .speedChanged:
                speedChanges += 1
            case .clockAdvanced(let from):
                skipped = skipped + (event.time - from)
            case .surveyAnswer(let answer):
                if let participant = answer.participant, let index = answerIndex["\(answer.question)/\(participant)"] {
                    answers[index] = answer
                } else {
                    if let participant = answer.participant { answerIndex["\(answer.question)/\(participant)"] = answers.count }
                    answers.append(answer)
                }
                continue // answers are summed up per question, not listed one by one
            case .quizAnswer(let answer):
                quizAnswers.append(answer)
                continue // counted per question and department, never listed per person
            default:
                break
            }
            // The timeline: each event in its one shape, as the exercise staff see it but
            // without the trainer's notes (they are in the MSEL), objectives met included.
            if let view = Visibility.view(of: event, met: met, wallTime: nil, for: .evaluator, scenario: scenario, staffNotes: false) {
                timeline.append(view)
            }
        }
        let ledger = feed.facts

        // Where the drill stands: its end, or the last event of a drill that was cut off.
        let ranToEnd = ledger.endReason == .completed
        let standsAt = ledger.endTime ?? max(standingAt ?? .zero, events.last?.time ?? .zero)
        var latestRating: [String: Scoring.Rating] = [:]
        for observation in observations { if let objective = observation.objective, let rating = observation.rating { latestRating[objective] = rating } }
        let automaticResults = Self.results(of: scenario, ledger: automatic ?? ledger, ranToEnd: ranToEnd, standsAt: standsAt, evaluatorRatings: [:])
        var objectiveResults = Self.results(
            of: scenario, ledger: ledger, ranToEnd: ranToEnd, standsAt: standsAt, evaluatorRatings: latestRating
        )
        for index in objectiveResults.indices { objectiveResults[index].automaticRating = automaticResults[index].rating }
        func scored(_ results: [ObjectiveResult]) -> [(weight: Double, credit: Double)] {
            results.compactMap { result in
                guard result.status.isExercised, result.weight > 0, let credit = result.credit else { return nil }
                return (result.weight, credit)
            }
        }
        let exercised = objectiveResults.filter(\.status.isExercised)
        let exercisedCount = exercised.count
        let exercisedWeight = exercised.reduce(0) { $0 + $1.weight }

        let injectResults = scenario.injects.map { inject -> InjectResult in
            let (status, time): (InjectStatus, DrillTime?) =
                if let time = ledger.delivered[inject.id] { (.delivered, time) }
                else if let time = ledger.skipped[inject.id] { (.skipped, time) }
                else { (.notReached, nil) }
            return InjectResult(id: inject.id, status: status, atSeconds: time?.seconds, channel: inject.channel, subject: inject.subject, adlib: false)
        } + adlibs

        let first = ledger.firstAction
        let totalWeight = scenario.objectives.reduce(0) { $0 + $1.weight }
        self.init(
            scenario: ScenarioInfo(
                id: scenario.id, title: scenario.title, summary: scenario.summary, language: scenario.language,
                durationSeconds: scenario.duration.seconds, tags: scenario.tags
            ),
            score: Scoring.score(scored(objectiveResults)),
            automaticScore: Scoring.score(scored(automaticResults)),
            coverage: Coverage(
                objectivesExercised: exercisedCount, objectivesTotal: scenario.objectives.count,
                weightExercised: exercisedWeight, weightTotal: totalWeight,
                complete: ranToEnd || !objectiveResults.contains { $0.status == .notExercised }
            ),
            objectives: objectiveResults,
            injects: injectResults,
            metrics: Metrics(
                timeToAcknowledgeSeconds: first[.acknowledge]?.seconds,
                timeToEscalateSeconds: first[.escalate]?.seconds,
                timeToFirstActionSeconds: first[.action]?.seconds,
                timeToResolveSeconds: first[.resolve]?.seconds,
                timeToFirstCommunicationSeconds: first[.communicate]?.seconds,
                timeToReportSeconds: first[.report]?.seconds,
                detectionAtSeconds: ledger.firstDelivery?.seconds,
                timeToEffectiveEscalationSeconds: ledger.firstEffective[.escalate]?.seconds,
                timeToEffectiveActionSeconds: ledger.firstEffective[.action]?.seconds
            ),
            drill: DrillInfo(
                mode: mode, endedAtSeconds: ledger.endTime?.seconds, endReason: ledger.endReason, pauses: pauses,
                interruptions: interruptions, actions: actions, speedChanges: speedChanges, skippedSeconds: skipped.seconds
            ),
            roles: scenario.roles.map {
                RoleInfo(id: $0.id, name: $0.name, department: $0.department, simulated: $0.isSimulated,
                         responsibilities: $0.responsibilities.isEmpty ? nil : $0.responsibilities)
            },
            observations: observations,
            timeline: timeline,
            survey: scenario.survey.enumerated().map { index, question in
                let given = answers.filter { $0.question == index }
                let scores = given.compactMap(\.score)
                return SurveyResult(
                    question: question.text, kind: question.kind, count: given.count, answers: scores,
                    median: question.kind == .scale ? Statistics.median(scores.map(Double.init)) : nil,
                    texts: given.compactMap { $0.comment.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : $0 } }
                )
            },
            record: record
        )
        quiz = QuizResult.results(of: scenario, answers: quizAnswers)
        reviewWording(participantNames: [])
    }

    /// Each objective's result in a ledger's state (adjudicated, or matching alone).
    static func results(
        of scenario: Scenario, ledger: DrillLedger, ranToEnd: Bool, standsAt: DrillTime, evaluatorRatings: [String: Scoring.Rating]
    ) -> [ObjectiveResult] {
        scenario.objectives.map { objective -> ObjectiveResult in
            let start = ledger.clockStart(of: objective)
            var result = ObjectiveResult(
                id: objective.id, name: objective.name, kind: objective.kind, weight: objective.weight,
                status: .notApplicable, targetSeconds: objective.target.seconds, limitSeconds: objective.limit.seconds,
                clockStartSeconds: start?.seconds, evaluatorRating: evaluatorRatings[objective.id],
                expected: scenario.expectation(of: objective), controls: ControlCatalog.controls(of: objective),
                adjudicated: !(ledger.decisions[objective.id]?.isEmpty ?? true)
            )
            if let satisfaction = ledger.met[objective.id], let start {
                // An action credited before the objective's clock started is on time.
                let elapsed = max(.zero, satisfaction.time - start)
                let credit = Scoring.credit(elapsed: elapsed, target: objective.target, limit: objective.limit)
                result.status = .met
                result.elapsedSeconds = elapsed.seconds
                result.metAtSeconds = satisfaction.time.seconds
                result.metBy = satisfaction.role
                result.metByAction = satisfaction.eventSequence
                result.credit = credit
                result.rating = Scoring.rating(for: credit)
            } else if let from = objective.from, ledger.skipped[from] != nil {
                result.status = .notApplicable
            } else if let start, ranToEnd || start + objective.limit <= standsAt {
                result.status = .missed
                result.credit = 0
                result.rating = .unable
            } else if ranToEnd {
                result.status = .notApplicable // its inject never came in a drill that ran to its end
            } else {
                result.status = .notExercised
            }
            return result
        }
    }
}
