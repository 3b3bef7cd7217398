import FiredrillYAML
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The text encodings a CSV file may have: UTF-8 with or without a byte-order mark,
/// UTF-16 with one, and Windows-31J (Microsoft's Shift_JIS, with the NEC and IBM
/// extensions such as ①, ㈱ and 髙), which Japanese Excel writes by default.
public enum CSVEncoding: String, Sendable, Hashable {
    case utf8 = "UTF-8"
    case utf8WithBOM = "UTF-8 with BOM"
    case utf16LittleEndian = "UTF-16LE"
    case utf16BigEndian = "UTF-16BE"
    case windows31J = "Windows-31J (Shift_JIS)"
}

/// Decodes a CSV file's bytes, refusing anything else with the position of the first byte
/// that does not fit.
///
/// Windows-31J is decoded by Foundation's `.shiftJIS`, which on Linux is the Windows code
/// page 932 (NEC row 13, NEC- and IBM-selected extensions, user-defined area), tested with
/// ①, ㈱, 髙 and 﨑. It says only that decoding failed, not where; glibc's iconv (`CP932`)
/// then finds the byte.
enum CSVTextDecoder {
    struct Failure: Error {
        var message: SpreadsheetMessage
    }

    static func decode(_ bytes: [UInt8]) -> Result<(text: String, encoding: CSVEncoding), Failure> {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return .failure(Failure(message: SpreadsheetMessage(.csvIsZIP)))
        }
        if bytes.starts(with: XLSXReader.cfbSignature) {
            return .failure(Failure(message: SpreadsheetMessage(.csvIsOLE)))
        }
        if bytes.starts(with: [0xFF, 0xFE, 0x00, 0x00]) || bytes.starts(with: [0x00, 0x00, 0xFE, 0xFF]) {
            return .failure(Failure(message: SpreadsheetMessage(.csvUTF32)))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let bad = InputFile.firstInvalidUTF8(body) {
                return .failure(Failure(message: SpreadsheetMessage(.csvBadUTF8AfterBOM, ["byte": describe(byte: body[bad], at: bad + 3, in: bytes)])))
            }
            if let binary = binaryMessage(body, offset: 3, all: bytes) { return .failure(binary) }
            return .success((String(decoding: body, as: UTF8.self), .utf8WithBOM))
        }
        if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes, littleEndian: true) }
        if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes, littleEndian: false) }
        if let nul = bytes.firstIndex(of: 0) {
            if InputFile.looksLikeUTF16WithoutMark(bytes) {
                return .failure(Failure(message: SpreadsheetMessage(.csvUTF16WithoutMark)))
            }
            return .failure(Failure(message: SpreadsheetMessage(.csvNULByte, ["offset": "\(nul)", "line": "\(line(ofByte: nul, in: bytes))"])))
        }
        if let binary = binaryMessage(bytes, offset: 0, all: bytes) { return .failure(binary) }
        guard let invalidUTF8 = InputFile.firstInvalidUTF8(bytes) else {
            return .success((String(decoding: bytes, as: UTF8.self), .utf8))
        }
        if let text = String(data: Data(bytes), encoding: .shiftJIS) {
            return .success((text, .windows31J))
        }
        let offset = firstInvalidWindows31J(bytes) ?? invalidUTF8
        return .failure(Failure(message: SpreadsheetMessage(.csvNeitherEncoding, ["byte": describe(byte: bytes[offset], at: offset, in: bytes)])))
    }

    // MARK: - UTF-16

    private static func utf16(_ bytes: [UInt8], littleEndian: Bool) -> Result<(text: String, encoding: CSVEncoding), Failure> {
        guard bytes.count % 2 == 0 else {
            return .failure(Failure(message: SpreadsheetMessage(.csvUTF16OddLength, ["offset": "\(bytes.count - 1)"])))
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var index = 2
        while index + 1 < bytes.count {
            units.append(littleEndian ? UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8 : UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]))
            index += 2
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var iterator = units.makeIterator()
        var position = 0
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    return .failure(Failure(message: SpreadsheetMessage(.csvUTF16NUL, ["offset": "\(2 + position * 2)"])))
                }
                scalars.append(scalar)
                position += scalar.value > 0xFFFF ? 2 : 1
            case .emptyInput:
                break loop
            case .error:
                return .failure(Failure(message: SpreadsheetMessage(.csvUTF16Surrogate, ["offset": "\(2 + position * 2)"])))
            }
        }
        return .success((String(scalars), littleEndian ? .utf16LittleEndian : .utf16BigEndian))
    }

    // MARK: - Checks

    /// Bytes that no text file has (control characters other than tab, line breaks, form
    /// feed and the old end-of-file mark) make it binary.
    private static func binaryMessage(_ bytes: [UInt8], offset: Int, all: [UInt8]) -> Failure? {
        guard let index = bytes.firstIndex(where: { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1A].contains($0) }) else { return nil }
        return Failure(message: SpreadsheetMessage(.csvControlByte, ["value": "\(String(format: "0x%02X", bytes[index]))", "offset": "\(index + offset)", "line": "\(line(ofByte: index + offset, in: all))"]))
    }

    /// Where Windows-31J decoding fails: glibc's iconv says exactly; elsewhere, the first
    /// byte that cannot start or continue a character.
    static func firstInvalidWindows31J(_ bytes: [UInt8]) -> Int? {
        #if canImport(Glibc)
        let converter = iconv_open("UTF-8", "CP932")
        if converter != iconv_t(bitPattern: -1) {
            defer { iconv_close(converter) }
            var input = bytes.map { CChar(bitPattern: $0) }
            var output = [CChar](repeating: 0, count: 64 * 1024)
            var inputLeft = input.count
            let failed: Int? = input.withUnsafeMutableBufferPointer { inputBuffer in
                output.withUnsafeMutableBufferPointer { outputBuffer in
                    var inputPointer: UnsafeMutablePointer<CChar>? = inputBuffer.baseAddress
                    while inputLeft > 0 {
                        var outputPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress
                        var outputLeft = outputBuffer.count
                        if iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft) == -1, errno != E2BIG {
                            return inputBuffer.count - inputLeft
                        }
                    }
                    return nil
                }
            }
            if let failed { return failed }
        }
        #endif
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x00...0x7F, 0xA1...0xDF:
                index += 1
            case 0x81...0x9F, 0xE0...0xFC:
                guard index + 1 < bytes.count, (0x40...0x7E).contains(bytes[index + 1]) || (0x80...0xFC).contains(bytes[index + 1]) else { return index }
                index += 2
            default:
                return index
            }
        }
        return nil
    }

    private static func describe(byte: UInt8, at offset: Int, in bytes: [UInt8]) -> SpreadsheetMessage.Value {
        .message(SpreadsheetMessage(.badByte, ["value": "\(String(format: "0x%02X", byte))", "offset": "\(offset)", "line": "\(line(ofByte: offset, in: bytes))"]))
    }

    /// The line (from 1) a byte offset is on. Line feeds are single bytes in every encoding
    /// read here but UTF-16, whose offsets are reported as bytes only.
    static func line(ofByte offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes.prefix(offset).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
