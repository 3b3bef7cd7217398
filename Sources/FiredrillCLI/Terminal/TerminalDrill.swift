import FiredrillCore
import Foundation

/// The interactive loop of a terminal drill: prints events as they come and turns input
/// lines into actions and drill commands.
struct TerminalDrill {
    let session: DrillSession<ContinuousClock>
    let presenter: TerminalPresenter
    let playedRoles: [String]
    let interactive: Bool
    let lines: LineQueue

    func run() async throws {
        let printer = Task { [session, presenter, interactive] in
            for await event in session.events {
                if let text = presenter.render(event) {
                    Console.out(text + "\n")
                    if interactive { Console.out(presenter.style.dim("> ")) }
                }
            }
        }
        let input = Task { [self] in
            var current = playedRoles[0]
            while let line = await lines.next() {
                if await handle(line, currentRole: &current) == .stop { return }
            }
            // End of input ends the drill (a cancelled wait means it has ended already).
            if !Task.isCancelled { try? await session.end(reason: .inputClosed) }
        }
        try await session.run()
        input.cancel()
        await printer.value
    }

    /// The participant key of the person at this terminal, for survey answers.
    static let participant = "terminal"

    /// Asks the unanswered survey questions: 1 to 5 (optionally followed by a comment, as in
    /// `4 - clear after the status meeting`) for scale questions, free text for text
    /// questions. Enter skips a question; end of input skips the rest.
    func askSurvey() async throws {
        let unanswered = await session.snapshot.unansweredSurveyQuestions(participant: Self.participant)
        guard !unanswered.isEmpty else { return }
        let survey = presenter.scenario.survey
        say("\nSurvey: answer 1 (poor) to 5 (excellent), a number may be followed by a comment; write freely where asked; Enter skips.")
        for index in unanswered {
            let question = survey[index]
            var attempts = 0
            while attempts < 3 {
                let hint = question.kind == .scale ? "[1-5]" : "[text]"
                Console.out("\(index + 1)/\(survey.count). \(presenter.safe(question.text)) \(hint) ")
                guard let line = await lines.next() else {
                    say("")
                    return
                }
                if line.allSatisfy(\.isWhitespace) { break }
                if let answer = SurveyAnswer.parse(line, question: index, kind: question.kind, participant: Self.participant) {
                    do {
                        try await session.answerSurvey(answer)
                        break
                    } catch {
                        say("Not recorded: \(error)")
                    }
                } else {
                    say("Please answer with a number from 1 to 5 (a comment may follow), or press Enter to skip.")
                }
                attempts += 1
            }
        }
    }

    enum Outcome { case `continue`, stop }

    func handle(_ rawLine: String, currentRole: inout String) async -> Outcome {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        guard !line.isEmpty else { return .continue }
        do {
            if line.hasPrefix("/") { return try await command(line, currentRole: currentRole) }
            var role = currentRole
            var commandText = Substring(line)
            if line.hasPrefix("@") {
                let word = commandText.prefix { !$0.isWhitespace }
                let name = String(word.dropFirst())
                guard playedRoles.contains(name) else {
                    let hint = Suggestions.hint(for: name, among: playedRoles)
                    say("'\(name)' is not one of the roles played here\(hint) (\(playedRoles.joined(separator: ", "))).")
                    return .continue
                }
                commandText = commandText.dropFirst(word.count).drop { $0.isWhitespace }
                if commandText.isEmpty {
                    currentRole = name
                    say("Now acting as \(name).")
                    return .continue
                }
                role = name
            }
            switch ActionCommand.parse(String(commandText), role: role, in: presenter.scenario) {
            case .success(let action):
                try await session.perform(action)
            case .failure(let error):
                say(error.message)
            }
        } catch {
            say("Not recorded: \(error)")
        }
        return .continue
    }

    func command(_ line: String, currentRole: String) async throws -> Outcome {
        let word = line.split(separator: " ").first.map(String.init) ?? line
        switch word {
        case "/pause": try await session.pause()
        case "/resume": try await session.resume()
        case "/status": say(presenter.status(await session.status))
        case "/help": say(presenter.help(currentRole: currentRole))
        case "/end":
            try await session.end(reason: .endedByTrainer)
            return .stop
        default:
            let commands = ["/pause", "/resume", "/status", "/help", "/end"]
            say("Unknown command '\(word)'\(Suggestions.hint(for: word, among: commands)); commands: \(commands.joined(separator: " ")). Actions have no slash, e.g. 'ack'.")
        }
        return .continue
    }

    private func say(_ text: String) {
        Console.out(text + "\n")
    }
}
