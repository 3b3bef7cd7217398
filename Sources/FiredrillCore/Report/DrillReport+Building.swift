extension DrillReport {
    /// Computes the report of a drill from its scenario and event log.
    public init(scenario: Scenario, events: [DrillEvent], record: RecordInfo? = nil) {
        var ledger = DrillLedger(scenario: scenario)
        let injectsByID = Dictionary(scenario.injects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var timeline: [TimelineEntry] = []
        var pauses = 0
        var actions = 0
        var answers = Array(repeating: [Int](), count: scenario.survey.count)
        for event in events {
            let newlyMet = ledger.apply(event)
            let at = event.time.seconds
            switch event.kind {
            case .started:
                timeline.append(TimelineEntry(atSeconds: at, type: "started"))
            case .injectDelivered(let id), .injectSkipped(let id):
                let inject = injectsByID[id]
                timeline.append(TimelineEntry(
                    atSeconds: at, type: event.typeName, inject: id, channel: inject?.channel, subject: inject?.subject
                ))
            case .action(let action):
                actions += 1
                timeline.append(TimelineEntry(
                    atSeconds: at, type: "action", channel: action.channel, role: action.role, kind: action.kind,
                    target: action.target, text: action.text, met: newlyMet.isEmpty ? nil : newlyMet
                ))
            case .personaReply(let persona, let to, let text):
                timeline.append(TimelineEntry(atSeconds: at, type: "persona-reply", role: persona, target: to, text: text))
            case .paused:
                pauses += 1
                timeline.append(TimelineEntry(atSeconds: at, type: "paused"))
            case .resumed:
                timeline.append(TimelineEntry(atSeconds: at, type: "resumed"))
            case .ended(let reason):
                timeline.append(TimelineEntry(atSeconds: at, type: "ended", text: reason.rawValue))
            case .surveyAnswer(let question, let score):
                if answers.indices.contains(question) { answers[question].append(score) }
            }
        }

        var scored: [(weight: Double, credit: Double)] = []
        let objectiveResults = scenario.objectives.map { objective -> ObjectiveResult in
            let start = ledger.clockStart(of: objective)
            var result = ObjectiveResult(
                id: objective.id, name: objective.name, kind: objective.kind, weight: objective.weight,
                status: .notApplicable, targetSeconds: objective.target.seconds, limitSeconds: objective.limit.seconds,
                clockStartSeconds: start?.seconds
            )
            guard let start else { return result }
            if let satisfaction = ledger.met[objective.id] {
                let elapsed = satisfaction.time - start
                let credit = Scoring.credit(elapsed: elapsed, target: objective.target, limit: objective.limit)
                result.status = .met
                result.elapsedSeconds = elapsed.seconds
                result.metAtSeconds = satisfaction.time.seconds
                result.metBy = satisfaction.role
                result.credit = credit
                result.rating = Scoring.rating(for: credit)
            } else {
                result.status = .missed
                result.credit = 0
                result.rating = .unable
            }
            if objective.weight > 0, let credit = result.credit { scored.append((objective.weight, credit)) }
            return result
        }

        let injectResults = scenario.injects.map { inject -> InjectResult in
            if let time = ledger.delivered[inject.id] {
                return InjectResult(id: inject.id, status: .delivered, atSeconds: time.seconds, channel: inject.channel, subject: inject.subject)
            }
            if let time = ledger.skipped[inject.id] {
                return InjectResult(id: inject.id, status: .skipped, atSeconds: time.seconds, channel: inject.channel, subject: inject.subject)
            }
            return InjectResult(id: inject.id, status: .notReached, atSeconds: nil, channel: inject.channel, subject: inject.subject)
        }

        let first = ledger.firstAction
        self.init(
            scenario: ScenarioInfo(
                id: scenario.id, title: scenario.title, summary: scenario.summary, language: scenario.language,
                durationSeconds: scenario.duration.seconds, tags: scenario.tags
            ),
            score: Scoring.score(scored),
            objectives: objectiveResults,
            injects: injectResults,
            metrics: Metrics(
                timeToAcknowledgeSeconds: first[.acknowledge]?.seconds,
                timeToEscalateSeconds: first[.escalate]?.seconds,
                timeToFirstActionSeconds: first[.action]?.seconds,
                timeToResolveSeconds: first[.resolve]?.seconds,
                timeToFirstCommunicationSeconds: first[.communicate]?.seconds,
                timeToReportSeconds: first[.report]?.seconds
            ),
            drill: DrillInfo(endedAtSeconds: ledger.endTime?.seconds, endReason: ledger.endReason, pauses: pauses, actions: actions),
            roles: scenario.roles.map {
                RoleInfo(id: $0.id, name: $0.name, department: $0.department, simulated: $0.isSimulated)
            },
            timeline: timeline,
            survey: zip(scenario.survey, answers).map { question, scores in
                SurveyResult(question: question, answers: scores, median: Statistics.median(scores.map(Double.init)))
            },
            record: record
        )
    }
}
