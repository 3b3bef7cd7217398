import Foundation

/// Who may take part in a drill, and under which name: the rules every adapter (server
/// tokens, `run --as`, `--player`) applies through these functions only.
extension Scenario {
    /// The played roles named by `ids`, each once, in the order first named: ids may be
    /// written in any case or width; a simulated role (a persona) or an unknown one is refused.
    public func playableRoles(_ ids: [String]) throws(InputError) -> [String] {
        var result: [String] = []
        var seen: Set<String> = []
        for id in ids {
            guard let role = role(matching: id) else {
                let hint = Suggestions.hint(for: id, among: playerRoles.map(\.id))
                throw InputError(.invalid, "unknown_role", "the scenario has no role '\(id.prefix(60))'\(hint); roles: \(playerRoles.map(\.id).joined(separator: ", "))")
            }
            guard !role.isSimulated else {
                throw InputError(.invalid, "simulated_role", "'\(role.id)' is a simulated person (a persona) and cannot be played; players play \(playerRoles.map(\.id).joined(separator: ", "))")
            }
            if seen.insert(role.id).inserted { result.append(role.id) }
        }
        guard !result.isEmpty else {
            throw InputError(.invalid, "missing_roles", "name at least one role to play: \(playerRoles.map(\.id).joined(separator: ", "))")
        }
        return result
    }
}

extension Participant {
    /// The longest display name, in characters.
    public static let maximumNameLength = 80

    /// A display name as typed, checked and put in one form: trimmed, in Unicode's composed
    /// form (NFC), 1 to ``maximumNameLength`` characters, without control characters or
    /// invisible ones (zero-width spaces, joiners, direction marks), so that two participants
    /// cannot look the same while being different.
    public static func validName(_ typed: String) throws(InputError) -> String {
        let name = typed.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= maximumNameLength else {
            throw InputError(.invalid, "invalid_name", "a name has 1 to \(maximumNameLength) characters")
        }
        if let bad = ControlCharacters.firstForbidden(in: name, allowingNewlines: false) {
            throw InputError(.invalid, "invalid_name", "a name cannot contain the control character \(bad.name)")
        }
        if let invisible = name.unicodeScalars.first(where: { $0.properties.generalCategory == .format }) {
            throw InputError(.invalid, "invalid_name", "a name cannot contain the invisible character \(ControlCharacters.name(of: invisible)); type it again without it")
        }
        return name
    }
}
