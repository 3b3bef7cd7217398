import Foundation

// The rules of the live server's tokens, whichever database keeps them: a new token's id,
// label, stored roles and hash; revoking and joining; the refusals. A backend reads and
// writes the rows; what goes in them is decided here.

extension AccessToken {
    /// A new public id (`tok-` and 32 random bits in hex) that `isTaken` says is free.
    package static func newID(isTaken: (String) throws -> Bool) rethrows -> String {
        var id = ""
        repeat {
            id = "tok-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
        } while try isTaken(id)
        return id
    }

    /// A new token of drill `runID`, after `existing` tokens of the same kind in it (its label
    /// is `kind-(existing + 1)`): the roles are kept for a player only, the secret only as
    /// its hash.
    package static func issued(
        id: String, runID: String, kind: Kind, roles: [String], displayName: String?, existing: Int, secret: String, createdAt: Date
    ) throws -> AccessToken {
        let rolesJSON = kind == .player ? String(decoding: try JSONEncoder().encode(roles), as: UTF8.self) : nil
        return AccessToken(
            id: id, runID: runID, kind: kind, rolesJSON: rolesJSON, label: "\(kind.rawValue)-\(existing + 1)",
            displayName: displayName, hash: AccessToken.hash(of: secret), createdAt: Timestamp.string(from: createdAt),
            joinedAt: nil, revokedAt: nil
        )
    }

    /// The `roles` column as stored: a player's roles as a JSON array, `nil` for other kinds.
    package var storedRoles: String? { rolesJSON }

    /// Revokes the token as of `date`; a revoked token stays revoked when it was. Returns
    /// whether anything changed (revoking twice is harmless).
    @discardableResult
    package mutating func revoke(at date: Date) -> Bool {
        guard revokedAt == nil else { return false }
        revokedAt = Timestamp.string(from: date)
        return true
    }

    /// Records the name a participant gave when joining; the first join's time is kept.
    package mutating func join(displayName name: String?, at date: Date) {
        displayName = name
        if joinedAt == nil { joinedAt = Timestamp.string(from: date) }
    }

    /// Drill `runID` has no token `id` (a revocation naming a token of another drill).
    package static func notInDrill(id: String, runID: String) -> StoreError {
        StoreError(.invalidInput, "drill '\(runID)' has no token '\(id.prefix(40))'")
    }

    /// No drill has a token `id`.
    package static func notFound(id: String) -> StoreError {
        StoreError(.invalidInput, "no token '\(id.prefix(40))'")
    }
}

extension ServerToken {
    /// A new server-scope token; the secret is kept only as its hash. Its id is free among
    /// the drills' tokens as well as the server's (``AccessToken/newID(isTaken:)``).
    package static func issued(id: String, kind: Kind, name: String, secret: String, createdAt: Date) -> ServerToken {
        ServerToken(id: id, kind: kind, name: name, hash: AccessToken.hash(of: secret), createdAt: Timestamp.string(from: createdAt))
    }

    /// Revokes the token as of `date`; returns whether anything changed.
    @discardableResult
    package mutating func revoke(at date: Date) -> Bool {
        guard revokedAt == nil else { return false }
        revokedAt = Timestamp.string(from: date)
        return true
    }

    /// There is no server token `id`.
    package static func notFound(id: String) -> StoreError {
        StoreError(.invalidInput, "there is no server token '\(id.prefix(40))'")
    }
}
