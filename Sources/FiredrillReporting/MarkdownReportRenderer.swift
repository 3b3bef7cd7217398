import FiredrillCore

/// Renders a report as Markdown in HSEEP's after-action report shape: overview, results at a
/// glance, analysis of each objective, improvement plan, feedback, controls, evidence, and
/// appendices (event log, injects, wording review, roles). In English or Japanese; tables line
/// up by display width; everything scenarios and people wrote is escaped (``MarkdownText``).
/// It speaks of roles, never of the people who played them.
public enum MarkdownReportRenderer {
    /// The report in its scenario's language, local times in the machine's time zone.
    public static func render(_ report: DrillReport) -> String {
        render(report, context: ReportContext(for: report))
    }

    public static func render(_ report: DrillReport, context: ReportContext) -> String {
        var document = MarkdownDocument(report: report, facts: ReportFacts(report, context: context))
        document.build()
        return document.lines.joined(separator: "\n") + "\n"
    }

    /// `m:ss` or `h:mm:ss` (with milliseconds when present).
    static func clock(_ seconds: Double) -> String {
        DrillTime(seconds: seconds)?.description ?? "–"
    }

    /// A number for people: whole numbers without decimals, others rounded to `digits`.
    /// Values that are not finite, or too large to be a drill figure, are written as `–`.
    public static func number(_ value: Double, digits: Int = 1) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "–" }
        if value == value.rounded() { return String(Int64(value)) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() ? String(Int64(rounded)) : "\(rounded)"
    }

    /// Text safe inside a table cell (see ``MarkdownText/inline(_:)``).
    static func inline(_ text: String) -> String { MarkdownText.inline(text) }
}

/// The Markdown report being written, section by section.
private struct MarkdownDocument {
    let report: DrillReport
    let facts: ReportFacts
    var lines: [String] = []

    init(report: DrillReport, facts: ReportFacts) {
        self.report = report
        self.facts = facts
    }

    var s: ReportStrings { facts.strings }

    func text(_ value: String) -> String { MarkdownText.inline(value) }
    func code(_ id: String) -> String { MarkdownText.code(id) }
    func clock(_ seconds: Double?) -> String { ReportFacts.clock(seconds) }
    func number(_ value: Double?, digits: Int = 1) -> String { ReportFacts.number(value, digits: digits) }

    func role(_ id: String?) -> String {
        guard let id else { return "" }
        guard let info = report.roles.first(where: { $0.id == id }) else { return code(id) }
        return "\(text(info.name)) (\(code(id)))"
    }

    func objectiveLabel(_ objective: DrillReport.ObjectiveResult) -> String {
        objective.name.map { "\(text($0)) (\(code(objective.id)))" } ?? code(objective.id)
    }

    func objectiveLabel(id: String?) -> String {
        guard let id else { return "–" }
        return report.objectives.first { $0.id == id }.map(objectiveLabel) ?? code(id)
    }

    mutating func add(_ line: String = "") { lines.append(line) }
    mutating func add(_ table: MarkdownTable) {
        lines += table.lines
        add()
    }

    mutating func heading(_ level: Int, _ title: String) {
        add(String(repeating: "#", count: level) + " " + title)
        add()
    }

    mutating func build() {
        header()
        overview()
        headline()
        analysis()
        improvementPlan()
        feedback()
        controls()
        evidence()
        eventLog()
        injects()
        wordingReview()
        roles()
        add("_" + text(s.blamelessNote) + "_")
    }

    // MARK: Sections

    mutating func header() {
        heading(1, "\(text(s.documentTitle))\(s.colon)\(text(report.scenario.title))")
        add("_\(text(s.documentKind))_")
        add()
    }

    mutating func overview() {
        heading(2, "1. " + s.overview)
        var table = MarkdownTable(["", ""])
        table.append([s.exerciseName, text(report.scenario.title)])
        table.append([s.scenarioID, code(report.scenario.id)])
        if let started = facts.instant(report.record?.startedAt) {
            table.append([s.dateUTC, started.utc])
            if let local = started.local { table.append([s.dateLocal, local]) }
        } else {
            table.append([s.dateUTC, s.notRecorded])
        }
        table.append([s.duration, s.durationValue(
            planned: clock(report.scenario.durationSeconds), played: facts.playedDuration, reason: s.endReason(report.drill.endReason)
        )])
        table.append([s.mode, s.modeValue(report.drill.mode, speed: report.record?.speed.map { number($0) })])
        let departments = facts.departments
        table.append([s.scope, s.scopeValue(
            objectives: report.objectives.count, weight: number(report.coverage.weightTotal),
            injects: report.injects.filter { !$0.adlib }.count, departments: departments.filter { $0.name != nil }.count
        )])
        if !report.scenario.tags.isEmpty { table.append([s.tags, report.scenario.tags.map(text).joined(separator: s.comma)]) }
        let played = departments.map { department in
            (department.name.map(text) ?? s.noDepartment) + s.colon + department.roles.map { text($0.name) }.joined(separator: s.comma)
        }
        table.append([s.departmentsAndRoles, played.joined(separator: "; ")])
        if !facts.simulatedRoles.isEmpty {
            table.append([s.simulatedRoles, facts.simulatedRoles.map { text($0.name) }.joined(separator: s.comma)])
        }
        table.append([s.conduct, s.conductValue(
            actions: report.drill.actions, pauses: report.drill.pauses, interruptions: report.drill.interruptions,
            injectsDelivered: report.injects.filter { $0.status == .delivered }.count, adlibs: report.injects.filter(\.adlib).count
        )])
        add(table)
        if let summary = report.scenario.summary {
            let quoted = MarkdownText.block(summary)
            if !quoted.isEmpty {
                add("**\(s.summary)**")
                add()
                for (index, line) in quoted.enumerated() { add("> " + line + (index < quoted.count - 1 && !line.isEmpty ? "  " : "")) }
                add()
            }
        }
    }

    mutating func headline() {
        heading(2, "2. " + s.headline)
        let coverage = s.coverageValue(report.coverage, weight: number(report.coverage.weightExercised), totalWeight: number(report.coverage.weightTotal))
        let score = report.score.map { "\(number($0)) \(s.outOf100)" } ?? s.notScored
        add("**\(s.score)**\(s.colon)**\(score)** — \(s.coverage)\(s.colon)\(coverage)" + (report.coverage.complete ? s.parenthesized(s.complete) : ""))
        add()
        if !report.coverage.complete {
            add("> **⚠ " + text(s.incompleteWarning(endedAt: report.drill.endedAtSeconds.map(clock), notExercised: facts.notExercisedCount)) + "**")
            add()
        }
        add("**\(s.timingChain)**\(s.colon)\(text(facts.timingLine))")
        add()
        add("_\(text(s.timingChainNote))_")
        add()
        add("\(s.ratingsCount)\(s.colon)" + facts.ratingCounts.map { "**\($0.rating.rawValue)** \($0.count)" }.joined(separator: " · "))
        add()
        add("_\(text(s.scoreExplained))_")
        add()

        heading(3, s.metricsSection)
        var table = MarkdownTable([s.metric, s.measures, s.drillTime, s.sinceDetection], alignments: [.left, .left, .right, .right])
        for row in s.metricRows(report.metrics) {
            table.append([row.label, row.meaning, row.seconds.map(clock) ?? s.none, facts.sinceDetection(row.seconds) ?? "–"])
        }
        add(table)
        add("_\(s.metricsNote)_")
        add()
    }

    mutating func analysis() {
        heading(2, "3. " + s.analysis)
        var table = MarkdownTable(
            [s.objective, s.kind, s.weight, s.target, s.limit, s.elapsed, s.credit, s.automaticRating, s.evaluatorRating, s.metBy],
            alignments: [.left, .left, .right, .right, .right, .right, .right, .center, .center, .left]
        )
        for objective in report.objectives {
            let elapsed = objective.status == .met ? objective.elapsedSeconds.map(clock) ?? "" : s.statusName(objective.status)
            table.append([
                objectiveLabel(objective), s.kindName(objective.kind), number(objective.weight), clock(objective.targetSeconds),
                clock(objective.limitSeconds), elapsed, objective.credit.map { number($0, digits: 2) } ?? "–",
                objective.rating?.rawValue ?? "–", objective.evaluatorRating?.rawValue ?? "–", role(objective.metBy),
            ])
        }
        add(table)
        add("\(s.ratingsLegend)\(s.colon)" + Scoring.Rating.allCases.map { "**\($0.rawValue)** \(s.ratingMeaning($0))" }.joined(separator: "; ") + ". " + s.elapsedExplained)
        add()

        for (position, objective) in report.objectives.enumerated() {
            heading(3, "3.\(position + 1). " + objectiveLabel(objective))
            add("- \(s.status)\(s.colon)\(statusLine(objective))")
            let automatic = objective.rating.map { "**\($0.rawValue)** \(s.ratingMeaning($0))" } ?? "–"
            let evaluator = objective.evaluatorRating.map { "**\($0.rawValue)** \(s.ratingMeaning($0))" } ?? "–"
            add("- \(s.automaticRating)\(s.colon)\(automatic) · \(s.evaluatorRating)\(s.colon)\(evaluator)")
            if let expected = objective.expected { add("- \(s.expectedAction)\(s.colon)\(text(expected))") }
            add("- \(s.controls)\(s.colon)" + objective.controls.map(code).joined(separator: ", "))
            add()
            observations(facts.observations(of: objective.id), emptyNote: s.noObservations)
        }
        let general = facts.observations(of: nil)
        if !general.isEmpty {
            heading(3, s.generalObservations)
            observations(general, emptyNote: nil)
        }
        add("_\(text(s.observationClassification))_")
        add()
    }

    func statusLine(_ objective: DrillReport.ObjectiveResult) -> String {
        let start = objective.clockStartSeconds.map { clock($0) } ?? "–"
        let from = s.parenthesized(s.clockStartedAt(start))
        switch objective.status {
        case .met:
            let by = objective.metBy.map { " — " + role($0) } ?? ""
            return "\(s.statusName(.met)) \(clock(objective.metAtSeconds)), \(s.elapsedAfter(clock(objective.elapsedSeconds)))\(from)\(by)"
        default:
            return s.statusName(objective.status) + (objective.clockStartSeconds == nil ? "" : from)
        }
    }

    mutating func observations(_ entries: [(index: Int, entry: DrillReport.ObservationEntry)], emptyNote: String?) {
        guard !entries.isEmpty else {
            if let emptyNote { add("_\(emptyNote)_"); add() }
            return
        }
        let groups: [(String, ReportFacts.ObservationClass)] = [(s.strengths, .strength), (s.areasForImprovement, .improvement), (s.otherObservations, .other)]
        for (title, kind) in groups {
            let members = entries.filter { ReportFacts.classify($0.entry) == kind }
            guard !members.isEmpty else { continue }
            add("**\(title)**")
            add()
            for (_, entry) in members {
                var meta = [clock(entry.atSeconds)]
                if let by = entry.by { meta.append(text(by)) }
                if let rating = entry.rating { meta.append("**\(rating.rawValue)**") }
                add("- \(meta.joined(separator: ", "))\(s.colon)\(text(entry.text))")
            }
            add()
        }
    }

    mutating func improvementPlan() {
        heading(2, "4. " + s.improvementPlan)
        guard let record = report.record else {
            add("_\(s.planNotRecorded)_")
            add()
            return
        }
        guard !record.correctiveActions.isEmpty else {
            add("_\(s.noPlan)_")
            add()
            return
        }
        let counts = facts.planCounts
        add(s.planSummary(open: counts.open, closed: counts.closed, overdue: counts.overdue))
        add()
        var table = MarkdownTable(
            [s.planNumber, s.objective, s.issue, s.correctiveAction, s.capability, s.responsibleOrg, s.responsibleRole,
             s.startDate, s.completionDate, s.status, s.closingEvidence],
            alignments: [.right] + Array(repeating: .left, count: 10)
        )
        for action in record.correctiveActions {
            var status = s.actionStatus(action.status)
            if action.overdue { status = "**⚠ \(s.overdue)** (\(status))" }
            var evidence = action.closingEvidence.map(text) ?? "–"
            if let closed = action.closedAt { evidence += " (\(s.closedOn(String(closed.prefix(10)))))" }
            table.append([
                "\(action.id)", objectiveLabel(id: action.objective), text(action.issue), text(action.correctiveAction),
                s.capabilityName(action.capability), text(action.responsibleOrg), action.responsibleRole.map(text) ?? "–",
                action.startDate.map(text) ?? "–", action.dueDate.map(text) ?? "–", status, evidence,
            ])
        }
        add(table)
    }

    mutating func feedback() {
        heading(2, "5. " + s.feedback)
        guard !report.survey.isEmpty else {
            add("_\(s.noSurvey)_")
            add()
            return
        }
        var table = MarkdownTable(["#", s.question, s.answers, s.median, s.scores], alignments: [.right, .left, .right, .right, .left])
        for (index, result) in report.survey.enumerated() {
            let scores = result.kind == .scale ? (result.answers.isEmpty ? s.noAnswers : result.answers.map(String.init).joined(separator: ", ")) : "–"
            table.append(["\(index + 1)", text(result.question), "\(result.count)", result.median.map { number($0) } ?? "–", scores])
        }
        add(table)
        add("_\(s.scaleExplained)_")
        add()
        for (index, result) in report.survey.enumerated() where !result.texts.isEmpty {
            add("**\(s.textAnswers) — \(index + 1). \(text(result.question))**")
            add()
            for answer in result.texts { add("- " + text(answer)) }
            add()
        }
    }

    mutating func controls() {
        heading(2, "6. " + s.controlsSection)
        var table = MarkdownTable([s.control, s.framework, s.title, s.evidenceFrom])
        for row in facts.controlRows {
            var evidence = row.objectives.map { "\(code($0.id)) \($0.rating?.rawValue ?? s.statusName($0.status))" }
            if row.drillWide { evidence.insert(s.exerciseAsWhole, at: 0) }
            table.append([row.id, text(row.framework), text(row.title), evidence.joined(separator: ", ")])
        }
        add(table)
        add("_\(s.controlsNote)_")
        add()
    }

    mutating func evidence() {
        heading(2, "7. " + s.evidence)
        guard let record = report.record else {
            add("_\(s.notRecordedEvidence)_")
            add()
            return
        }
        var table = MarkdownTable(["", ""])
        table.append([s.runID, "\(code(record.runID)) (\(s.runStatusName(record.status)))"])
        table.append([s.mode, s.modeValue(report.drill.mode, speed: record.speed.map { number($0) })])
        if let started = facts.instant(record.startedAt) { table.append([s.recordedStart, started.utc]) }
        if let ended = facts.instant(record.endedAt) { table.append([s.recordedEnd, ended.utc]) }
        table.append([s.scenarioSHA, code(record.scenarioSHA256)])
        table.append([s.chainHead, record.chainHead.map(code) ?? s.none])
        table.append([s.verification, verification(record.verification)])
        var seen: Set<String> = []
        table.append([s.participantsKept, s.participantsValue(record.participants.filter { seen.insert($0.role).inserted }.count)])
        add(table)
        add("_\(s.evidenceNote)_")
        add()
    }

    func verification(_ verification: DrillReport.RecordInfo.Verification?) -> String {
        guard let verification else { return s.notVerified }
        return verification.intact ? s.verified(events: verification.events) : "**" + text(s.verificationFailed(verification.problem ?? "")) + "**"
    }

    mutating func eventLog() {
        heading(2, s.appendix("A", s.eventLog))
        var table = MarkdownTable([s.drillTime, s.event, s.detail], alignments: [.right, .left, .left])
        for entry in report.timeline {
            let (event, detail) = describe(entry)
            table.append([clock(entry.atSeconds), event, detail])
        }
        add(table)
    }

    func describe(_ entry: EventView) -> (String, String) {
        let event = s.eventName(entry, kind: entry.kind.map(s.kindName))
        switch entry.type {
        case "inject-delivered", "inject-skipped":
            return (event, "\(code(entry.inject ?? "")) \(s.via) \(text(entry.channel ?? "?"))\(s.colon)\(text(entry.subject ?? ""))")
        case "action":
            var detail = role(entry.role)
            if let target = entry.target { detail += " → \(role(target))" + (entry.channel.map { " \(s.via) \(text($0))" } ?? "") }
            if let value = entry.text, !value.isEmpty { detail += s.colon + text(value) }
            if let met = entry.met, !met.isEmpty { detail += " — " + s.meets(met.map { code($0.objective) }.joined(separator: ", ")) }
            return (event, detail)
        case "persona-reply":
            return (event, "\(role(entry.role)) → \(role(entry.to?.ids.first))\(s.colon)\(text(entry.text ?? ""))")
        case "observation":
            var detail = entry.objective.map(code) ?? s.exerciseAsWhole
            if let rating = entry.rating { detail += " **\(rating.rawValue)**" }
            return (event, detail + s.colon + text(entry.text ?? ""))
        case "ended":
            return (event, s.endReason(entry.reason.flatMap(DrillEvent.EndReason.init(rawValue:))))
        case "adjudication":
            var detail = s.adjudicationDetail(action: entry.action ?? 0, objective: code(entry.objective ?? ""), decision: entry.decision)
            if let note = entry.note, !note.isEmpty { detail += s.colon + text(note) }
            return (event, detail)
        case "speed-changed":
            return (event, s.speedDetail(entry.speed ?? 1))
        case "clock-advanced":
            return (event, s.skippedDetail(from: clock(entry.fromSeconds ?? 0), to: clock(entry.atSeconds)))
        default:
            return (event, "")
        }
    }

    mutating func injects() {
        heading(2, s.appendix("B", s.injectsSection))
        var table = MarkdownTable(["#", s.inject, s.channel, s.subject, s.status, s.drillTime], alignments: [.right, .left, .left, .left, .left, .right])
        for (index, inject) in report.injects.enumerated() {
            table.append([
                "\(index + 1)", code(inject.id) + (inject.adlib ? " (\(s.adlib))" : ""), text(inject.channel), text(inject.subject),
                s.injectStatus(inject.status), inject.atSeconds.map(clock) ?? "–",
            ])
        }
        add(table)
    }

    mutating func wordingReview() {
        heading(2, s.appendix("C", s.wordingReview))
        add("_\(s.wordingReviewIntro)_")
        add()
        guard !report.blamelessFindings.isEmpty else {
            add(s.noWordingFindings)
            add()
            return
        }
        var table = MarkdownTable([s.where_, s.passage, s.flagged])
        for passage in FlaggedPassage.group(report.blamelessFindings) {
            let objective = passage.source == .observation ? report.observations[safe: passage.index]?.objective : nil
            table.append([
                text(s.findingPlace(passage.first, objective: objective)), text(passage.text),
                passage.flags.map { "**\(text($0.matched))** (\(s.ruleName($0.rule)))" }.joined(separator: "; "),
            ])
        }
        add(table)
        var rules = MarkdownTable([s.flagged, s.why, s.suggestion])
        for finding in FlaggedPassage.rules(of: report.blamelessFindings) {
            rules.append([s.ruleName(finding.rule), text(finding.why), text(finding.suggestion)])
        }
        add(rules)
    }

    mutating func roles() {
        heading(2, s.appendix("D", s.rolesSection))
        var table = MarkdownTable([s.role, "id", s.department, ""])
        for info in report.roles {
            table.append([text(info.name), code(info.id), info.department.map(text) ?? "–", info.simulated ? s.simulated : ""])
        }
        add(table)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
