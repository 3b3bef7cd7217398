import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The five pages as a browser gets them. Each page's file (`Public/<page>.html`) holds only
/// what is its own: the skip link, the top bar's slot and the `<main>` of the page. The head
/// and the frame every page shares (viewport, no referrer, the style sheet, the icon, the
/// page's module `/js/<page>.mjs`, the body class `page-<page>`, the live region) are
/// written once, here, and put around the file's text on each request, so that a page edited
/// in the folder `FIREDRILL_WEB_ROOT` names shows without a rebuild.
enum PageShell {
    /// The whole page `name` around `body`, the text of its file.
    static func html(page name: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>firedrill</title>
        <link rel="stylesheet" href="/css/firedrill.css">
        <link rel="icon" href="/favicon.svg" type="image/svg+xml">
        <script type="module" src="/js/\(name).mjs"></script>
        </head>
        <body class="page-\(name)">
        \(body)<div id="announcer" class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
        </body>
        </html>

        """
    }

    /// The page `name` (`index`, `console`, `play`, `evaluate`, `observe`) from the pages'
    /// folder, checked again on each load like the other files (`no-cache`) with an ETag of
    /// its bytes: `304 Not Modified` when the browser already has them. `nil` when the folder
    /// has no such page.
    static func response(page name: String, folder: URL, request: Request) -> Response? {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLowercase }),
              let file = try? Data(contentsOf: folder.appendingPathComponent(name + ".html")) else { return nil }
        let page = Data(html(page: name, body: String(decoding: file, as: UTF8.self)).utf8)
        let eTag = "\"" + SHA256.hash(data: page).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .eTag: eTag]
        if request.headers[values: .ifNoneMatch].contains(eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(page.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }
}
