import FiredrillCore
import FiredrillStore
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import Prometheus

/// Turns every error into the JSON error body: the API's own and the core's refusals,
/// Hummingbird's (404 for an unknown path, 413 for a body over its limit), a request that is
/// not valid HTTP (400, and the connection closes), a client that went away mid-request
/// (logged at debug: nothing to answer), and anything unexpected, which is logged and
/// answered 500 without details.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            return APIError.render(error)
        } catch let error as InputError {
            return APIError.render(APIError(error))
        } catch let error as EngineError {
            return APIError.render(APIError(error.input))
        } catch let error as SessionError {
            return APIError.render(APIError(error.input))
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
        } catch let error as HTTPParserError where error != .invalidEOFState {
            // A body whose framing is broken (a chunk size of -5): the client's mistake.
            context.logger.debug("malformed request", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            var response = APIError.render(.badRequest("the request is not valid HTTP (\(error)); nothing was recorded"))
            response.headers[.connection] = "close"
            return response
        } catch let error where Self.isClientGone(error) {
            // The client closed or reset the connection, or sent its body too slowly: there is
            // nobody to answer and nothing went wrong on the server.
            context.logger.debug("request abandoned", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            var response = APIError.render(.badRequest("the request ended before its body was complete; nothing was recorded"))
            response.headers[.connection] = "close"
            return response
        } catch let error as StoreError where error.code == .outcomeUnknown {
            // The database's connection broke during the commit: the input may be recorded.
            context.logger.error("store error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return APIError.render(APIError(.serviceUnavailable, "outcome_unknown", "the connection to the database broke while this was being recorded: it may or may not be recorded; look at the drill's events before sending it again"))
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

    /// Errors that mean the request's connection is gone or was cut off.
    static func isClientGone(_ error: any Error) -> Bool {
        error is HTTPParserError || error is IOError || error is ChannelError || error is CancellationError
            || error is RequestWatch.TooSlow
    }

    static func message(for status: HTTPResponse.Status, path: String) -> String {
        status == .notFound ? "there is nothing at '\(path.prefix(100))'; the API is under /api/v1 (see /openapi.json)" : status.reasonPhrase
    }
}
