import AsyncHTTPClient
import FiredrillCore
import FiredrillWire
import Foundation
import NIOCore
import NIOHTTP1

/// A client of `firedrill serve`'s API with one token: what `firedrill join` (and the live
/// benchmark) use to read a drill, act in it and follow its event stream.
public struct DrillClient: Sendable {
    public let http: HTTPClient
    /// `http://host:port`, without a trailing slash.
    public let base: String
    public let token: String

    public init(http: HTTPClient, base: String, token: String) {
        self.http = http
        self.base = base
        self.token = token
    }

    /// An answer other than 2xx: the API's error message, or what went wrong on the way.
    public struct Failure: Error, CustomStringConvertible {
        public var status: Int?
        public var code: String?
        public var message: String
        /// For `did_you_mean`: the action the server thinks was meant.
        public var suggestion: ActionSuggestion?

        public var description: String { message }

        public init(status: Int? = nil, code: String? = nil, message: String, suggestion: ActionSuggestion? = nil) {
            self.status = status
            self.code = code
            self.message = message
            self.suggestion = suggestion
        }
    }

    public func session() async throws -> SessionDocument {
        try await decode(SessionDocument.self, try await call(.GET, "/api/v1/session"))
    }

    public func drill(_ id: String) async throws -> DrillDocument {
        try await decode(DrillDocument.self, try await call(.GET, "/api/v1/drills/\(id)"))
    }

    /// Records an action (`POST …/actions`); answers its event once the server has stored it.
    @discardableResult
    public func act(drill: String, _ request: ActionRequest) async throws -> EventView {
        try await decode(EventView.self, try await call(.POST, "/api/v1/drills/\(drill)/actions", body: request))
    }

    /// Records a typed command as an action; answers the sequence number of its event.
    public func actReturningSequence(drill: String, role: String, command: String) async throws -> Int? {
        try await act(drill: drill, ActionRequest(role: role, command: command)).seq
    }

    public func answerSurvey(drill: String, _ answer: SurveyAnswer) async throws {
        let request = SurveyRequest(answers: [.init(question: answer.question, score: answer.score, comment: answer.comment)])
        _ = try await call(.POST, "/api/v1/drills/\(drill)/survey", body: request)
    }

    /// The quiz as this participant sees it: the questions, and the key of those answered.
    public func quiz(drill: String) async throws -> QuizDocument {
        try await decode(QuizDocument.self, try await call(.GET, "/api/v1/drills/\(drill)/quiz"))
    }

    /// Answers quiz questions; the server records them under this token.
    public func answerQuiz(drill: String, _ answers: [QuizRequest.Answer]) async throws -> QuizResponse {
        try await decode(QuizResponse.self, try await call(.POST, "/api/v1/drills/\(drill)/quiz", body: QuizRequest(answers: answers)))
    }

    public func setName(drill: String, _ name: String) async throws {
        _ = try await call(.POST, "/api/v1/drills/\(drill)/me", body: NameRequest(name: name))
    }

    /// One connection to the drill's event stream, after `lastSeen`: its messages and
    /// comments as they come. The sequence ends when the server ends the stream and throws
    /// when the connection fails.
    public func events(drill: String, after lastSeen: Int?) async throws -> AsyncThrowingStream<ServerSentEvents.Item, any Error> {
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

    private func call(_ method: HTTPMethod, _ path: String, body: (some Encodable)? = String?.none) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
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
        let body = try? await response.body.collect(upTo: 1 << 20)
        let document = body.flatMap { try? JSONDecoder().decode(ErrorDocument.self, from: Data($0.readableBytesView)) }
        return Failure(
            status: Int(response.status.code), code: document?.error.code,
            message: document?.error.message ?? "the server answered \(response.status.code) \(response.status.reasonPhrase)",
            suggestion: document?.error.suggestion
        )
    }
}
