/// A person who took part in a drill, and the role they played. Names are kept with the
/// record as evidence of who took part; reports and trends speak of roles and departments.
public struct Participant: Sendable, Hashable, Codable {
    public var role: String
    public var displayName: String?
    public var department: String?

    public init(role: String, displayName: String? = nil, department: String? = nil) {
        self.role = role
        self.displayName = displayName
        self.department = department
    }

    enum CodingKeys: String, CodingKey {
        case role, displayName = "display_name", department
    }
}

/// How a drill was played: live by people (in a terminal or through the server), or
/// replayed from a script. Every report says which.
public enum DrillMode: String, Sendable, Hashable, Codable, CaseIterable {
    case live
    case replay
}
