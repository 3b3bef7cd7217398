import FiredrillStore
import FiredrillWire
import Foundation
import Hummingbird

/// What operators and monitoring read: `/healthz`, `/metrics`, `/openapi.json`.
struct OperationsController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func addRoutes(to router: Router<FiredrillRequestContext>) {
        router.get("healthz", use: health)
        router.get("metrics") { _, _ in
            JSONBody.text(parts.metrics.render(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("openapi.json") { _, _ in
            guard let data = ServerResources.openAPIDocument else {
                throw APIError(.internalServerError, "missing_document", "the OpenAPI document is missing from this build")
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: data))
            )
        }
    }

    /// 200 when the database answers a read, 503 otherwise.
    @Sendable func health(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        do {
            try parts.database.ping()
        } catch {
            throw APIError(.serviceUnavailable, "database_unavailable", "the database does not answer: \(error)")
        }
        return JSONBody.response(HealthDocument(status: "ok", drills: await parts.registry.all.count))
    }
}
