@testable import FiredrillServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What the README promises of every answer: a strict content policy, no sniffing, no
/// referrer, errors included; cookies that stay on HTTPS when the server is reached by it;
/// files served with their type; paths with control characters refused.
@Suite("Security headers, cookies and static files")
struct SecurityHeadersTests {
    static func expectHeaders(_ answer: Answer, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(answer.headers[.contentSecurityPolicy]?.contains("default-src") == true, "\(what): no Content-Security-Policy", sourceLocation: sourceLocation)
        #expect(answer.headers[.xContentTypeOptions] == "nosniff", "\(what): no nosniff", sourceLocation: sourceLocation)
        #expect(answer.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(what): no no-referrer", sourceLocation: sourceLocation)
    }

    @Test("every error answer carries the security headers: 400, 401, 403, 404, 409, 413, 422")
    func errorsCarryTheHeaders() async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let (id, tokens) = try await client.createDrill()
            let support = try #require((tokens["players"] as? [String: String])?["support"])
            let answers: [(Answer, HTTPResponse.Status, String)] = [
                (try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: "{"), .badRequest, "malformed JSON"),
                (try await client.call(.get, "/api/v1/drills", token: nil), .unauthorized, "no token"),
                (try await client.call(.get, "/api/v1/drills", token: support), .forbidden, "a player listing drills"),
                (try await client.call(.get, "/api/v1/nowhere"), .notFound, "an unknown path"),
                (try await client.call(.get, "/nowhere.html", token: nil), .notFound, "an unknown page"),
                (try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "ack"}"#), .conflict, "a drill not started"),
                (try await client.call(.post, "/api/v1/drills/\(id)/actions", token: support, body: #"{"role": "support", "command": "\#(String(repeating: "y", count: 1_100_000))"}"#), .contentTooLarge, "a body too large"),
                (try await client.call(.post, "/api/v1/drills/\(id)/tokens", body: #"{"kind": "boss"}"#), .unprocessableContent, "an invalid token kind"),
            ]
            for (answer, status, what) in answers {
                #expect(answer.status == status, "\(what): \(answer.status) \(answer.text.prefix(200))")
                #expect(answer.headers[.contentType]?.hasPrefix("application/json") == true, "\(what)")
                Self.expectHeaders(answer, what)
            }
        }
    }

    @Test("a part the page names is put in, indented like its marker; a missing or misnamed part shows as an error in the page, never as a silent gap")
    func pageParts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("firedrill-parts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("parts"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "<h2>Board</h2>\r\n<div id=\"board\"></div>\n".write(to: folder.appendingPathComponent("parts/board.html"), atomically: true, encoding: .utf8)
        let page = "<main>\r\n    <!-- part: board -->\n  <!-- part: nothing-here -->\n  <!-- part: ../secret -->\n</main>\n"
        #expect(PageShell.resolvingParts(page, folder: folder) == """
            <main>
                <h2>Board</h2>
                <div id="board"></div>
              <p class="page-error">The page's part “nothing-here” is missing from its folder (parts/).</p>
              <p class="page-error">The page's part “../secret” is missing from its folder (parts/).</p>
            </main>

            """)
        #expect(PageShell.resolvingParts("<p>no parts</p>\n", folder: folder) == "<p>no parts</p>\n")
        // `key=value` fills the part's {{key}}s; a value that could be markup is not taken.
        try "<section id=\"sec-{{list}}\">{{list}} {{other}}</section>\n".write(to: folder.appendingPathComponent("parts/list.html"), atomically: true, encoding: .utf8)
        #expect(PageShell.resolvingParts("  <!-- part: list list=roles -->\n", folder: folder) == "  <section id=\"sec-roles\">roles {{other}}</section>\n")
        #expect(PageShell.resolvingParts("<!-- part: list list=\"><script> other=a-1 -->\n", folder: folder) == "<section id=\"sec-{{list}}\">{{list}} a-1</section>\n")
    }

    @Test("the session cookie is Secure when participants reach the server over HTTPS, and only then")
    func secureCookies() async throws {
        let harness = try ServerHarness()
        try await harness.application(configure: { $0.publicURL = "https://drill.example.com" }).test(.router) { client in
            let cookie = try await client.call(.get, "/join/\(ServerHarness.trainer)", token: nil).headers[.setCookie]
            #expect(cookie?.contains("Secure") == true, "\(cookie ?? "no cookie")")
            #expect(cookie?.contains("HttpOnly") == true && cookie?.contains("SameSite=Strict") == true)
        }
        try await harness.application(configure: { $0.publicURL = "http://10.0.0.5:8080" }).test(.router) { client in
            let cookie = try await client.call(.get, "/join/\(ServerHarness.trainer)", token: nil).headers[.setCookie]
            #expect(cookie?.contains("Secure") == false, "a Secure cookie would never be sent back over plain HTTP: \(cookie ?? "")")
        }
    }

    @Test("a control character in a path, written or as %00, is refused instead of cutting the file name short", arguments: [
        "/js/api.mjs%00.html", "/js/api.mjs%00", "/console.html%0d%0aX-Injected:%20yes", "/js/%1b[2J.mjs", "/api/v1/drills%00",
    ])
    func controlCharactersInPaths(path: String) async throws {
        let harness = try ServerHarness()
        try await harness.application().test(.router) { client in
            let answer = try await client.call(.get, path, token: nil)
            #expect(answer.status == .badRequest, "\(path): \(answer.status) \(answer.headers[.contentType] ?? "-")")
            #expect(answer.errorCode == "bad_request")
            #expect(!answer.text.contains("export "), "no file content is served")
            Self.expectHeaders(answer, path)
        }
    }

    @Test("each page is its file in the head and frame all pages share, with its own module; an unchanged page is not sent again")
    func pagesInTheSharedFrame() async throws {
        let harness = try ServerHarness()
        let folder = try #require(ServerConfiguration(trainerToken: ServerHarness.trainer).webRoot)
        try await harness.application().test(.router) { client in
            for page in ["index", "console", "play", "evaluate", "observe", "editor", "committee"] {
                let file = try String(contentsOf: folder.appendingPathComponent(page + ".html"), encoding: .utf8)
                for path in page == "index" ? ["/", "/index.html"] : ["/\(page).html"] {
                    let answer = try await client.call(.get, path, token: nil)
                    #expect(answer.status == .ok, "\(path)")
                    #expect(answer.headers[.contentType] == "text/html; charset=utf-8" && answer.headers[.cacheControl] == "no-cache", "\(path)")
                    #expect(answer.text.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"), "\(path)")
                    let body = PageShell.resolvingParts(file, folder: folder)
                    #expect(answer.text.contains("<script type=\"module\" src=\"/js/\(page).mjs\"></script>\n</head>\n<body class=\"page-\(page)\">\n" + body), "\(path)")
                    // Every part the page names is there: no marker left, no missing part.
                    #expect(!answer.text.contains("<!-- part:") && !answer.text.contains("part “"), "\(path)")
                    #expect(answer.text.hasSuffix("</div>\n</body>\n</html>\n"), "\(path)")
                    Self.expectHeaders(answer, path)
                    let eTag = try #require(answer.headers[.eTag], "\(path)")
                    #expect(try await client.call(.get, path, token: nil, headers: [.ifNoneMatch: eTag]).status == .notModified, "\(path)")
                }
            }
        }
    }

    @Test("every file of the pages is served with its type (text in UTF-8) and the security headers")
    func everyFileHasItsType() async throws {
        let harness = try ServerHarness()
        let folder = try #require(ServerConfiguration(trainerToken: ServerHarness.trainer).webRoot)
        let files = try #require(FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String])
            .filter { !$0.hasPrefix(".") && !FileManager.default.isDirectory(folder.appendingPathComponent($0).path) }
        #expect(files.count >= 10, "\(files)")
        let expected = ["html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "mjs": "text/javascript; charset=utf-8",
                        "svg": "image/svg+xml", "json": "application/json; charset=utf-8"]
        try await harness.application().test(.router) { client in
            for file in files {
                let answer = try await client.call(.get, "/" + file, token: nil)
                #expect(answer.status == .ok, "\(file)")
                let type = try #require(expected[(file as NSString).pathExtension], "a file of a kind the server has no type for: \(file)")
                #expect(answer.headers[.contentType] == type, "\(file): \(answer.headers[.contentType] ?? "no Content-Type")")
                Self.expectHeaders(answer, file)
            }
        }
    }
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
