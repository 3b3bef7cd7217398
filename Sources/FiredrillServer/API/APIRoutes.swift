import FiredrillCore
import Hummingbird

/// Every route of `/api/v1`, in one table: what a method and path calls, in the order of
/// `openapi.json`'s paths. The controllers hold the handlers; each handler reads the request,
/// names the caller and hands the decision to the core.
struct APIRoutes<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func add(to api: RouterGroup<FiredrillRequestContext>) {
        let drills = DrillsController(parts: parts)
        api.post("drills", use: drills.create)
        api.get("drills", use: drills.list)
        api.get("drills/:id", use: drills.show)
        api.post("drills/:id/start", use: drills.start)
        api.post("drills/:id/pause", use: drills.pause)
        api.post("drills/:id/resume", use: drills.resume)
        api.post("drills/:id/end", use: drills.end)
        api.post("drills/:id/next", use: drills.nextInject)
        api.post("drills/:id/speed", use: drills.speed)
        api.post("drills/:id/injects", use: drills.inject)
        api.get("drills/:id/report", use: drills.report)
        api.get("drills/:id/progress", use: drills.progress)
        api.get("drills/:id/events", use: EventStreamController(parts: parts).stream)

        let participation = ParticipationController(parts: parts)
        api.post("drills/:id/actions", use: participation.act)
        api.post("drills/:id/observations", use: participation.observe)
        api.get("drills/:id/adjudications", use: participation.adjudicationQueue)
        api.post("drills/:id/adjudications", use: participation.adjudicate)
        api.post("drills/:id/survey", use: participation.answerSurvey)
        api.get("drills/:id/quiz", use: participation.quiz)
        api.post("drills/:id/quiz", use: participation.answerQuiz)
        api.post("drills/:id/me", use: participation.setName)

        let tokens = TokensController(parts: parts)
        api.post("drills/:id/tokens", use: tokens.create)
        api.get("drills/:id/tokens", use: tokens.list)
        api.delete("drills/:id/tokens/:token", use: tokens.revoke)
        api.get("session", use: tokens.session)

        let scenarios = ScenariosController(parts: parts)
        api.get("scenarios", use: scenarios.list)
        api.post("scenarios", use: scenarios.create)
        api.post("scenarios/validate", use: scenarios.validate)
        api.post("scenarios/convert", use: scenarios.convert)
        api.post("scenarios/import", use: scenarios.importSpreadsheet)
        api.get("scenarios/:id", use: scenarios.show)
        api.put("scenarios/:id", use: scenarios.update)
        api.get("scenarios/:id/versions/:version", use: scenarios.showVersion)
        api.get("scenarios/:id/diff", use: scenarios.diff)
        api.get("scenarios/:id/source", use: scenarios.source)
        api.get("scenarios/:id/msel", use: scenarios.exportSpreadsheet)

        let records = RecordsController(parts: parts)
        api.get("history", use: records.history)
        api.get("trends", use: records.trends)
        api.get("exports", use: records.export)
        api.get("actions", use: records.actions)
        api.post("actions", use: records.addAction)
        api.post("actions/:id/close", use: records.closeAction)
        api.post("tokens", use: records.issueToken)
        api.get("tokens", use: records.listTokens)
        api.delete("tokens/:id", use: records.revokeToken)

        let nearMisses = NearMissesController(parts: parts, limiter: SubmissionLimiter(limit: parts.configuration.nearMissLimit))
        api.post("near-misses", use: nearMisses.submit)
        api.get("near-misses", use: nearMisses.list)
        api.get("near-misses/backlog", use: nearMisses.backlog)
        api.get("near-misses/digest", use: nearMisses.digest)
        api.put("near-misses/digest/:month", use: nearMisses.pick)
    }
}
