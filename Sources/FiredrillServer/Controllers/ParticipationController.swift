import FiredrillCore
import FiredrillStore
import FiredrillWire
import Foundation
import Hummingbird
import Prometheus

/// What people in a drill do: players act and answer the survey, evaluators record
/// observations and decide on actions, anyone with a drill token gives the name they are
/// known by. The controller reads the request and names the caller; the core decides.
struct ParticipationController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    /// An action by one of the caller's roles, typed as a command or sent as structure;
    /// answered 201 with its event only once it is committed. A report that names another
    /// role is asked back (`did_you_mean`, 422, with the suggestion) unless `confirmed`.
    @Sendable func act(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        let (drill, caller) = try await parts.access(context, ["player", "trainer"], doing: "act in the drill")
        let body = try await JSONBody.decode(ActionRequest.self, from: request)
        let scenario = drill.scenario
        let role = try scenario.playableRoles([body.role])[0]
        if case .token = caller, !caller.roles.contains(role) {
            throw APIError.forbidden("this token plays \(caller.roles.joined(separator: ", ")), not '\(role)'")
        }
        var action: PlayerAction
        switch (body.command, body.kind) {
        case (let command?, nil):
            switch ActionCommand.parse(command, role: role, in: scenario, roles: drill.roleDirectory) {
            case .success(let parsed): action = parsed
            case .failure(let error): throw APIError.invalid(error.code, error.message)
            }
        case (nil, let kind?):
            action = .structured(PlayerAction(role: role, kind: kind, text: body.text ?? "", target: body.target, channel: body.channel))
        case (.some, .some):
            throw APIError.invalid("ambiguous_action", "give either 'command' (a typed line) or 'kind' with 'text' (and 'target', 'channel' for an escalation), not both")
        case (nil, nil):
            throw APIError.invalid("missing_action", "give 'command' (a typed line such as \"ack seen\") or 'kind' (acknowledge, escalate, action, communicate, report, resolve)")
        }
        action.inReplyTo = body.inReplyTo
        if body.confirmed != true, let suggestion = ActionAdvice.suggestion(for: action, in: scenario) {
            throw APIError(
                .unprocessableContent, "did_you_mean",
                "this report names \(suggestion.targetName ?? suggestion.target ?? "another role"): did you mean to escalate to them? Send it again as an escalation, or with \"confirmed\": true to keep it a report",
                suggestion: suggestion
            )
        }
        let event = try await drill.perform(action)
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
        let observation = Observation(objective: body.objective.flatMap { $0.isEmpty ? nil : $0 }, rating: rating, text: body.text, by: caller.evaluatorLabel)
        let event = try await drill.observe(observation)
        return JSONBody.response(drill.hub.view(of: event, for: caller.audience), status: .created)
    }

    /// The evaluators' queue: actions matching did not count although an objective they may
    /// have meant is open or missed, and matches nobody has confirmed.
    @Sendable func adjudicationQueue(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["evaluator", "trainer"], doing: "read the evaluators' queue")
        return JSONBody.response(await drill.adjudicationQueue())
    }

    /// An evaluator's decision on an action and an objective, during or after the drill.
    @Sendable func adjudicate(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["evaluator", "trainer"], doing: "decide on actions")
        let body = try await JSONBody.decode(AdjudicationRequest.self, from: request)
        guard let decision = Adjudication.Decision(rawValue: body.decision) else {
            throw APIError.invalid("invalid_decision", "'decision' is credit or reject, not '\(body.decision.prefix(20))'")
        }
        let adjudication = Adjudication(action: body.action.value, objective: body.objective, decision: decision, note: body.note, by: caller.evaluatorLabel)
        let event = try await drill.adjudicate(adjudication)
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
        let recorded = try await drill.answerSurvey(answers)
        return JSONBody.response(SurveyResponse(recorded: recorded), status: .created)
    }

    /// The quiz for a player, after the drill ended: the questions without the key, and the
    /// key of the questions this player has answered.
    @Sendable func quiz(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["player"], doing: "take the quiz")
        guard case .token(let token) = caller else { throw APIError.forbidden("only players take the quiz") }
        guard await drill.hasEnded() else { throw EngineError.quizBeforeEnd }
        let given = await drill.quizAnswers(by: token.label)
        return JSONBody.response(QuizDocument(scenario: drill.scenario, given: given))
    }

    /// A player's quiz answers, after the drill ended: each question once (a second answer is
    /// 409), all or none recorded; the key comes back for every question answered.
    @Sendable func answerQuiz(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["player"], doing: "answer the quiz")
        guard case .token(let token) = caller else { throw APIError.forbidden("only players answer the quiz") }
        let body = try await JSONBody.decode(QuizRequest.self, from: request)
        guard !body.answers.isEmpty else { throw APIError.invalid("no_answers", "'answers' is empty") }
        guard body.answers.count <= max(1, drill.scenario.quiz.count) else {
            throw APIError.invalid("too_many_answers", "the quiz has \(drill.scenario.quiz.count) questions")
        }
        let department = token.roles.first.flatMap { drill.scenario.role($0)?.department }
        let answers = body.answers.map {
            QuizAnswer(participant: token.label, department: department, question: $0.question, choices: $0.choices.map(\.value))
        }
        let given = try await drill.answerQuiz(answers)
        return JSONBody.response(QuizResponse(given: given, in: drill.scenario), status: .created)
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

extension Caller {
    /// How observations and decisions name who made them: a token's label, never a name.
    var evaluatorLabel: String {
        if case .token(let token) = self { return token.label }
        return "trainer"
    }
}
