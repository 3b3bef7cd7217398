import Crypto
import Foundation
import Synchronization

/// Limits how often one key (a token, an address) may submit within a sliding window. Keys
/// are kept only in memory, hashed with a salt drawn at start, and only for the window: an
/// address is never written anywhere, and a hash cannot be matched to one after a restart.
final class SubmissionLimiter: Sendable {
    struct Limit: Sendable {
        /// Key prefix (`token:`, `address:`) → submissions allowed per window.
        var perPrefix: [String: Int]
        var window: Duration
    }

    let limit: Limit
    let now: @Sendable () -> ContinuousClock.Instant
    private let salt: [UInt8]
    private let state = Mutex<[String: [ContinuousClock.Instant]]>([:])

    init(limit: Limit, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.limit = limit
        self.now = now
        var generator = SystemRandomNumberGenerator()
        salt = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    /// Reporter links may be shared with a whole company: 120 reports an hour per link, 10
    /// per address.
    static let nearMisses = Limit(perPrefix: ["token:": 120, "address:": 10, "trainer": 600], window: .seconds(3600))

    /// `nil` when every key may submit now (the submission is counted for each); else the
    /// seconds until the first key may again (nothing counted).
    func admit(keys: [String]) -> Int? {
        let time = now()
        let key = SymmetricKey(data: salt)
        let hashed = keys.map { name -> (String, Int) in
            let allowed = limit.perPrefix.first { name.hasPrefix($0.key) }?.value ?? Int.max
            let digest = HMAC<SHA256>.authenticationCode(for: Data(name.utf8), using: key)
            return (Data(digest).base64EncodedString(), allowed)
        }
        return state.withLock { times in
            var wait: Duration?
            for (key, allowed) in hashed {
                let recent = (times[key] ?? []).filter { time - $0 < limit.window }
                times[key] = recent.isEmpty ? nil : recent
                if recent.count >= allowed, let oldest = recent.first {
                    let until = limit.window - (time - oldest)
                    wait = max(wait ?? .zero, until)
                }
            }
            if let wait { return max(1, Int(wait.components.seconds) + 1) }
            for (key, _) in hashed { times[key, default: []].append(time) }
            // Forget keys whose window has passed, so memory stays bounded by recent senders.
            if times.count > 10_000 { times = times.filter { $0.value.contains { time - $0 < limit.window } } }
            return nil
        }
    }
}
