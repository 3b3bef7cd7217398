import FiredrillCore
import Foundation

/// Where a benchmark writes its figures: standard output by default, a buffer in tests.
public struct BenchmarkOutput: Sendable {
    public let write: @Sendable (String) -> Void

    public init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    public static let standardOutput = BenchmarkOutput { FileHandle.standardOutput.write(Data($0.utf8)) }

    func callAsFunction(_ text: String) { write(text) }

    /// Rows of figures, the first the header, aligned in columns.
    func table(_ rows: [[String]]) {
        guard let first = rows.first else { return }
        write(DisplayWidth.table(rows, rightAligned: Set(first.indices)).joined(separator: "\n") + "\n")
    }
}

/// Timing helpers shared by the benchmarks.
enum Timing {
    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// The best of `count` runs of `body`, in seconds.
    static func best(of count: Int, _ body: () throws -> Void) rethrows -> Double {
        var best = Double.infinity
        let clock = ContinuousClock()
        for _ in 0..<count {
            let start = clock.now
            try body()
            best = min(best, seconds(start.duration(to: clock.now)))
        }
        return best
    }
}
