import FiredrillCore
import FiredrillReporting

/// What players see in the terminal: injects as they arrive, persona replies, echoes of
/// their own actions, and the closing objectives table. Trainer-only fields (`expect`,
/// `notes`), skipped injects and future injects are never shown.
struct TerminalPresenter: Sendable {
    let scenario: Scenario
    let playedRoles: Set<String>
    let style: TerminalStyle

    func banner(speed: Double) -> String {
        var lines = [style.bold("firedrill — \(scenario.title)")]
        if let summary = scenario.summary { lines.append(style.dim(safe(summary.trimmingCharacters(in: .whitespacesAndNewlines)))) }
        let roles = scenario.roles.filter { playedRoles.contains($0.id) }.map { "\($0.name) (\($0.id))" }
        lines.append("Playing: \(roles.joined(separator: ", ")). Planned length \(scenario.duration), speed \(format(speed))×.")
        lines.append("Type /help for commands. Injects appear as they arrive.")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The text for an event, or `nil` for events players do not see.
    func render(_ event: DrillEvent) -> String? {
        let time = style.dim("[\(event.time.wholeSecondsDescription)]")
        switch event.kind {
        case .started:
            return "\(time) \(style.bold("Drill started."))"
        case .injectDelivered(let id):
            guard let inject = scenario.inject(id) else { return nil }
            let recipients = scenario.roles.filter { inject.to.includes($0) && playedRoles.contains($0.id) }
            guard !recipients.isEmpty else { return nil }
            var lines = ["\(time) \(style.cyan(icon(for: inject.channel) + " " + inject.channel.uppercased()))  from \(style.bold(safe(inject.from ?? "unknown sender")))  to \(recipients.map(\.id).joined(separator: ", "))"]
            lines.append("  \(style.bold(safe(inject.subject)))")
            if let body = inject.body?.trimmingCharacters(in: .whitespacesAndNewlines), !body.isEmpty {
                for line in TextLines(safe(body)) { lines.append("  \(line.text)") }
            }
            return lines.joined(separator: "\n")
        case .injectSkipped:
            return nil
        case .action(let action):
            var text = "\(time) \(style.green("✓")) \(action.role): \(safe(action.commandLine))"
            if action.kind == .escalate, let target = action.target, let persona = scenario.role(target)?.persona,
               !persona.accepts(channel: action.channel ?? ActionCommand.defaultChannel) {
                text += style.dim("  (no answer yet over \(action.channel ?? ActionCommand.defaultChannel))")
            }
            return text
        case .personaReply(let persona, let to, let reply):
            guard playedRoles.contains(to) else { return nil }
            let name = scenario.role(persona)?.name ?? persona
            return "\(time) \(style.magenta("↩ \(safe(name))")) to \(to): \(safe(reply))"
        case .paused:
            return "\(time) \(style.yellow("Drill paused.")) /resume to continue."
        case .resumed:
            return "\(time) \(style.yellow("Drill resumed."))"
        case .ended(let reason):
            let why = switch reason {
            case .completed: "planned duration reached"
            case .endedByTrainer: "ended by the trainer"
            case .inputClosed: "input closed"
            }
            return "\(time) \(style.bold("Drill ended")) (\(why))."
        case .surveyAnswer(let answer):
            return "  \(style.green("✓")) survey \(answer.question + 1): \(answer.score.map(String.init) ?? safe(answer.comment ?? ""))"
        case .adlibInject, .observation, .interrupted:
            return nil
        }
    }

    func status(_ status: DrillSession<ContinuousClock>.Status) -> String {
        let state = status.isFinished ? "ended" : status.isPaused ? "paused" : "running"
        return "Drill time \(status.drillTime.wholeSecondsDescription) of \(scenario.duration) (\(state)); injects so far: \(status.delivered); objectives met: \(status.objectivesMet) of \(status.objectives)."
    }

    func help(currentRole: String) -> String {
        """
        You are acting as \(currentRole). Actions:
          ack [text]                               acknowledge
          escalate <role> [via <channel>] [text]   escalate (channel defaults to chat)
          do <text>                                take an action
          say <text>                               communicate
          report <text>                            report
          resolve [text]                           resolve
          @<role> [action]                         act as another played role (\(playedRoles.sorted().joined(separator: ", ")))
        Drill control:
          /pause  /resume  /status  /help  /end    (end of input also ends the drill)
        Roles: \(scenario.roles.map { $0.id + ($0.isSimulated ? "*" : "") }.joined(separator: ", "))  (* simulated)
        Channels: \(scenario.channels.joined(separator: ", "))
        """
    }

    /// The closing table of objectives with ratings, and the score.
    func summary(_ report: DrillReport) -> String {
        var rows: [[String]] = [["Objective", "Kind", "Target", "Elapsed", "Credit", "Rating"]]
        for objective in report.objectives {
            let elapsed: String = switch objective.status {
            case .met: objective.elapsedSeconds.flatMap { DrillTime(seconds: $0)?.description } ?? ""
            case .missed: "missed"
            case .notApplicable: "n/a"
            case .notExercised: "not exercised"
            }
            rows.append([
                objective.name ?? objective.id, objective.kind.rawValue,
                DrillTime(seconds: objective.targetSeconds)?.description ?? "–", elapsed,
                objective.credit.map { format($0, digits: 2) } ?? "–", objective.rating?.rawValue ?? "–",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines: [String] = []
        for (index, row) in rows.enumerated() {
            let cells = row.enumerated().map { column, cell in cell + String(repeating: " ", count: widths[column] - cell.count) }
            var line = cells.joined(separator: "  ")
            if index == 0 { line = style.bold(line) } else {
                line = colourRating(line, rating: row.last ?? "")
            }
            lines.append(line)
        }
        let score = report.score.map { format($0, digits: 1) + " / 100" } ?? "not scored"
        lines.append("")
        lines.append(style.bold("Score: \(score)"))
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

import Foundation
