import FiredrillCore
import Foundation

/// Reads an input file (a scenario, a replay script) as UTF-8 text, refusing whatever is
/// not a readable regular file of bounded size, and naming the real problem.
///
/// A FIFO or a device is refused before anything is read from it (a FIFO would block
/// forever), files are read up to one byte past the limit only, and text that is not UTF-8
/// is named for what it is (UTF-16, binary, another encoding) with the position of the
/// first bad byte.
public enum InputFile {
    /// Reads `path` as bytes: at most `limit` of them.
    public static func readBytes(_ path: String, limit: Int) -> Result<[UInt8], Diagnostic> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(Diagnostic(at: nil, openFailure(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return .failure(.error(at: nil, .cannotExamine, ["reason": .verbatim(String(cString: strerror(errno)))])) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: return .failure(.error(at: nil, .isDirectory))
        case S_IFIFO: return .failure(.error(at: nil, .isPipe))
        case S_IFCHR, S_IFBLK: return .failure(.error(at: nil, .isDevice))
        case S_IFSOCK: return .failure(.error(at: nil, .isSocket))
        default: return .failure(.error(at: nil, .notRegularFile))
        }
        if Int(info.st_size) > limit { return .failure(tooLarge(Int(info.st_size), limit: limit)) }
        // Blocking reads from here on: a regular file never blocks for long.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        var bytes = [UInt8](repeating: 0, count: min(limit + 1, max(Int(info.st_size) + 1, 4096)))
        var count = 0
        while count <= limit {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, limit + 1 - count))) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if read < 0 {
                if errno == EINTR { continue }
                return .failure(.error(at: nil, .cannotRead, ["reason": .verbatim(String(cString: strerror(errno)))]))
            }
            if read == 0 { break }
            count += read
        }
        if count > limit { return .failure(tooLarge(count, limit: limit)) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Reads `path` as UTF-8 text of at most `limit` bytes (a UTF-8 byte-order mark is
    /// dropped). NUL bytes count as binary data.
    public static func readText(_ path: String, limit: Int) -> Result<String, Diagnostic> {
        readBytes(path, limit: limit).flatMap { decodeUTF8($0) }
    }

    /// The bytes as UTF-8 text, or a diagnostic naming the encoding problem and where it is.
    public static func decodeUTF8(_ input: [UInt8]) -> Result<String, Diagnostic> {
        var bytes = input[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if input.starts(with: [0xFF, 0xFE]) || input.starts(with: [0xFE, 0xFF]) {
            let which = input.starts(with: [0x00, 0x00, 0xFE, 0xFF]) || input.starts(with: [0xFF, 0xFE, 0x00, 0x00]) ? "UTF-32" : "UTF-16"
            return .failure(.error(at: SourceLocation(line: 1, column: 1), .byteOrderMark, ["encoding": .verbatim(which)]))
        }
        if looksLikeUTF16WithoutMark(input) {
            return .failure(.error(at: SourceLocation(line: 1, column: 1), .looksLikeUTF16))
        }
        let array = Array(bytes)
        if let nul = array.firstIndex(of: 0) {
            return .failure(.error(at: location(ofByte: nul, in: array), .nulBytes))
        }
        if let invalid = firstInvalidUTF8(array) {
            return .failure(.error(at: location(ofByte: invalid, in: array), .notUTF8))
        }
        return .success(String(decoding: array, as: UTF8.self))
    }

    // MARK: Helpers

    static func openFailure(_ code: Int32) -> ValidationMessage {
        switch code {
        case ENOENT: ValidationMessage(.noSuchFile)
        case ELOOP: ValidationMessage(.linkLoop)
        case EACCES, EPERM: ValidationMessage(.permissionDenied)
        case ENOTDIR: ValidationMessage(.pathNotDirectory)
        case ENAMETOOLONG: ValidationMessage(.pathTooLong)
        case EISDIR: ValidationMessage(.isDirectoryShort)
        default: ValidationMessage(.cannotOpen, ["reason": .verbatim(String(cString: strerror(code)))])
        }
    }

    static func tooLarge(_ bytes: Int, limit: Int) -> Diagnostic {
        .error(at: nil, .fileTooLarge, ["size": .verbatim(megabytes(bytes)), "limit": .verbatim(megabytes(limit))])
    }

    static func megabytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 524_288) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Text in UTF-16 without a byte-order mark has a zero in every other byte for ASCII.
    /// (Spreadsheets' CSV files are checked the same way.)
    package static func looksLikeUTF16WithoutMark(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(512)
        guard sample.count >= 4 else { return false }
        var evenZeros = 0, oddZeros = 0
        for (index, byte) in sample.enumerated() where byte == 0 {
            if index % 2 == 0 { evenZeros += 1 } else { oddZeros += 1 }
        }
        let half = sample.count / 2
        return max(evenZeros, oddZeros) * 10 >= half * 8 && min(evenZeros, oddZeros) * 10 <= half
    }

    /// The offset of the first byte that is not UTF-8; `nil` for valid text.
    package static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // The fast path: the standard library validates in bulk.
        if String(validating: bytes, as: UTF8.self) != nil { return nil }
        var iterator = CountingIterator(bytes: bytes)
        var decoder = UTF8()
        while true {
            let start = iterator.position
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return nil
            case .error: return start
            }
        }
    }

    /// The line and column (in Unicode scalars) of a byte offset; CRLF, CR and LF each end a line.
    static func location(ofByte offset: Int, in bytes: [UInt8]) -> SourceLocation {
        var line = 1
        var column = 1
        var afterCR = false
        for byte in bytes.prefix(offset) {
            defer { afterCR = byte == 13 }
            if byte == 10 && afterCR { continue } // the LF of a CRLF: the line already ended
            if byte == 10 || byte == 13 {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return SourceLocation(line: line, column: column)
    }

    private struct CountingIterator: IteratorProtocol {
        let bytes: [UInt8]
        var position = 0

        mutating func next() -> UInt8? {
            guard position < bytes.count else { return nil }
            defer { position += 1 }
            return bytes[position]
        }
    }
}
