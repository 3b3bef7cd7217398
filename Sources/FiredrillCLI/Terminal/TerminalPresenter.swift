import FiredrillCore
import FiredrillReporting
import FiredrillVocabulary
import Foundation

/// What players see in the terminal: the briefing, injects as they arrive, messages and
/// persona replies addressed to their roles, echoes of their own actions, and the closing
/// objectives table. What a player may see is decided by ``Visibility``: trainer-only fields,
/// skipped and future injects and scoring never appear while the drill runs.
struct TerminalPresenter: Sendable {
    let scenario: Scenario
    let playedRoles: Set<String>
    let style: TerminalStyle
    let strings: TerminalStrings

    /// - Parameter steers: Whether the people at this terminal steer the drill, or only play
    ///   in it (the trainer steers a drill joined on a server).
    init(scenario: Scenario, playedRoles: Set<String>, style: TerminalStyle, language: Language? = nil, steers: Bool = true) {
        self.scenario = scenario
        self.playedRoles = playedRoles
        self.style = style
        strings = TerminalStrings(language: language ?? Language(tag: scenario.language), steers: steers)
    }

    var audience: Audience { .player(roles: playedRoles) }

    /// The title, the briefing (never the trainer's summary), who plays what, and the pace.
    func banner(speed: Double) -> String {
        var lines = [style.bold("firedrill — \(safe(scenario.title))")]
        if let briefing = scenario.briefing?.trimmingCharacters(in: .whitespacesAndNewlines), !briefing.isEmpty {
            lines.append("")
            lines.append(style.bold(strings[.briefing]))
            for line in TextLines(safe(briefing)) { lines.append("  " + line.text) }
            lines.append("")
        }
        let mine = scenario.roles.filter { playedRoles.contains($0.id) }.map { "\(safe($0.name)) (\($0.id))" }
        let others = scenario.roles.filter { !playedRoles.contains($0.id) }.map { "\(safe($0.name)) (\($0.id))" }
        lines.append("\(strings[.youPlay]): \(mine.joined(separator: ", ")).")
        if !others.isEmpty { lines.append("\(strings[.otherRoles]): \(others.joined(separator: ", ")).") }
        lines.append(strings[.plannedLength, ["duration": scenario.duration.description, "speed": format(speed)]])
        if !Visibility.roleCards(in: scenario, for: audience).isEmpty {
            lines.append("")
            lines.append(roleCards())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The cards of the roles played here (what each is expected to do), never another
    /// role's: in the briefing and on `/role`.
    func roleCards() -> String {
        let cards = Visibility.roleCards(in: scenario, for: audience)
        guard !cards.isEmpty else { return strings[.noRoleCard] }
        var lines: [String] = []
        for role in cards {
            lines.append(style.bold(strings[.roleCardTitle, ["role": safe(role.name)]]))
            for item in role.responsibilities { lines.append("  ・" + safe(item)) }
        }
        return lines.joined(separator: "\n")
    }

    /// The text for an event, or `nil` for events these players do not see.
    func render(_ event: DrillEvent) -> String? {
        Visibility.view(of: event, met: [], wallTime: nil, for: audience, scenario: scenario).flatMap(render)
    }

    /// The text for what these players see of an event: the same view a player's event
    /// stream carries, so `firedrill join` shows a drill exactly as `firedrill run` does.
    func render(_ view: EventView) -> String? {
        guard let at = DrillTime(seconds: view.atSeconds) else { return nil }
        let time = style.dim("[\(at.wholeSecondsDescription)]")
        switch view.type {
        case "started":
            return "\(time) \(style.bold(strings[.drillStarted]))"
        case "inject-delivered":
            let channel = view.channel ?? "?"
            let recipients: [String] = switch view.to {
            case .roles(let ids)?: ids.filter(playedRoles.contains)
            default: scenario.playerRoles.map(\.id).filter(playedRoles.contains)
            }
            var lines = ["\(time) \(style.cyan(icon(for: channel) + " " + channel.uppercased()))  \(strings[.from]) \(style.bold(safe(view.from ?? strings[.unknownSender])))  \(strings[.to]) \(recipients.joined(separator: ", "))"]
            lines.append("  \(style.bold(safe(view.subject ?? "")))")
            if let body = view.body?.trimmingCharacters(in: .whitespacesAndNewlines), !body.isEmpty {
                for line in TextLines(safe(body)) { lines.append("  \(line.text)") }
            }
            return lines.joined(separator: "\n")
        case "action":
            guard let action = Self.action(in: view) else { return nil }
            var lines: [String] = []
            if playedRoles.contains(action.role) {
                var echo = "\(time) \(style.green("✓")) \(action.role): \(safe(action.commandLine))"
                if action.kind == .escalate, let target = action.target, let persona = scenario.role(target)?.persona,
                   !persona.accepts(channel: action.channel ?? ActionCommand.defaultChannel) {
                    echo += style.dim("  " + strings[.noAnswerOver, ["channel": action.channel ?? ActionCommand.defaultChannel]])
                }
                lines.append(echo)
            }
            // An escalation to a played role is a message its players receive.
            if action.kind == .escalate, let target = action.target, playedRoles.contains(target) {
                let channel = action.channel ?? ActionCommand.defaultChannel
                let sender = scenario.role(action.role)?.name ?? action.role
                var message = "\(time) \(style.cyan(icon(for: channel) + " " + channel.uppercased()))  \(strings[.from]) \(style.bold(safe(sender)))  \(strings[.to]) \(target)"
                if !action.text.isEmpty { message += "\n  " + safe(action.text) }
                lines.append(message)
            }
            return lines.isEmpty ? nil : lines.joined(separator: "\n")
        case "persona-reply":
            let persona = view.role ?? "?"
            let name = scenario.role(persona)?.name ?? persona
            return "\(time) \(style.magenta("↩ \(safe(name))")) \(strings[.to]) \(view.to?.ids.first ?? "?"): \(safe(view.text ?? ""))"
        case "paused":
            return "\(time) \(style.yellow(strings.drillPaused))"
        case "interrupted":
            return "\(time) \(style.yellow(strings.drillInterrupted))"
        case "resumed":
            return "\(time) \(style.yellow(strings[.drillResumed]))"
        case "ended":
            let reason = view.reason.flatMap(DrillEvent.EndReason.init(rawValue:)) ?? .completed
            return "\(time) \(style.bold(strings.drillEnded(reason)))"
        case "speed-changed":
            return "\(time) \(style.yellow(strings.speedChanged(view.speed ?? 1)))"
        case "clock-advanced":
            let from = DrillTime(seconds: view.fromSeconds ?? 0)?.wholeSecondsDescription ?? "?"
            return "\(time) \(style.yellow(strings[.clockAdvanced, ["from": from]]))"
        default:
            return nil
        }
    }

    /// The action an `action` view describes.
    static func action(in view: EventView) -> PlayerAction? {
        guard let role = view.role, let kind = view.kind else { return nil }
        return PlayerAction(role: role, kind: kind, text: view.text ?? "", target: view.target, channel: view.channel, inReplyTo: view.inReplyTo)
    }

    /// Everything these players had seen before a drill was cut off, in order.
    func recap(_ events: [DrillEvent]) -> String? {
        recap(events.compactMap { Visibility.view(of: $0, met: [], wallTime: nil, for: audience, scenario: scenario) })
    }

    /// ``recap(_:)`` of the views a player's stream carried.
    func recap(_ views: [EventView]) -> String? {
        let clock: Set<String> = ["started", "paused", "resumed", "interrupted", "ended"]
        let lines = views.filter { !clock.contains($0.type) }.compactMap(render)
        guard !lines.isEmpty else { return nil }
        return ([style.bold(strings[.recapHeading])] + lines).joined(separator: "\n")
    }

    func status(_ status: DrillSession<ContinuousClock>.Status) -> String {
        let state = status.isFinished ? strings[.ended] : status.isPaused ? strings[.paused] : strings[.running]
        return strings[.status, [
            "time": status.drillTime.wholeSecondsDescription, "duration": scenario.duration.description, "state": state,
            "delivered": "\(status.delivered)", "met": "\(status.objectivesMet)", "objectives": "\(status.objectives)",
        ]]
    }

    func help(currentRole: String) -> String {
        strings.help(currentRole: currentRole, played: playedRoles.sorted(), roles: scenario.roles, channels: scenario.channels)
    }

    /// The prompt, naming the acting role: `[duty-engineer] > `.
    func prompt(role: String) -> String { "[\(role)] > " }

    /// The closing table of objectives with ratings, the score and what it covers. Columns
    /// are sized by display width, so Japanese names line up.
    func summary(_ report: DrillReport) -> String {
        var rows: [[String]] = [strings.objectiveHeader]
        for objective in report.objectives {
            let elapsed: String = objective.status == .met
                ? objective.elapsedSeconds.flatMap { DrillTime(seconds: $0)?.description } ?? ""
                : strings.status(objective.status)
            rows.append([
                safe(objective.name ?? objective.id), Vocabulary.of(strings.language).kind(objective.kind),
                DrillTime(seconds: objective.targetSeconds)?.description ?? "–", elapsed,
                objective.credit.map { format($0, digits: 2) } ?? "–", objective.rating?.rawValue ?? "–",
            ])
        }
        let table = DisplayWidth.table(rows, rightAligned: [2, 3, 4])
        var lines: [String] = []
        for (index, line) in table.enumerated() {
            lines.append(index == 0 ? style.bold(line) : colourRating(line, rating: rows[index].last ?? ""))
        }
        let score = report.score.map { format($0, digits: 1) + " / 100" } ?? strings[.notScored]
        lines.append("")
        lines.append(style.bold(strings[.score, ["score": score]]))
        if !report.coverage.complete { lines.append(style.yellow(strings.coverage(report.coverage))) }
        return lines.joined(separator: "\n")
    }

    private func colourRating(_ line: String, rating: String) -> String {
        switch rating {
        case "P": style.green(line)
        case "S": style.yellow(line)
        case "M", "U": style.red(line)
        default: line
        }
    }

    private func icon(for channel: String) -> String {
        switch channel {
        case "email": "✉"
        case "phone": "☎"
        case "chat": "💬"
        case "pager", "monitoring": "⚠"
        default: "•"
        }
    }

    /// Text written by a scenario or a player, with control characters made visible so that
    /// it cannot act on the terminal.
    func safe(_ text: String) -> String {
        ControlCharacters.neutralized(text)
    }

    func format(_ value: Double, digits: Int = 1) -> String {
        MarkdownReportRenderer.number(value, digits: digits)
    }
}
