/// A token for the whole server rather than one drill, issued by the trainer: the ISMS
/// committee's (reads every drill as an observer would, history, trends, the improvement
/// plan and the evidence; never creates, steers or acts), or a near-miss reporter's (may only
/// submit near misses). Only the SHA-256 of the secret is stored; the secret is shown once.
public struct ServerToken: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case committee, reporter

        /// The secret's first characters, which say the kind (`fdc_…`, `fdr_…`).
        var prefix: String {
            switch self {
            case .committee: "fdc_"
            case .reporter: "fdr_"
            }
        }
    }

    /// A public id (`tok-…`), safe to show and to name in a revocation.
    public var id: String
    public var kind: Kind
    /// Who holds it, in the trainer's words (`ISMS committee`, `総務部`).
    public var name: String
    /// Lowercase hex SHA-256 of the secret.
    public var hash: String
    public var createdAt: String
    public var revokedAt: String?

    package init(id: String, kind: Kind, name: String, hash: String, createdAt: String, revokedAt: String? = nil) {
        self.id = id
        self.kind = kind
        self.name = name
        self.hash = hash
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }

    public var isRevoked: Bool { revokedAt != nil }

    package static func newSecret(kind: Kind) -> String { AccessToken.newSecret(prefix: kind.prefix) }
}
