import Foundation

/// Standard input as an async stream of lines, read on a thread of its own so that a
/// blocked read never holds up the drill.
enum LineReader {
    static func standardInput() -> AsyncStream<String> {
        AsyncStream { continuation in
            let thread = Thread {
                while let line = readLine(strippingNewline: true) {
                    continuation.yield(line)
                }
                continuation.finish()
            }
            thread.start()
        }
    }
}
