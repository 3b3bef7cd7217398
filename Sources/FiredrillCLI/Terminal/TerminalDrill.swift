import FiredrillCore
import FiredrillVocabulary
import FiredrillWire
import Foundation

/// The interactive loop of a terminal drill: shows events as they come and turns input
/// lines into actions and drill commands.
struct TerminalDrill {
    let presenter: TerminalPresenter
    let console: TerminalConsole
    let playedRoles: [String]

    /// The participant key of the person at this terminal, for survey answers.
    static let participant = "terminal"

    enum StartDecision {
        /// Start now; `pending` is a line to act on once started (piped input starts with its first line).
        case start(pending: String?)
        /// Input ended (or the trainer left) before the start.
        case quit
    }

    /// Waits until the trainer starts the drill: Enter or `/start` at a terminal; from a
    /// pipe, the first line starts it (and is acted on, unless it is `/start` or empty).
    func waitForStart() async -> StartDecision {
        let strings = presenter.strings
        if console.interactive { console.show(strings[.startHint]) }
        while let raw = await console.next() {
            let line = TextMatching.normalizeWidth(raw).trimmingCharacters(in: .whitespaces)
            let word = line.split(separator: " ").first.map { $0.lowercased() } ?? ""
            switch word {
            case "", "/start": return .start(pending: nil)
            case "/help": console.show(presenter.help(currentRole: playedRoles[0]))
            case "/end", "/quit": return .quit
            default:
                if !console.interactive { return .start(pending: raw) }
                console.show(strings[.notStartedYet])
            }
        }
        return .quit
    }

    /// Plays the drill until it ends: the session runs on the clock while input is read.
    func run(_ session: DrillSession<ContinuousClock>, pending: String?) async throws {
        // Started before any input is read: an action or `/end` typed (or piped) at once must
        // find the drill running, not race the session's own start.
        try await session.start()
        let printer = Task { [presenter, console] in
            for await event in session.events {
                if let text = presenter.render(event) { console.show(text) }
            }
        }
        let control = LocalDrillControl(session: session)
        let input = Task { [self] in
            if await readInput(control, pending: pending) == .stop { return }
            // End of input ends the drill (a cancelled wait means it has ended already).
            if !Task.isCancelled { try? await session.end(reason: .inputClosed) }
        }
        try await session.run()
        input.cancel()
        await printer.value
    }

    /// Reads lines and acts on them until input ends (`.continue`) or a line ends the drill
    /// or the player's part in it (`.stop`).
    func readInput(_ control: some DrillControl, pending: String? = nil) async -> Outcome {
        var current = playedRoles[0]
        console.setPrompt(presenter.prompt(role: current))
        if let pending, await handle(pending, currentRole: &current, control: control) == .stop { return .stop }
        while let line = await console.next() {
            if await handle(line, currentRole: &current, control: control) == .stop { return .stop }
        }
        return .continue
    }

    /// Asks the unanswered survey questions: 1 to 5 (optionally followed by a comment, as in
    /// `4 - clear after the status meeting`) for scale questions, free text for text
    /// questions. Enter skips a question; end of input skips the rest.
    func askSurvey(_ control: some DrillControl, participant: String = Self.participant) async throws {
        let unanswered = await control.unansweredSurveyQuestions(participant: participant)
        guard !unanswered.isEmpty else { return }
        let strings = presenter.strings
        let survey = presenter.scenario.survey
        console.show("\n" + strings[.surveyIntro])
        for index in unanswered {
            let question = survey[index]
            var attempts = 0
            while attempts < 3 {
                let hint = question.kind == .scale ? strings.scaleHint : strings[.textHint]
                guard let line = await console.ask("\(index + 1)/\(survey.count). \(presenter.safe(question.text)) \(hint) ") else {
                    console.show("")
                    return
                }
                if line.allSatisfy(\.isWhitespace) { break }
                if let answer = SurveyAnswer.parse(line, question: index, kind: question.kind, participant: participant) {
                    do {
                        try await control.answerSurvey(answer)
                        break
                    } catch {
                        console.show(strings[.notRecorded, ["why": "\(error)"]])
                    }
                } else {
                    console.show(strings[.surveyRetry])
                }
                attempts += 1
            }
        }
    }

    /// Asks the quiz questions not answered yet, one at a time: the numbers of the chosen
    /// answers (`2`, or `1,3` where several are correct); the key and the explanation come
    /// right after each answer. Enter skips a question; end of input skips the rest.
    func askQuiz(_ control: some DrillControl, participant: String = Self.participant) async throws {
        guard let quiz = try? await control.quiz(participant: participant), !quiz.questions.isEmpty else { return }
        let answered = Set(quiz.results.map(\.question))
        let open = quiz.questions.filter { !answered.contains($0.id) }
        guard !open.isEmpty else { return }
        let strings = presenter.strings
        console.show("\n" + strings[.quizIntro])
        var last: QuizResponse?
        for (index, question) in quiz.questions.enumerated() where !answered.contains(question.id) {
            console.show("\(index + 1)/\(quiz.questions.count). \(presenter.safe(question.question))")
            for (number, choice) in question.choices.enumerated() { console.show("  \(number + 1)) \(presenter.safe(choice))") }
            var attempts = 0
            while attempts < 3 {
                let hint = question.multiple ? strings[.quizHintMultiple] : strings[.quizHint]
                guard let line = await console.ask(hint + " ") else {
                    console.show("")
                    return
                }
                if line.allSatisfy(\.isWhitespace) { break }
                guard let choices = Self.quizChoices(line, count: question.choices.count) else {
                    console.show(strings[.quizRetry, ["count": "\(question.choices.count)"]])
                    attempts += 1
                    continue
                }
                do {
                    let response = try await control.answerQuiz(question: question.id, choices: choices, participant: participant)
                    last = response
                    if let result = response.results.first(where: { $0.question == question.id }) {
                        let key = result.answer.map { "\($0 + 1)" }.joined(separator: ", ")
                        console.show(result.correct ? strings[.quizCorrect] : strings[.quizWrong, ["answer": key]])
                        if let explanation = result.explanation { console.show("  " + presenter.safe(explanation)) }
                    }
                } catch {
                    console.show(strings[.notRecorded, ["why": "\(error)"]])
                }
                break
            }
        }
        if let last { console.show(strings[.quizScore, ["score": "\(last.score)", "max": "\(last.max)"]]) }
    }

    /// `2`, `1,3`, `1 3`, `１、３` as choice numbers from 0, or `nil` when a number is not a
    /// choice (1 to `count`).
    static func quizChoices(_ line: String, count: Int) -> [Int]? {
        let parts = TextMatching.normalizeWidth(line).split { $0 == "," || $0 == " " || $0 == "、" || $0 == "，" }
        guard !parts.isEmpty else { return nil }
        var choices: [Int] = []
        for part in parts {
            guard let number = Int(part), (1...count).contains(number) else { return nil }
            choices.append(number - 1)
        }
        return choices
    }

    enum Outcome { case `continue`, stop }

    func handle(_ rawLine: String, currentRole: inout String, control: some DrillControl) async -> Outcome {
        let strings = presenter.strings
        // Slash commands and `@role` are read in half-width form; the action is kept as typed.
        let typed = Substring(rawLine).trimmingCharacters(in: .whitespaces)
        let line = TextMatching.normalizeWidth(typed)
        guard !line.isEmpty else { return .continue }
        do {
            if line.hasPrefix("/") { return try await command(line, currentRole: currentRole, control: control) }
            var role = currentRole
            var commandText = Substring(typed)
            if line.hasPrefix("@") {
                let word = line.prefix { !$0.isWhitespace }
                let name = String(word.dropFirst())
                guard let played = playedRoles.first(where: { $0 == name || $0 == name.lowercased() }) else {
                    let hint = Suggestions.hint(for: name, among: playedRoles)
                    console.show(strings[.notPlayedHere, ["role": name, "hint": hint, "played": playedRoles.joined(separator: ", ")]])
                    return .continue
                }
                commandText = commandText.dropFirst(word.count).drop { $0.isWhitespace }
                if commandText.isEmpty {
                    currentRole = played
                    console.setPrompt(presenter.prompt(role: played))
                    console.show(strings[.nowActingAs, ["role": played]])
                    return .continue
                }
                role = played
            }
            switch ActionCommand.parse(String(commandText), role: role, in: presenter.scenario) {
            case .success(let action):
                try await perform(action, typed: String(commandText), control: control)
            case .failure(let error):
                console.show(error.message)
            }
        } catch {
            console.show(strings[.notRecorded, ["why": "\(error)"]])
        }
        return .continue
    }

    /// Records an action; when it may have been meant otherwise (a report that names a
    /// role), asks the player first and records what they choose.
    func perform(_ action: PlayerAction, typed: String, control: some DrillControl) async throws {
        do {
            try await control.perform(action, typed: typed, confirmed: false)
        } catch let question as AskBack {
            let strings = presenter.strings
            let suggestion = question.suggestion
            let target = suggestion.targetName ?? suggestion.target ?? "?"
            let answer = await console.ask(strings.didYouMeanEscalation(to: target, channel: suggestion.channel) + " ")
            console.setPrompt(presenter.prompt(role: action.role))
            if let answer, strings.isYes(answer) {
                try await control.perform(suggestion.applied(to: action), typed: nil, confirmed: true)
            } else {
                try await control.perform(action, typed: typed, confirmed: true)
            }
        }
    }

    func command(_ line: String, currentRole: String, control: some DrillControl) async throws -> Outcome {
        let word = line.split(separator: " ").first.map { $0.lowercased() } ?? line
        let steers = presenter.strings.steers
        switch word {
        case "/speed" where steers:
            let value = line.split(separator: " ").dropFirst().first.flatMap { Double($0.replacingOccurrences(of: "x", with: "").replacingOccurrences(of: "×", with: "")) }
            guard let value else {
                console.show(presenter.strings[.speedUsage])
                return .continue
            }
            try await control.setSpeed(value)
        case "/next" where steers: try await control.nextInject()
        case "/pause" where steers: try await control.pause()
        case "/resume" where steers: try await control.resume()
        case "/status": console.show(try await control.status(presenter))
        case "/role": console.show(presenter.roleCards())
        case "/help": console.show(presenter.help(currentRole: currentRole))
        case "/start" where steers: console.show(presenter.strings[.alreadyStarted])
        case "/end" where steers:
            try await control.end()
            return .stop
        case "/start", "/pause", "/resume", "/end", "/speed", "/next": console.show(presenter.strings[.onlyTheTrainer])
        case "/quit" where !steers: return .stop
        default:
            let commands = steers ? ["/pause", "/resume", "/speed", "/next", "/status", "/role", "/help", "/end"] : ["/status", "/role", "/help", "/quit"]
            console.show(presenter.strings[.unknownCommand, ["word": word, "hint": Suggestions.hint(for: word, among: commands), "commands": commands.joined(separator: " ")]])
        }
        return .continue
    }
}
