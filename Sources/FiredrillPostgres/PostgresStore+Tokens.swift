import FiredrillStore
import Foundation
import PostgresNIO

/// The live server's tokens: a drill's (evaluator, observer, player) and the server's
/// (committee, reporter). What a new token is and what revoking or joining changes are the
/// store's rules (``FiredrillStore/AccessToken/issued(id:runID:kind:roles:displayName:existing:secret:createdAt:)``,
/// ``FiredrillStore/ServerToken/issued(id:kind:name:secret:createdAt:)``), shared with the
/// SQLite store; here is only SQL. The server finds a token by its hash in its own cache,
/// filled from ``tokens(runID:)`` and ``serverTokens()``.
extension PostgresStore {
    static let tokenColumns = "id, run_id, kind, roles, label, display_name, hash, created_at, joined_at, revoked_at"
    static let serverTokenColumns = "id, kind, name, hash, created_at, revoked_at"

    /// Makes a token for a drill and returns it with its secret, which is not stored.
    public func makeToken(
        runID: String, kind: AccessToken.Kind, roles: [String] = [], displayName: String? = nil, createdAt: Date = Date()
    ) throws -> (token: AccessToken, secret: String) {
        let secret = AccessToken.newSecret(kind: kind)
        let token = try transaction { transaction in
            // The run's row is held, so that two tokens made at once are numbered one after the other.
            _ = try Self.fetchRun(transaction, id: runID, lock: true)
            let count = try transaction.query("SELECT COUNT(*) FROM token WHERE run_id = \(runID) AND kind = \(kind.rawValue)")[0].decode(Int.self)
            let id = try AccessToken.newID { try !transaction.query("SELECT 1 FROM token WHERE id = \($0)").isEmpty }
            let token = try AccessToken.issued(
                id: id, runID: runID, kind: kind, roles: roles, displayName: displayName, existing: count, secret: secret, createdAt: createdAt
            )
            try transaction.query("""
                INSERT INTO token (id, run_id, kind, roles, label, display_name, hash, created_at, joined_at, revoked_at)
                VALUES (\(token.id), \(token.runID), \(token.kind.rawValue), \(token.storedRoles), \(token.label), \(token.displayName),
                        \(token.hash), \(token.createdAt), \(token.joinedAt), \(token.revokedAt))
                """)
            return token
        }
        return (token, secret)
    }

    /// Every token of every drill (for the server's cache), or of one drill; oldest first.
    public func tokens(runID: String? = nil) throws -> [AccessToken] {
        let statement: PostgresQuery = if let runID {
            "SELECT \(unescaped: Self.tokenColumns) FROM token WHERE run_id = \(runID) ORDER BY created_at COLLATE \"C\", id COLLATE \"C\""
        } else {
            "SELECT \(unescaped: Self.tokenColumns) FROM token ORDER BY created_at COLLATE \"C\", id COLLATE \"C\""
        }
        return try query(statement).map(Self.accessToken)
    }

    /// Revokes a token: it no longer gives access. Revoking twice is harmless.
    @discardableResult
    public func revokeToken(id: String, runID: String, at date: Date = Date()) throws -> AccessToken {
        try transaction { transaction in
            guard var token = try Self.lockedToken(transaction, id: id), token.runID == runID else {
                throw AccessToken.notInDrill(id: id, runID: runID)
            }
            if token.revoke(at: date) {
                try transaction.query("UPDATE token SET revoked_at = \(token.revokedAt) WHERE id = \(token.id)")
            }
            return token
        }
    }

    /// Records the name a participant gave when joining, and when.
    @discardableResult
    public func setDisplayName(tokenID: String, name: String?, at date: Date = Date()) throws -> AccessToken {
        try transaction { transaction in
            guard var token = try Self.lockedToken(transaction, id: tokenID) else { throw AccessToken.notFound(id: tokenID) }
            token.join(displayName: name, at: date)
            try transaction.query("UPDATE token SET display_name = \(token.displayName), joined_at = \(token.joinedAt) WHERE id = \(token.id)")
            return token
        }
    }

    // MARK: Server-scope tokens

    /// Issues a server-scope token (committee, reporter); the secret is returned, not stored.
    public func makeServerToken(kind: ServerToken.Kind, name: String, createdAt: Date = Date()) throws -> (token: ServerToken, secret: String) {
        let secret = ServerToken.newSecret(kind: kind)
        let token = try transaction { transaction in
            let id = try AccessToken.newID { candidate in
                try !transaction.query("""
                    SELECT 1 FROM server_token WHERE id = \(candidate) UNION ALL SELECT 1 FROM token WHERE id = \(candidate)
                    """).isEmpty
            }
            let token = ServerToken.issued(id: id, kind: kind, name: name, secret: secret, createdAt: createdAt)
            try transaction.query("""
                INSERT INTO server_token (id, kind, name, hash, created_at, revoked_at)
                VALUES (\(token.id), \(token.kind.rawValue), \(token.name), \(token.hash), \(token.createdAt), \(token.revokedAt))
                """)
            return token
        }
        return (token, secret)
    }

    /// Every server-scope token, revoked ones included, oldest first.
    public func serverTokens() throws -> [ServerToken] {
        try query("SELECT \(unescaped: Self.serverTokenColumns) FROM server_token ORDER BY created_at COLLATE \"C\", id COLLATE \"C\"")
            .map(Self.serverToken)
    }

    /// Revokes a server-scope token; revoking twice is harmless.
    @discardableResult
    public func revokeServerToken(id: String, at date: Date = Date()) throws -> ServerToken {
        try transaction { transaction in
            let rows = try transaction.query("SELECT \(unescaped: Self.serverTokenColumns) FROM server_token WHERE id = \(id) FOR UPDATE")
            guard var token = try rows.first.map(Self.serverToken) else { throw ServerToken.notFound(id: id) }
            if token.revoke(at: date) {
                try transaction.query("UPDATE server_token SET revoked_at = \(token.revokedAt) WHERE id = \(token.id)")
            }
            return token
        }
    }

    // MARK: Rows

    /// The drill token `id`, its row held until the transaction ends; `nil` when there is none.
    private static func lockedToken(_ transaction: Transaction, id: String) throws -> AccessToken? {
        try transaction.query("SELECT \(unescaped: tokenColumns) FROM token WHERE id = \(id) FOR UPDATE").first.map(accessToken)
    }

    /// A drill token from its row (``tokenColumns``), by its coding keys.
    private static func accessToken(_ row: PostgresRow) throws -> AccessToken {
        try RowDecoder.decode(AccessToken.self, from: row)
    }

    /// A server-scope token from its row (``serverTokenColumns``), by its coding keys.
    private static func serverToken(_ row: PostgresRow) throws -> ServerToken {
        try RowDecoder.decode(ServerToken.self, from: row)
    }
}
