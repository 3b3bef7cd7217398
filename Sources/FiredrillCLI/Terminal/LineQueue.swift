import FiredrillCore
import Foundation
import Synchronization

/// Standard input as a queue of lines, read on a thread of its own so that a blocked read
/// never holds up the drill. Unlike a stream, a reader that is cancelled (the drill ended
/// while waiting for input) leaves the queue usable: the survey reads on from it.
final class LineQueue: Sendable {
    private struct State {
        var lines: [String] = []
        var ended = false
        var waiter: CheckedContinuation<String?, Never>?
    }

    private let state = Mutex(State())

    /// A queue fed from standard input until end of file. Lines may end in LF, CRLF or CR;
    /// bytes that are not UTF-8 become U+FFFD, and an endless line is cut at 64 KiB.
    static func standardInput() -> LineQueue {
        let queue = LineQueue()
        Thread {
            var splitter = LineSplitter()
            var buffer = [UInt8](repeating: 0, count: 16_384)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                for line in splitter.feed(buffer[..<count]) { queue.push(String(decoding: line.bytes, as: UTF8.self)) }
            }
            if let last = splitter.finish() { queue.push(String(decoding: last.bytes, as: UTF8.self)) }
            queue.finish()
        }.start()
        return queue
    }

    func push(_ line: String) {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.lines.append(line)
            return nil
        }
        waiter?.resume(returning: line)
    }

    /// Whether the input has ended.
    var isFinished: Bool { state.withLock { $0.ended } }

    func finish() {
        let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
            state.ended = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: nil)
    }

    /// The next line; `nil` at end of input or when the waiting task is cancelled.
    func next() async -> String? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                let ready = state.withLock { state -> String?? in
                    if !state.lines.isEmpty { return .some(state.lines.removeFirst()) }
                    if state.ended || Task.isCancelled { return .some(nil) }
                    state.waiter = continuation
                    return .none
                }
                if case .some(let line) = ready { continuation.resume(returning: line) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<String?, Never>? in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)
        }
    }
}
