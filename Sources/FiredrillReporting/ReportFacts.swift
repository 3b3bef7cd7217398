import FiredrillCore
import Foundation

/// What the Markdown and HTML reports derive from a report in the same way: who took part
/// by department, observations sorted into strengths and areas for improvement, the
/// response timeline, the controls mapping, local times. Values are plain text, not yet
/// escaped for any format.
struct ReportFacts {
    let report: DrillReport
    let strings: ReportStrings
    let timeZone: TimeZone

    init(_ report: DrillReport, context: ReportContext) {
        self.report = report
        strings = context.strings
        timeZone = context.timeZone
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

    /// A recorded instant in UTC, and in the local zone when that is not UTC.
    func instant(_ iso: String?) -> (utc: String, local: String?)? {
        guard let iso, let date = Self.parse(iso) else { return nil }
        let utc = Self.format(date, in: TimeZone(identifier: "UTC")!) + " UTC"
        guard timeZone.secondsFromGMT(for: date) != 0 || !["UTC", "GMT"].contains(timeZone.identifier) else { return (utc, nil) }
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        let zone = "UTC\(sign)\(hours < 10 ? "0" : "")\(hours):\(minutes < 10 ? "0" : "")\(minutes)"
        return (utc, Self.format(date, in: timeZone) + " (\(zone), \(timeZone.identifier))")
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
            TimingStep(label: strings.detection, seconds: metrics.detectionAtSeconds),
            TimingStep(label: strings.acknowledgement, seconds: metrics.timeToAcknowledgeSeconds),
            TimingStep(label: strings.effectiveEscalation, seconds: metrics.timeToEffectiveEscalationSeconds),
            TimingStep(label: strings.firstEffectiveAction, seconds: metrics.timeToEffectiveActionSeconds),
            TimingStep(label: strings.resolution, seconds: metrics.timeToResolveSeconds),
        ]
    }

    /// How long after detection, when both are known.
    func sinceDetection(_ seconds: Double?) -> String? {
        guard let seconds, let detection = report.metrics.detectionAtSeconds, seconds >= detection else { return nil }
        return Self.clock(seconds - detection)
    }

    /// The response timeline on one line: `Detection 0:00 → Acknowledgement 4:10 (+4:10) → …`.
    var timingLine: String {
        timingChain.map { step in
            let time = step.seconds.map { Self.clock($0) } ?? strings.none
            let since = step.label == strings.detection ? nil : sinceDetection(step.seconds)
            return "\(step.label) \(time)" + (since.map { " (+\($0))" } ?? "")
        }.joined(separator: " → ")
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
