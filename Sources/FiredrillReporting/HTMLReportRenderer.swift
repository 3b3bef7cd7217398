import FiredrillCore

/// Renders a report as one self-contained HTML file in HSEEP's after-action report shape,
/// for a committee to read on screen or print to A4: inline CSS and SVG charts, no script,
/// nothing fetched (its Content-Security-Policy forbids both). Everything scenarios and
/// people wrote is escaped. It speaks of roles, never of the people who played them.
public enum HTMLReportRenderer {
    public static func render(_ report: DrillReport, context: ReportContext) -> String {
        var document = HTMLDocument(report: report, facts: ReportFacts(report, context: context))
        document.build()
        return document.html
    }
}

/// The HTML report being written, section by section.
private struct HTMLDocument {
    let report: DrillReport
    let facts: ReportFacts
    var html = ""

    init(report: DrillReport, facts: ReportFacts) {
        self.report = report
        self.facts = facts
    }

    var s: ReportStrings { facts.strings }

    func e(_ text: String) -> String { HTML.escape(text) }
    func clock(_ seconds: Double?) -> String { ReportFacts.clock(seconds) }
    func number(_ value: Double?, digits: Int = 1) -> String { ReportFacts.number(value, digits: digits) }

    mutating func add(_ markup: String) { html += markup + "\n" }

    func rating(_ rating: Scoring.Rating?) -> String {
        guard let rating else { return "<span class=\"rating none\">–</span>" }
        return "<span class=\"rating \(rating.rawValue)\" title=\"\(e(s.ratingMeaning(rating)))\">\(rating.rawValue)</span>"
    }

    func role(_ id: String?) -> String {
        guard let id else { return "" }
        return e(facts.roleName(id))
    }

    func objectiveName(id: String?) -> String {
        guard let id else { return "–" }
        guard let objective = report.objectives.first(where: { $0.id == id }) else { return "<code>\(e(id))</code>" }
        return e(objective.name ?? objective.id)
    }

    /// A table from header cells and rows of cells that are already markup; `numeric`
    /// columns are aligned right.
    mutating func table(
        _ header: [String], _ rows: [[String]], numeric: Set<Int> = [], centered: Set<Int> = [], nowrap: Set<Int> = [],
        widths: [Double]? = nil, classes: String = ""
    ) {
        func cellClass(_ column: Int) -> String {
            numeric.contains(column) ? " class=\"num\"" : centered.contains(column) ? " class=\"center\""
                : nowrap.contains(column) ? " class=\"nowrap\"" : ""
        }
        let columns = widths.map { "<colgroup>" + $0.map { "<col style=\"width: \(SVGBuilder.n($0))%\">" }.joined() + "</colgroup>" } ?? ""
        add("<table\(classes.isEmpty ? "" : " class=\"\(classes)\"")>\(columns)<thead><tr>" + header.enumerated().map { "<th\(cellClass($0.offset))>\(e($0.element))</th>" }.joined() + "</tr></thead><tbody>")
        for row in rows { add("<tr>" + row.enumerated().map { "<td\(cellClass($0.offset))>\($0.element)</td>" }.joined() + "</tr>") }
        add("</tbody></table>")
    }

    /// A two-column table of labels and values (values already markup).
    mutating func keyValues(_ rows: [(String, String)]) {
        add("<table class=\"kv\"><tbody>")
        for (label, value) in rows { add("<tr><th>\(e(label))</th><td>\(value)</td></tr>") }
        add("</tbody></table>")
    }

    mutating func heading(_ id: String, _ title: String, appendix: Bool = false) {
        add("<h2 id=\"\(id)\"\(appendix ? " class=\"appendix\"" : "")>\(e(title))</h2>")
    }

    var sections: [(id: String, title: String, appendix: Bool)] {
        [
            ("overview", "1. " + s.overview, false), ("results", "2. " + s.headline, false),
            ("timeline", "3. " + s.timelineChart, false), ("analysis", "4. " + s.analysis, false),
            ("plan", "5. " + s.improvementPlan, false), ("feedback", "6. " + s.feedback, false),
            ("controls", "7. " + s.controlsSection, false), ("evidence", "8. " + s.evidence, false),
            ("event-log", s.appendix("A", s.eventLog), true), ("injects", s.appendix("B", s.injectsSection), true),
            ("wording", s.appendix("C", s.wordingReview), true), ("roles", s.appendix("D", s.rolesSection), true),
        ]
    }

    mutating func build() {
        let runID = report.record?.runID
        let footer = "firedrill · \(s.documentShortTitle) · \(report.scenario.id)" + (runID.map { " · \($0)" } ?? "")
        add("<!DOCTYPE html>")
        add("<html lang=\"\(s.tag)\">")
        add("<head>")
        add("<meta charset=\"utf-8\">")
        add("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">")
        add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        add("<meta name=\"generator\" content=\"firedrill\">")
        add("<title>\(e(s.documentShortTitle)) — \(e(report.scenario.title))</title>")
        add("<style>\n\(HTMLReportStyle.css(footer: footer))\n</style>")
        add("</head>")
        add("<body>")
        add("<main>")
        header()
        overview()
        headline()
        charts()
        analysis()
        improvementPlan()
        feedback()
        controls()
        evidence()
        eventLog()
        injects()
        wordingReview()
        roles()
        add("<footer class=\"doc\"><p>\(e(s.blamelessNote))</p><p>\(e(s.generatedBy(report.format)))</p></footer>")
        add("</main>")
        add("</body>")
        add("</html>")
    }

    // MARK: Sections

    mutating func header() {
        add("<header class=\"doc\">")
        add("<div class=\"doc-kind\">\(e(s.documentKind))</div>")
        add("<h1>\(e(s.documentTitle))</h1>")
        add("<p class=\"doc-subtitle\">\(e(report.scenario.title))</p>")
        var meta: [(String, String)] = [(s.scenarioID, "<code>\(e(report.scenario.id))</code>")]
        if let record = report.record {
            meta.append((s.runID, "<code>\(e(record.runID))</code>"))
            if let day = facts.instant(record.startedAt) { meta.append((s.dateUTC, e(day.utc))) }
        }
        meta.append((s.mode, e(s.modeName(report.drill.mode))))
        add("<div class=\"doc-meta\">" + meta.map { "<span>\(e($0.0))\(e(s.colon))<b>\($0.1)</b></span>" }.joined() + "</div>")
        add("</header>")
        add("<nav class=\"toc\" aria-label=\"\(e(s.contents))\"><ul>" + sections.map { "<li><a href=\"#\($0.id)\">\(e($0.title))</a></li>" }.joined() + "</ul></nav>")
    }

    mutating func overview() {
        heading("overview", "1. " + s.overview)
        var rows: [(String, String)] = [(s.exerciseName, e(report.scenario.title)), (s.scenarioID, "<code>\(e(report.scenario.id))</code>")]
        if let started = facts.instant(report.record?.startedAt) {
            rows.append((s.dateUTC, e(started.utc)))
            if let local = started.local { rows.append((s.dateLocal, e(local))) }
        } else {
            rows.append((s.dateUTC, "<span class=\"status-muted\">\(e(s.notRecorded))</span>"))
        }
        rows.append((s.duration, e(s.durationValue(planned: clock(report.scenario.durationSeconds), played: facts.playedDuration, reason: s.endReason(report.drill.endReason)))))
        rows.append((s.mode, e(s.modeValue(report.drill.mode, speed: report.record?.speed.map { number($0) }))))
        let departments = facts.departments
        rows.append((s.scope, e(s.scopeValue(
            objectives: report.objectives.count, weight: number(report.coverage.weightTotal),
            injects: report.injects.filter { !$0.adlib }.count, departments: departments.filter { $0.name != nil }.count
        ))))
        if !report.scenario.tags.isEmpty { rows.append((s.tags, e(report.scenario.tags.joined(separator: s.comma)))) }
        let played = departments.map { department in
            "<b>\(e(department.name ?? s.noDepartment))</b>\(e(s.colon))" + department.roles.map { e($0.name) }.joined(separator: e(s.comma))
        }
        rows.append((s.departmentsAndRoles, played.joined(separator: "<br>")))
        if !facts.simulatedRoles.isEmpty {
            rows.append((s.simulatedRoles, facts.simulatedRoles.map { e($0.name) }.joined(separator: e(s.comma))))
        }
        rows.append((s.conduct, e(s.conductValue(
            actions: report.drill.actions, pauses: report.drill.pauses, interruptions: report.drill.interruptions,
            injectsDelivered: report.injects.filter { $0.status == .delivered }.count, adlibs: report.injects.filter(\.adlib).count
        ))))
        if let summary = report.scenario.summary, !summary.allSatisfy(\.isWhitespace) {
            rows.append((s.summary, HTML.paragraphs(summary)))
        }
        keyValues(rows)
    }

    mutating func headline() {
        heading("results", "2. " + s.headline)
        let complete = report.coverage.complete
        let coverage = s.coverageValue(report.coverage, weight: number(report.coverage.weightExercised), totalWeight: number(report.coverage.weightTotal))
        let score = report.score.map { "\(number($0)) <small>\(e(s.outOf100))</small>" } ?? e(s.notScored)
        add("<div class=\"cards\">")
        add("<div class=\"card\(complete ? "" : " incomplete")\"><div class=\"label\">\(e(s.score))</div><div class=\"big\">\(score)</div>"
            + "<div>\(e(s.coverage))\(e(s.colon))\(e(coverage))</div>"
            + (complete ? "<div class=\"note\">\(e(s.complete))</div>" : "") + "</div>")
        add("<div class=\"card\"><div class=\"label\">\(e(s.ratingsCount))</div><div>"
            + facts.ratingCounts.map { "\(rating($0.rating)) \($0.count)" }.joined(separator: "&nbsp;&nbsp; ")
            + "</div><div class=\"note\">" + Scoring.Rating.allCases.map { "\($0.rawValue): \(e(s.ratingMeaning($0)))" }.joined(separator: "; ") + "</div></div>")
        let counts = facts.planCounts
        let plan = report.record == nil ? e(s.planNotRecorded) : e(s.planSummary(open: counts.open, closed: counts.closed, overdue: counts.overdue))
        add("<div class=\"card\"><div class=\"label\">\(e(s.improvementPlan))</div><div>\(plan)</div></div>")
        add("</div>")
        if !complete {
            add("<p class=\"warning\">⚠ \(e(s.incompleteWarning(endedAt: report.drill.endedAtSeconds.map { clock($0) }, notExercised: facts.notExercisedCount)))</p>")
        }
        add("<h3>\(e(s.timingChain))</h3>")
        add("<ol class=\"chain\">")
        for step in facts.timingChain {
            let since = step.label == s.detection ? nil : facts.sinceDetection(step.seconds)
            add("<li><span class=\"step\">\(e(step.label))</span><span class=\"time\">\(e(step.seconds.map { clock($0) } ?? s.none))</span>"
                + "<span class=\"since\">\(since.map { e(s.afterDetection($0)) } ?? "&nbsp;")</span></li>")
        }
        add("</ol>")
        add("<p class=\"note\">\(HTML.rich(s.timingChainNote)) \(HTML.rich(s.scoreExplained))</p>")
        add("<h3>\(e(s.metricsSection))</h3>")
        table([s.metric, s.measures, s.drillTime, s.sinceDetection], s.metricRows(report.metrics).map { row in
            [e(row.label), HTML.rich(row.meaning), e(row.seconds.map { clock($0) } ?? s.none), e(facts.sinceDetection(row.seconds) ?? "–")]
        }, numeric: [2, 3])
    }

    mutating func charts() {
        heading("timeline", "3. " + s.timelineChart)
        add("<figure>")
        add(SVGTimelineChart(report: report, strings: s).render())
        add("<figcaption>\(e(s.timelineChartCaption))</figcaption>")
        add("</figure>")
        add("<h3>\(e(s.creditChart))</h3>")
        add("<figure>")
        add(SVGCreditChart(report: report, strings: s).render())
        add("<figcaption>\(e(s.creditChartCaption))</figcaption>")
        add("</figure>")
    }

    mutating func analysis() {
        heading("analysis", "4. " + s.analysis)
        table(
            [s.objective, s.kind, s.weight, s.target, s.limit, s.elapsed, s.credit, s.automaticRating, s.evaluatorRating, s.metBy],
            report.objectives.map { objective in
                let elapsed = objective.status == .met ? e(clock(objective.elapsedSeconds)) : "<span class=\"status-\(objective.status == .missed ? "missed" : "muted")\">\(e(s.statusName(objective.status)))</span>"
                return [
                    e(objective.name ?? objective.id), e(s.kindName(objective.kind)), e(number(objective.weight)),
                    e(clock(objective.targetSeconds)), e(clock(objective.limitSeconds)), elapsed,
                    e(objective.credit.map { number($0, digits: 2) } ?? "–"), rating(objective.rating), rating(objective.evaluatorRating),
                    role(objective.metBy),
                ]
            },
            numeric: [2, 3, 4, 5, 6], centered: [7, 8]
        )
        add("<p class=\"note\">\(e(s.elapsedExplained)) \(e(s.observationClassification))</p>")
        for (position, objective) in report.objectives.enumerated() {
            add("<section class=\"objective\" id=\"objective-\(HTML.anchor(objective.id))\">")
            add("<h3><span>4.\(position + 1) \(e(objective.name ?? objective.id))</span><span class=\"ids\"><code>\(e(objective.id))</code> · \(e(s.kindName(objective.kind))) · \(e(s.weight)) \(e(number(objective.weight)))</span></h3>")
            var facts: [(String, String)] = [(s.status, statusLine(objective))]
            facts.append((s.automaticRating, rating(objective.rating) + (objective.rating.map { " " + e(s.ratingMeaning($0)) } ?? "")))
            facts.append((s.evaluatorRating, rating(objective.evaluatorRating) + (objective.evaluatorRating.map { " " + e(s.ratingMeaning($0)) } ?? "")))
            if let expected = objective.expected { facts.append((s.expectedAction, HTML.paragraphs(expected))) }
            facts.append((s.controls, objective.controls.map { "<code>\(e($0))</code>" }.joined(separator: ", ")))
            add("<dl class=\"facts\">" + facts.map { "<dt>\(e($0.0))</dt><dd>\($0.1)</dd>" }.joined() + "</dl>")
            observations(self.facts.observations(of: objective.id), emptyNote: s.noObservations)
            add("</section>")
        }
        let general = facts.observations(of: nil)
        if !general.isEmpty {
            add("<h3>\(e(s.generalObservations))</h3>")
            observations(general, emptyNote: nil)
        }
    }

    func statusLine(_ objective: DrillReport.ObjectiveResult) -> String {
        let start = objective.clockStartSeconds.map { e(s.parenthesized(s.clockStartedAt(clock($0)))) } ?? ""
        let target = e(s.parenthesized("\(s.target) \(clock(objective.targetSeconds)), \(s.limit) \(clock(objective.limitSeconds))"))
        switch objective.status {
        case .met:
            let by = objective.metBy.map { " — " + role($0) } ?? ""
            return "<span class=\"status-met\">\(e(s.statusName(.met)))</span> \(e(clock(objective.metAtSeconds))), \(e(s.elapsedAfter(clock(objective.elapsedSeconds))))\(start)\(by) \(target)"
        case .missed:
            return "<span class=\"status-missed\">\(e(s.statusName(.missed)))</span>\(start) \(target)"
        case .notApplicable, .notExercised:
            return "<span class=\"status-muted\">\(e(s.statusName(objective.status)))</span>\(start)"
        }
    }

    mutating func observations(_ entries: [(index: Int, entry: DrillReport.ObservationEntry)], emptyNote: String?) {
        guard !entries.isEmpty else {
            if let emptyNote { add("<p class=\"note\">\(e(emptyNote))</p>") }
            return
        }
        let groups: [(String, ReportFacts.ObservationClass, String)] = [
            (s.strengths, .strength, "strength"), (s.areasForImprovement, .improvement, "improvement"), (s.otherObservations, .other, "other"),
        ]
        for (title, kind, name) in groups {
            let members = entries.filter { ReportFacts.classify($0.entry) == kind }
            guard !members.isEmpty else { continue }
            add("<div class=\"obs-group \(name)\"><h4>\(e(title))</h4><ul>")
            for (_, entry) in members {
                var meta = [clock(entry.atSeconds)]
                if let by = entry.by { meta.append(by) }
                add("<li>\(entry.rating.map { rating($0) + " " } ?? "")\(HTML.multiline(entry.text)) <span class=\"obs-meta\">(\(e(meta.joined(separator: ", "))))</span></li>")
            }
            add("</ul></div>")
        }
    }

    mutating func improvementPlan() {
        heading("plan", "5. " + s.improvementPlan)
        guard let record = report.record else {
            add("<p class=\"note\">\(e(s.planNotRecorded))</p>")
            return
        }
        guard !record.correctiveActions.isEmpty else {
            add("<p class=\"note\">\(HTML.rich(s.noPlan))</p>")
            return
        }
        let counts = facts.planCounts
        add("<p>\(e(s.planSummary(open: counts.open, closed: counts.closed, overdue: counts.overdue)))</p>")
        table(
            [s.planNumber, s.objective, s.issue, s.correctiveAction, s.capability, s.responsibleOrgAndRole,
             s.startDate, s.completionDate, s.status, s.closingEvidence],
            record.correctiveActions.map { action in
                var status = e(s.actionStatus(action.status))
                if action.overdue { status = "<span class=\"overdue\">⚠ \(e(s.overdue))</span><br>" + status }
                var evidence = action.closingEvidence.map(HTML.multiline) ?? "–"
                if let closed = action.closedAt { evidence += "<br><span class=\"obs-meta\">\(e(s.closedOn(String(closed.prefix(10)))))</span>" }
                let responsible = "<b>\(e(action.responsibleOrg))</b>" + (action.responsibleRole.map { "<br>" + e($0) } ?? "")
                return [
                    "\(action.id)", objectiveName(id: action.objective), HTML.multiline(action.issue), HTML.multiline(action.correctiveAction),
                    e(s.capabilityName(action.capability)), responsible, e(action.startDate ?? "–"),
                    action.overdue ? "<span class=\"overdue\">\(e(action.dueDate ?? "–"))</span>" : e(action.dueDate ?? "–"), status, evidence,
                ]
            },
            numeric: [0], nowrap: [6, 7], widths: [3, 10, 17, 18, 7, 10, 8.5, 8.5, 7, 11], classes: "plan"
        )
    }

    mutating func feedback() {
        heading("feedback", "6. " + s.feedback)
        guard !report.survey.isEmpty else {
            add("<p class=\"note\">\(e(s.noSurvey))</p>")
            return
        }
        table(["#", s.question, s.answers, s.median, s.scores], report.survey.enumerated().map { index, result in
            let scores = result.kind == .scale ? (result.answers.isEmpty ? s.noAnswers : result.answers.map(String.init).joined(separator: ", ")) : "–"
            return ["\(index + 1)", e(result.question), "\(result.count)", e(result.median.map { number($0) } ?? "–"), e(scores)]
        }, numeric: [0, 2, 3])
        add("<p class=\"note\">\(e(s.scaleExplained))</p>")
        for (index, result) in report.survey.enumerated() where !result.texts.isEmpty {
            add("<h3>\(index + 1). \(e(result.question))</h3>")
            add("<ul class=\"answers\">" + result.texts.map { "<li>\(HTML.multiline($0))</li>" }.joined() + "</ul>")
        }
    }

    mutating func controls() {
        heading("controls", "7. " + s.controlsSection)
        table([s.control, s.framework, s.title, s.evidenceFrom], facts.controlRows.map { row in
            var evidence = row.objectives.map { "<code>\(e($0.id))</code> " + ($0.rating.map { rating($0) } ?? "<span class=\"status-muted\">\(e(s.statusName($0.status)))</span>") }
            if row.drillWide { evidence.insert(e(s.exerciseAsWhole), at: 0) }
            return ["<b>\(e(row.id))</b>", e(row.framework), e(row.title), evidence.joined(separator: ", ")]
        }, nowrap: [0], widths: [9, 17, 30, 44])
        add("<p class=\"note\">\(HTML.rich(s.controlsNote))</p>")
    }

    mutating func evidence() {
        heading("evidence", "8. " + s.evidence)
        guard let record = report.record else {
            add("<p class=\"note\">\(HTML.rich(s.notRecordedEvidence))</p>")
            return
        }
        var rows: [(String, String)] = [(s.runID, "<code>\(e(record.runID))</code> (\(e(s.runStatusName(record.status))))")]
        rows.append((s.mode, e(s.modeValue(report.drill.mode, speed: record.speed.map { number($0) }))))
        if let started = facts.instant(record.startedAt) { rows.append((s.recordedStart, e(started.utc))) }
        if let ended = facts.instant(record.endedAt) { rows.append((s.recordedEnd, e(ended.utc))) }
        rows.append((s.scenarioSHA, "<code>\(e(record.scenarioSHA256))</code>"))
        rows.append((s.chainHead, record.chainHead.map { "<code>\(e($0))</code>" } ?? e(s.none)))
        let verification: String = switch record.verification {
        case .some(let check) where check.intact: "<span class=\"verified\">✓ \(e(s.verified(events: check.events)))</span>"
        case .some(let check): "<span class=\"failed\">✗ \(e(s.verificationFailed(check.problem ?? "")))</span>"
        case nil: e(s.notVerified)
        }
        rows.append((s.verification, verification))
        var seen: Set<String> = []
        rows.append((s.participantsKept, e(s.participantsValue(record.participants.filter { seen.insert($0.role).inserted }.count))))
        keyValues(rows)
        add("<p class=\"note\">\(HTML.rich(s.evidenceNote))</p>")
    }

    mutating func eventLog() {
        heading("event-log", s.appendix("A", s.eventLog), appendix: true)
        table([s.drillTime, s.event, s.detail], report.timeline.map { entry in
            [e(clock(entry.atSeconds)), e(s.eventName(entry, kind: entry.kind.map(s.kindName))), describe(entry)]
        }, numeric: [0])
    }

    func describe(_ entry: EventView) -> String {
        switch entry.type {
        case "inject-delivered", "inject-skipped":
            return "<code>\(e(entry.inject ?? ""))</code> \(e(s.via)) \(e(entry.channel ?? "?"))\(e(s.colon))\(e(entry.subject ?? ""))"
        case "action":
            var detail = "<b>\(role(entry.role))</b>"
            if let target = entry.target { detail += " → \(role(target))" + (entry.channel.map { " \(e(s.via)) \(e($0))" } ?? "") }
            if let text = entry.text, !text.isEmpty { detail += e(s.colon) + HTML.multiline(text) }
            if let met = entry.met, !met.isEmpty { detail += " <span class=\"status-met\">— \(e(s.meets(met.map(\.objective).joined(separator: ", "))))</span>" }
            return detail
        case "persona-reply":
            return "<b>\(role(entry.role))</b> → \(role(entry.to?.ids.first))\(e(s.colon))\(HTML.multiline(entry.text ?? ""))"
        case "observation":
            var detail = entry.objective.map { "<code>\(e($0))</code>" } ?? e(s.exerciseAsWhole)
            if let value = entry.rating { detail += " " + rating(value) }
            return detail + e(s.colon) + HTML.multiline(entry.text ?? "")
        case "ended":
            return e(s.endReason(entry.reason.flatMap(DrillEvent.EndReason.init(rawValue:))))
        case "adjudication":
            var detail = e(s.adjudicationDetail(action: entry.action ?? 0, objective: entry.objective ?? "", decision: entry.decision))
            if let note = entry.note, !note.isEmpty { detail += e(s.colon) + HTML.multiline(note) }
            return detail
        case "speed-changed":
            return e(s.speedDetail(entry.speed ?? 1))
        case "clock-advanced":
            return e(s.skippedDetail(from: clock(entry.fromSeconds ?? 0), to: clock(entry.atSeconds)))
        default:
            return ""
        }
    }

    mutating func injects() {
        heading("injects", s.appendix("B", s.injectsSection), appendix: true)
        table(["#", s.inject, s.channel, s.subject, s.status, s.drillTime], report.injects.enumerated().map { index, inject in
            [
                "\(index + 1)", "<code>\(e(inject.id))</code>" + (inject.adlib ? " (\(e(s.adlib)))" : ""), e(inject.channel), e(inject.subject),
                e(s.injectStatus(inject.status)), e(inject.atSeconds.map { clock($0) } ?? "–"),
            ]
        }, numeric: [0, 5])
    }

    mutating func wordingReview() {
        heading("wording", s.appendix("C", s.wordingReview), appendix: true)
        add("<p class=\"note\">\(e(s.wordingReviewIntro))</p>")
        guard !report.blamelessFindings.isEmpty else {
            add("<p>\(e(s.noWordingFindings))</p>")
            return
        }
        let passages = FlaggedPassage.group(report.blamelessFindings)
        table([s.where_, s.passage, s.flagged], passages.map { passage in
            let objective = passage.source == .observation ? report.observations[safe: passage.index]?.objective : nil
            return [
                e(s.findingPlace(passage.first, objective: objective)), e(passage.text),
                passage.flags.map { "<b>\(e($0.matched))</b> <span class=\"obs-meta\">(\(e(s.ruleName($0.rule))))</span>" }.joined(separator: "<br>"),
            ]
        }, widths: [20, 50, 30])
        table([s.flagged, s.why, s.suggestion], FlaggedPassage.rules(of: report.blamelessFindings).map { finding in
            [e(s.ruleName(finding.rule)), e(finding.why), e(finding.suggestion)]
        }, widths: [16, 42, 42])
    }

    mutating func roles() {
        heading("roles", s.appendix("D", s.rolesSection), appendix: true)
        table([s.role, "id", s.department, ""], report.roles.map { info in
            [e(info.name), "<code>\(e(info.id))</code>", e(info.department ?? "–"), info.simulated ? e(s.simulated) : ""]
        })
    }
}
