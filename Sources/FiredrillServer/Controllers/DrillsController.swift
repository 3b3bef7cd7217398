import FiredrillCore
import FiredrillRecords
import FiredrillReporting
import FiredrillScenarios
import FiredrillStore
import FiredrillWire
import FiredrillYAML
import Foundation
import Hummingbird
import Logging

/// Making, listing, reading and steering drills: `/api/v1/drills…`.
struct DrillsController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    /// The bodies of scenario uploads may be this large; every other body 1 MB.
    static var uploadLimit: Int { 4 * 1_048_576 }

    // MARK: Drills

    @Sendable func create(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.requireTrainer(context, doing: "create drills")
        let language = try ScenariosController<C>.problemLanguage(request)
        let body = try await JSONBody.decode(CreateDrillRequest.self, from: request, limit: Self.uploadLimit)
        let speed = body.speed ?? 1
        let speedProblems = DrillSpeed.problems(speed)
        guard speedProblems.isEmpty else { throw APIError.invalid("invalid_speed", speedProblems.joined(separator: "; ")) }
        if body.version != nil, body.scenario == nil {
            throw APIError.invalid("version_without_scenario", "'version' picks a version of the library's scenario named in 'scenario'")
        }
        let resolved: ScenarioLibrary.Resolved
        switch (body.scenario, body.source) {
        case (let name?, nil):
            resolved = try ScenarioLibrary(database: parts.database).resolve(name, version: body.version, language: language)
        case (nil, let source?):
            let loaded = ScenarioLoader().load(data: Data(source.utf8), path: "upload")
            guard let scenario = loaded.scenario, let source = loaded.source else {
                let problems = loaded.formattedDiagnostics(in: language)
                let summary = ValidationMessage(problems.count == 1 ? .uploadProblem : .uploadProblems, ["count": .verbatim("\(problems.count)")])
                throw APIError.invalid("invalid_scenario", summary.text(in: language), problems: problems)
            }
            resolved = ScenarioLibrary.Resolved(scenario: scenario, source: source, path: "upload")
        case (.some, .some):
            throw APIError.invalid("ambiguous_scenario", "give either 'scenario' (a library or bundled scenario) or 'source' (scenario text), not both")
        case (nil, nil):
            throw APIError.invalid("missing_scenario", "give 'scenario' (a library scenario's id or a bundled scenario's name) or 'source' (YAML or JSON scenario text)")
        }
        let (drill, tokens) = try await parts.registry.create(scenario: resolved.scenario, source: resolved.source, path: resolved.path, speed: speed)
        return JSONBody.response(
            CreateDrillResponse(id: drill.runID, status: .ready, tokens: tokens, links: tokens.map(parts.link(for:))),
            status: .created
        )
    }

    @Sendable func list(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try parts.require(context, ["trainer", "committee"], doing: "list every drill")
        var items: [DrillList.Item] = []
        for drill in await parts.registry.all {
            let state = await drill.state()
            items.append(DrillList.Item(
                id: drill.runID, scenarioID: drill.scenario.id, title: drill.scenario.title, status: state.status,
                drillSeconds: state.drillTime.seconds, createdAt: drill.createdAt
            ))
        }
        if parts.registry.cluster != nil {
            items += await parts.registry.listedElsewhere(excluding: Set(items.map(\.id)), authorization: request.headers[.authorization])
        }
        items.sort { ($0.createdAt, $0.id) > ($1.createdAt, $1.id) }
        return JSONBody.response(DrillList(drills: items))
    }

    @Sendable func show(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["trainer", "evaluator", "observer", "player", "committee"], doing: "read this drill")
        return JSONBody.response(await parts.document(drill, for: caller))
    }

    @Sendable func start(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try await steer(context, "start") { try await $0.start() }
    }
    @Sendable func pause(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try await steer(context, "pause") { try await $0.steer(.pause) }
    }
    @Sendable func resume(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try await steer(context, "resume") { try await $0.steer(.resume) }
    }
    @Sendable func end(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try await steer(context, "end") { try await $0.steer(.end(.endedByTrainer)) }
    }
    @Sendable func nextInject(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        try await steer(context, "go to the next inject") { try await $0.steer(.nextInject) }
    }

    func steer(_ context: FiredrillRequestContext, _ verb: String, _ change: (LiveDrill<C>) async throws -> Void) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["trainer"], doing: "\(verb) the drill")
        try await change(drill)
        let document = await parts.document(drill, for: caller)
        parts.registry.logger.info("drill \(verb)", metadata: [
            "run": "\(drill.runID)", "status": "\(document.status.rawValue)", "drill_seconds": "\(document.drillSeconds)",
        ])
        return JSONBody.response(document)
    }

    @Sendable func speed(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["trainer"], doing: "set the drill's speed")
        let body = try await JSONBody.decode(SpeedRequest.self, from: request)
        try await drill.setSpeed(body.speed)
        return JSONBody.response(await parts.document(drill, for: caller))
    }

    @Sendable func inject(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["trainer"], doing: "send ad-lib injects")
        let body = try await JSONBody.decode(AdlibRequest.self, from: request)
        let inject = AdlibInject(to: body.to, channel: body.channel, from: body.from, subject: body.subject, body: body.body)
        let event = try await drill.deliver(inject)
        return JSONBody.response(drill.hub.view(of: event, for: caller.audience), status: .created)
    }

    /// The live board: objectives, metrics and (for the staff) the schedule of injects.
    @Sendable func progress(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, caller) = try await parts.access(context, ["trainer", "evaluator", "observer", "committee"], doing: "read the drill's progress")
        guard let seen = Visibility.progress(await drill.progress(), for: caller.audience) else {
            throw APIError.forbidden("a \(caller.kindName) token may not read the drill's progress")
        }
        return JSONBody.response(seen)
    }

    @Sendable func report(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["trainer", "evaluator", "observer", "committee"], doing: "read the report")
        guard let format = ReportShelf.Format(rawValue: request.uri.queryParameters.get("format") ?? "json") else {
            throw APIError.badRequest("'format' is json, md or html")
        }
        guard await drill.state().status == .finished else {
            throw APIError.conflict("drill_not_ended", "the report is written when the drill has ended")
        }
        let text = try await parts.reports.rendering(of: drill.runID, as: format, from: parts.database)
        switch format {
        case .md:
            return JSONBody.text(text, contentType: "text/markdown; charset=utf-8")
        case .html:
            var response = JSONBody.text(text, contentType: "text/html; charset=utf-8")
            // A document to read, print or file: its own inline styles, no script, nothing fetched.
            response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware.reportPolicy
            return response
        case .json:
            return JSONBody.text(text, contentType: "application/json; charset=utf-8")
        }
    }
}

extension ServerParts {
    /// A drill as its caller may see it.
    func document(_ drill: LiveDrill<C>, for caller: Caller) async -> DrillDocument {
        let state = await drill.state()
        let scenario = drill.scenario
        let token: AccessToken? = if case .token(let token) = caller { tokens.current(token.id) ?? token } else { nil }
        let next: Double? = caller.audience.isStaff ? await drill.nextInjectTime()?.seconds : nil
        return DrillDocument(
            id: drill.runID, scenarioID: scenario.id, title: scenario.title, status: state.status,
            drillSeconds: state.drillTime.seconds, durationSeconds: scenario.duration.seconds, speed: state.speed,
            briefing: scenario.briefing, summary: caller.audience.seesProgress ? scenario.summary : nil,
            language: scenario.language, channels: scenario.channels,
            roles: scenario.roles.map { RoleDocument(id: $0.id, name: $0.name, department: $0.department, simulated: $0.isSimulated) },
            myRoles: caller.roles,
            me: CallerDocument(
                kind: caller.kindName, roles: caller.roles, tokenID: token?.id, label: token?.label, name: token?.displayName,
                surveyAnswered: await drill.surveyAnswered(by: caller)
            ),
            survey: scenario.survey.map { SurveyQuestionDocument(question: $0.text, kind: $0.kind) },
            createdAt: drill.createdAt, mode: .live, lastSeq: drill.hub.lastSequence, nextInjectSeconds: next,
            roleCards: Visibility.roleCards(in: scenario, for: caller.audience).map {
                RoleCardDocument(role: $0.id, name: $0.name, responsibilities: $0.responsibilities)
            },
            quizQuestions: scenario.quiz.count
        )
    }
}
