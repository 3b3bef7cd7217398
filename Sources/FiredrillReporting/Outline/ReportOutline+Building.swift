import FiredrillCore
import FiredrillVocabulary

extension ReportOutline {
    /// The outline of a report in a context's language and time zone: HSEEP's after-action
    /// report and improvement plan. It names roles, objectives, injects and channels by the
    /// names people know them by; identifiers appear only as evidence (the run, hashes).
    init(_ report: DrillReport, context: ReportContext) {
        let builder = OutlineBuilder(report: report, facts: ReportFacts(report, context: context))
        self = builder.outline()
    }
}

/// Builds the outline section by section.
private struct OutlineBuilder {
    let report: DrillReport
    let facts: ReportFacts
    var s: ReportStrings { facts.strings }
    var words: Vocabulary { facts.words }

    typealias Inline = ReportOutline.Inline
    typealias Block = ReportOutline.Block
    typealias Table = ReportOutline.Table

    func clock(_ seconds: Double?) -> String { ReportFacts.clock(seconds) }
    func number(_ value: Double?, digits: Int = 1) -> String { ReportFacts.number(value, digits: digits) }
    func role(_ id: String?) -> String { facts.roleName(id) }
    func objectiveName(_ id: String?) -> String { facts.objectiveName(id) }

    func outline() -> ReportOutline {
        var meta: [(String, [Inline])] = [(s[.scenarioID], [.text(report.scenario.title)])]
        if let record = report.record {
            meta.append((s[.runID], [.code(record.runID)]))
            if let started = facts.instant(record.startedAt) { meta.append((s[.dateLocal], [.text(started.local)])) }
        }
        meta.append((s[.mode], [.text(s.modeName(report.drill.mode))]))
        let runID = report.record?.runID
        let sections = [
            overview(), headline(), charts(), analysis(), improvementPlan(), feedback(), controls(), evidence(),
            eventLog(), injects(), wordingReview(), roles(),
        ]
        return ReportOutline(
            language: s.language, title: s[.documentTitle], kind: s[.documentKind], subtitle: report.scenario.title, meta: meta,
            sections: sections, footer: [s[.blamelessNote], s[.generatedBy, ["format": report.format]]],
            pageFooter: "firedrill · \(s[.documentShortTitle]) · \(report.scenario.title)" + (runID.map { " · \($0)" } ?? "")
        )
    }

    // MARK: 1. Overview

    func overview() -> ReportOutline.Section {
        var rows: [(String, [Inline])] = [(s[.exerciseName], [.text(report.scenario.title)])]
        if let started = facts.instant(report.record?.startedAt) {
            rows.append((s[.dateLocal], [.text(started.local)]))
        } else {
            rows.append((s[.dateLocal], [.status(s[.notRecorded], .muted)]))
        }
        rows.append((s[.duration], [.text(s.durationValue(planned: clock(report.scenario.durationSeconds), played: facts.playedDuration, reason: s.endReason(report.drill.endReason)))]))
        rows.append((s[.mode], [.text(s.modeValue(report.drill.mode, speed: report.record?.speed.map { number($0) }))]))
        let departments = facts.departments
        rows.append((s[.scope], [.text(s.scopeValue(
            objectives: report.objectives.count, weight: number(report.coverage.weightTotal),
            injects: report.injects.filter { !$0.adlib }.count, departments: departments.filter { $0.name != nil }.count
        ))]))
        if !report.scenario.tags.isEmpty { rows.append((s[.tags], [.text(report.scenario.tags.joined(separator: s.comma))])) }
        var played: [Inline] = []
        for (index, department) in departments.enumerated() {
            if index > 0 { played.append(.lineBreak) }
            played.append(.strong(department.name ?? s[.noDepartment]))
            played.append(.text(s.colon + department.roles.map(\.name).joined(separator: s.comma)))
        }
        rows.append((s[.departmentsAndRoles], played))
        if !facts.simulatedRoles.isEmpty {
            rows.append((s[.simulatedRoles], [.text(facts.simulatedRoles.map(\.name).joined(separator: s.comma))]))
        }
        rows.append((s[.conduct], [.text(s.conductValue(
            actions: report.drill.actions, pauses: report.drill.pauses, interruptions: report.drill.interruptions,
            injectsDelivered: report.injects.filter { $0.status == .delivered }.count, adlibs: report.injects.filter(\.adlib).count,
            speedChanges: report.drill.speedChanges, skipped: report.drill.skippedSeconds > 0 ? clock(report.drill.skippedSeconds) : nil
        ))]))
        var blocks: [Block] = [.keyValues(rows)]
        if let summary = report.scenario.summary, !summary.allSatisfy(\.isWhitespace) {
            blocks.append(.quote(label: s[.summary], text: summary))
        }
        return section("overview", "1. " + s[.overview], blocks)
    }

    // MARK: 2. Results at a glance

    func headline() -> ReportOutline.Section {
        let coverage = report.coverage
        let coverageText = s.coverageValue(coverage, weight: number(coverage.weightExercised), totalWeight: number(coverage.weightTotal))
        let score: [Inline] = report.score.map { [.strong(number($0)), .small(" " + s[.outOf100])] } ?? [.text(s[.notScored])]
        var detail: [Inline] = [.text(s[.coverage] + s.colon + coverageText)]
        if report.objectives.contains(where: \.adjudicated) || report.automaticScore != report.score {
            detail += [.lineBreak, .text(s[.automaticScoreValue, ["score": report.automaticScore.map { number($0) } ?? s[.notScored]]])]
        }
        var ratings: [Inline] = []
        for (index, count) in facts.ratingCounts.enumerated() {
            if index > 0 { ratings.append(.text("  ")) }
            ratings += [.rating(count.rating), .text(" \(count.count)")]
        }
        let counts = facts.planCounts
        let plan = report.record == nil
            ? ReportOutline.Card(label: s[.improvementPlan], value: [.small(s[.planNotRecorded])], detail: [])
            : ReportOutline.Card(label: s[.improvementPlan], value: [.text(s[.planOpen, ["open": "\(counts.open)"]])],
                                 detail: [.text(s[.planClosedAndOverdue, ["closed": "\(counts.closed)", "overdue": "\(counts.overdue)"]])], warning: counts.overdue > 0)
        var blocks: [Block] = [.cards([
            ReportOutline.Card(label: s[.score], value: score, detail: detail, note: coverage.complete ? s[.complete] : nil, warning: !coverage.complete),
            ReportOutline.Card(label: s[.ratingsCount], value: ratings, detail: [], note: Scoring.Rating.allCases.map { "\($0.rawValue)\(s.colon)\(words.rating($0))" }.joined(separator: s.listSeparator)),
            plan,
        ])]
        if !coverage.complete {
            blocks.append(.warning([.text("⚠ " + s.incompleteWarning(endedAt: report.drill.endedAtSeconds.map { clock($0) }, notExercised: facts.notExercisedCount))]))
        }
        blocks.append(.heading(s[.timingChain], id: nil))
        blocks.append(.chain(facts.timingChain.map { step in
            ReportOutline.ChainStep(
                label: step.label, time: step.seconds.map { clock($0) } ?? s[.noValue],
                since: step.label == s[.detection] ? nil : facts.sinceDetection(step.seconds).map { s[.afterDetection, ["time": $0]] }
            )
        }))
        blocks.append(.note([.rich(s.sentences(s[.timingChainNote], s[.scoreExplained]))]))
        blocks.append(.heading(s[.metricsSection], id: nil))
        var table = Table([s[.metric], s[.measures], s[.drillTime], s[.sinceDetection]], alignments: [.left, .left, .right, .right])
        for (key, seconds) in report.metrics.all {
            table.append([[.text(words.metric(key))], [.text(words.metricMeaning(key))], [.text(seconds.map { clock($0) } ?? s[.noValue])], [.text(facts.sinceDetection(seconds) ?? "–")]])
        }
        blocks.append(.table(table))
        blocks.append(.note([.text(s[.metricsNote])]))
        return section("results", "2. " + s[.headline], blocks)
    }

    // MARK: 3. Timeline chart

    func charts() -> ReportOutline.Section {
        section("timeline", "3. " + s[.timelineChart], [
            .figure(.timeline, caption: s[.timelineChartCaption]),
            .heading(s[.creditChart], id: nil),
            .figure(.credit, caption: s[.creditChartCaption]),
        ])
    }

    // MARK: 4. Analysis of objectives

    func analysis() -> ReportOutline.Section {
        var table = Table(
            [s[.objective], s[.kind], s[.weight], s[.target], s[.limit], s[.elapsed], s[.credit], s[.automaticRating], s[.officialRating], s[.evaluatorRating], s[.metBy]],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .center, .center, .center, .left]
        )
        for objective in report.objectives {
            let elapsed: [Inline] = objective.status == .met
                ? [.text(clock(objective.elapsedSeconds))]
                : [.status(words.objectiveStatus(objective.status.rawValue), objective.status == .missed ? .missed : .muted)]
            table.append([
                [.text(objective.name ?? objective.id)] + (objective.adjudicated ? [.small(" ✎")] : []), [.text(words.kind(objective.kind))],
                [.text(number(objective.weight))], [.text(clock(objective.targetSeconds))], [.text(clock(objective.limitSeconds))], elapsed,
                [.text(objective.credit.map { number($0, digits: 2) } ?? "–")], [.rating(objective.automaticRating)],
                [.rating(objective.rating)], [.rating(objective.evaluatorRating)], [.text(role(objective.metBy))],
            ])
        }
        var blocks: [Block] = [.table(table)]
        blocks.append(.note([.text(s[.ratingsLegend] + s.colon + Scoring.Rating.allCases.map { "\($0.rawValue) \(words.rating($0))" }.joined(separator: s.listSeparator) + s.sentenceEnd + s.sentences(s[.elapsedExplained], s[.adjudicationExplained], s[.observationClassification]))]))
        for (position, objective) in report.objectives.enumerated() {
            blocks.append(.groupStart(
                id: "objective-\(position + 1)", title: "4.\(position + 1). " + (objective.name ?? objective.id),
                detail: "\(words.kind(objective.kind)) · \(s[.weight]) \(number(objective.weight))"
            ))
            var rows: [(String, [Inline])] = [(s[.status], statusLine(objective))]
            let automaticRating = objective.automaticRating
            rows.append((s[.automaticRating], [.rating(automaticRating)] + (automaticRating.map { [.text(" " + words.rating($0))] } ?? [])))
            if objective.adjudicated || automaticRating != objective.rating {
                rows.append((s[.officialRating], [.rating(objective.rating)] + (objective.rating.map { [.text(" " + words.rating($0))] } ?? [])))
            }
            rows.append((s[.evaluatorRating], [.rating(objective.evaluatorRating)] + (objective.evaluatorRating.map { [.text(" " + words.rating($0))] } ?? [])))
            if let expected = objective.expected { rows.append((s[.expectedAction], [.prose(expected)])) }
            let decisions = facts.decisions(on: objective.id)
            if !decisions.isEmpty {
                var value: [Inline] = []
                for (index, decision) in decisions.enumerated() {
                    if index > 0 { value.append(.lineBreak) }
                    value.append(.text(s.decisionLine(
                        at: clock(decision.atSeconds), decision: words.text("decision.\(decision.decision?.rawValue ?? "reject")"),
                        action: facts.actionLabel(decision.action ?? -1), by: decision.by
                    )))
                    if let note = decision.note, !note.isEmpty { value.append(.text(s.colon + note)) }
                }
                rows.append((s[.decisions], value))
            }
            rows.append((s[.controls], [.text(objective.controls.map(facts.controlLabel).joined(separator: s.comma))]))
            blocks.append(.facts(rows))
            blocks += observations(facts.observations(of: objective.id), emptyNote: s[.noObservations])
            blocks.append(.groupEnd)
        }
        let general = facts.observations(of: nil)
        if !general.isEmpty {
            blocks.append(.heading(s[.generalObservations], id: nil))
            blocks += observations(general, emptyNote: nil)
        }
        return section("analysis", "4. " + s[.analysis], blocks)
    }

    func statusLine(_ objective: DrillReport.ObjectiveResult) -> [Inline] {
        let start = objective.clockStartSeconds.map { s.parenthesized(s[.clockStartedAt, ["time": clock($0)]]) } ?? ""
        let target = s.parenthesized("\(s[.target]) \(clock(objective.targetSeconds))\(s.comma)\(s[.limit]) \(clock(objective.limitSeconds))")
        let name = words.objectiveStatus(objective.status.rawValue)
        switch objective.status {
        case .met:
            let by = objective.metBy.map { " — " + role($0) } ?? ""
            return [.status(name, .met), .text(" \(clock(objective.metAtSeconds))\(s.comma)\(s[.elapsedAfter, ["time": clock(objective.elapsedSeconds)]])\(start)\(by)\(target)")]
        case .missed:
            return [.status(name, .missed), .text("\(start)\(target)")]
        case .notApplicable, .notExercised:
            return [.status(name, .muted), .text(start)]
        }
    }

    func observations(_ entries: [(index: Int, entry: DrillReport.ObservationEntry)], emptyNote: String?) -> [Block] {
        guard !entries.isEmpty else { return emptyNote.map { [.note([.text($0)])] } ?? [] }
        var blocks: [Block] = []
        let groups: [(String, ReportFacts.ObservationClass)] = [(s[.strengths], .strength), (s[.areasForImprovement], .improvement), (s[.otherObservations], .other)]
        for (title, kind) in groups {
            let members = entries.filter { ReportFacts.classify($0.entry) == kind }
            guard !members.isEmpty else { continue }
            blocks.append(.subheading(title))
            blocks.append(.bullets(members.map { _, entry in
                var meta = [clock(entry.atSeconds)]
                if let by = entry.by { meta.append(facts.evaluatorName(by)) }
                return (entry.rating.map { [Inline.rating($0), .text(" ")] } ?? []) + [.lines(entry.text), .small(s.parenthesized(meta.joined(separator: s.comma)))]
            }))
        }
        return blocks
    }

    // MARK: 5. Improvement plan

    func improvementPlan() -> ReportOutline.Section {
        guard let record = report.record else { return section("plan", "5. " + s[.improvementPlan], [.note([.text(s[.planNotRecorded])])]) }
        guard !record.correctiveActions.isEmpty else { return section("plan", "5. " + s[.improvementPlan], [.note([.rich(s[.noPlan])])]) }
        let counts = facts.planCounts
        var table = Table(
            ["#", s[.objective], s[.issue], s[.correctiveAction], s[.capability], s[.responsibleOrgAndRole],
             s[.startDate], s[.completionDate], s[.status], s[.closingEvidence]],
            alignments: [.right] + Array(repeating: .left, count: 9)
        )
        table.nowrap = [6, 7]
        table.widths = [3, 10, 17, 18, 7, 10, 8.5, 8.5, 7, 11]
        table.style = "plan"
        for action in record.correctiveActions {
            var status: [Inline] = [.text(s.actionStatus(action.status))]
            if action.overdue { status = [.status("⚠ " + s[.overdue], .overdue), .lineBreak] + status }
            var evidence: [Inline] = action.closingEvidence.map { [.lines($0)] } ?? [.text("–")]
            if let closed = action.closedAt { evidence += [.lineBreak, .small(s[.closedOn, ["date": String(closed.prefix(10))]])] }
            let responsible: [Inline] = [.strong(action.responsibleOrg)] + (action.responsibleRole.map { [.lineBreak, .text($0)] } ?? [])
            var corrective: [Inline] = [.lines(action.correctiveAction)]
            if let strength = action.strength.flatMap(ActionStrength.init(rawValue:)) {
                corrective += [.lineBreak, .small(s[.strengthOf, ["level": strength.label(in: s.language)]])]
                if let suggestion = strength.suggestion(in: s.language) { corrective += [.lineBreak, .small(suggestion)] }
            }
            if let strength = action.evidenceStrength.flatMap(ActionStrength.init(rawValue:)) {
                evidence += [.lineBreak, .small(s[.strengthOf, ["level": strength.label(in: s.language)]])]
            }
            let due: [Inline] = action.overdue ? [.status(action.dueDate ?? "–", .overdue)] : [.text(action.dueDate ?? "–")]
            table.append([
                [.text("\(action.id)")], [.text(objectiveName(action.objective))], [.lines(action.issue)], corrective,
                [.text(s.capabilityName(action.capability))], responsible, [.text(action.startDate ?? "–")], due, status, evidence,
            ])
        }
        return section("plan", "5. " + s[.improvementPlan], [
            .paragraph([.text(s[.planSummary, ["open": "\(counts.open)", "closed": "\(counts.closed)", "overdue": "\(counts.overdue)"]])]), .table(table),
        ])
    }

    // MARK: 6. Feedback

    func feedback() -> ReportOutline.Section {
        guard !report.survey.isEmpty else { return section("feedback", "6. " + s[.feedback], [.note([.text(s[.noSurvey])])] + quizBlocks()) }
        var table = Table(["#", s[.question], s[.answers], s[.median], s[.scores]], alignments: [.right, .left, .right, .right, .left])
        for (index, result) in report.survey.enumerated() {
            let scores = result.kind == .scale ? (result.answers.isEmpty ? s[.noAnswers] : result.answers.map(String.init).joined(separator: ", ")) : "–"
            table.append([[.text("\(index + 1)")], [.text(result.question)], [.text("\(result.count)")], [.text(result.median.map { number($0) } ?? "–")], [.text(scores)]])
        }
        var blocks: [Block] = [.table(table), .note([.text(s[.scaleExplained, ["low": words.surveyScale(1), "high": words.surveyScale(5)]])])]
        for (index, result) in report.survey.enumerated() where !result.texts.isEmpty {
            blocks.append(.heading("\(index + 1). \(result.question)", id: nil))
            blocks.append(.bullets(result.texts.map { [.lines($0)] }))
        }
        return section("feedback", "6. " + s[.feedback], blocks + quizBlocks())
    }

    /// The knowledge check: per question the answers and the share correct, overall and per
    /// department; never per person.
    func quizBlocks() -> [Block] {
        guard let quiz = report.quiz else { return [] }
        var table = Table(["#", s[.question], s[.answers], s[.shareCorrect], s[.byDepartment]], alignments: [.right, .left, .right, .right, .left])
        for (index, result) in quiz.enumerated() {
            let share = result.shareCorrect.map { "\(Int(($0 * 100).rounded())) %" } ?? "–"
            let departments = result.byDepartment.sorted { $0.key < $1.key }.map { department, count in
                s[.departmentShare, ["department": department, "correct": "\(count.correct)", "answers": "\(count.answers)"]]
            }
            table.append([[.text("\(index + 1)")], [.text(result.question)], [.text("\(result.answers)")], [.text(share)],
                          [.text(departments.isEmpty ? "–" : departments.joined(separator: s.comma))]])
        }
        return [.heading(s[.quizHeading], id: "quiz"), .table(table), .note([.text(s[.quizExplained])])]
    }

    // MARK: 7. Controls

    func controls() -> ReportOutline.Section {
        var table = Table([s[.control], s[.framework], s[.title], s[.evidenceFrom]])
        table.nowrap = [0]
        table.widths = [9, 17, 30, 44]
        for row in facts.controlRows {
            var evidence: [Inline] = row.drillWide ? [.text(s[.exerciseAsWhole])] : []
            for objective in row.objectives {
                if !evidence.isEmpty { evidence.append(.text(s.comma)) }
                evidence.append(.text((objective.name ?? objective.id) + " "))
                evidence.append(objective.rating.map { .rating($0) } ?? .status(words.objectiveStatus(objective.status.rawValue), .muted))
            }
            table.append([[.strong(row.id)], [.text(row.framework)], [.text(row.title)], evidence])
        }
        return section("controls", "7. " + s[.controlsSection], [.table(table), .note([.rich(s[.controlsNote])])])
    }

    // MARK: 8. Evidence

    func evidence() -> ReportOutline.Section {
        guard let record = report.record else { return section("evidence", "8. " + s[.evidence], [.note([.rich(s[.notRecordedEvidence])])]) }
        var rows: [(String, [Inline])] = [(s[.runID], [.code(record.runID), .text(s.parenthesized(s.runStatusName(record.status)))])]
        rows.append((s[.mode], [.text(s.modeValue(report.drill.mode, speed: record.speed.map { number($0) }))]))
        if let started = facts.instant(record.startedAt) { rows.append((s[.recordedStart], [.text(started.utc)])) }
        if let ended = facts.instant(record.endedAt) { rows.append((s[.recordedEnd], [.text(ended.utc)])) }
        rows.append((s[.scenarioSHA], [.code(record.scenarioSHA256)]))
        rows.append((s[.chainHead], record.chainHead.map { [.code($0)] } ?? [.text(s[.noValue])]))
        let verification: [Inline] = switch record.verification {
        case .some(let check) where check.intact: [.status("✓ " + s[.verified, ["events": "\(check.events)"]], .verified)]
        case .some(let check): [.status("✗ " + s[.verificationFailed, ["problem": check.problem ?? ""]], .failed)]
        case nil: [.text(s[.notVerified])]
        }
        rows.append((s[.verification], verification))
        var seen: Set<String> = []
        rows.append((s[.participantsKept], [.text(s.participantsValue(record.participants.filter { seen.insert($0.role).inserted }.count))]))
        return section("evidence", "8. " + s[.evidence], [.keyValues(rows), .note([.rich(s[.evidenceNote])])])
    }

    // MARK: Appendices

    func eventLog() -> ReportOutline.Section {
        var table = Table([s[.drillTime], s[.event], s[.detail]], alignments: [.right, .left, .left])
        for entry in report.timeline {
            table.append([[.text(clock(entry.atSeconds))], [.text(eventName(entry))], describe(entry)])
        }
        return section("event-log", appendix("A", .eventLog), [.table(table)], appendix: true)
    }

    func eventName(_ entry: EventView) -> String {
        switch entry.type {
        case "inject-delivered" where entry.adlib == true: s[.adlibInject]
        case "action": words.event("action") + s.colon + (entry.kind.map(words.kind) ?? "?")
        default: words.event(entry.type)
        }
    }

    func describe(_ entry: EventView) -> [Inline] {
        switch entry.type {
        case "inject-delivered", "inject-skipped":
            let recipients = facts.recipients(entry.to)
            return [.text("\(words.channel(entry.channel ?? "?"))\(s.colon)"), .strong(entry.subject ?? ""), .small(" → " + recipients)]
        case "action":
            var detail: [Inline] = [.strong(role(entry.role))]
            if let target = entry.target { detail.append(.text(" → \(role(target))" + (entry.channel.map { s.parenthesized(words.channel($0)) } ?? ""))) }
            if let answered = entry.inReplyTo { detail.append(.small(" " + s[.inReplyTo, ["subject": facts.injectSubject(answered)]])) }
            if let text = entry.text, !text.isEmpty { detail += [.text(s.colon), .lines(text)] }
            if let met = entry.met, !met.isEmpty { detail.append(.status(" — " + s[.meets, ["names": met.map { objectiveName($0.objective) }.joined(separator: s.comma)]], .met)) }
            return detail
        case "persona-reply":
            return [.strong(role(entry.role)), .text(" → \(role(entry.to?.ids.first))\(s.colon)"), .lines(entry.text ?? "")]
        case "observation":
            var detail: [Inline] = [.text(entry.objective.map(objectiveName) ?? s[.exerciseAsWhole])]
            if let rating = entry.rating { detail += [.text(" "), .rating(rating)] }
            return detail + [.text(s.colon), .lines(entry.text ?? "")]
        case "adjudication":
            var detail: [Inline] = [.text(s.decisionLine(
                at: nil, decision: words.text("decision.\(entry.decision?.rawValue ?? "reject")"),
                action: facts.actionLabel(entry.action ?? -1), by: entry.by
            ) + " — " + objectiveName(entry.objective))]
            if let note = entry.note, !note.isEmpty { detail += [.text(s.colon), .lines(note)] }
            return detail
        case "ended":
            return [.text(s.endReason(entry.reason.flatMap(DrillEvent.EndReason.init(rawValue:))))]
        case "speed-changed":
            return [.text(s.speedDetail(entry.speed ?? 1))]
        case "clock-advanced":
            return [.text(s[.skippedDetail, ["from": clock(entry.fromSeconds ?? 0), "to": clock(entry.atSeconds)]])]
        default:
            return []
        }
    }

    func injects() -> ReportOutline.Section {
        var table = Table(["#", s[.subject], s[.channel], s[.status], s[.drillTime]], alignments: [.right, .left, .left, .left, .right])
        for (index, inject) in report.injects.enumerated() {
            table.append([
                [.text("\(index + 1)")], [.text(inject.subject)] + (inject.adlib ? [.small(s.parenthesized(s[.adlib]))] : []),
                [.text(words.channel(inject.channel))], [.text(words.text("inject.\(inject.status.rawValue)"))],
                [.text(inject.atSeconds.map { clock($0) } ?? "–")],
            ])
        }
        return section("injects", appendix("B", .injectsSection), [.table(table)], appendix: true)
    }

    func wordingReview() -> ReportOutline.Section {
        var blocks: [Block] = [.note([.text(s[.wordingReviewIntro])])]
        guard !report.blamelessFindings.isEmpty else {
            blocks.append(.paragraph([.text(s[.noWordingFindings])]))
            return section("wording", appendix("C", .wordingReview), blocks, appendix: true)
        }
        var passages = Table([s[.location], s[.passage], s[.flagged]])
        passages.widths = [20, 50, 30]
        for passage in FlaggedPassage.group(report.blamelessFindings) {
            let objective = passage.source == .observation ? report.observations[safe: passage.index]?.objective : nil
            var flags: [Inline] = []
            for (index, flag) in passage.flags.enumerated() {
                if index > 0 { flags.append(.lineBreak) }
                flags += [.strong(flag.matched), .small(s.parenthesized(s.ruleName(flag.rule)))]
            }
            passages.append([[.text(s.findingPlace(passage.first, objective: objective.map(objectiveName)))], [.text(passage.text)], flags])
        }
        var rules = Table([s[.flagged], s[.why], s[.suggestion]])
        rules.widths = [16, 42, 42]
        for finding in FlaggedPassage.rules(of: report.blamelessFindings) {
            rules.append([[.text(s.ruleName(finding.rule))], [.text(finding.why)], [.text(finding.suggestion)]])
        }
        blocks += [.table(passages), .table(rules)]
        return section("wording", appendix("C", .wordingReview), blocks, appendix: true)
    }

    func roles() -> ReportOutline.Section {
        var table = Table([s[.role], s[.department], ""])
        for info in report.roles {
            table.append([[.text(info.name)], [.text(info.department ?? "–")], [.text(info.simulated ? s[.simulated] : "")]])
        }
        var blocks: [Block] = [.table(table)]
        // Each role's card beside what the role did: were the roles as written the roles as played?
        let carded = report.roles.filter { !($0.responsibilities ?? []).isEmpty }
        if !carded.isEmpty {
            var cards = Table([s[.role], s[.roleCard], s[.roleDid]])
            cards.widths = [18, 41, 41]
            for info in carded {
                let card: [Inline] = (info.responsibilities ?? []).enumerated().flatMap { index, line -> [Inline] in
                    (index > 0 ? [.lineBreak] : []) + [.text("・" + line)]
                }
                let done = report.timeline.filter { $0.type == "action" && $0.role == info.id }
                var did: [Inline] = []
                for (index, view) in done.enumerated() {
                    if index > 0 { did.append(.lineBreak) }
                    var line = clock(view.atSeconds) + " " + (view.kind.map(words.kind) ?? "")
                    if let target = view.target { line += " → " + (report.roles.first { $0.id == target }?.name ?? target) }
                    did.append(.text(line))
                }
                cards.append([[.strong(info.name)], card, did.isEmpty ? [.small(s[.roleDidNothing])] : did])
            }
            blocks += [.heading(s[.roleCards], id: "role-cards"), .table(cards), .note([.text(s[.roleCardsNote])])]
        }
        return section("roles", appendix("D", .rolesSection), blocks, appendix: true)
    }

    func appendix(_ letter: String, _ title: ReportText) -> String { s[.appendix, ["letter": letter, "title": s[title]]] }

    func section(_ id: String, _ title: String, _ blocks: [Block], appendix: Bool = false) -> ReportOutline.Section {
        ReportOutline.Section(id: id, title: title, appendix: appendix, blocks: blocks)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
