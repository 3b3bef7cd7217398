import FiredrillStore
import Foundation
import HTTPTypes
import Hummingbird

/// Finds the caller of an API request: `Authorization: Bearer TOKEN`, or `?access_token=`
/// on event streams (a browser's EventSource cannot send headers), or the session cookie a
/// browser gets from `/join/TOKEN`. A missing or unknown token is 401.
///
/// A browser keeps one session cookie per kind of token (`firedrill_trainer`,
/// `firedrill_player`, …), so a trainer who opens a player's link in another tab keeps the
/// console. A page says which it acts as with `X-Firedrill-As: KIND` (or `?as=KIND`, for
/// event streams); without it, the only cookie there is counts.
///
/// A request authenticated by cookie that changes something must also carry the header
/// `X-Firedrill-Request: 1`: a custom header a cross-site form cannot send (and no CORS is
/// allowed), so another site cannot act with a participant's cookie.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = FiredrillRequestContext
    let tokens: TokenCache

    static let csrfHeader = HTTPField.Name("X-Firedrill-Request")!
    static let asHeader = HTTPField.Name("X-Firedrill-As")!
    static let kinds = ["trainer", "evaluator", "observer", "player", "committee", "reporter"]

    /// The session cookie of a kind of token.
    static func cookieName(kind: String) -> String { "firedrill_\(kind)" }

    /// The session cookie the request acts with: the kind it names, or the only one it has.
    static func sessionCookie(_ request: Request) throws -> String? {
        if let kind = request.headers[asHeader] ?? request.uri.queryParameters.get("as").map({ String($0) }) {
            guard kinds.contains(kind) else {
                throw APIError.badRequest("X-Firedrill-As (or ?as=) is one of \(kinds.joined(separator: ", "))")
            }
            return request.cookies[cookieName(kind: kind)]?.value
        }
        let present = kinds.compactMap { request.cookies[cookieName(kind: $0)]?.value }
        guard present.count <= 1 else {
            throw APIError(.unauthorized, "unauthorized", "this browser is signed in more than once; say which with the header X-Firedrill-As (trainer, evaluator, observer, player, committee or reporter)")
        }
        return present.first
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var fromCookie = false
        var secret: String? = nil
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw APIError(.unauthorized, "unauthorized", "the Authorization header must be 'Bearer TOKEN'")
            }
            secret = String(parts[1]).trimmingCharacters(in: .whitespaces)
        } else if let query = request.uri.queryParameters.get("access_token"), request.uri.path.hasSuffix("/events") {
            secret = query
        } else if let cookie = try Self.sessionCookie(request) {
            secret = cookie
            fromCookie = true
        }
        guard let secret, !secret.isEmpty, secret.utf8.count <= 200 else { throw APIError.unauthorized }
        guard let caller = tokens.caller(for: secret) else {
            throw APIError(.unauthorized, "unauthorized", "this token is not valid (unknown or revoked); ask the trainer for a new link")
        }
        if fromCookie, request.method != .get, request.method != .head, request.headers[Self.csrfHeader] == nil {
            throw APIError.forbidden("a request that changes something must send the header 'X-Firedrill-Request: 1' (cookie sessions)")
        }
        context.caller = caller
        return try await next(request, context)
    }
}
