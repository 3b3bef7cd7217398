import Foundation

/// What a script's `!` steps share: their JSON is the inputs' own coded form (``PlayerAction``,
/// ``Observation``, ``SurveyAnswer``, ``Adjudication``, ``AdlibInject``, the same as in an
/// event), read leniently where a script is written by hand.
enum ScriptLine {
    /// An `!observe` step as written: its rating in either case (`s` is S).
    struct ObservationForm: Decodable {
        var objective: String?
        var rating: String?
        var text: String
        var by: String?

        func observation(line: Int, problem problems: inout [ReplayScript.Problem]) -> Observation? {
            var parsed: Scoring.Rating? = nil
            if let rating {
                guard let value = Scoring.Rating(rawValue: rating.uppercased()) else {
                    problems.append(.init(line: line, message: "'!observe': rating is P, S, M or U, not '\(rating.prefix(10))'"))
                    return nil
                }
                parsed = value
            }
            return Observation(objective: objective, rating: parsed, text: text, by: by)
        }
    }

    static func example(_ verb: String) -> String {
        switch verb {
        case "inject": #"{"to": ["ops"], "channel": "chat", "from": "CTO", "subject": "Status?", "body": "…"}"#
        case "observe": #"{"objective": "ack", "rating": "S", "text": "…"}"#
        case "action": #"{"role": "ops", "kind": "action", "text": "…"}"#
        case "survey": #"{"participant": "p-1", "question": 0, "score": 4, "comment": "…"}"#
        case "adjudicate": #"{"action": 12, "objective": "esc", "decision": "credit", "note": "…"}"#
        default: ""
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _)?: "'\(key.stringValue)' is missing"
        case .typeMismatch(_, let context)?, .valueNotFound(_, let context)?:
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted(let context)?:
            context.codingPath.isEmpty ? "not valid JSON" : "'\(context.codingPath.map(\.stringValue).joined(separator: "."))': \(context.debugDescription)"
        default: "not valid JSON"
        }
    }

    /// A number as a script writes it: `2`, `0.5`, without a trailing `.0`.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }

    /// One line of JSON, keys sorted, without escaped slashes.
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

extension ReplayScript {
    /// The script of a recorded drill: every input that went into it, at its drill time, so
    /// that replaying it gives the same events and the same report. Events the engine
    /// derives (deliveries, skips, persona replies, a completed end) are not inputs and are
    /// left out. `header` lines are written first, as comments.
    public static func export(events: [DrillEvent], scenario: Scenario, mode: DrillMode, header: [String] = []) -> String {
        var lines = header.map { "# " + ControlCharacters.neutralized($0).replacingAll("\n", with: " ") }
        if mode == .live { lines.append("!mode live") }
        var ended = false
        for event in events {
            let time = event.time.description
            switch event.kind {
            case .started, .injectDelivered, .injectSkipped, .personaReply:
                continue
            case .adjudication(let adjudication):
                lines.append("\(time) !adjudicate \(ScriptLine.json(adjudication))")
            case .speedChanged(let speed):
                lines.append("\(time) !speed \(ScriptLine.number(speed))")
            case .clockAdvanced(let from):
                lines.append("\(from) !next")
            case .action(let action):
                lines.append(time + " " + actionLine(action, in: scenario))
            case .adlibInject(let inject):
                lines.append("\(time) !inject \(ScriptLine.json(inject))")
            case .observation(let observation):
                lines.append("\(time) !observe \(ScriptLine.json(observation))")
            case .paused: lines.append("\(time) !pause")
            case .interrupted: lines.append("\(time) !interrupt")
            case .resumed: lines.append("\(time) !resume")
            case .ended(let reason):
                ended = true
                if reason != .completed { lines.append("\(time) !end\(reason == .endedByTrainer ? "" : " " + reason.rawValue)") }
            case .surveyAnswer(let answer):
                lines.append("\(time) !survey \(ScriptLine.json(answer))")
            case .quizAnswer(let answer):
                lines.append("\(time) !quiz \(ScriptLine.json(answer))")
            }
        }
        if events.isEmpty {
            lines.append("!not-started")
        } else if !ended {
            lines.append("!unfinished")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `<role> <command>` when the command line reads back as the same action; otherwise
    /// the exact JSON form (text with `#`, a role name that needs it, …).
    static func actionLine(_ action: PlayerAction, in scenario: Scenario) -> String {
        let command = action.commandLine
        if !command.contains("#"), !command.contains("\n"), case .success(let parsed) = ActionCommand.parse(command, role: action.role, in: scenario), parsed == action {
            return action.role + " " + command
        }
        return "!action " + ScriptLine.json(action)
    }
}
