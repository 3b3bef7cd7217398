/// What changed between two texts, line by line, as people read it in a review: a unified
/// diff with a few lines of context around each change. Line ends (LF, CRLF, CR) do not
/// count as changes.
public struct LineDiff: Sendable, Hashable {
    public enum Change: Sendable, Hashable {
        case kept(String)
        case removed(String)
        case added(String)
    }

    /// Every line of both texts in order, each kept, removed or added.
    public var changes: [Change]

    public init(from old: String, to new: String) {
        let before = old.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let after = new.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let difference = after.difference(from: before)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var changes: [Change] = []
        var i = 0, j = 0
        while i < before.count || j < after.count {
            if i < before.count, removed.contains(i) {
                changes.append(.removed(before[i]))
                i += 1
            } else if j < after.count, inserted.contains(j) {
                changes.append(.added(after[j]))
                j += 1
            } else {
                changes.append(.kept(i < before.count ? before[i] : after[j]))
                i += 1
                j += 1
            }
        }
        self.changes = changes
    }

    public var added: Int { changes.count { if case .added = $0 { true } else { false } } }
    public var removed: Int { changes.count { if case .removed = $0 { true } else { false } } }

    /// The unified diff (`--- fromName`, `+++ toName`, `@@ -a,b +c,d @@` hunks with `context`
    /// lines around each change); empty when nothing changed.
    public func unified(fromName: String, toName: String, context: Int = 3) -> String {
        let changed = changes.indices.filter { if case .kept = changes[$0] { false } else { true } }
        guard !changed.isEmpty else { return "" }
        // Hunks: runs of changes whose context overlaps.
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(changes.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...range.upperBound
            } else {
                ranges.append(range)
            }
        }
        // The line numbers in each text where each change stands.
        var oldLine = [Int](repeating: 0, count: changes.count), newLine = oldLine
        var o = 1, n = 1
        for (index, change) in changes.enumerated() {
            oldLine[index] = o
            newLine[index] = n
            switch change {
            case .kept: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        var text = "--- \(fromName)\n+++ \(toName)\n"
        for range in ranges {
            let slice = changes[range]
            let oldCount = slice.count { if case .added = $0 { false } else { true } }
            let newCount = slice.count { if case .removed = $0 { false } else { true } }
            let oldStart = oldCount == 0 ? oldLine[range.lowerBound] - 1 : oldLine[range.lowerBound]
            let newStart = newCount == 0 ? newLine[range.lowerBound] - 1 : newLine[range.lowerBound]
            text += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for change in slice {
                switch change {
                case .kept(let line): text += " \(line)\n"
                case .removed(let line): text += "-\(line)\n"
                case .added(let line): text += "+\(line)\n"
                }
            }
        }
        return text
    }
}
