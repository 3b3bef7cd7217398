@testable import FiredrillCore

/// Scenarios built in code for engine tests; each test states the numbers it relies on.
enum Fixtures {
    /// A 30-minute drill: ops and sec play; `boss` is a persona reachable by phone only,
    /// replying 2 minutes after an escalation.
    ///
    /// - `alert` at 1m to ops; `angry` at 10m if not met(esc); `follow` 1m after met(esc);
    ///   `chain` when delivered(follow) (no delay); `never` when delivered(skipme) …
    /// - objectives: `ack` (acknowledge from alert, target 2m, limit 4m), `esc` (escalate to
    ///   boss, target 5m, limit 15m, weight 2), `fix` (action matching renew/certificate,
    ///   target 20m, limit 40m by default).
    static func certificate(
        extraInjects: [Inject] = [], extraObjectives: [Objective] = []
    ) -> Scenario {
        Scenario(
            id: "cert", title: "Certificate expiry", duration: .seconds(1800),
            roles: [
                Role(id: "ops", name: "On-call engineer", department: "Operations"),
                Role(id: "sec", name: "Security officer", department: "Security"),
                Role(id: "boss", name: "Supervisor", persona: Persona(channels: ["phone"], delay: .seconds(120), reply: "Call the vendor.")),
            ],
            injects: [
                Inject(id: "alert", to: .roles(["ops"]), channel: "monitoring", subject: "TLS failures", trigger: .at(.seconds(60))),
                Inject(id: "angry", to: .all, channel: "chat", subject: "CTO asks", trigger: .at(.seconds(600)),
                       guardCondition: .not(.met("esc"))),
                Inject(id: "follow", to: .roles(["ops"]), channel: "email", subject: "Vendor ticket",
                       trigger: .when(.met("esc"), delay: .seconds(60))),
                Inject(id: "chain", to: .roles(["sec"]), channel: "email", subject: "Chained",
                       trigger: .when(.delivered("follow"), delay: .zero)),
            ] + extraInjects,
            objectives: [
                Objective(id: "ack", kind: .acknowledge, from: "alert", target: .seconds(120)),
                Objective(id: "esc", kind: .escalate, target: .seconds(300), limit: .seconds(900), weight: 2, to: "boss"),
                Objective(id: "fix", kind: .action, target: .seconds(1200), match: ["renew", "certificate"]),
            ] + extraObjectives
        )
    }

    static func action(_ role: String, _ kind: ActionKind, _ text: String = "", to target: String? = nil, via channel: String? = nil) -> PlayerAction {
        PlayerAction(role: role, kind: kind, text: text, target: target,
                     channel: kind == .escalate ? (channel ?? "chat") : nil)
    }
}

extension DrillEngine {
    /// The event log as `time type detail` strings, for readable assertions.
    var trace: [String] { events.map(\.traceLine) }
}

extension DrillEvent {
    var traceLine: String {
        let detail: String = switch kind {
        case .started, .paused, .resumed, .interrupted: ""
        case .injectDelivered(let id), .injectSkipped(let id): " " + id
        case .action(let action): " " + action.role + " " + action.commandLine
        case .personaReply(let persona, let to, _): " " + persona + "->" + to
        case .ended(let reason): " " + reason.rawValue
        case .surveyAnswer(let answer): " \(answer.question):\(answer.score.map(String.init) ?? "")"
        case .quizAnswer(let answer): " \(answer.question):\(answer.choices.map(String.init).joined(separator: ","))"
        case .adlibInject(let inject): " " + inject.id
        case .observation(let observation): " " + (observation.objective ?? "-") + " " + (observation.rating?.rawValue ?? "-")
        case .adjudication(let adjudication): " \(adjudication.action) \(adjudication.objective) \(adjudication.decision.rawValue)"
        case .speedChanged(let speed): " \(speed)"
        case .clockAdvanced(let from): " from \(from)"
        }
        return "\(time) \(typeName)\(detail)"
    }
}
