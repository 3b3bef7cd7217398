/// One saved version of a scenario in the server's library: its exact source text, as the
/// trainer saved it, and what the loader read from it. Versions of a scenario are numbered
/// from 1 and never change once saved; a drill created from one keeps the same source in its
/// own record.
public struct ScenarioVersion: Sendable, Hashable, Codable {
    /// The scenario's `id` (also the id inside the source).
    public var scenarioID: String
    public var version: Int
    /// The YAML or JSON text, byte for byte as saved.
    public var source: String
    /// Lowercase hex SHA-256 of the source's UTF-8 bytes.
    public var sha256: String
    public var title: String
    /// `en` or `ja`.
    public var language: String
    /// When it was saved (``Timestamp``).
    public var savedAt: String

    public init(scenarioID: String, version: Int, source: String, sha256: String, title: String, language: String, savedAt: String) {
        self.scenarioID = scenarioID
        self.version = version
        self.source = source
        self.sha256 = sha256
        self.title = title
        self.language = language
        self.savedAt = savedAt
    }
}
