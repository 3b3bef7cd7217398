import FiredrillStore
import FiredrillWire
import FiredrillCore
import FiredrillVocabulary
import Foundation
import HTTPTypes
import Hummingbird

/// What a browser opens: `/join/TOKEN` exchanges a token for an HttpOnly, SameSite session
/// cookie and sends the browser to its page without the token in its address bar; the
/// pages are their files in `Public/` in the frame they share (``PageShell``), their assets
/// plain files (see ``FileServing``).
struct WebController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func addRoutes(to router: Router<FiredrillRequestContext>) {
        router.get("join/:token", use: join)
        router.get("i18n/:file", use: catalog)
        router.get("/") { request, _ in try page("index", request) }
        router.get("{page}.html") { request, context in try page(context.parameters.require("page"), request) }
        router.head("/") { request, _ in try page("index", request).createHeadResponse() }
        router.head("{page}.html") { request, context in try page(context.parameters.require("page"), request).createHeadResponse() }
    }

    /// A page, put together from its file and the frame all pages share (``PageShell``).
    func page(_ name: String, _ request: Request) throws -> Response {
        guard let folder = parts.configuration.webRoot else {
            throw APIError(.notFound, "not_found", "this build has no web pages")
        }
        guard let response = PageShell.response(page: name, folder: folder, request: request) else {
            throw APIError(.notFound, "not_found", "there is no page '\(name.prefix(40)).html'")
        }
        return response
    }

    @Sendable func join(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let secret = try context.parameters.require("token")
        guard secret.utf8.count <= 200, let caller = parts.tokens.caller(for: secret) else {
            throw APIError(.unauthorized, "unauthorized", "this link is not valid (unknown or revoked); ask the trainer for a new one")
        }
        var response = Response(
            status: .seeOther, headers: [.location: Self.page(for: caller), .cacheControl: "no-store", .referrerPolicyHeader: "no-referrer"]
        )
        // Secure when people open the server over HTTPS (behind a TLS proxy): the cookie then
        // never travels unencrypted.
        let secure = parts.configuration.publicURL?.lowercased().hasPrefix("https://") == true
        response.setCookie(Cookie(
            name: AuthMiddleware.cookieName(kind: caller.kindName), value: secret, maxAge: 7 * 24 * 3600, path: "/",
            secure: secure, httpOnly: true, sameSite: .strict
        ))
        return response
    }

    /// The pages' texts and the drill's vocabulary in a language, one JSON object
    /// (`/i18n/en.json`, `/i18n/ja.json`): the catalog the reports and the terminal use too.
    @Sendable func catalog(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let file = try context.parameters.require("file")
        guard file.hasSuffix(".json"), let language = Language(rawValue: String(file.dropLast(5))) else {
            throw APIError(.notFound, "not_found", "the texts are at /i18n/en.json and /i18n/ja.json")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Vocabulary.pageCatalog(language))
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-cache"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
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
        case .server(let token):
            switch token.kind {
            case .committee: return "/committee.html"
            case .reporter: return "/near-miss.html"
            }
        }
    }
}

/// The pages' assets (scripts, styles, icon), served from the configured folder with ETags
/// (a file is checked again on each load, so a new firedrill's pages are never stale); the
/// pages themselves are put together by ``PageShell``.
enum FileServing {
    /// The type of every kind of file the pages are made of, text in UTF-8: with `nosniff`,
    /// a browser runs a script or applies a style only when its type says so.
    static let mediaTypes: [String: MediaType] = [
        "html": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
        "css": MediaType(type: .text, subType: "css", parameter: ("charset", "utf-8")),
        "mjs": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
        "js": MediaType(type: .text, subType: "javascript", parameter: ("charset", "utf-8")),
        "json": MediaType(type: .application, subType: "json", parameter: ("charset", "utf-8")),
        "svg": MediaType(type: .image, subType: "svg+xml"),
        "png": MediaType(type: .image, subType: "png"),
        "ico": MediaType(type: .image, subType: "x-icon"),
        "webmanifest": MediaType(type: .application, subType: "manifest+json"),
    ]

    static func middleware(folder: URL?) -> FileMiddleware<FiredrillRequestContext, LocalFileSystem>? {
        guard let folder else { return nil }
        return FileMiddleware(folder.path, cacheControl: .init([(MediaType(type: .any), [.noCache])]), searchForIndexHtml: true)
            .withAdditionalMediaTypes(forFileExtensions: mediaTypes)
    }
}
