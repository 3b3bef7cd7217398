import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The pages as a browser gets them. Each page's file (`Public/<page>.html`) holds only
/// what is its own: the skip link, the top bar's slot and the `<main>` of the page. The head
/// and the frame every page shares (viewport, no referrer, the style sheet, the icon, the
/// page's module `/js/<page>.mjs`, the body class `page-<page>`, the live region) are
/// written once, here, and put around the file's text on each request, so that a page edited
/// in the folder `FIREDRILL_WEB_ROOT` names shows without a rebuild.
///
/// What several pages show alike (the report's section, the board, the timeline, the
/// scenario's plan, the observation form) is written once too, as a part: a line
/// `<!-- part: NAME -->` in a page's file stands for the file `Public/parts/NAME.html`.
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

    /// `body` with each line `<!-- part: NAME -->` replaced by the text of `parts/NAME.html`
    /// in `folder`, indented as the line was. A part that is missing or misnamed shows as a
    /// visible error in the page (a page folder being edited), never as a silent gap; the
    /// tests load every page and find none.
    static func resolvingParts(_ body: String, folder: URL) -> String {
        guard body.contains("<!-- part:") else { return body }
        var lines: [Substring] = []
        for line in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " }
            guard trimmed.hasPrefix("<!-- part:"), trimmed.hasSuffix("-->") else {
                lines.append(line)
                continue
            }
            let indent = line.prefix(line.count - trimmed.count)
            let words = trimmed.dropFirst("<!-- part:".count).dropLast("-->".count).split(separator: " ")
            let name = words.first.map(String.init) ?? ""
            // `key=value` after the name fills `{{key}}` in the part: lower-case letters,
            // digits and hyphens only, so a value is never markup.
            var values: [String: String] = [:]
            for word in words.dropFirst() {
                let pair = word.split(separator: "=", maxSplits: 1)
                guard pair.count == 2, pair.allSatisfy({ $0.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") } }) else { continue }
                values[String(pair[0])] = String(pair[1])
            }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-") }),
                  var part = try? String(contentsOf: folder.appendingPathComponent("parts/\(name).html"), encoding: .utf8) else {
                lines.append("\(indent)<p class=\"page-error\">The page's part “\(name.filter { $0.isASCII && !$0.isWhitespace && $0 != "<" && $0 != "&" })” is missing from its folder (parts/).</p>")
                continue
            }
            for (key, value) in values { part = part.replacingOccurrences(of: "{{\(key)}}", with: value) }
            for partLine in part.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).dropLast(part.last?.isNewline == true ? 1 : 0) {
                lines.append(partLine.isEmpty ? partLine : Substring(indent + partLine))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The page `name` (`index`, `console`, `play`, …, `near-miss`: lower-case letters and inner
    /// hyphens) from the pages'
    /// folder, checked again on each load like the other files (`no-cache`) with an ETag of
    /// its bytes: `304 Not Modified` when the browser already has them. `nil` when the folder
    /// has no such page.
    static func response(page name: String, folder: URL, request: Request) -> Response? {
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0 == "-") }), name.first != "-", name.last != "-",
              let file = try? Data(contentsOf: folder.appendingPathComponent(name + ".html")) else { return nil }
        let page = Data(html(page: name, body: resolvingParts(String(decoding: file, as: UTF8.self), folder: folder)).utf8)
        let eTag = "\"" + SHA256.hash(data: page).prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache", .eTag: eTag]
        if request.headers[values: .ifNoneMatch].contains(eTag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(page.count)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: page)))
    }
}
