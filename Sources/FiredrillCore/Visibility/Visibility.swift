/// Who sees what of a drill: one pure function, used by the terminal, the event streams
/// and the browser pages alike.
///
/// | event | player of roles R | observer | evaluator, trainer |
/// |---|---|---|---|
/// | started, paused, interrupted, resumed, ended | yes | yes | yes |
/// | inject delivered (scenario or ad-lib) | if addressed to a role in R | yes | yes, with `expect` and `notes` |
/// | inject skipped | no | no | yes |
/// | action | by a role in R, or an escalation to a role in R | yes, with `met` | yes, with `met` |
/// | persona reply | to a role in R | yes | yes |
/// | observation, survey answer | no | no | yes |
///
/// The drill's progress (objective board, metrics, the schedule of injects) follows the
/// same rule: see ``progress(_:for:)``.
public enum Visibility {
    /// Whether `audience` sees `event` at all.
    public static func canSee(_ event: DrillEvent, audience: Audience, scenario: Scenario) -> Bool {
        switch event.kind {
        case .started, .paused, .interrupted, .resumed, .ended:
            return true
        case .injectSkipped, .observation, .surveyAnswer:
            return audience.isStaff
        case .injectDelivered(let id):
            guard case .player(let roles) = audience else { return true }
            guard let inject = scenario.inject(id) else { return false }
            return reaches(inject.to, roles: roles, scenario: scenario)
        case .adlibInject(let inject):
            guard case .player(let roles) = audience else { return true }
            return reaches(inject.to, roles: roles, scenario: scenario)
        case .action(let action):
            guard case .player(let roles) = audience else { return true }
            return roles.contains(action.role) || (action.kind == .escalate && action.target.map(roles.contains) == true)
        case .personaReply(_, let to, _):
            guard case .player(let roles) = audience else { return true }
            return roles.contains(to)
        }
    }

    /// Whether an inject addressed to `recipients` reaches a player of `roles`.
    static func reaches(_ recipients: Recipients, roles: Set<String>, scenario: Scenario) -> Bool {
        switch recipients {
        case .all: roles.contains { scenario.role($0)?.isSimulated == false }
        case .roles(let ids): ids.contains(where: roles.contains)
        }
    }

    /// What `audience` sees of `event`, or `nil` when it sees nothing of it.
    ///
    /// - Parameters:
    ///   - met: The objectives the event met (from ``DrillFeed``); shown to audiences that see progress.
    ///   - wallTime: When the event was recorded (ISO-8601 UTC), if known.
    public static func view(
        of event: DrillEvent, met: [DrillFeed.Met], wallTime: String?, for audience: Audience, scenario: Scenario
    ) -> EventView? {
        guard canSee(event, audience: audience, scenario: scenario) else { return nil }
        var fields: [EventView.Field] = []
        func add(_ key: String, _ value: EventView.Value) { fields.append(EventView.Field(key: key, value: value)) }
        switch event.kind {
        case .started, .paused, .interrupted, .resumed:
            break
        case .ended(let reason):
            add("reason", .string(reason.rawValue))
        case .injectDelivered(let id), .injectSkipped(let id):
            let inject = scenario.inject(id)
            add("inject", .string(id))
            add("to", recipients(inject?.to))
            add("channel", .string(inject?.channel))
            add("from", .string(inject?.from))
            add("subject", .string(inject?.subject))
            add("body", .string(inject?.body))
            add("adlib", .bool(false))
            if audience.isStaff {
                add("expect", .string(inject?.expect))
                add("notes", .string(inject?.notes))
            }
        case .adlibInject(let inject):
            add("inject", .string(inject.id))
            add("to", recipients(inject.to))
            add("channel", .string(inject.channel))
            add("from", .string(inject.from))
            add("subject", .string(inject.subject))
            add("body", .string(inject.body))
            add("adlib", .bool(true))
        case .action(let action):
            add("role", .string(action.role))
            add("kind", .string(action.kind.rawValue))
            add("target", .string(action.target))
            add("channel", .string(action.channel))
            add("text", .string(action.text))
            if audience.seesProgress { add("met", .met(met)) }
        case .personaReply(let persona, let to, let text):
            add("role", .string(persona))
            add("to", .string(to))
            add("text", .string(text))
        case .observation(let observation):
            add("objective", .string(observation.objective))
            add("rating", .string(observation.rating?.rawValue))
            add("text", .string(observation.text))
            add("by", .string(observation.by))
        case .surveyAnswer(let answer):
            add("participant", .string(answer.participant))
            add("question", .int(answer.question))
            add("score", .int(answer.score))
            add("comment", .string(answer.comment))
        }
        return EventView(seq: event.sequence, type: event.typeName, atSeconds: event.time.seconds, wallTime: wallTime, fields: fields)
    }

    /// What `audience` sees of the drill's progress: the staff see all of it; observers the
    /// objectives and metrics without `expect` and without the schedule of injects (what is
    /// still to come is the staff's); players see none of it.
    public static func progress(_ progress: DrillProgress, for audience: Audience) -> DrillProgress? {
        switch audience {
        case .player: return nil
        case .evaluator, .trainer: return progress
        case .observer:
            var seen = progress
            seen.injects = nil
            for index in seen.objectives.indices { seen.objectives[index].expected = nil }
            return seen
        }
    }

    private static func recipients(_ recipients: Recipients?) -> EventView.Value {
        switch recipients {
        case .all?: .string("all")
        case .roles(let ids)?: .strings(ids)
        case nil: .string(nil)
        }
    }
}
