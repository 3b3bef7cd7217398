import Foundation
import HTTPTypes
import Hummingbird

/// What a browser opens: `/join/TOKEN` exchanges a token for an HttpOnly, SameSite session
/// cookie and sends the browser on without the token in its address bar; `/` is the
/// start page.
struct WebController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func addRoutes(to router: Router<FiredrillRequestContext>) {
        router.get("join/:token", use: join)
        router.get("/") { _, _ in
            guard let url = ServerResources.publicFolder?.appendingPathComponent("index.html"),
                  let data = try? Data(contentsOf: url) else {
                throw APIError(.notFound, "not_found", "this build has no start page")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    @Sendable func join(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let secret = try context.parameters.require("token")
        guard secret.utf8.count <= 200, parts.tokens.caller(for: secret) != nil else {
            throw APIError(.unauthorized, "unauthorized", "this link is not valid (unknown or revoked); ask the trainer for a new one")
        }
        var response = Response(status: .seeOther, headers: [.location: "/", .cacheControl: "no-store", .referrerPolicyHeader: "no-referrer"])
        response.setCookie(Cookie(
            name: AuthMiddleware.cookieName, value: secret, maxAge: 7 * 24 * 3600, path: "/", httpOnly: true, sameSite: .strict
        ))
        return response
    }
}

/// Headers every answer carries: no sniffing, no framing, a strict content policy (no
/// inline script, nothing from elsewhere), no referrer that could carry a token.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = FiredrillRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicyHeader] = "no-referrer"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        return response
    }
}

extension HTTPField.Name {
    static var referrerPolicyHeader: Self { .init("Referrer-Policy")! }
}
