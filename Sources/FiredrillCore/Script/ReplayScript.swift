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

    /// Parses a script for `scenario`, reporting every bad line.
    public static func parse(_ text: String, for scenario: Scenario) -> Result<ReplayScript, ScriptError> {
        var entries: [Entry] = []
        var problems: [Problem] = []
        var previous = DrillTime.zero
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            guard problems.count < 200 else { break }
            var line = rawLine
            if line.last == "\r" { line.removeLast() }
            guard line.utf8.count <= maximumLineLength else {
                problems.append(Problem(line: lineNumber, message: "line is longer than \(maximumLineLength) bytes"))
                continue
            }
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            var rest = line
            let timeWord = rest.nextWord()
            if timeWord.isEmpty { continue }
            guard let time = DrillTime(clockText: String(timeWord)) else {
                problems.append(Problem(line: lineNumber, message: "'\(timeWord.prefix(40))' is not a time; write mm:ss, h:mm:ss or a duration such as 90s or 5m"))
                continue
            }
            let role = String(rest.nextWord())
            guard !role.isEmpty else {
                problems.append(Problem(line: lineNumber, message: "missing role and command after the time; write <time> <role> <command>"))
                continue
            }
            guard let played = scenario.role(role) else {
                let hint = Suggestions.hint(for: role, among: scenario.playerRoles.map(\.id))
                problems.append(Problem(line: lineNumber, message: "unknown role '\(role.prefix(40))'\(hint) (roles: \(scenario.playerRoles.map(\.id).joined(separator: ", ")))"))
                continue
            }
            guard !played.isSimulated else {
                problems.append(Problem(line: lineNumber, message: "role '\(role)' is simulated by a persona and cannot act in a script"))
                continue
            }
            if time < previous {
                problems.append(Problem(line: lineNumber, message: "time \(time) is earlier than the line before (\(previous)); times must not decrease"))
                continue
            }
            if time > scenario.duration {
                problems.append(Problem(line: lineNumber, message: "time \(time) is after the end of the drill (\(scenario.duration))"))
                continue
            }
            switch ActionCommand.parse(String(rest), role: role, in: scenario) {
            case .success(let action):
                entries.append(Entry(line: lineNumber, time: time, action: action))
                previous = time
            case .failure(let error):
                problems.append(Problem(line: lineNumber, message: error.message))
            }
        }
        if !problems.isEmpty { return .failure(ScriptError(problems: problems)) }
        return .success(ReplayScript(entries: entries))
    }
}

public struct ScriptError: Error, Sendable, Hashable {
    public var problems: [ReplayScript.Problem]

    /// One `path:line: message` line per problem.
    public func formatted(path: String) -> String {
        problems.map { "\(path):\($0.line): \($0.message)" }.joined(separator: "\n")
    }
}
