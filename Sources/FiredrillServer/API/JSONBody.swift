import Foundation
import Hummingbird
import NIOCore

/// Reading request bodies and writing JSON answers.
enum JSONBody {
    /// The whole body, refusing more than `limit` bytes with 413.
    static func bytes(_ request: Request, limit: Int) async throws -> ByteBuffer {
        do {
            return try await request.body.collect(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit)
        }
    }

    /// The body as JSON of type `T`: 400 for JSON that cannot be read, naming what is wrong.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1_048_576) async throws -> T {
        let buffer = try await bytes(request, limit: limit)
        guard buffer.readableBytes > 0 else { throw APIError.badRequest("the request needs a JSON body") }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw APIError.badRequest("the JSON body cannot be read: \(describe(error))")
        } catch {
            throw APIError.badRequest("the JSON body cannot be read")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return keys.isEmpty ? "the body" : "'\(keys)'"
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.isEmpty ? "" : " in \(path(context))"
            return "'\(key.stringValue)' is missing\(parent)"
        case .typeMismatch(let type, let context): return "\(path(context)) should be \(describeType(type))"
        case .valueNotFound(let type, let context): return "\(path(context)) should be \(describeType(type)), not null"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "it is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default: return "it is not valid"
        }
    }

    private static func describeType(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "\(type)".contains("Array") ? "a list" : "an object"
        }
    }

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// One line of JSON, keys sorted.
    static func compact(_ value: some Encodable) -> String {
        String(decoding: (try? encoder().encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// A JSON answer with a status.
    static func response(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let data = (try? encoder().encode(value)) ?? Data("{}".utf8)
        return Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
        )
    }

    /// A text answer (Markdown, a script, metrics) with its content type.
    static func text(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
