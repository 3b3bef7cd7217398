/// "Did you mean …?" suggestions for misspelt keys, ids and kinds.
public enum Suggestions {
    /// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        guard !target.isEmpty, target.count <= 64 else { return nil }
        var best: (String, Int)? = nil
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            // A word that extends or cuts short a candidate ("acknowledgement") counts as close.
            let (shorter, longer) = other.count < target.count ? (other, target) : (target, other)
            let isPrefix = shorter.count >= 3 && longer.starts(with: shorter)
            guard isPrefix || abs(other.count - target.count) <= 3 else { continue }
            let distance = isPrefix ? 1 : editDistance(target, other)
            let allowed = max(1, min(target.count, other.count) / 3)
            if distance <= allowed, distance < (best?.1 ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.0
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func hint(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
