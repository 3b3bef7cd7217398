import FiredrillCore
import FiredrillVocabulary
import Foundation

/// What the Markdown and HTML reports derive from a report in the same way: who took part
/// by department, observations sorted into strengths and areas for improvement, the
/// response timeline, the controls mapping, local times. Values are plain text, not yet
/// escaped for any format.
struct ReportFacts {
    let report: DrillReport
    let strings: ReportStrings
    let timeZone: TimeZone
    /// The drill's vocabulary in the report's language.
    var words: Vocabulary { strings.words }

    init(_ report: DrillReport, context: ReportContext) {
        self.report = report
        strings = context.strings
        timeZone = context.timeZone
    }

    /// An objective by the name people know it by (its id when it has none).
    func objectiveName(_ id: String?) -> String {
        guard let id else { return "–" }
        return report.objectives.first { $0.id == id }.map { $0.name ?? $0.id } ?? id
    }

    /// An inject's subject, by its id (scenario or ad-lib).
    func injectSubject(_ id: String) -> String {
        report.injects.first { $0.id == id }?.subject ?? id
    }

    /// Who an inject went to, by role names.
    func recipients(_ to: EventView.Addressees?) -> String {
        switch to {
        case .all?, nil: words.text("recipients.all")
        case .roles(let ids)?: ids.map(roleName).joined(separator: strings.comma)
        case .role(let id)?: roleName(id)
        }
    }

    /// An action of the timeline as people read it: who, when, what (shortened).
    func actionLabel(_ sequence: Int) -> String {
        guard let entry = report.timeline.first(where: { $0.seq == sequence && $0.type == "action" }) else { return "#\(sequence)" }
        let text = (entry.text ?? "").isEmpty ? words.kind(entry.kind ?? .action) : HTML.fit(entry.text ?? "", columns: 48)
        return strings[.actionLabel, ["role": roleName(entry.role), "time": Self.clock(entry.atSeconds), "text": text]]
    }

    /// The evaluators' decisions on an objective, in the order made.
    func decisions(on objective: String) -> [EventView] {
        report.timeline.filter { $0.type == "adjudication" && $0.objective == objective }
    }

    /// A control with its name: `A.6.6 秘密保持契約又は守秘義務契約`.
    func controlLabel(_ id: String) -> String {
        ControlCatalog.control(id).map { "\($0.id) \(strings.controlTitle($0))" } ?? id
    }

    /// An evaluator's label (`evaluator-1`) as the report names it: 評価者 1.
    func evaluatorName(_ label: String) -> String {
        if label == "trainer" { return words.text("token.trainer") }
        if label.hasPrefix("evaluator-"), let number = Int(label.dropFirst("evaluator-".count)) {
            return words.text("token.evaluator") + " \(number)"
        }
        return label
    }

    // MARK: Roles

    func roleName(_ id: String?) -> String {
        guard let id else { return "" }
        return report.roles.first { $0.id == id }?.name ?? id
    }

    /// The departments that took part and the roles played in each, in the scenario's order.
    /// A recorded run lists the roles that were played; otherwise every role people play.
    var departments: [(name: String?, roles: [DrillReport.RoleInfo])] {
        let playedIDs: [String] = report.record.map { record in
            var seen: Set<String> = []
            return record.participants.map(\.role).filter { seen.insert($0).inserted }
        } ?? report.roles.filter { !$0.simulated }.map(\.id)
        let played = report.roles.filter { playedIDs.contains($0.id) }
        var order: [String?] = []
        var members: [String?: [DrillReport.RoleInfo]] = [:]
        for role in played {
            let department = report.record?.participants.first { $0.role == role.id }?.department ?? role.department
            if members[department] == nil { order.append(department) }
            members[department, default: []].append(role)
        }
        return order.map { ($0, members[$0] ?? []) }
    }

    var simulatedRoles: [DrillReport.RoleInfo] { report.roles.filter(\.simulated) }

    // MARK: Times

    /// `m:ss` or `h:mm:ss`.
    static func clock(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return DrillTime(seconds: seconds)?.description ?? "–"
    }

    /// A recorded instant in UTC (for the evidence) and in the report's time zone (the
    /// machine's, or `--tz`), both to the second.
    func instant(_ iso: String?) -> (utc: String, local: String)? {
        guard let iso, let date = Self.parse(iso) else { return nil }
        let utc = Self.format(date, in: TimeZone(identifier: "UTC")!) + " UTC"
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let zone = "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        let name = ["UTC", "GMT"].contains(timeZone.identifier) ? zone : "\(zone), \(timeZone.identifier)"
        return (utc, Self.format(date, in: timeZone) + " (\(name))")
    }

    static func parse(_ iso: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: iso) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: iso)
    }

    static func format(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }

    /// `2025-01-10 04:12` from a stored instant, for the document's header.
    func day(_ iso: String?) -> String? {
        guard let iso, let date = Self.parse(iso) else { return nil }
        return String(Self.format(date, in: timeZone).prefix(10))
    }

    /// How long the drill ran, in drill time.
    var playedDuration: String? { report.drill.endedAtSeconds.map { Self.clock($0) } }

    // MARK: Headline

    struct TimingStep {
        var label: String
        var seconds: Double?
    }

    /// Detection → acknowledgement → effective escalation → first effective action → resolution.
    var timingChain: [TimingStep] {
        let metrics = report.metrics
        return [
            TimingStep(label: strings[.detection], seconds: metrics.detectionAtSeconds),
            TimingStep(label: strings[.acknowledgement], seconds: metrics.timeToAcknowledgeSeconds),
            TimingStep(label: strings[.effectiveEscalation], seconds: metrics.timeToEffectiveEscalationSeconds),
            TimingStep(label: strings[.firstEffectiveAction], seconds: metrics.timeToEffectiveActionSeconds),
            TimingStep(label: strings[.resolution], seconds: metrics.timeToResolveSeconds),
        ]
    }

    /// How long after detection, when both are known.
    func sinceDetection(_ seconds: Double?) -> String? {
        guard let seconds, let detection = report.metrics.detectionAtSeconds, seconds >= detection else { return nil }
        return Self.clock(seconds - detection)
    }

    var ratingCounts: [(rating: Scoring.Rating, count: Int)] {
        Scoring.Rating.allCases.map { rating in (rating, report.objectives.filter { $0.rating == rating }.count) }
    }

    var notExercisedCount: Int { report.objectives.filter { $0.status == .notExercised }.count }

    // MARK: Observations

    enum ObservationClass { case strength, improvement, other }

    /// A strength when marked so ("Strength:", 「良かった点：」) or rated P; an area for
    /// improvement when marked so ("Improvement:", 「改善点：」) or rated S, M or U.
    static func classify(_ observation: DrillReport.ObservationEntry) -> ObservationClass {
        let start = TextMatching.normalizeWidth(observation.text).lowercased().drop { $0.isWhitespace }
        let strengthMarks = ["strength", "+", "good:", "強み", "良かった点", "よかった点", "良い点"]
        let improvementMarks = ["area for improvement", "improvement", "improve:", "afi:", "改善点", "改善すべき点", "課題："]
        if strengthMarks.contains(where: { start.hasPrefix($0) }) { return .strength }
        if improvementMarks.contains(where: { start.hasPrefix($0) }) { return .improvement }
        switch observation.rating {
        case .performed: return .strength
        case .someChallenges, .majorChallenges, .unable: return .improvement
        case nil: return .other
        }
    }

    func observations(of objective: String?) -> [(index: Int, entry: DrillReport.ObservationEntry)] {
        report.observations.enumerated().filter { $0.element.objective == objective }.map { ($0.offset, $0.element) }
    }

    // MARK: Controls

    struct ControlRow {
        var id: String
        var framework: String
        var title: String
        /// The objectives that give evidence for it, with their status or rating.
        var objectives: [DrillReport.ObjectiveResult]
        var drillWide: Bool
    }

    /// Every control the exercise gives evidence for, ISO first, then NIST SP 800-53, then
    /// the CSF functions, each in catalogue order.
    var controlRows: [ControlRow] {
        var ids = ControlCatalog.drillWide
        for objective in report.objectives { for id in objective.controls where !ids.contains(id) { ids.append(id) } }
        let order = ControlCatalog.allIDs + ControlCatalog.known.map(\.id)
        func rank(_ id: String) -> (Int, Int) {
            let framework = ControlCatalog.control(id)?.framework ?? ""
            let frameworkRank = framework.hasPrefix("ISO") ? 0 : framework.contains("800-53") ? 1 : framework.contains("CSF") ? 2 : 3
            return (frameworkRank, order.firstIndex(of: id) ?? Int.max)
        }
        return ids.sorted { rank($0) < rank($1) }.map { id in
            let control = ControlCatalog.control(id)
            return ControlRow(
                id: id, framework: control?.framework ?? "", title: control.map(strings.controlTitle) ?? id,
                objectives: report.objectives.filter { $0.controls.contains(id) },
                drillWide: ControlCatalog.drillWide.contains(id)
            )
        }
    }

    /// An objective as a mark of evidence: `ack-leak P`, `write-report not exercised`.
    func evidenceMark(_ objective: DrillReport.ObjectiveResult) -> String {
        objective.id + " " + (objective.rating?.rawValue ?? strings.statusName(objective.status))
    }

    // MARK: Improvement plan

    var planCounts: (open: Int, closed: Int, overdue: Int) {
        let actions = report.record?.correctiveActions ?? []
        return (actions.filter { $0.status != "closed" }.count, actions.filter { $0.status == "closed" }.count, actions.filter(\.overdue).count)
    }

    // MARK: Numbers

    /// A number for people: whole numbers without decimals, others rounded to `digits`.
    static func number(_ value: Double?, digits: Int = 1) -> String {
        guard let value else { return "–" }
        return MarkdownReportRenderer.number(value, digits: digits)
    }
}

/// The wording findings of one passage: a text flagged once, whatever the number of phrases.
struct FlaggedPassage {
    var first: DrillReport.WordingFinding
    var flags: [DrillReport.WordingFinding]
    var source: DrillReport.WordingFinding.Source { first.source }
    var index: Int { first.index }
    var text: String { first.passage }

    static func group(_ findings: [DrillReport.WordingFinding]) -> [FlaggedPassage] {
        var passages: [FlaggedPassage] = []
        for finding in findings {
            if let last = passages.indices.last, passages[last].first.source == finding.source, passages[last].first.index == finding.index,
               passages[last].first.field == finding.field, passages[last].first.item == finding.item, passages[last].text == finding.passage {
                passages[last].flags.append(finding)
            } else {
                passages.append(FlaggedPassage(first: finding, flags: [finding]))
            }
        }
        return passages
    }

    /// One finding of each rule that occurs, in the rules' order: why it matters and what to write instead.
    static func rules(of findings: [DrillReport.WordingFinding]) -> [DrillReport.WordingFinding] {
        BlamelessWording.Rule.allCases.compactMap { rule in findings.first { $0.rule == rule } }
    }
}
