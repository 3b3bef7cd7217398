import FiredrillCore
import FiredrillVocabulary

/// The drill on one time axis, as an inline SVG: injects on the top lane, one lane per role
/// with its actions (marked by kind, ringed when they met an objective), and below, each
/// objective's target and limit windows from its clock start with the moment it was met.
/// Pauses are shaded; the part of a drill ended early that was never played is hatched.
struct SVGTimelineChart {
    let report: DrillReport
    let strings: ReportStrings

    static let width = 900.0
    static let labelWidth = 196.0
    static let rightPadding = 24.0
    static let laneHeight = 22.0
    static let objectiveHeight = 18.0

    /// Colours of action kinds (ratings have their own, see ``SVGColors``).
    static func color(_ kind: ActionKind) -> String {
        switch kind {
        case .acknowledge: "#2b6cb0"
        case .escalate: "#6b46c1"
        case .action: "#0f766e"
        case .communicate: "#b83280"
        case .report: "#975a16"
        case .resolve: "#1a202c"
        }
    }

    /// The end of the axis: the planned duration, or later if the record goes on.
    var span: Double {
        max(60, report.scenario.durationSeconds, report.drill.endedAtSeconds ?? 0, report.timeline.last?.atSeconds ?? 0)
    }

    func x(_ seconds: Double) -> Double {
        let plot = Self.width - Self.labelWidth - Self.rightPadding
        return Self.labelWidth + min(max(seconds, 0), span) / span * plot
    }

    /// Every role gets a lane: the played ones first, then the simulated ones.
    var lanes: [DrillReport.RoleInfo] {
        report.roles.filter { !$0.simulated } + report.roles.filter(\.simulated)
    }

    func render() -> String {
        // A drill ended early gets a row above the axis for the mark of its end.
        let endedEarly = report.drill.endedAtSeconds.map { $0 < report.scenario.durationSeconds } ?? false
        let axisY = endedEarly ? 42.0 : 26.0
        let injectTop = axisY + 6
        let injectHeight = 34.0
        let lanesTop = injectTop + injectHeight
        let objectivesTop = lanesTop + Double(lanes.count) * Self.laneHeight + 22
        let legendTop = objectivesTop + Double(report.objectives.count) * Self.objectiveHeight + 16
        let height = legendTop + 44
        let plotRight = Self.width - Self.rightPadding
        var svg = SVGBuilder()
        svg.open(width: Self.width, height: height, label: strings[.timelineChart])
        svg.raw("""
            <defs><pattern id="fd-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <line x1="0" y1="0" x2="0" y2="6" stroke="#a0aec0" stroke-width="1.2"/></pattern></defs>
            """)

        // Lanes and their labels.
        svg.rect(x: Self.labelWidth, y: injectTop, width: plotRight - Self.labelWidth, height: injectHeight, fill: "#f7f9fb")
        svg.text(strings[.injectsLane], x: Self.labelWidth - 8, y: injectTop + injectHeight / 2 + 4, anchor: "end", weight: "600")
        for (index, lane) in lanes.enumerated() {
            let top = lanesTop + Double(index) * Self.laneHeight
            svg.rect(x: Self.labelWidth, y: top, width: plotRight - Self.labelWidth, height: Self.laneHeight, fill: index % 2 == 0 ? "#ffffff" : "#f7f9fb")
            let label = HTML.fit(lane.name, columns: 30)
            svg.text(label, x: Self.labelWidth - 8, y: top + Self.laneHeight / 2 + 4, anchor: "end", color: lane.simulated ? "#718096" : "#1a202c", size: 11.5, title: lane.name)
        }
        svg.line(x1: Self.labelWidth, y1: lanesTop, x2: plotRight, y2: lanesTop, color: "#cbd5e0")
        svg.text(strings[.objectivesLane], x: 4, y: objectivesTop - 6, weight: "600")

        // Pauses and the part never played, behind everything else.
        let chartBottom = objectivesTop + Double(report.objectives.count) * Self.objectiveHeight
        for band in pauseBands {
            svg.rect(x: x(band.from), y: injectTop, width: max(2, x(band.to) - x(band.from)), height: chartBottom - injectTop, fill: "#e2e8f0", opacity: 0.7)
        }
        if let ended = report.drill.endedAtSeconds, ended < report.scenario.durationSeconds {
            svg.rect(x: x(ended), y: injectTop, width: x(report.scenario.durationSeconds) - x(ended), height: chartBottom - injectTop, fill: "url(#fd-hatch)", opacity: 0.6)
            svg.line(x1: x(ended), y1: 6, x2: x(ended), y2: chartBottom, color: "#c53030", width: 1.5)
            svg.text(strings[.notPlayed], x: x(ended) > plotRight - 160 ? x(ended) - 4 : x(ended) + 4, y: 14, anchor: x(ended) > plotRight - 160 ? "end" : "start", color: "#c53030", size: 10)
        }

        axis(&svg, y: axisY, bottom: chartBottom)
        injectMarks(&svg, top: injectTop, height: injectHeight)
        actionMarks(&svg, lanesTop: lanesTop)
        objectiveRows(&svg, top: objectivesTop)
        legend(&svg, top: legendTop)
        svg.close()
        return svg.text
    }

    struct Band { var from: Double; var to: Double }

    /// From each pause (or cut-off) to the resume after it, or the end.
    var pauseBands: [Band] {
        var bands: [Band] = []
        var start: Double?
        for entry in report.timeline {
            switch entry.type {
            case "paused", "interrupted": if start == nil { start = entry.atSeconds }
            case "resumed", "ended":
                if let from = start { bands.append(Band(from: from, to: entry.atSeconds)) }
                start = nil
            default: break
            }
        }
        if let from = start { bands.append(Band(from: from, to: report.drill.endedAtSeconds ?? from)) }
        return bands
    }

    func axis(_ svg: inout SVGBuilder, y: Double, bottom: Double) {
        let steps: [Double] = [60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 14400, 28800, 86400]
        let step = steps.first { span / $0 <= 10 } ?? 86400
        var tick = 0.0
        while tick <= span + 0.5 {
            let position = x(tick)
            svg.line(x1: position, y1: y, x2: position, y2: bottom, color: "#e2e8f0")
            svg.text(ReportFacts.clock(tick), x: position, y: y - 6, anchor: position > Self.width - Self.rightPadding - 20 ? "end" : "middle", color: "#4a5568", size: 10.5)
            tick += step
        }
        svg.line(x1: Self.labelWidth, y1: y, x2: Self.width - Self.rightPadding, y2: y, color: "#718096")
    }

    func injectMarks(_ svg: inout SVGBuilder, top: Double, height: Double) {
        var placed: [(number: Int, x: Double, delivered: Bool)] = []
        for (index, inject) in report.injects.enumerated() {
            guard let at = inject.atSeconds else { continue }
            let cx = x(at)
            let delivered = inject.status == .delivered
            let title = "\(index + 1). \(ReportFacts.clock(at)) — \(inject.subject)"
            svg.diamond(cx: cx, cy: top + height - 10, size: 5.5, fill: delivered ? (inject.adlib ? "#dd6b20" : "#4a5568") : "#ffffff",
                        stroke: delivered ? "none" : "#4a5568", title: title)
            placed.append((index + 1, cx, delivered))
        }
        // Injects too close to number one by one share a label ("1–5").
        for group in Self.labelGroups(placed.sorted { ($0.x, $0.number) < ($1.x, $1.number) }) {
            let center = min(max((group.first!.x + group.last!.x) / 2, Self.labelWidth + 12), Self.width - Self.rightPadding - 12)
            svg.text(Self.numbers(group.map(\.number)), x: center, y: top + 12, anchor: "middle",
                     color: group.contains(where: \.delivered) ? "#2d3748" : "#a0aec0", size: 9)
        }
    }

    /// Neighbouring marks whose labels would touch, merged until no two labels do.
    static func labelGroups(_ marks: [(number: Int, x: Double, delivered: Bool)]) -> [[(number: Int, x: Double, delivered: Bool)]] {
        var groups = marks.map { [$0] }
        func extent(_ group: [(number: Int, x: Double, delivered: Bool)]) -> (left: Double, right: Double) {
            let center = (group.first!.x + group.last!.x) / 2
            let half = Double(numbers(group.map(\.number)).count) * 2.9 + 2
            return (center - half, center + half)
        }
        var merged = true
        while merged {
            merged = false
            var index = 1
            while index < groups.count {
                if extent(groups[index - 1]).right + 2 > extent(groups[index]).left {
                    groups[index - 1] += groups.remove(at: index)
                    merged = true
                } else {
                    index += 1
                }
            }
        }
        return groups
    }

    /// `[1, 2, 3, 5]` as `1–3,5`.
    static func numbers(_ numbers: [Int]) -> String {
        var runs: [ClosedRange<Int>] = []
        for number in numbers.sorted() {
            if let last = runs.last, last.upperBound + 1 == number { runs[runs.count - 1] = last.lowerBound...number } else { runs.append(number...number) }
        }
        return runs.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }.joined(separator: ",")
    }

    func laneCenter(_ role: String?, lanesTop: Double) -> Double? {
        guard let role, let index = lanes.firstIndex(where: { $0.id == role }) else { return nil }
        return lanesTop + Double(index) * Self.laneHeight + Self.laneHeight / 2
    }

    func actionMarks(_ svg: inout SVGBuilder, lanesTop: Double) {
        // Escalations first, as faint links from the sender's lane to the receiver's.
        for entry in report.timeline where entry.type == "action" && entry.kind == .escalate {
            guard let from = laneCenter(entry.role, lanesTop: lanesTop), let to = laneCenter(entry.target, lanesTop: lanesTop) else { continue }
            let met = !(entry.met ?? []).isEmpty
            svg.line(x1: x(entry.atSeconds), y1: from, x2: x(entry.atSeconds), y2: to, color: Self.color(.escalate), width: met ? 1.4 : 1, dash: met ? nil : "3 2", opacity: 0.7)
        }
        for entry in report.timeline {
            switch entry.type {
            case "action":
                guard let cy = laneCenter(entry.role, lanesTop: lanesTop), let kind = entry.kind else { continue }
                let met = !(entry.met ?? []).isEmpty
                var title = "\(ReportFacts.clock(entry.atSeconds)) \(strings.kindName(kind))"
                if let text = entry.text, !text.isEmpty { title += strings.colon + text }
                if met { title += " — " + strings[.meets, ["names": (entry.met ?? []).map { objectiveName($0.objective) }.joined(separator: strings.comma)]] }
                if met { svg.circle(cx: x(entry.atSeconds), cy: cy, r: 7, fill: "#ffffff", stroke: "#1a202c", strokeWidth: 1.6) }
                svg.circle(cx: x(entry.atSeconds), cy: cy, r: met ? 4.2 : 3.6, fill: Self.color(kind), stroke: "#ffffff", strokeWidth: 0.8, title: title)
            case "persona-reply":
                guard let cy = laneCenter(entry.role, lanesTop: lanesTop) else { continue }
                let title = "\(ReportFacts.clock(entry.atSeconds)) \(strings[.personaReply])\(strings.colon)\(entry.text ?? "")"
                svg.rect(x: x(entry.atSeconds) - 3.5, y: cy - 3.5, width: 7, height: 7, fill: "#a0aec0", title: title)
            default:
                continue
            }
        }
    }

    func objectiveName(_ id: String) -> String {
        report.objectives.first { $0.id == id }?.name ?? id
    }

    func objectiveRows(_ svg: inout SVGBuilder, top: Double) {
        for (index, objective) in report.objectives.enumerated() {
            let rowTop = top + Double(index) * Self.objectiveHeight
            let middle = rowTop + Self.objectiveHeight / 2
            let name = objective.name ?? objective.id
            let faded = objective.status == .notApplicable || objective.status == .notExercised
            svg.text(HTML.fit(name, columns: 32), x: Self.labelWidth - 8, y: middle + 4, anchor: "end", color: faded ? "#a0aec0" : "#1a202c", size: 10.5, title: name)
            guard let start = objective.clockStartSeconds else {
                svg.text(strings.statusName(objective.status), x: Self.labelWidth + 4, y: middle + 4, color: "#a0aec0", size: 10, style: "italic")
                continue
            }
            let targetEnd = start + objective.targetSeconds
            let limitEnd = start + objective.limitSeconds
            svg.rect(x: x(start), y: middle - 4, width: max(1, x(targetEnd) - x(start)), height: 8, fill: "#9ae6b4", opacity: faded ? 0.45 : 1)
            if limitEnd > targetEnd, start + objective.targetSeconds < span {
                svg.rect(x: x(targetEnd), y: middle - 4, width: max(1, x(limitEnd) - x(targetEnd)), height: 8, fill: "#fbd38d", opacity: faded ? 0.45 : 1)
            }
            svg.line(x1: x(start), y1: middle - 6, x2: x(start), y2: middle + 6, color: "#4a5568", width: 1)
            switch objective.status {
            case .met:
                let at = objective.metAtSeconds ?? targetEnd
                let color = objective.rating.map(SVGColors.rating) ?? "#1a202c"
                let title = "\(name)\(strings.colon)\(strings.statusName(.met)) \(ReportFacts.clock(at))" + strings.parenthesized(objective.rating?.rawValue ?? "–")
                svg.checkMark(cx: x(at), cy: middle, color: color, title: title)
                svg.text(objective.rating?.rawValue ?? "", x: x(at) + 8, y: middle + 4, color: color, size: 10, weight: "700")
            case .missed:
                svg.cross(cx: x(min(limitEnd, span)), cy: middle, color: SVGColors.rating(.unable), title: name + strings.colon + strings.statusName(.missed))
            case .notExercised, .notApplicable:
                svg.text(strings.statusName(objective.status), x: min(x(start) + 6, Self.width - 90), y: middle + 4, color: "#718096", size: 9.5, style: "italic")
            }
        }
    }

    func legend(_ svg: inout SVGBuilder, top: Double) {
        var cursor = Self.labelWidth
        var row = top
        func advance(_ label: String) {
            cursor += 16 + Double(DisplayWidth.of(label)) * 5.6 + 14
            if cursor > Self.width - 150 {
                cursor = Self.labelWidth
                row += 16
            }
        }
        for kind in ActionKind.allCases {
            svg.circle(cx: cursor + 5, cy: row, r: 4, fill: Self.color(kind), stroke: "none", strokeWidth: 0)
            svg.text(strings.kindName(kind), x: cursor + 14, y: row + 4, color: "#2d3748", size: 10)
            advance(strings.kindName(kind))
        }
        let items: [(String, (inout SVGBuilder, Double, Double) -> Void)] = [
            (strings[.metMark], { svg, x, y in
                svg.circle(cx: x + 5, cy: y, r: 6, fill: "#ffffff", stroke: "#1a202c", strokeWidth: 1.4)
                svg.circle(cx: x + 5, cy: y, r: 3.6, fill: "#0f766e", stroke: "none", strokeWidth: 0)
            }),
            (strings[.deliveredInject], { svg, x, y in svg.diamond(cx: x + 5, cy: y, size: 5, fill: "#4a5568", stroke: "none") }),
            (strings[.skippedInject], { svg, x, y in svg.diamond(cx: x + 5, cy: y, size: 5, fill: "#ffffff", stroke: "#4a5568") }),
            (strings[.personaReply], { svg, x, y in svg.rect(x: x + 1.5, y: y - 3.5, width: 7, height: 7, fill: "#a0aec0") }),
            (strings[.targetWindow], { svg, x, y in svg.rect(x: x, y: y - 4, width: 12, height: 8, fill: "#9ae6b4") }),
            (strings[.limitWindow], { svg, x, y in svg.rect(x: x, y: y - 4, width: 12, height: 8, fill: "#fbd38d") }),
            (strings[.pausedBand], { svg, x, y in svg.rect(x: x, y: y - 5, width: 12, height: 10, fill: "#e2e8f0") }),
            (strings[.missedMark], { svg, x, y in svg.cross(cx: x + 5, cy: y, color: SVGColors.rating(.unable), title: nil) }),
        ]
        for (label, draw) in items {
            draw(&svg, cursor, row)
            svg.text(label, x: cursor + 16, y: row + 4, color: "#2d3748", size: 10)
            advance(label)
        }
    }
}

/// Colours shared by the charts and the page.
enum SVGColors {
    static func rating(_ rating: Scoring.Rating) -> String {
        switch rating {
        case .performed: "#2f7d4f"
        case .someChallenges: "#b08d0b"
        case .majorChallenges: "#d9731a"
        case .unable: "#c0392b"
        }
    }
}
