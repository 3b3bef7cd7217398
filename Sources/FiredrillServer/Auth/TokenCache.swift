import FiredrillStore
import Foundation
import Synchronization

/// The server's tokens by hash, kept in memory so that a request costs no database read;
/// the database holds the same (only hashes), and every change goes there first.
final class TokenCache: Sendable {
    private let trainerHash: String
    private let tokens = Mutex<[String: AccessToken]>([:])
    private let serverTokens = Mutex<[String: ServerToken]>([:])

    init(trainerToken: String, stored: [AccessToken], server: [ServerToken] = []) {
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
        guard let token = tokens.withLock({ $0[hash] }), AccessToken.constantTimeEquals(token.hash, hash), !token.isRevoked else {
            return nil
        }
        return .token(token)
    }

    /// The token with this public id as held now (with a display name set since it was issued).
    func current(_ id: String) -> AccessToken? {
        tokens.withLock { map in map.values.first { $0.id == id } }
    }

    func add(_ token: AccessToken) {
        tokens.withLock { $0[token.hash] = token }
    }

    func add(_ token: ServerToken) {
        serverTokens.withLock { $0[token.hash] = token }
    }

    /// A revoked server token stops working at once.
    func update(_ token: ServerToken) {
        serverTokens.withLock { map in
            if token.isRevoked { map[token.hash] = nil } else { map[token.hash] = token }
        }
    }

    func update(_ token: AccessToken) {
        tokens.withLock { map in
            if token.isRevoked { map[token.hash] = nil } else { map[token.hash] = token }
        }
    }
}

