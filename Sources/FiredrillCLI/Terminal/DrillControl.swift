import FiredrillClient
import FiredrillCore
import FiredrillVocabulary
import FiredrillWire

/// What a terminal drill acts on: the drill session in this process (`run`, `resume`), or a
/// drill on a server (`join`). The terminal turns typed lines into these calls; a refusal
/// is an error whose description is shown to the player.
protocol DrillControl: Sendable {
    /// Records an action; `typed` is the command as the player wrote it. Unless `confirmed`,
    /// an action that may have been meant otherwise is not recorded: ``AskBack`` is thrown
    /// with what it may have been meant as, for the terminal to ask the player.
    func perform(_ action: PlayerAction, typed: String?, confirmed: Bool) async throws
    func pause() async throws
    func resume() async throws
    func end() async throws
    /// Runs the drill clock at a new speed.
    func setSpeed(_ speed: Double) async throws
    /// Skips to the next scheduled inject.
    func nextInject() async throws
    /// One line on where the drill stands.
    func status(_ presenter: TerminalPresenter) async throws -> String
    func answerSurvey(_ answer: SurveyAnswer) async throws
    /// The survey questions this terminal's participant has not answered.
    func unansweredSurveyQuestions(participant: String) async -> [Int]
    /// The quiz as this terminal's participant sees it (no key before answering).
    func quiz(participant: String) async throws -> QuizDocument
    /// Records one answer of this terminal's participant; the key comes back.
    func answerQuiz(question: String, choices: [Int], participant: String) async throws -> QuizResponse
}

/// The drill session in this process.
struct LocalDrillControl: DrillControl {
    let session: DrillSession<ContinuousClock>
    /// The roles played at this terminal (the first one's department counts for the quiz).
    var playedRoles: [String] = []

    func perform(_ action: PlayerAction, typed: String?, confirmed: Bool) async throws {
        if !confirmed, let suggestion = ActionAdvice.suggestion(for: action, in: session.scenario) { throw AskBack(suggestion: suggestion) }
        try await session.perform(action)
    }
    func pause() async throws { try await session.apply(.pause) }
    func resume() async throws { try await session.apply(.resume) }
    func end() async throws { try await session.apply(.end(.endedByTrainer)) }
    func setSpeed(_ speed: Double) async throws { try await session.changeSpeed(speed) }
    func nextInject() async throws { try await session.advanceToNextInject() }
    func status(_ presenter: TerminalPresenter) async throws -> String { presenter.status(await session.status) }
    func answerSurvey(_ answer: SurveyAnswer) async throws { try await session.answerSurvey(answer) }
    func unansweredSurveyQuestions(participant: String) async -> [Int] {
        await session.snapshot.unansweredSurveyQuestions(participant: participant)
    }
    func quiz(participant: String) async throws -> QuizDocument {
        QuizDocument(scenario: session.scenario, given: await session.quizAnswers(participant: participant))
    }
    /// Counted for the department of the first role played at this terminal.
    func answerQuiz(question: String, choices: [Int], participant: String) async throws -> QuizResponse {
        let department = playedRoles.first.flatMap { session.scenario.role($0)?.department }
        try await session.answerQuiz([QuizAnswer(participant: participant, department: department, question: question, choices: choices)])
        return QuizResponse(given: await session.quizAnswers(participant: participant), in: session.scenario)
    }
}

/// A drill on a server, played with a player's token: actions go to the API (the server
/// parses them again with the whole scenario), steering belongs to the trainer.
struct RemoteDrillControl: DrillControl {
    let client: DrillClient
    let drillID: String

    func perform(_ action: PlayerAction, typed: String?, confirmed: Bool) async throws {
        // A typed line goes as typed (the server parses it with the whole scenario); an action
        // chosen after a question goes as structure.
        let request = if let typed {
            ActionRequest(role: action.role, command: typed, confirmed: confirmed)
        } else {
            ActionRequest(role: action.role, kind: action.kind, target: action.target, channel: action.channel, text: action.text, confirmed: confirmed)
        }
        do {
            try await client.act(drill: drillID, request)
        } catch let failure as DrillClient.Failure where failure.code == "did_you_mean" {
            guard let suggestion = failure.suggestion else { throw failure }
            throw AskBack(suggestion: suggestion)
        }
    }

    func pause() async throws { throw DrillClient.Failure(message: "only the trainer pauses the drill") }
    func resume() async throws { throw DrillClient.Failure(message: "only the trainer resumes the drill") }
    func end() async throws { throw DrillClient.Failure(message: "only the trainer ends the drill") }
    func setSpeed(_ speed: Double) async throws { throw DrillClient.Failure(message: "only the trainer sets the speed") }
    func nextInject() async throws { throw DrillClient.Failure(message: "only the trainer moves the clock on") }

    func status(_ presenter: TerminalPresenter) async throws -> String {
        let drill = try await client.drill(drillID)
        let strings = presenter.strings
        let state = switch drill.status {
        case .ready: strings[.ready]
        case .running: strings[.running]
        case .finished: strings[.ended]
        case .paused, .interrupted: strings[.paused]
        }
        return strings[.remoteStatus, [
            "time": DrillTime(seconds: drill.drillSeconds)?.wholeSecondsDescription ?? "?",
            "duration": presenter.scenario.duration.description, "state": state,
        ]]
    }

    func answerSurvey(_ answer: SurveyAnswer) async throws {
        try await client.answerSurvey(drill: drillID, answer)
    }

    func quiz(participant: String) async throws -> QuizDocument {
        try await client.quiz(drill: drillID)
    }

    func answerQuiz(question: String, choices: [Int], participant: String) async throws -> QuizResponse {
        try await client.answerQuiz(drill: drillID, [QuizRequest.Answer(question: question, choices: choices)])
    }

    /// The questions the server has no answer to from this participant (its token).
    func unansweredSurveyQuestions(participant: String) async -> [Int] {
        guard let drill = try? await client.drill(drillID) else { return [] }
        let answered = Set(drill.me.surveyAnswered)
        return drill.survey.indices.filter { !answered.contains($0) }
    }
}

/// An action not recorded because it may have been meant otherwise: the terminal asks the
/// player, then sends the suggestion or the action as it was (`confirmed`).
struct AskBack: Error, Sendable {
    var suggestion: ActionSuggestion
}
