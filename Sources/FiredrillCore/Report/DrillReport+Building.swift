extension DrillReport {
    /// Computes the report of a drill from its scenario and event log.
    ///
    /// - Parameters:
    ///   - mode: How the drill was played; every rendering says so.
    ///   - standingAt: For a drill still under way, its drill time now: objectives whose limit
    ///     has passed by then count as missed (default: the time of the last event).
    public init(scenario: Scenario, events: [DrillEvent], mode: DrillMode, record: RecordInfo? = nil, standingAt: DrillTime? = nil) {
        var ledger = DrillLedger(scenario: scenario)
        let injectsByID = Dictionary(scenario.injects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var timeline: [TimelineEntry] = []
        var observations: [ObservationEntry] = []
        var adlibs: [InjectResult] = []
        var pauses = 0
        var interruptions = 0
        var actions = 0
        // Each participant's latest answer per question; answers without a participant all count.
        var answers: [SurveyAnswer] = []
        var answerIndex: [String: Int] = [:]
        for event in events {
            let newlyMet = ledger.apply(event)
            let at = event.time.seconds
            switch event.kind {
            case .started:
                timeline.append(TimelineEntry(atSeconds: at, type: "started"))
            case .injectDelivered(let id), .injectSkipped(let id):
                let inject = injectsByID[id]
                timeline.append(TimelineEntry(atSeconds: at, type: event.typeName, inject: id, channel: inject?.channel, subject: inject?.subject))
            case .adlibInject(let inject):
                timeline.append(TimelineEntry(atSeconds: at, type: event.typeName, inject: inject.id, adlib: true, channel: inject.channel, subject: inject.subject, text: inject.body))
                adlibs.append(InjectResult(id: inject.id, status: .delivered, atSeconds: at, channel: inject.channel, subject: inject.subject, adlib: true))
            case .action(let action):
                actions += 1
                timeline.append(TimelineEntry(
                    atSeconds: at, type: "action", channel: action.channel, role: action.role, kind: action.kind,
                    target: action.target, text: action.text, met: newlyMet.isEmpty ? nil : newlyMet
                ))
            case .personaReply(let persona, let to, let text):
                timeline.append(TimelineEntry(atSeconds: at, type: "persona-reply", role: persona, target: to, text: text))
            case .observation(let observation):
                observations.append(ObservationEntry(atSeconds: at, objective: observation.objective, rating: observation.rating, text: observation.text, by: observation.by))
                timeline.append(TimelineEntry(atSeconds: at, type: "observation", text: observation.text, objective: observation.objective, rating: observation.rating))
            case .paused:
                pauses += 1
                timeline.append(TimelineEntry(atSeconds: at, type: "paused"))
            case .interrupted:
                interruptions += 1
                timeline.append(TimelineEntry(atSeconds: at, type: "interrupted"))
            case .resumed:
                timeline.append(TimelineEntry(atSeconds: at, type: "resumed"))
            case .ended(let reason):
                timeline.append(TimelineEntry(atSeconds: at, type: "ended", text: reason.rawValue))
            case .surveyAnswer(let answer):
                if let participant = answer.participant, let index = answerIndex["\(answer.question)/\(participant)"] {
                    answers[index] = answer
                } else {
                    if let participant = answer.participant { answerIndex["\(answer.question)/\(participant)"] = answers.count }
                    answers.append(answer)
                }
            }
        }

        // Where the drill stands: its end, or the last event of a drill that was cut off.
        let ranToEnd = ledger.endReason == .completed
        let standsAt = ledger.endTime ?? max(standingAt ?? .zero, events.last?.time ?? .zero)
        var scored: [(weight: Double, credit: Double)] = []
        var exercisedWeight = 0.0
        var exercisedCount = 0
        var latestRating: [String: Scoring.Rating] = [:]
        for observation in observations { if let objective = observation.objective, let rating = observation.rating { latestRating[objective] = rating } }
        let objectiveResults = scenario.objectives.map { objective -> ObjectiveResult in
            let start = ledger.clockStart(of: objective)
            var result = ObjectiveResult(
                id: objective.id, name: objective.name, kind: objective.kind, weight: objective.weight,
                status: .notApplicable, targetSeconds: objective.target.seconds, limitSeconds: objective.limit.seconds,
                clockStartSeconds: start?.seconds, evaluatorRating: latestRating[objective.id],
                expected: objective.from.flatMap { injectsByID[$0]?.expect }, controls: ControlCatalog.controls(of: objective)
            )
            if let satisfaction = ledger.met[objective.id], let start {
                let elapsed = satisfaction.time - start
                let credit = Scoring.credit(elapsed: elapsed, target: objective.target, limit: objective.limit)
                result.status = .met
                result.elapsedSeconds = elapsed.seconds
                result.metAtSeconds = satisfaction.time.seconds
                result.metBy = satisfaction.role
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
            if result.status.isExercised {
                exercisedCount += 1
                exercisedWeight += objective.weight
                if objective.weight > 0, let credit = result.credit { scored.append((objective.weight, credit)) }
            }
            return result
        }

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
            score: Scoring.score(scored),
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
                interruptions: interruptions, actions: actions
            ),
            roles: scenario.roles.map {
                RoleInfo(id: $0.id, name: $0.name, department: $0.department, simulated: $0.isSimulated)
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
        reviewWording(participantNames: [])
    }
}
