import FiredrillCore
import FiredrillStore
import Foundation
import Hummingbird
import Logging

/// The trainer hands out and revokes a drill's tokens (`/api/v1/drills/{id}/tokens…`);
/// any caller asks who it is (`/api/v1/session`).
struct TokensController<C: Clock>: Sendable where C.Duration == Duration {
    let parts: ServerParts<C>

    func addRoutes(to api: RouterGroup<FiredrillRequestContext>) {
        api.post("drills/:id/tokens", use: create)
        api.get("drills/:id/tokens", use: list)
        api.delete("drills/:id/tokens/:token", use: revoke)
        api.get("session", use: session)
    }

    /// Who the caller is: its kind, its drill and roles. A client that holds only a token
    /// (a terminal joining, a page after sign-in) finds its drill here.
    @Sendable func session(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        guard let caller = context.caller else { throw APIError.unauthorized }
        let token: AccessToken? = if case .token(let token) = caller { parts.tokens.current(token.id) ?? token } else { nil }
        return JSONBody.response(SessionDocument(
            kind: caller.kindName, drillID: caller.drillID, roles: caller.roles, tokenID: token?.id, label: token?.label, name: token?.displayName
        ))
    }

    @Sendable func create(_ request: Request, context: FiredrillRequestContext) async throws -> Response {
        let (drill, _) = try await parts.access(context, ["trainer"], doing: "hand out tokens")
        let body = try await JSONBody.decode(TokenRequest.self, from: request)
        guard let kind = AccessToken.Kind(rawValue: body.kind) else {
            throw APIError.invalid("invalid_kind", "'kind' is player, evaluator or observer")
        }
        var roles: [String] = []
        if kind == .player {
            roles = body.roles ?? []
            guard !roles.isEmpty else { throw APIError.invalid("missing_roles", "a player token needs 'roles': the scenario roles it plays") }
            for role in roles {
                guard let found = drill.scenario.role(role) else {
                    throw APIError.invalid("unknown_role", "the scenario has no role '\(role.prefix(60))'")
                }
                guard !found.isSimulated else {
                    throw APIError.invalid("simulated_role", "'\(role)' is a simulated person; players play the other roles")
                }
            }
            roles = Array(NSOrderedSet(array: roles)) as? [String] ?? roles
        }
        var name: String? = nil
        if let given = body.name?.trimmingCharacters(in: .whitespacesAndNewlines), !given.isEmpty {
            guard given.count <= 80, ControlCharacters.firstForbidden(in: given, allowingNewlines: false) == nil else {
                throw APIError.invalid("invalid_name", "a name has 1 to 80 characters and no control characters")
            }
            name = given
        }
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
