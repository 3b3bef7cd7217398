import FiredrillCore
import FiredrillStore
import Prometheus
import Foundation
import Hummingbird

/// What people in a drill do: players act and answer the survey, evaluators record
/// observations, anyone with a drill token gives the name they are known by.
struct ParticipationController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    /// The longest command or observation text accepted, in characters.
    static var maximumText: Int { 2_000 }

    func addRoutes(to api: RouterGroup<FiredrillRequestContext>) {
        api.post("drills/:id/actions", use: act)
        api.post("drills/:id/observations", use: observe)
        api.post("drills/:id/survey", use: answerSurvey)
        api.post("drills/:id/me", use: setName)
    }

    /// An action by one of the caller's roles: parsed with the same vocabulary as the terminal
    /// and scripts, recorded, and answered 201 with its event only once it is committed.
    @Sendable func act(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let (drill, caller) = try await parts.access(context, ["player", "trainer"], doing: "act in the drill")
        let body = try await JSONBody.decode(ActionRequest.self, from: request)
        let scenario = drill.scenario
        guard let role = scenario.roles.first(where: { $0.id == body.role })
            ?? scenario.roles.first(where: { $0.id.lowercased() == body.role.lowercased() }) else {
            throw APIError.invalid("unknown_role", "the scenario has no role '\(body.role.prefix(60))'; roles: \(scenario.roles.map(\.id).joined(separator: ", "))")
        }
        if case .token = caller, !caller.roles.contains(role.id) {
            throw APIError.forbidden("this token plays \(caller.roles.joined(separator: ", ")), not '\(role.id)'")
        }
        guard !role.isSimulated else {
            throw APIError.invalid("simulated_role", "'\(role.id)' is a simulated person; only played roles act")
        }
        guard body.command.count <= ActionCommand.maximumLength else {
            throw APIError.invalid("command_too_long", "the command has \(body.command.count) characters; at most \(Self.maximumText) are accepted")
        }
        let action: PlayerAction
        switch ActionCommand.parse(body.command, role: role.id, in: scenario, roles: drill.roleDirectory) {
        case .success(let parsed): action = parsed
        case .failure(let error): throw APIError.invalid("unparseable_command", error.message)
        }
        let event = try await ServerParts<C>.translating { try await drill.perform(action) }
        parts.metrics.actionLatency.record(started.duration(to: .now))
        return JSONBody.response(drill.hub.view(of: event, for: caller.audience), status: .created)
    }

    @Sendable func observe(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["evaluator", "trainer"], doing: "record observations")
        let body = try await JSONBody.decode(ObservationRequest.self, from: request)
        var rating: Scoring.Rating? = nil
        if let text = body.rating, !text.isEmpty {
            guard let parsed = Scoring.Rating(rawValue: text.uppercased()) else {
                throw APIError.invalid("invalid_rating", "'rating' is P, S, M or U (or null), not '\(text.prefix(20))'")
            }
            rating = parsed
        }
        guard body.text.count <= Self.maximumText else {
            throw APIError.invalid("text_too_long", "the observation has \(body.text.count) characters; at most \(Self.maximumText) are accepted")
        }
        let by: String = if case .token(let token) = caller { token.label } else { "trainer" }
        let observation = Observation(objective: body.objective.flatMap { $0.isEmpty ? nil : $0 }, rating: rating, text: body.text, by: by)
        let problems = observation.problems(in: drill.scenario)
        guard problems.isEmpty else { throw APIError.invalid("invalid_observation", problems.joined(separator: "; "), problems: problems) }
        let event = try await ServerParts<C>.translating { try await drill.observe(observation) }
        return JSONBody.response(drill.hub.view(of: event, for: caller.audience), status: .created)
    }

    /// A participant's survey answers, after the drill ended: each participant (token)
    /// answers for themselves, recorded under the token's label, never a name.
    @Sendable func answerSurvey(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["player"], doing: "answer the survey")
        guard case .token(let token) = caller else { throw APIError.forbidden("only players answer the survey") }
        let body = try await JSONBody.decode(SurveyRequest.self, from: request)
        guard !body.answers.isEmpty else { throw APIError.invalid("no_answers", "'answers' is empty") }
        guard body.answers.count <= max(1, drill.scenario.survey.count) * 2 else {
            throw APIError.invalid("too_many_answers", "the survey has \(drill.scenario.survey.count) questions")
        }
        let answers = body.answers.map {
            SurveyAnswer(participant: token.label, question: $0.question.value, score: $0.score?.value, comment: $0.comment ?? $0.text)
        }
        let recorded = try await ServerParts<C>.translating { try await drill.answerSurvey(answers) }
        return JSONBody.response(SurveyResponse(recorded: recorded), status: .created)
    }

    /// The name a participant is known by in the drill (shown to the trainer; never in
    /// reports, which speak of roles).
    @Sendable func setName(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["player", "evaluator", "observer"], doing: "set a name")
        guard case .token(let token) = caller else { throw APIError.forbidden("the trainer has no display name") }
        let body = try await JSONBody.decode(NameRequest.self, from: request)
        let name = try Participant.validName(body.name)
        let updated = try parts.database.setDisplayName(tokenID: token.id, name: name)
        parts.tokens.update(updated)
        return JSONBody.response(await parts.document(drill, for: .token(updated)))
    }
}
