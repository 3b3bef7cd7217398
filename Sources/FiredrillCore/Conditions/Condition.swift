/// A condition over the drill's progress, as written in `when` and `if`.
///
/// ```
/// cond     := and-expr ("or" and-expr)*
/// and-expr := unary ("and" unary)*
/// unary    := "not" unary | "(" cond ")" | atom
/// atom     := "met(" objective-id ")" | "delivered(" inject-id ")"
/// ```
public indirect enum Condition: Sendable, Hashable {
    case met(String)
    case delivered(String)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)

    /// Evaluates the condition against the facts known so far.
    public func holds(
        isMet: (String) -> Bool,
        isDelivered: (String) -> Bool
    ) -> Bool {
        switch self {
        case .met(let id): isMet(id)
        case .delivered(let id): isDelivered(id)
        case .not(let inner): !inner.holds(isMet: isMet, isDelivered: isDelivered)
        case .and(let lhs, let rhs):
            lhs.holds(isMet: isMet, isDelivered: isDelivered) && rhs.holds(isMet: isMet, isDelivered: isDelivered)
        case .or(let lhs, let rhs):
            lhs.holds(isMet: isMet, isDelivered: isDelivered) || rhs.holds(isMet: isMet, isDelivered: isDelivered)
        }
    }

    /// Every `met(...)` and `delivered(...)` atom, in reading order.
    public var atoms: [Atom] {
        var result: [Atom] = []
        collectAtoms(into: &result)
        return result
    }

    private func collectAtoms(into result: inout [Atom]) {
        switch self {
        case .met(let id): result.append(.met(id))
        case .delivered(let id): result.append(.delivered(id))
        case .not(let inner): inner.collectAtoms(into: &result)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            lhs.collectAtoms(into: &result)
            rhs.collectAtoms(into: &result)
        }
    }

    public enum Atom: Sendable, Hashable {
        case met(String)
        case delivered(String)
    }
}

extension Condition: CustomStringConvertible {
    public var description: String {
        switch self {
        case .met(let id): "met(\(id))"
        case .delivered(let id): "delivered(\(id))"
        case .not(let inner): "not \(inner.operandDescription)"
        case .and(let lhs, let rhs): "\(lhs.andOperandDescription) and \(rhs.andOperandDescription)"
        case .or(let lhs, let rhs): "\(lhs) or \(rhs)"
        }
    }

    private var operandDescription: String {
        switch self {
        case .and, .or: "(\(description))"
        default: description
        }
    }

    private var andOperandDescription: String {
        if case .or = self { return "(\(description))" }
        return description
    }
}

// A condition as structure, for pages and programs that show it in words rather than in
// the scenario's syntax: `{"met": "id"}`, `{"delivered": "id"}`, `{"not": …}`,
// `{"and": [a, b]}`, `{"or": [a, b]}`.
extension Condition: Codable {
    private enum Key: String, CodingKey { case met, delivered, not, and, or }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        if let id = try container.decodeIfPresent(String.self, forKey: .met) { self = .met(id); return }
        if let id = try container.decodeIfPresent(String.self, forKey: .delivered) { self = .delivered(id); return }
        if let inner = try container.decodeIfPresent(Condition.self, forKey: .not) { self = .not(inner); return }
        for key in [Key.and, .or] {
            guard let parts = try container.decodeIfPresent([Condition].self, forKey: key) else { continue }
            guard parts.count == 2 else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(key.rawValue)' takes two conditions")
            }
            self = key == .and ? .and(parts[0], parts[1]) : .or(parts[0], parts[1])
            return
        }
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a condition is met, delivered, not, and or or"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .met(let id): try container.encode(id, forKey: .met)
        case .delivered(let id): try container.encode(id, forKey: .delivered)
        case .not(let inner): try container.encode(inner, forKey: .not)
        case .and(let lhs, let rhs): try container.encode([lhs, rhs], forKey: .and)
        case .or(let lhs, let rhs): try container.encode([lhs, rhs], forKey: .or)
        }
    }
}
