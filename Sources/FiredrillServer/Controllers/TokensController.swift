import FiredrillCore
import FiredrillStore
import FiredrillWire
import Foundation
import Hummingbird
import Logging

/// The trainer hands out and revokes a drill's tokens (`/api/v1/drills/{id}/tokens…`);
/// any caller asks who it is (`/api/v1/session`).
struct TokensController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    /// Who the caller is: its kind, its drill and roles. A client that holds only a token
    /// (a terminal joining, a page after sign-in) finds its drill here.
    @Sendable func session(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        guard let caller = context.caller else { throw APIError.unauthorized }
        let token: AccessToken? = if case .token(let token) = caller { parts.tokens.current(token.id) ?? token } else { nil }
        let server: ServerToken? = if case .server(let token) = caller { token } else { nil }
        return JSONBody.response(SessionDocument(
            kind: caller.kindName, drillID: caller.drillID, roles: caller.roles, tokenID: token?.id ?? server?.id, label: token?.label,
            name: token?.displayName ?? server?.name
        ))
    }

    @Sendable func create(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["trainer"], doing: "hand out tokens")
        let body = try await JSONBody.decode(TokenRequest.self, from: request)
        guard let kind = AccessToken.Kind(rawValue: body.kind) else {
            throw APIError.invalid("invalid_kind", "'kind' is player, evaluator or observer")
        }
        // A player token plays its roles once each, however often they are named.
        let roles = kind == .player ? try drill.scenario.playableRoles(body.roles ?? []) : []
        let name = try body.name.flatMap { $0.allSatisfy(\.isWhitespace) ? nil : try Participant.validName($0) }
        let made = try parts.database.makeToken(runID: drill.runID, kind: kind, roles: roles, displayName: name)
        parts.tokens.add(made.token)
        return JSONBody.response(
            NewTokenResponse(id: made.token.id, token: made.secret, link: parts.link(for: made.secret), kind: kind.rawValue, roles: roles),
            status: .created
        )
    }

    @Sendable func list(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["trainer"], doing: "list tokens")
        return JSONBody.response(TokenList(tokens: try parts.database.tokens(runID: drill.runID).map(TokenDocument.init)))
    }

    /// Revokes a token by its public id (`tok-…`): it gives no access from now on, and its
    /// open event streams end.
    @Sendable func revoke(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["trainer"], doing: "revoke tokens")
        let id = try context.parameters.require("token")
        guard try parts.database.tokens(runID: drill.runID).contains(where: { $0.id == id }) else {
            throw APIError(.notFound, "token_not_found", "drill '\(drill.runID)' has no token '\(id.prefix(40))'; tokens are named by their id (tok-…)")
        }
        let revoked = try parts.database.revokeToken(id: id, runID: drill.runID)
        parts.tokens.update(revoked)
        drill.hub.disconnect(tokenID: revoked.id)
        parts.registry.logger.info("token revoked", metadata: ["run": "\(drill.runID)", "token": "\(revoked.id)", "kind": "\(revoked.kind.rawValue)"])
        return JSONBody.response(TokenDocument(revoked))
    }
}
