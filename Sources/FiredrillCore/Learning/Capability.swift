import Foundation

/// The HSEEP capability elements a corrective action improves.
public enum Capability: String, Sendable, Hashable, Codable, CaseIterable {
    case planning = "Planning"
    case organization = "Organization"
    case equipment = "Equipment"
    case training = "Training"
    case exercise = "Exercise"

    /// Reads a capability name, in any letter case.
    public init(validating name: String) throws(InputError) {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let match = Capability.allCases.first(where: { $0.rawValue.lowercased() == trimmed.lowercased() }) {
            self = match
            return
        }
        let names = Capability.allCases.map(\.rawValue)
        let hint = Suggestions.closest(to: trimmed, among: names).map { " — did you mean '\($0)'?" } ?? ""
        throw InputError(.invalid, "invalid_action", "unknown capability '\(trimmed.prefix(40))'\(hint) (capabilities: \(names.joined(separator: ", ")))")
    }
}
