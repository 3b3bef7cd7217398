import FiredrillCore

/// What a terminal drill acts on: the drill session in this process (`run`, `resume`), or a
/// drill on a server (`join`). The terminal turns typed lines into these calls; a refusal
/// is an error whose description is shown to the player.
protocol DrillControl: Sendable {
    /// Records an action; `typed` is the command as the player wrote it.
    func perform(_ action: PlayerAction, typed: String) async throws
    func pause() async throws
    func resume() async throws
    func end() async throws
    /// One line on where the drill stands.
    func status(_ presenter: TerminalPresenter) async throws -> String
    func answerSurvey(_ answer: SurveyAnswer) async throws
    /// The survey questions this terminal's participant has not answered.
    func unansweredSurveyQuestions(participant: String) async -> [Int]
}

/// The drill session in this process.
struct LocalDrillControl: DrillControl {
    let session: DrillSession<ContinuousClock>

    func perform(_ action: PlayerAction, typed: String) async throws { try await session.perform(action) }
    func pause() async throws { try await session.pause() }
    func resume() async throws { try await session.resume() }
    func end() async throws { try await session.end(reason: .endedByTrainer) }
    func status(_ presenter: TerminalPresenter) async throws -> String { presenter.status(await session.status) }
    func answerSurvey(_ answer: SurveyAnswer) async throws { try await session.answerSurvey(answer) }
    func unansweredSurveyQuestions(participant: String) async -> [Int] {
        await session.snapshot.unansweredSurveyQuestions(participant: participant)
    }
}

/// A drill on a server, played with a player's token: actions go to the API (the server
/// parses them again with the whole scenario), steering belongs to the trainer.
struct RemoteDrillControl: DrillControl {
    let client: DrillClient
    let drillID: String

    func perform(_ action: PlayerAction, typed: String) async throws {
        try await client.act(drill: drillID, role: action.role, command: typed)
    }

    func pause() async throws { throw DrillClient.Failure(message: "only the trainer pauses the drill") }
    func resume() async throws { throw DrillClient.Failure(message: "only the trainer resumes the drill") }
    func end() async throws { throw DrillClient.Failure(message: "only the trainer ends the drill") }

    func status(_ presenter: TerminalPresenter) async throws -> String {
        let drill = try await client.drill(drillID)
        let strings = presenter.strings
        let state = switch drill.status {
        case "ready": strings.ready
        case "running": strings.running
        case "finished": strings.ended
        default: strings.paused
        }
        return strings.remoteStatus(
            time: DrillTime(seconds: drill.drillSeconds)?.wholeSecondsDescription ?? "?",
            duration: presenter.scenario.duration.description, state: state
        )
    }

    func answerSurvey(_ answer: SurveyAnswer) async throws {
        try await client.answerSurvey(drill: drillID, answer)
    }

    /// The questions the server has no answer to from this participant (its token).
    func unansweredSurveyQuestions(participant: String) async -> [Int] {
        guard let drill = try? await client.drill(drillID) else { return [] }
        let answered = Set(drill.me.surveyAnswered)
        return drill.survey.indices.filter { !answered.contains($0) }
    }
}
