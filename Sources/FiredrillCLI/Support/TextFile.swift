import ArgumentParser
import FiredrillCore
import FiredrillYAML

/// Reads a text input of a command (a replay script), printing `path[:line:column]: message`
/// and exiting with status 2 when it cannot be used.
enum TextFile {
    static func read(_ path: String, limit: Int) throws -> String {
        switch InputFile.readText(path, limit: limit) {
        case .success(let text): return text
        case .failure(let diagnostic):
            Console.error(diagnostic.formatted(path: path))
            throw ExitCode(2)
        }
    }
}
