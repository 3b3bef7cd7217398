import FiredrillCore
import FiredrillStore
import FiredrillWire
import Foundation
import Hummingbird
import Logging
import Prometheus

/// An error answered as `{"error": {"code": "snake_case_code", "message": "…"}}` with its
/// HTTP status. Every error the server gives has this shape.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    /// For a scenario that does not validate: every problem, as `validate` prints it.
    public var problems: [String]?
    /// For `did_you_mean`: the action the server thinks was meant.
    public var suggestion: ActionSuggestion?

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, problems: [String]? = nil, suggestion: ActionSuggestion? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems
        self.suggestion = suggestion
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.render(self)
    }

    static func render(_ error: APIError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = ErrorDocument(error: .init(code: error.code, message: error.message, problems: error.problems, suggestion: error.suggestion))
        let data = (try? encoder.encode(body)) ?? Data()
        return Response(
            status: error.status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A refusal of the core, with the status of its kind.
    init(_ error: InputError) {
        let status: HTTPResponse.Status = switch error.kind {
        case .invalid: .unprocessableContent
        case .conflict: .conflict
        case .notAllowed: .forbidden
        }
        self.init(status, error.code, error.message, problems: error.problems.isEmpty ? nil : error.problems)
    }

    // The errors of the contract.
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, "bad_request", message) }
    static let unauthorized = APIError(.unauthorized, "unauthorized", "a token is needed: send 'Authorization: Bearer TOKEN' (event streams also take ?access_token=TOKEN)")
    static func forbidden(_ message: String) -> APIError { APIError(.forbidden, "forbidden", message) }
    static func drillNotFound(_ id: String) -> APIError { APIError(.notFound, "drill_not_found", "there is no drill '\(id.prefix(60))'") }
    static func conflict(_ code: String, _ message: String) -> APIError { APIError(.conflict, code, message) }
    static func invalid(_ code: String, _ message: String, problems: [String]? = nil) -> APIError {
        APIError(.unprocessableContent, code, message, problems: problems)
    }
    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "body_too_large", limit >= 1_048_576
            ? "the request body is larger than \(limit / 1_048_576) MB"
            : "the request body is larger than \(limit / 1024) KB")
    }
}
