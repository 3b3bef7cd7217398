import Foundation

/// A replay script: everything people put into a drill, one step per line, so that the
/// drill can be played again on a virtual clock.
///
/// ```text
/// # players: <time> <role> <command>
/// 01:30 ops ack seen the alert
/// 11:00 ops escalate boss via phone certificate expired
/// # trainer and evaluator: <time> !<verb> [JSON]
/// 12:00 !inject {"to": ["ops"], "channel": "chat", "from": "CTO", "subject": "Status?"}
/// 12:30 !observe {"objective": "esc", "rating": "S", "text": "Chat first, then phone"}
/// 14:00 !pause
/// 14:00 !resume
/// 25:00 !end
/// 25:00 !survey {"participant": "p-1", "question": 0, "score": 4}
/// ```
///
/// `#` starts a comment on player lines (JSON lines are taken whole); blank lines are
/// ignored. Times are `mm:ss`, `h:mm:ss` (optionally with `.mmm`) or a duration such as
/// `90s`. Verbs: `!inject`, `!observe`, `!action` (a player action as JSON, for text that a
/// command line cannot carry), `!adjudicate` (an evaluator's decision on an action, named by
/// its event's sequence number), `!speed N`, `!next` (the clock went on to the next inject),
/// `!pause`, `!resume`, `!interrupt`, `!end [reason]`, `!survey`; header lines without a time: `!mode live` (the inputs of a live drill),
/// `!unfinished` (the record stops without an end) and `!not-started` (the drill was made
/// but never started: nothing happened, and a replay starts nothing either).
public struct ReplayScript: Sendable, Hashable {
    /// One input of the drill.
    public typealias Step = DrillInput

    public struct Entry: Sendable, Hashable {
        /// 1-based line number in the script file.
        public var line: Int
        public var time: DrillTime
        public var step: Step

        /// The player action, for action steps.
        public var action: PlayerAction? {
            if case .action(let action) = step { return action }
            return nil
        }
    }

    public var entries: [Entry]
    /// How the drill was played: `live` when the script holds a live drill's inputs.
    public var mode: DrillMode = .replay
    /// The drill had not ended when its record stopped (it was cut off and not resumed).
    public var isUnfinished = false
    /// The drill was never started: its record holds no event, and neither does its replay.
    public var isNotStarted = false

    /// Problems found in a script, each naming its line.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// The longest line, in bytes: room for the largest input a drill accepts written as JSON
    /// (an ad-lib inject to 500 roles with a 20,000-character body, each character up to four
    /// bytes, quotes and line breaks escaped), so that every recorded drill exports to a
    /// script that reads back.
    public static let maximumLineLength = 1 << 20
    /// Most steps in one script: ten times the largest drill the benchmarks play.
    public static let maximumEntries = 200_000
    /// Problems reported before the parser stops looking (the rest are counted, not listed).
    public static let maximumProblems = 200

    /// Parses a script for `scenario`, reporting every bad line. Lines may end in LF, CRLF
    /// or CR alike.
    public static func parse(_ text: String, for scenario: Scenario) -> Result<ReplayScript, ScriptError> {
        var parser = Parser(scenario: scenario)
        for numbered in TextLines(text) {
            guard parser.problems.count < maximumProblems else {
                parser.more += 1
                continue
            }
            parser.read(numbered.text, line: numbered.number)
            if parser.stopped { break }
        }
        if !parser.problems.isEmpty { return .failure(ScriptError(problems: parser.problems, more: parser.more)) }
        if parser.notStarted, let first = parser.entries.first {
            return .failure(ScriptError(problems: [Problem(line: first.line, message: "the script says '!not-started', so it cannot have steps; remove one or the other")]))
        }
        return .success(ReplayScript(entries: parser.entries, mode: parser.mode, isUnfinished: parser.unfinished, isNotStarted: parser.notStarted))
    }

    private struct Parser {
        let scenario: Scenario
        let roles: RoleDirectory
        var entries: [Entry] = []
        var problems: [Problem] = []
        var more = 0
        var previous = DrillTime.zero
        var mode = DrillMode.replay
        var unfinished = false
        var notStarted = false
        var stopped = false

        init(scenario: Scenario) {
            self.scenario = scenario
            roles = RoleDirectory(scenario)
        }

        mutating func problem(_ line: Int, _ message: String) {
            problems.append(Problem(line: line, message: message))
        }

        mutating func read(_ raw: Substring, line lineNumber: Int) {
            guard raw.utf8.count <= ReplayScript.maximumLineLength else {
                problem(lineNumber, "line is longer than \(ReplayScript.maximumLineLength) bytes")
                return
            }
            if let bad = ControlCharacters.firstForbidden(in: raw, allowingNewlines: false) {
                problem(lineNumber, "column \(bad.offset): control character \(bad.name) is not allowed in a script; remove it (is this a text file?)")
                return
            }
            var rest = raw
            let first = rest.nextWord()
            if first.isEmpty || first.hasPrefix("#") { return }
            if first.hasPrefix("!") {
                header(String(first), rest: rest, line: lineNumber)
                return
            }
            guard let time = DrillTime(clockText: String(first)) else {
                problem(lineNumber, "'\(first.prefix(40))' is not a time; write mm:ss, h:mm:ss or a duration such as 90s or 5m")
                return
            }
            var lookahead = rest
            let second = lookahead.nextWord()
            guard !second.isEmpty, !second.hasPrefix("#") else {
                problem(lineNumber, "missing role and command after the time; write <time> <role> <command>")
                return
            }
            if time < previous {
                problem(lineNumber, "time \(time) is earlier than the line before (\(previous)); times must not decrease")
                return
            }
            if time > scenario.duration {
                problem(lineNumber, "time \(time) is after the end of the drill (\(scenario.duration))")
                return
            }
            guard entries.count < ReplayScript.maximumEntries else {
                problem(lineNumber, "the script has more than \(ReplayScript.maximumEntries) steps; split the drill or shorten the script")
                stopped = true
                return
            }
            let step: Step?
            if second.hasPrefix("!") {
                step = verb(String(second.dropFirst()), json: lookahead.trimmingWhitespace, line: lineNumber)
            } else {
                if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
                step = playerAction(&rest, line: lineNumber)
            }
            guard let step else { return }
            entries.append(Entry(line: lineNumber, time: time, step: step))
            previous = time
        }

        mutating func header(_ word: String, rest: Substring, line: Int) {
            switch word {
            case "!mode":
                switch rest.trimmingWhitespace {
                case "live": mode = .live
                case "replay": mode = .replay
                default: problem(line, "'!mode' is 'live' or 'replay'")
                }
            case "!unfinished":
                unfinished = true
            case "!not-started":
                notStarted = true
            default:
                problem(line, "'\(word.prefix(20))' needs a time before it, e.g. '12:00 \(word.prefix(20))'; without a time only !mode, !unfinished and !not-started")
            }
        }

        mutating func playerAction(_ rest: inout Substring, line: Int) -> Step? {
            let written = String(rest.nextWord())
            guard let played = scenario.role(matching: written) else {
                let hint = Suggestions.hint(for: written, among: scenario.playerRoles.map(\.id))
                problem(line, "unknown role '\(written.prefix(40))'\(hint) (roles: \(scenario.playerRoles.map(\.id).joined(separator: ", ")))")
                return nil
            }
            guard !played.isSimulated else {
                problem(line, "role '\(played.id)' is simulated by a persona and cannot act in a script")
                return nil
            }
            switch ActionCommand.parse(rest.trimmingWhitespace, role: played.id, in: scenario, roles: roles) {
            case .success(let action): return .action(action)
            case .failure(let error):
                problem(line, error.message)
                return nil
            }
        }

        mutating func verb(_ name: String, json: String, line: Int) -> Step? {
            func decode<T: Decodable>(_ type: T.Type) -> T? {
                guard !json.isEmpty else {
                    problem(line, "'!\(name)' needs its details as JSON, e.g. \(ScriptLine.example(name))")
                    return nil
                }
                do {
                    return try JSONDecoder().decode(T.self, from: Data(json.utf8))
                } catch {
                    problem(line, "'!\(name)': the JSON cannot be read (\(ScriptLine.describe(error))); e.g. \(ScriptLine.example(name))")
                    return nil
                }
            }
            func check(_ problems: [String]) -> Bool {
                for message in problems { problem(line, "'!\(name)': \(message)") }
                return problems.isEmpty
            }
            func noArguments() -> Bool {
                if !json.isEmpty && !json.hasPrefix("#") { problem(line, "'!\(name)' takes nothing after it"); return false }
                return true
            }
            switch name {
            case "inject":
                guard let inject = decode(AdlibInject.self) else { return nil }
                return check(inject.problems(in: scenario)) ? .adlib(inject) : nil
            case "observe":
                guard let form = decode(ScriptLine.ObservationForm.self) else { return nil }
                guard let observation = form.observation(line: line, problem: &problems) else { return nil }
                return check(observation.problems(in: scenario)) ? .observation(observation) : nil
            case "action":
                guard let action = decode(PlayerAction.self).map(PlayerAction.structured) else { return nil }
                return check(action.problems(in: scenario)) ? .action(action) : nil
            case "survey":
                guard let answer = decode(SurveyAnswer.self) else { return nil }
                return check(answer.problems(in: scenario)) ? .survey(answer) : nil
            case "quiz":
                guard let answer = decode(QuizAnswer.self) else { return nil }
                return check(answer.problems(in: scenario)) ? .quiz(answer) : nil
            case "adjudicate":
                // Which event is an action is known only once the drill is played: the engine checks that.
                guard let adjudication = decode(Adjudication.self) else { return nil }
                guard scenario.objective(adjudication.objective) != nil else {
                    problem(line, "'!adjudicate': unknown objective '\(adjudication.objective.prefix(40))'\(Suggestions.hint(for: adjudication.objective, among: scenario.objectives.map(\.id)))")
                    return nil
                }
                return .adjudication(adjudication)
            case "speed":
                let word = json.split(separator: " ").first.map(String.init) ?? ""
                guard let speed = Double(word) else {
                    problem(line, "'!speed' takes the new speed, e.g. '!speed 2' (\(DrillSpeed.range.lowerBound) to \(Int(DrillSpeed.range.upperBound)))")
                    return nil
                }
                return check(DrillSpeed.problems(speed)) ? .speed(speed) : nil
            case "next": return noArguments() ? .nextInject : nil
            case "pause": return noArguments() ? .pause : nil
            case "resume": return noArguments() ? .resume : nil
            case "interrupt": return noArguments() ? .interrupt : nil
            case "end":
                let word = json.split(separator: " ").first.map(String.init) ?? ""
                if word.isEmpty || word.hasPrefix("#") { return .end(.endedByTrainer) }
                guard let reason = DrillEvent.EndReason(rawValue: word) else {
                    problem(line, "'!end' takes a reason: ended-by-trainer (the default), input-closed or completed")
                    return nil
                }
                return .end(reason)
            default:
                let verbs = ["inject", "observe", "action", "survey", "adjudicate", "speed", "next", "pause", "resume", "interrupt", "end"]
                problem(line, "unknown step '!\(name.prefix(20))'\(Suggestions.hint(for: name, among: verbs)) (steps: \(verbs.map { "!" + $0 }.joined(separator: ", ")))")
                return nil
            }
        }
    }
}

public struct ScriptError: Error, Sendable, Hashable {
    public var problems: [ReplayScript.Problem]
    /// Problems found beyond those listed.
    public var more: Int

    public init(problems: [ReplayScript.Problem], more: Int = 0) {
        self.problems = problems
        self.more = more
    }

    /// One `path:line: message` line per problem.
    public func formatted(path: String) -> String {
        var lines = problems.map { "\(path):\($0.line): \($0.message)" }
        if more > 0 { lines.append("\(path): … and \(more) more problems") }
        return lines.joined(separator: "\n")
    }
}
