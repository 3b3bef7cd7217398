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
/// | speed changed, clock advanced | yes | yes | yes |
/// | observation, adjudication, survey answer | no | no | yes |
///
/// The drill's progress (objective board, metrics, the schedule of injects) follows the
/// same rule: see ``progress(_:for:)``.
public enum Visibility {
    /// Whether `audience` sees `event` at all.
    public static func canSee(_ event: DrillEvent, audience: Audience, scenario: Scenario) -> Bool {
        switch event.kind {
        case .started, .paused, .interrupted, .resumed, .ended, .speedChanged, .clockAdvanced:
            return true
        case .injectSkipped, .observation, .surveyAnswer, .quizAnswer, .adjudication:
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
        of event: DrillEvent, met: [DrillFeed.Met], wallTime: String?, for audience: Audience, scenario: Scenario, staffNotes: Bool = true
    ) -> EventView? {
        guard canSee(event, audience: audience, scenario: scenario) else { return nil }
        var view = EventView(seq: event.sequence, type: event.typeName, atSeconds: event.time.seconds, wallTime: wallTime)
        switch event.kind {
        case .started, .paused, .interrupted, .resumed:
            break
        case .ended(let reason):
            view.reason = reason.rawValue
        case .injectDelivered(let id), .injectSkipped(let id):
            let inject = scenario.inject(id)
            view.inject = id
            view.to = inject.map { .init($0.to) }
            view.channel = inject?.channel
            view.from = inject?.from
            view.subject = inject?.subject
            view.body = inject?.body
            view.adlib = false
            if audience.isStaff, staffNotes {
                view.showsStaffNotes = true
                view.expect = inject?.expect
                view.notes = inject?.notes
            }
        case .adlibInject(let inject):
            view.inject = inject.id
            view.to = .init(inject.to)
            view.channel = inject.channel
            view.from = inject.from
            view.subject = inject.subject
            view.body = inject.body
            view.adlib = true
        case .action(let action):
            view.role = action.role
            view.kind = action.kind
            view.target = action.target
            view.channel = action.channel
            view.text = action.text
            view.inReplyTo = action.inReplyTo
            if audience.seesProgress { view.met = met }
        case .personaReply(let persona, let to, let text):
            view.role = persona
            view.to = .role(to)
            view.text = text
        case .observation(let observation):
            view.objective = observation.objective
            view.rating = observation.rating
            view.text = observation.text
            view.by = observation.by
        case .surveyAnswer(let answer):
            view.participant = answer.participant
            view.question = answer.question
            view.score = answer.score
            view.comment = answer.comment
        case .quizAnswer(let answer):
            view.participant = answer.participant
            view.department = answer.department
            view.quizQuestion = answer.question
            view.choices = answer.choices
        case .adjudication(let adjudication):
            view.action = adjudication.action
            view.objective = adjudication.objective
            view.decision = adjudication.decision
            view.note = adjudication.note
            view.by = adjudication.by
        case .speedChanged(let speed):
            view.speed = speed
        case .clockAdvanced(let from):
            view.fromSeconds = from.seconds
        }
        return view
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
}

extension Visibility {
    /// The role cards (a role's written responsibilities) `audience` sees: a player those of
    /// its own roles, never another role's; the exercise staff and observers every card, to
    /// compare the roles as written with the roles as played.
    public static func roleCards(in scenario: Scenario, for audience: Audience) -> [Role] {
        scenario.roles.filter { role in
            guard !role.responsibilities.isEmpty else { return false }
            if case .player(let roles) = audience { return roles.contains(role.id) }
            return true
        }
    }
}
