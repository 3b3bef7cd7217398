import FiredrillCore

/// A condition written so that reading it back gives the same condition: operands that
/// would otherwise regroup are parenthesised (`a or (b or c)` stays right-nested), which
/// ``FiredrillCore/Condition``'s own description, written for people, does not do.
enum ConditionText {
    static func text(_ condition: Condition) -> String {
        switch condition {
        case .met(let id): return "met(\(id))"
        case .delivered(let id): return "delivered(\(id))"
        case .not(let inner):
            switch inner {
            case .and, .or: return "not (\(text(inner)))"
            default: return "not \(text(inner))"
            }
        case .or(let lhs, let rhs):
            return text(lhs) + " or " + grouped(rhs, if: { if case .or = $0 { true } else { false } })
        case .and(let lhs, let rhs):
            let left = grouped(lhs, if: { if case .or = $0 { true } else { false } })
            return left + " and " + grouped(rhs, if: { switch $0 { case .and, .or: true; default: false } })
        }
    }

    private static func grouped(_ condition: Condition, if needed: (Condition) -> Bool) -> String {
        needed(condition) ? "(" + text(condition) + ")" : text(condition)
    }
}
