import Foundation
import HTTPTypes
import Hummingbird

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
