import Hummingbird

/// Refuses a path with a control character in it, written or percent-encoded (`%00`), before
/// anything looks for a file: a NUL would cut the file name short below Swift (serving
/// `api.mjs` for `api.mjs%00.html`, with the type of `.html`). No page or API path has one.
struct PathGuardMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if Self.hasControlCharacter(request.uri.path) {
            throw APIError.badRequest("the path contains a control character; there is nothing at such an address")
        }
        return try await next(request, context)
    }

    static func hasControlCharacter(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 || byte == 0x7F { return true }
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
               let decoded = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16),
               decoded < 0x20 || decoded == 0x7F {
                return true
            }
            index += 1
        }
        return false
    }
}
