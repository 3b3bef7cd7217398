/// Which injects can possibly be delivered, judged from the scenario alone.
///
/// An `at` inject may always be delivered (its guard may still skip it). A `when` inject can
/// fire if its condition can become true: `delivered(i)` needs `i` to be deliverable,
/// `met(o)` needs `o`'s clock to be able to start, and `not …` is true at the start of every
/// drill. The least fixpoint of these rules leaves exactly the injects that wait on a cycle.
struct ReachabilityAnalysis {
    private let whenConditions: [String: Condition]
    private let objectiveFrom: [String: String]
    private(set) var possible: Set<String> = []

    /// - Parameter assumedPossible: injects declared but not readable (their entries have
    ///   errors of their own): they count as deliverable, so that nothing is reported only
    ///   because of another error.
    init(injects: [Inject], objectives: [Objective], assumedPossible: Set<String> = []) {
        possible = assumedPossible
        var conditions: [String: Condition] = [:]
        for inject in injects {
            switch inject.trigger {
            case .at: possible.insert(inject.id)
            case .when(let condition, _): conditions[inject.id] = condition
            }
        }
        whenConditions = conditions
        objectiveFrom = Dictionary(objectives.compactMap { objective in objective.from.map { (objective.id, $0) } },
                                   uniquingKeysWith: { first, _ in first })
        var changed = true
        while changed {
            changed = false
            for (id, condition) in whenConditions where !possible.contains(id) && canHold(condition) {
                possible.insert(id)
                changed = true
            }
        }
    }

    func canFire(_ id: String) -> Bool { possible.contains(id) }

    private func canHold(_ condition: Condition) -> Bool {
        switch condition {
        case .delivered(let id): possible.contains(id)
        case .met(let id): objectiveFrom[id].map { possible.contains($0) } ?? true
        case .not: true
        case .and(let lhs, let rhs): canHold(lhs) && canHold(rhs)
        case .or(let lhs, let rhs): canHold(lhs) || canHold(rhs)
        }
    }

    /// The impossible injects that `id`'s condition waits on.
    func blockers(of id: String) -> [String] {
        guard let condition = whenConditions[id] else { return [] }
        var result: [String] = []
        for atom in condition.atoms {
            let dependency: String? = switch atom {
            case .delivered(let inject): inject
            case .met(let objective): objectiveFrom[objective]
            }
            if let dependency, !possible.contains(dependency), !result.contains(dependency) {
                result.append(dependency)
            }
        }
        return result
    }

    /// A cycle of impossible injects that passes through `id`, as a path ending where it began.
    func cycle(through id: String) -> [String]? {
        var stack: [(node: String, path: [String])] = [(id, [id])]
        var visited: Set<String> = []
        while let (node, path) = stack.popLast() {
            for next in blockers(of: node) {
                if next == id { return path + [id] }
                if visited.insert(next).inserted { stack.append((next, path + [next])) }
            }
        }
        return nil
    }
}
