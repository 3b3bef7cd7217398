import FiredrillStore
import Foundation
import Synchronization

/// The server's tokens by hash, kept in memory so that a request costs no database read;
/// the database holds the same (only hashes), and every change goes there first.
///
/// With several servers on one database, a change made here is announced to the others
/// (`announce`, with the token's hash), which ``learn(_:)`` it; a token not known here yet
/// (issued on another server a moment ago) is looked up in the database (`lookup`).
final class TokenCache: Sendable {
    private let trainerHash: String
    private let tokens = Mutex<[String: AccessToken]>([:])
    private let serverTokens = Mutex<[String: ServerToken]>([:])
    private let announce: (@Sendable (String) -> Void)?
    private let lookup: (@Sendable (String) -> AccessToken?)?

    init(
        trainerToken: String, stored: [AccessToken], server: [ServerToken] = [],
        announce: (@Sendable (String) -> Void)? = nil, lookup: (@Sendable (String) -> AccessToken?)? = nil
    ) {
        self.announce = announce
        self.lookup = lookup
        trainerHash = AccessToken.hash(of: trainerToken)
        tokens.withLock { map in
            for token in stored where !token.isRevoked { map[token.hash] = token }
        }
        serverTokens.withLock { map in
            for token in server where !token.isRevoked { map[token.hash] = token }
        }
    }

    /// The caller a secret identifies, or `nil`. Hashes are compared in constant time.
    func caller(for secret: String) -> Caller? {
        let hash = AccessToken.hash(of: secret)
        if AccessToken.constantTimeEquals(hash, trainerHash) { return .trainer }
        if let token = serverTokens.withLock({ $0[hash] }), AccessToken.constantTimeEquals(token.hash, hash), !token.isRevoked {
            return .server(token)
        }
        var found = tokens.withLock { $0[hash] }
        if found == nil, let lookup, let issued = lookup(hash), !issued.isRevoked {
            learn(issued)
            found = issued
        }
        guard let token = found, AccessToken.constantTimeEquals(token.hash, hash), !token.isRevoked else {
            return nil
        }
        return .token(token)
    }

    /// The token with this public id as held now (with a display name set since it was issued).
    func current(_ id: String) -> AccessToken? {
        tokens.withLock { map in map.values.first { $0.id == id } }
    }

    /// A new token (the other servers find it in the database when it is first used).
    func add(_ token: AccessToken) {
        learn(token)
    }

    func add(_ token: ServerToken) {
        learn(token)
        announce?("server")
    }

    /// A revoked server token stops working at once.
    func update(_ token: ServerToken) {
        learn(token)
        announce?("server")
    }

    func update(_ token: AccessToken) {
        learn(token)
        announce?(token.hash)
    }

    /// Takes a token as it is now in the database (changed here or on another server).
    func learn(_ token: AccessToken) {
        tokens.withLock { map in
            if token.isRevoked { map[token.hash] = nil } else { map[token.hash] = token }
        }
    }

    func learn(_ token: ServerToken) {
        serverTokens.withLock { map in
            if token.isRevoked { map[token.hash] = nil } else { map[token.hash] = token }
        }
    }
}

