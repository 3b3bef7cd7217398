import FiredrillCore

/// Renders a report as Markdown for people: summary, score, objectives, metrics and one
/// merged timeline. It speaks of roles, never of the people who played them.
public enum MarkdownReportRenderer {
    public static func render(_ report: DrillReport) -> String {
        var out: [String] = []
        let roleNames = Dictionary(report.roles.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        func role(_ id: String?) -> String {
            guard let id else { return "" }
            return roleNames[id].map { "\($0) (`\(id)`)" } ?? "`\(id)`"
        }

        out.append("# After-action report: \(inline(report.scenario.title))")
        out.append("")
        if let summary = report.scenario.summary {
            var lines = TextLines(ControlCharacters.neutralized(summary)).map(\.text)
            while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
            if !lines.isEmpty {
                for line in lines { out.append("> \(line)") }
                out.append("")
            }
        }
        out.append("| | |")
        out.append("|---|---|")
        out.append("| Scenario | `\(report.scenario.id)` |")
        out.append("| Language | \(report.scenario.language) |")
        out.append("| Planned duration | \(clock(report.scenario.durationSeconds)) |")
        let ended = report.drill.endedAtSeconds.map { "\(clock($0)) (\(endReason(report.drill.endReason)))" } ?? "not ended (interrupted)"
        out.append("| Drill ended at | \(ended) |")
        out.append("| Pauses | \(report.drill.pauses) |")
        out.append("| Player actions | \(report.drill.actions) |")
        out.append("| **Score** | **\(report.score.map { number($0) + " / 100" } ?? "not scored (no weighted objective applied)")** |")
        if let record = report.record {
            out.append("| Run | `\(record.runID)` (\(record.status)) |")
            if let started = record.startedAt { out.append("| Started (UTC) | \(started) |") }
            if let endedAt = record.endedAt { out.append("| Ended (UTC) | \(endedAt) |") }
            if let speed = record.speed { out.append("| Speed | \(number(speed))× |") }
            out.append("| Scenario SHA-256 | `\(record.scenarioSHA256)` |")
            out.append("| Event chain head | `\(record.chainHead ?? "none")` |")
        }
        out.append("")

        out.append("## Objectives")
        out.append("")
        out.append("| Objective | Kind | Weight | Target | Limit | Elapsed | Credit | Rating | Met by |")
        out.append("|---|---|---:|---:|---:|---:|---:|:---:|---|")
        for objective in report.objectives {
            let name = objective.name.map { "\(inline($0)) (`\(objective.id)`)" } ?? "`\(objective.id)`"
            let elapsed: String = switch objective.status {
            case .met: objective.elapsedSeconds.map(clock) ?? ""
            case .missed: "missed"
            case .notApplicable: "not applicable"
            case .notExercised: "not exercised"
            }
            out.append("| \(name) | \(objective.kind.rawValue) | \(number(objective.weight)) | \(clock(objective.targetSeconds)) | \(clock(objective.limitSeconds)) | \(elapsed) | \(objective.credit.map { number($0, digits: 2) } ?? "–") | \(objective.rating?.rawValue ?? "–") | \(role(objective.metBy)) |")
        }
        out.append("")
        out.append("Ratings (HSEEP): " + Scoring.Rating.allCases.map { "**\($0.rawValue)** \($0.meaning)" }.joined(separator: "; ") + ". Elapsed time counts from the objective's start (drill start, or the delivery of the inject it follows).")
        out.append("")

        out.append("## Metrics")
        out.append("")
        out.append("| Metric | Drill time |")
        out.append("|---|---:|")
        for (label, seconds) in report.metrics.labelled {
            out.append("| \(label) | \(seconds.map(clock) ?? "none") |")
        }
        out.append("")

        out.append("## Timeline")
        out.append("")
        out.append("| Drill time | Event | Detail |")
        out.append("|---:|---|---|")
        for entry in report.timeline {
            let (event, detail) = describe(entry, role: role)
            out.append("| \(clock(entry.atSeconds)) | \(event) | \(detail) |")
        }
        out.append("")

        out.append("## Injects")
        out.append("")
        out.append("| Inject | Channel | Subject | Status | Drill time |")
        out.append("|---|---|---|---|---:|")
        for inject in report.injects {
            out.append("| `\(inject.id)` | \(inject.channel) | \(inline(inject.subject)) | \(inject.status.rawValue) | \(inject.atSeconds.map(clock) ?? "–") |")
        }
        out.append("")

        out.append("## Roles")
        out.append("")
        for info in report.roles {
            let department = info.department.map { ", \(inline($0))" } ?? ""
            out.append("- \(inline(info.name)) (`\(info.id)`\(department))\(info.simulated ? " — simulated persona" : "")")
        }
        out.append("")

        if !report.survey.isEmpty {
            out.append("## Survey")
            out.append("")
            out.append("| Question | Answers (1–5) | Median |")
            out.append("|---|---|---:|")
            for result in report.survey {
                let answers = result.answers.isEmpty ? "none" : result.answers.map(String.init).joined(separator: ", ")
                out.append("| \(inline(result.question)) | \(answers) | \(result.median.map { number($0) } ?? "–") |")
            }
            out.append("")
        }

        if let record = report.record, !record.correctiveActions.isEmpty {
            out.append("## Improvement plan")
            out.append("")
            out.append("| # | Objective | Issue | Corrective action | Capability | Responsible | Start | Due | Status |")
            out.append("|---:|---|---|---|---|---|---|---|---|")
            for action in record.correctiveActions {
                let responsible = inline(action.responsibleOrg) + (action.responsibleRole.map { " / " + inline($0) } ?? "")
                let status = action.status + (action.overdue ? " (overdue)" : "") + (action.closingEvidence.map { ": " + inline($0) } ?? "")
                out.append("| \(action.id) | \(action.objective.map { "`\($0)`" } ?? "–") | \(inline(action.issue)) | \(inline(action.correctiveAction)) | \(action.capability) | \(responsible) | \(action.startDate ?? "–") | \(action.dueDate ?? "–") | \(status) |")
            }
            out.append("")
        }
        out.append("_This report describes how roles, processes and systems performed. It does not assess individuals._")
        return out.joined(separator: "\n") + "\n"
    }

    static func describe(_ entry: DrillReport.TimelineEntry, role: (String?) -> String) -> (String, String) {
        switch entry.type {
        case "started": return ("Drill started", "")
        case "inject-delivered", "inject-skipped":
            let event = entry.type == "inject-delivered" ? "Inject delivered" : "Inject skipped (condition false)"
            return (event, "`\(entry.inject ?? "")` via \(entry.channel ?? "?"): \(inline(entry.subject ?? ""))")
        case "action":
            var detail = role(entry.role)
            if let target = entry.target { detail += " → \(role(target))" + (entry.channel.map { " via \($0)" } ?? "") }
            if let text = entry.text, !text.isEmpty { detail += ": \(inline(text))" }
            if let met = entry.met, !met.isEmpty { detail += " — meets " + met.map { "`\($0)`" }.joined(separator: ", ") }
            return ("Action: \(entry.kind?.rawValue ?? "?")", detail)
        case "persona-reply":
            return ("Persona reply", "\(role(entry.role)) → \(role(entry.target)): \(inline(entry.text ?? ""))")
        case "paused": return ("Drill paused", "")
        case "resumed": return ("Drill resumed", "")
        case "ended": return ("Drill ended", entry.text.map { endReason(DrillEvent.EndReason(rawValue: $0)) } ?? "")
        default: return (entry.type, "")
        }
    }

    static func endReason(_ reason: DrillEvent.EndReason?) -> String {
        switch reason {
        case .completed: "planned duration reached"
        case .endedByTrainer: "ended by the trainer"
        case .inputClosed: "input closed"
        case nil: "interrupted"
        }
    }

    /// Text safe inside a table cell: one line, pipes escaped, control characters visible.
    static func inline(_ text: String) -> String {
        ControlCharacters.neutralized(text).split(whereSeparator: \.isNewline).joined(separator: " ")
            .replacingAll("|", with: "\\|")
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
