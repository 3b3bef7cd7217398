import FiredrillStore
import Foundation
import HTTPTypes
import Hummingbird

/// What a browser opens: `/join/TOKEN` exchanges a token for an HttpOnly, SameSite session
/// cookie and sends the browser to its page without the token in its address bar; the
/// pages and their assets are plain files (`Public/`, see ``FileServing``).
struct WebController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func addRoutes(to router: Router<FiredrillRequestContext>) {
        router.get("join/:token", use: join)
        router.get("/") { _, _ in
            guard let url = parts.configuration.webRoot?.appendingPathComponent("index.html"),
                  let data = try? Data(contentsOf: url) else {
                throw APIError(.notFound, "not_found", "this build has no web pages")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    @Sendable func join(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let secret = try context.parameters.require("token")
        guard secret.utf8.count <= 200, let caller = parts.tokens.caller(for: secret) else {
            throw APIError(.unauthorized, "unauthorized", "this link is not valid (unknown or revoked); ask the trainer for a new one")
        }
        var response = Response(
            status: .seeOther, headers: [.location: Self.page(for: caller), .cacheControl: "no-store", .referrerPolicyHeader: "no-referrer"]
        )
        response.setCookie(Cookie(
            name: AuthMiddleware.cookieName(kind: caller.kindName), value: secret, maxAge: 7 * 24 * 3600, path: "/", httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// The page a caller lands on after signing in.
    static func page(for caller: Caller) -> String {
        switch caller {
        case .trainer: return "/console.html"
        case .token(let token):
            let drill = token.runID.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(["-", "_"])) ?? ""
            switch token.kind {
            case .player: return "/play.html#drill=\(drill)"
            case .evaluator: return "/evaluate.html#drill=\(drill)"
            case .observer: return "/observe.html#drill=\(drill)"
            }
        }
    }
}

/// The web pages and their assets, served from the configured folder with ETags (a page
/// is checked again on each load, so a new firedrill's pages are never stale).
enum FileServing {
    static func middleware(folder: URL?) -> FileMiddleware<FiredrillRequestContext, LocalFileSystem>? {
        guard let folder else { return nil }
        return FileMiddleware(folder.path, cacheControl: .init([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true)
            .withAdditionalMediaType(.init(type: .application, subType: "javascript"), mappedToFileExtension: "mjs")
    }
}

/// Headers every answer carries: no sniffing, no framing, a strict content policy (no
/// inline script, nothing from elsewhere; a route may set a stricter one of its own), no
/// referrer that could carry a token.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = FiredrillRequestContext

    /// The pages and the API: scripts and styles from this server only.
    static let pagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    /// A self-contained report: its own inline styles and SVG, no script, nothing fetched.
    static let reportPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicyHeader] = "no-referrer"
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = Self.pagePolicy }
        return response
    }
}

extension HTTPField.Name {
    static var referrerPolicyHeader: Self { .init("Referrer-Policy")! }
}
