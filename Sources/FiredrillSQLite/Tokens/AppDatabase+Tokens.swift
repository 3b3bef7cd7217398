import Foundation
import FiredrillStore
import GRDB

extension AppDatabase {
    /// Makes a token for a drill and returns it with its secret, which is not stored.
    public func makeToken(
        runID: String, kind: AccessToken.Kind, roles: [String] = [], displayName: String? = nil, createdAt: Date = Date()
    ) throws -> (token: AccessToken, secret: String) {
        let secret = AccessToken.newSecret(kind: kind)
        let token = try write { db -> AccessToken in
            _ = try Self.fetchRun(db, id: runID)
            let count = try AccessToken.filter(AccessToken.Columns.runID == runID && AccessToken.Columns.kind == kind).fetchCount(db)
            let id = try AccessToken.newID { try AccessToken.exists(db, key: $0) }
            let token = try AccessToken.issued(
                id: id, runID: runID, kind: kind, roles: roles, displayName: displayName, existing: count, secret: secret, createdAt: createdAt
            )
            try token.insert(db)
            return token
        }
        return (token, secret)
    }

    /// Every token of every drill (for the server's cache), or of one drill.
    public func tokens(runID: String? = nil) throws -> [AccessToken] {
        try read { db in
            var request = AccessToken.order(Column("created_at"), AccessToken.Columns.id)
            if let runID { request = request.filter(AccessToken.Columns.runID == runID) }
            return try request.fetchAll(db)
        }
    }

    /// Revokes a token: it no longer gives access. Revoking twice is harmless.
    @discardableResult
    public func revokeToken(id: String, runID: String, at date: Date = Date()) throws -> AccessToken {
        try write { db in
            guard var token = try AccessToken.fetchOne(db, key: id), token.runID == runID else {
                throw AccessToken.notInDrill(id: id, runID: runID)
            }
            if token.revoke(at: date) { try token.update(db) }
            return token
        }
    }

    /// Records the name a participant gave when joining, and when.
    @discardableResult
    public func setDisplayName(tokenID: String, name: String?, at date: Date = Date()) throws -> AccessToken {
        try write { db in
            guard var token = try AccessToken.fetchOne(db, key: tokenID) else { throw AccessToken.notFound(id: tokenID) }
            token.join(displayName: name, at: date)
            try token.update(db)
            return token
        }
    }

    /// The ids of the drills made on a server, newest first: the unfinished ones (ready,
    /// running or interrupted), or the finished ones (at most `limit`). Only ids are read, so
    /// a damaged row cannot stop the others from being taken up.
    public func serverRunIDs(finished: Bool, limit: Int = .max) throws -> [String] {
        try read { db in
            let status = Column("status")
            return try String.fetchAll(db, StoredRun
                .select(Column("id"))
                .filter(Column("interface") == RunInterface.server.rawValue)
                .filter(finished ? status == RunStatus.finished.rawValue : status != RunStatus.finished.rawValue)
                .order(Column("created_at").desc)
                .limit(limit))
        }
    }
}

extension ServerToken: FetchableRecord, PersistableRecord, TableRecord {
    public static let databaseTableName = "server_token"
    public static let databaseColumnDecodingStrategy = ColumnNaming.decoding
    public static let databaseColumnEncodingStrategy = ColumnNaming.encoding
}

extension AppDatabase {
    public func makeServerToken(kind: ServerToken.Kind, name: String, createdAt: Date = Date()) throws -> (token: ServerToken, secret: String) {
        let secret = ServerToken.newSecret(kind: kind)
        let token = try write { db -> ServerToken in
            let id = try AccessToken.newID { try ServerToken.exists(db, key: $0) || AccessToken.exists(db, key: $0) }
            let token = ServerToken.issued(id: id, kind: kind, name: name, secret: secret, createdAt: createdAt)
            try token.insert(db)
            return token
        }
        return (token, secret)
    }

    public func serverTokens() throws -> [ServerToken] {
        try read { db in try ServerToken.order(Column("created_at"), Column("id")).fetchAll(db) }
    }

    @discardableResult
    public func revokeServerToken(id: String, at date: Date = Date()) throws -> ServerToken {
        try write { db in
            guard var token = try ServerToken.fetchOne(db, key: id) else { throw ServerToken.notFound(id: id) }
            if token.revoke(at: date) { try token.update(db) }
            return token
        }
    }
}
