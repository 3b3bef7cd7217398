import FiredrillStore
import FiredrillYAML
import Foundation
import Synchronization

/// The last scenario texts converted between YAML and JSON (`POST /api/v1/scenarios/convert`),
/// by the SHA-256 of the text and the format asked for, so that the editor opening a large
/// scenario again (or right after saving it) gets its JSON without a second conversion.
///
/// A conversion depends on the text alone, so an answer from here is the answer the
/// conversion would give. When the editor saves, it converts its JSON to YAML and saves that
/// YAML; the way back (that YAML to JSON, what the editor asks for when it opens the scenario
/// next) is then converted in the background and kept, as it is for every version saved.
final class ConversionCache: Sendable {
    private struct Entry {
        var output: String
        var used: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var tick: UInt64 = 0
    }

    private let state = Mutex(State())
    /// At most this many characters of converted text are kept (the least recently used go first).
    let capacity: Int

    init(capacity: Int = 48 * 1_048_576) {
        self.capacity = capacity
    }

    /// `text` converted to `format`: kept, or converted now and kept.
    func convert(_ text: String, to format: ScenarioTextConversion.Format) throws(ScenarioTextConversion.Failure) -> String {
        let key = Self.key(text, format)
        if let kept = lookUp(key) { return kept }
        let output = try ScenarioTextConversion.convert(text, to: format)
        keep(output, as: key)
        // The editor saves this YAML and, when it opens the scenario again, asks for it as JSON.
        if format == .yaml { prepare(output, .json) }
        return output
    }

    /// Converts `text` to `format` in the background, unless it is kept already: a version
    /// just saved, which the editor will ask for as JSON when it opens it.
    func prepare(_ text: String, _ format: ScenarioTextConversion.Format) {
        guard !holds(text, format) else { return }
        Task.detached(priority: .background) { [self] in
            let key = Self.key(text, format)
            guard lookUp(key) == nil, let output = try? ScenarioTextConversion.convert(text, to: format) else { return }
            keep(output, as: key)
        }
    }

    /// Whether the conversion of `text` to `format` is kept.
    func holds(_ text: String, _ format: ScenarioTextConversion.Format) -> Bool {
        state.withLock { $0.entries[Self.key(text, format)] != nil }
    }

    private static func key(_ text: String, _ format: ScenarioTextConversion.Format) -> String {
        format.rawValue + ":" + EventChain.sha256Hex(text)
    }

    private func lookUp(_ key: String) -> String? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.tick += 1
            entry.used = state.tick
            state.entries[key] = entry
            return entry.output
        }
    }

    private func keep(_ output: String, as key: String) {
        let size = output.utf8.count
        guard size <= capacity else { return }
        state.withLock { state in
            state.tick += 1
            if let old = state.entries.updateValue(Entry(output: output, used: state.tick), forKey: key) {
                state.bytes -= old.output.utf8.count
            }
            state.bytes += size
            while state.bytes > capacity, let oldest = state.entries.min(by: { $0.value.used < $1.value.used }) {
                state.entries[oldest.key] = nil
                state.bytes -= oldest.value.output.utf8.count
            }
        }
    }
}
