import AsyncHTTPClient
import FiredrillCore
import Foundation
import NIOCore
import NIOHTTP1

/// A client of `firedrill serve`'s API with one token: what `firedrill join` (and the live
/// benchmark) use to read a drill, act in it and follow its event stream.
struct DrillClient: Sendable {
    let http: HTTPClient
    /// `http://host:port`, without a trailing slash.
    let base: String
    let token: String

    /// An answer other than 2xx: the API's error message, or what went wrong on the way.
    struct Failure: Error, CustomStringConvertible {
        var status: Int?
        var code: String?
        var message: String

        var description: String { message }

        init(status: Int? = nil, code: String? = nil, message: String) {
            self.status = status
            self.code = code
            self.message = message
        }
    }

    /// Who the token belongs to (`GET /api/v1/session`).
    struct Session: Decodable {
        var kind: String
        var drillID: String?
        var roles: [String]

        enum CodingKeys: String, CodingKey {
            case kind, drillID = "drill_id", roles
        }
    }

    /// A drill as a player sees it (`GET /api/v1/drills/{id}`).
    struct Drill: Decodable {
        struct Role: Decodable {
            var id: String
            var name: String
            var department: String?
            var simulated: Bool
        }

        struct Question: Decodable {
            var question: String
            var kind: SurveyQuestion.Kind
        }

        var id: String
        var title: String
        var status: String
        var drillSeconds: Double
        var durationSeconds: Double
        var speed: Double
        var briefing: String?
        var language: String
        var channels: [String]
        var roles: [Role]
        var myRoles: [String]
        var survey: [Question]
        var me: Me

        /// The caller, as the server knows it.
        struct Me: Decodable {
            /// The survey questions this participant has answered.
            var surveyAnswered: [Int]

            enum CodingKeys: String, CodingKey {
                case surveyAnswered = "survey_answered"
            }
        }

        enum CodingKeys: String, CodingKey {
            case id, title, status, drillSeconds = "drill_seconds", durationSeconds = "duration_seconds", speed, briefing, language
            case channels, roles, myRoles = "my_roles", survey, me
        }

        /// The scenario as far as a player knows it: its title, briefing, roles (simulated
        /// ones without their rules), channels and survey; none of its injects or objectives.
        var playerScenario: Scenario {
            var scenario = Scenario(
                id: id, title: title, duration: DrillTime(seconds: durationSeconds) ?? .zero,
                roles: roles.map { FiredrillCore.Role(id: $0.id, name: $0.name, department: $0.department, persona: $0.simulated ? Persona() : nil) },
                injects: [], objectives: []
            )
            scenario.briefing = briefing
            scenario.language = language
            scenario.channels = channels
            scenario.survey = survey.map { SurveyQuestion($0.question, kind: $0.kind) }
            return scenario
        }
    }

    func session() async throws -> Session {
        try await decode(Session.self, try await call(.GET, "/api/v1/session"))
    }

    func drill(_ id: String) async throws -> Drill {
        try await decode(Drill.self, try await call(.GET, "/api/v1/drills/\(id)"))
    }

    /// Records an action (`POST …/actions`); answers once the server has stored it.
    func act(drill: String, role: String, command: String) async throws {
        _ = try await actReturningSequence(drill: drill, role: role, command: command)
    }

    /// ``act(drill:role:command:)``, answering the sequence number of the recorded action.
    func actReturningSequence(drill: String, role: String, command: String) async throws -> Int? {
        struct Recorded: Decodable { var seq: Int }
        let response = try await call(.POST, "/api/v1/drills/\(drill)/actions", json: ["role": role, "command": command])
        return try? await decode(Recorded.self, response).seq
    }

    func answerSurvey(drill: String, _ answer: SurveyAnswer) async throws {
        var item: [String: Any] = ["question": answer.question]
        if let score = answer.score { item["score"] = score }
        if let comment = answer.comment { item["comment"] = comment }
        _ = try await call(.POST, "/api/v1/drills/\(drill)/survey", json: ["answers": [item]])
    }

    func setName(drill: String, _ name: String) async throws {
        _ = try await call(.POST, "/api/v1/drills/\(drill)/me", json: ["name": name])
    }

    /// One connection to the drill's event stream, after `lastSeen`: its messages and
    /// comments as they come. The sequence ends when the server ends the stream and throws
    /// when the connection fails.
    func events(drill: String, after lastSeen: Int?) async throws -> AsyncThrowingStream<ServerSentEvents.Item, any Error> {
        var request = HTTPClientRequest(url: "\(base)/api/v1/drills/\(drill)/events")
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let lastSeen { request.headers.add(name: "Last-Event-ID", value: "\(lastSeen)") }
        let response = try await http.execute(request, timeout: .hours(24))
        guard response.status == .ok else {
            throw try await failure(response)
        }
        let body = response.body
        return AsyncThrowingStream { continuation in
            let reader = Task {
                var parser = ServerSentEvents()
                do {
                    for try await buffer in body {
                        for item in parser.feed(buffer.readableBytesView) { continuation.yield(item) }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in reader.cancel() }
        }
    }

    // MARK: Internals

    private func call(_ method: HTTPMethod, _ path: String, json: [String: Any]? = nil) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let json {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json)))
        }
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .seconds(30))
        } catch {
            throw Failure(status: nil, code: nil, message: "cannot reach \(base): \(error)")
        }
        guard (200..<300).contains(response.status.code) else { throw try await failure(response) }
        return response
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPClientResponse) async throws -> T {
        let body = try await response.body.collect(upTo: 8 << 20)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body.readableBytesView))
        } catch {
            throw Failure(status: Int(response.status.code), code: nil, message: "the server's answer cannot be read: \(error)")
        }
    }

    private func failure(_ response: HTTPClientResponse) async throws -> Failure {
        struct Envelope: Decodable {
            struct Body: Decodable {
                var code: String
                var message: String
            }

            var error: Body
        }
        let body = try? await response.body.collect(upTo: 1 << 20)
        let envelope = body.flatMap { try? JSONDecoder().decode(Envelope.self, from: Data($0.readableBytesView)) }
        return Failure(
            status: Int(response.status.code), code: envelope?.error.code,
            message: envelope?.error.message ?? "the server answered \(response.status.code) \(response.status.reasonPhrase)"
        )
    }
}
