import ArgumentParser
import Foundation

/// Reads a whole text file with a size limit, for scripts and similar inputs.
enum TextFile {
    static func read(_ path: String, limit: Int) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw ValidationError("\(path): no such file")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw ValidationError("\(path): cannot be read") }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else {
            throw ValidationError("\(path): larger than the limit of \(limit / 1_048_576) MB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): not UTF-8 text")
        }
        return text
    }
}
