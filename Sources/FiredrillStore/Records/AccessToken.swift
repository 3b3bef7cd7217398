import Crypto
import Foundation

/// A token that gives someone access to one drill on the server: an evaluator, an observer,
/// or a player of some roles. Only the SHA-256 of the secret is stored; the secret is shown
/// once, when the token is made.
public struct AccessToken: Sendable, Hashable, Codable {

    /// Every field, as the store's backends fill it.
    package init(
        id: String, runID: String, kind: Kind, rolesJSON: String? = nil, label: String, displayName: String? = nil, hash: String, createdAt: String, joinedAt: String? = nil, revokedAt: String? = nil
    ) {
        self.id = id
        self.runID = runID
        self.kind = kind
        self.rolesJSON = rolesJSON
        self.label = label
        self.displayName = displayName
        self.hash = hash
        self.createdAt = createdAt
        self.joinedAt = joinedAt
        self.revokedAt = revokedAt
    }

    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case evaluator, observer, player
    }

    /// A public id (`tok-…`), safe to show and to name in a revocation.
    public var id: String
    public var runID: String
    public var kind: Kind
    /// The roles a player plays, as a JSON array (`nil` for other kinds).
    var rolesJSON: String?
    /// `player-1`, `evaluator-1`, …: how the record names the token's holder.
    public var label: String
    public var displayName: String?
    /// Lowercase hex SHA-256 of the secret.
    public var hash: String
    public var createdAt: String
    public var joinedAt: String?
    public var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, runID = "run_id", kind, rolesJSON = "roles", label, displayName = "display_name", hash
        case createdAt = "created_at", joinedAt = "joined_at", revokedAt = "revoked_at"
    }

    public var roles: [String] {
        rolesJSON.flatMap { try? JSONDecoder().decode([String].self, from: Data($0.utf8)) } ?? []
    }

    public var isRevoked: Bool { revokedAt != nil }

    /// A new secret: 32 random bytes (256 bits) in base64url, after a prefix that says the kind.
    package static func newSecret(kind: Kind) -> String {
        let prefix = switch kind {
        case .evaluator: "fde_"
        case .observer: "fdo_"
        case .player: "fdp_"
        }
        return newSecret(prefix: prefix)
    }

    /// 32 random bytes (256 bits) in base64url after `prefix`.
    package static func newSecret(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return prefix + base64url(bytes)
    }

    /// Lowercase hex SHA-256 of a secret.
    public static func hash(of secret: String) -> String {
        EventChain.sha256Hex(secret)
    }

    /// Whether two hashes are equal, in time that does not depend on where they differ.
    public static func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
