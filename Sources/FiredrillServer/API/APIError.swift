import FiredrillCore
import FiredrillStore
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

    public init(_ status: HTTPResponse.Status, _ code: String, _ message: String, problems: [String]? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.problems = problems
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Self.render(self)
    }

    static func render(_ error: APIError) -> Response {
        struct Body: Encodable {
            struct Detail: Encodable {
                var code: String
                var message: String
                var problems: [String]?
            }
            var error: Detail
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Body(error: .init(code: error.code, message: error.message, problems: error.problems)))) ?? Data()
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
        APIError(.contentTooLarge, "body_too_large", "the request body is larger than \(limit / 1_048_576) MB")
    }
}

/// Turns every error into the JSON error body: the API's own, Hummingbird's (404 for an
/// unknown path, 413 for a body over its limit), and anything unexpected, which is logged
/// and answered 500 without details.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return APIError.render(error)
        } catch let error as InputError {
            return APIError.render(APIError(error))
        } catch let error as HTTPError {
            let code = switch error.status.code {
            case 404: "not_found"
            case 405: "method_not_allowed"
            case 400: "bad_request"
            default: "http_\(error.status.code)"
            }
            var response = APIError.render(APIError(error.status, code, error.body ?? Self.message(for: error.status, path: request.uri.path)))
            for field in error.headers { response.headers.append(field) }
            return response
        } catch let error as any HTTPResponseError {
            if error.status == .contentTooLarge { return APIError.render(.tooLarge(1_048_576)) }
            return APIError.render(APIError(error.status, "http_\(error.status.code)", error.status.reasonPhrase))
        } catch let error as StoreError {
            // The record could not be written or read (a full disk, a lock held too long):
            // nothing was acknowledged, so the client can try again.
            context.logger.error("store error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError.render(APIError(.serviceUnavailable, "storage_unavailable", "the drill record cannot be written or read now (\(error.code.rawValue)); nothing was recorded, try again"))
        } catch {
            metrics?.requestErrors.increment()
            context.logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return APIError.render(APIError(.internalServerError, "internal", "something went wrong on the server; it is logged"))
        }
    }

    static func message(for status: HTTPResponse.Status, path: String) -> String {
        status == .notFound ? "there is nothing at '\(path.prefix(100))'; the API is under /api/v1 (see /openapi.json)" : status.reasonPhrase
    }
}
