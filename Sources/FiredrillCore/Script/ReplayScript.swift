/// A replay script: the players' actions of a whole drill, one per line, as
/// `<time> <role> <command ...>`. `#` starts a comment; blank lines are ignored.
public struct ReplayScript: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// 1-based line number in the script file.
        public var line: Int
        public var time: DrillTime
        public var action: PlayerAction
    }

    public var entries: [Entry]

    /// Problems found in a script, each naming its line.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public static let maximumLineLength = 20_000
    /// Most actions in one script: ten times the largest drill the benchmarks play.
    public static let maximumEntries = 200_000
    /// Problems reported before the parser stops looking (the rest are counted, not listed).
    public static let maximumProblems = 200

    /// Parses a script for `scenario`, reporting every bad line. Lines may end in LF, CRLF
    /// or CR alike.
    public static func parse(_ text: String, for scenario: Scenario) -> Result<ReplayScript, ScriptError> {
        var entries: [Entry] = []
        var problems: [Problem] = []
        var more = 0
        var previous = DrillTime.zero
        func problem(_ line: Int, _ message: String) {
            if problems.count < maximumProblems { problems.append(Problem(line: line, message: message)) } else { more += 1 }
        }
        for numbered in TextLines(text) {
            let lineNumber = numbered.number
            var line = numbered.text
            guard line.utf8.count <= maximumLineLength else {
                problem(lineNumber, "line is longer than \(maximumLineLength) bytes")
                continue
            }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            if let bad = ControlCharacters.firstForbidden(in: line, allowingNewlines: false) {
                problem(lineNumber, "column \(bad.offset): control character \(bad.name) is not allowed in a script; remove it (is this a text file?)")
                continue
            }
            var rest = line
            let timeWord = rest.nextWord()
            if timeWord.isEmpty { continue }
            guard let time = DrillTime(clockText: String(timeWord)) else {
                problem(lineNumber, "'\(timeWord.prefix(40))' is not a time; write mm:ss, h:mm:ss or a duration such as 90s or 5m")
                continue
            }
            let written = String(rest.nextWord())
            guard !written.isEmpty else {
                problem(lineNumber, "missing role and command after the time; write <time> <role> <command>")
                continue
            }
            guard let played = scenario.role(matching: written) else {
                let hint = Suggestions.hint(for: written, among: scenario.playerRoles.map(\.id))
                problem(lineNumber, "unknown role '\(written.prefix(40))'\(hint) (roles: \(scenario.playerRoles.map(\.id).joined(separator: ", ")))")
                continue
            }
            let role = played.id
            guard !played.isSimulated else {
                problem(lineNumber, "role '\(role)' is simulated by a persona and cannot act in a script")
                continue
            }
            if time < previous {
                problem(lineNumber, "time \(time) is earlier than the line before (\(previous)); times must not decrease")
                continue
            }
            if time > scenario.duration {
                problem(lineNumber, "time \(time) is after the end of the drill (\(scenario.duration))")
                continue
            }
            guard entries.count < maximumEntries else {
                problem(lineNumber, "the script has more than \(maximumEntries) actions; split the drill or shorten the script")
                break
            }
            switch ActionCommand.parse(String(rest), role: role, in: scenario) {
            case .success(let action):
                entries.append(Entry(line: lineNumber, time: time, action: action))
                previous = time
            case .failure(let error):
                problem(lineNumber, error.message)
            }
        }
        if !problems.isEmpty { return .failure(ScriptError(problems: problems, more: more)) }
        return .success(ReplayScript(entries: entries))
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
