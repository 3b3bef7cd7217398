import Dispatch
import Foundation
import Synchronization

/// Ctrl-C and SIGTERM asking a long command to stop at its next safe point (``requested``),
/// as `firedrill store copy` does between runs; a second signal ends the process at once
/// (exit 130), which leaves nothing half written either: an unfinished transaction is rolled
/// back. ``cancel()`` restores the default handling.
final class StopSignals {
    /// The signals received.
    private final class Count: Sendable {
        let value = Atomic<Int>(0)
    }

    private let count = Count()
    private let handler: InterruptHandler

    /// Starts listening; `notice` is told on standard error at the first signal.
    init(notice: String) {
        let count = count
        handler = InterruptHandler(sources: [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if count.value.add(1, ordering: .sequentiallyConsistent).newValue > 1 { exit(130) }
                Console.error(notice)
            }
            source.resume()
            return source
        })
    }

    /// Whether a signal came.
    var requested: Bool { count.value.load(ordering: .sequentiallyConsistent) > 0 }

    func cancel() { handler.cancel() }
}
