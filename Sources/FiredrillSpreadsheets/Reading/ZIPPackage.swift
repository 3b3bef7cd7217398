import Foundation
import ZIPFoundation

/// The parts of a workbook's ZIP archive, read within limits: the number of entries and
/// the bytes they declare are checked before anything is inflated, and the bytes that
/// actually come out are counted while inflating, so that neither a ZIP bomb nor an entry
/// that lies about its size can exhaust memory.
struct ZIPPackage {
    private let archive: Archive
    /// Entries by their path in lower case, without a leading `/` (part names in a package
    /// are compared case-insensitively).
    private let entries: [String: Entry]
    private var remainingBytes: Int
    private let limits: SpreadsheetLimits

    /// Why a part could not be read: the message for the person who has the file.
    struct Failure: Error {
        var message: SpreadsheetMessage
    }

    init(data: Data, limits: SpreadsheetLimits) throws(Failure) {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure(message: SpreadsheetMessage(.zipDirectoryUnreadable))
        }
        var entries: [String: Entry] = [:]
        var count = 0
        var declared: UInt64 = 0
        for entry in archive {
            count += 1
            guard count <= limits.maximumEntries else {
                throw Failure(message: SpreadsheetMessage(.zipTooManyEntries, ["maximum": "\(limits.maximumEntries)"]))
            }
            declared += entry.uncompressedSize
            guard declared <= UInt64(limits.maximumUncompressedBytes) else {
                throw Failure(message: SpreadsheetMessage(.zipTooLarge, ["maximum": "\(limits.maximumUncompressedBytes / 1_048_576)", "declared": "\(declared / 1_048_576)"]))
            }
            let path = Self.key(entry.path)
            if entries[path] == nil { entries[path] = entry }
        }
        self.archive = archive
        self.entries = entries
        self.limits = limits
        remainingBytes = limits.maximumUncompressedBytes
    }

    static func key(_ path: String) -> String {
        var path = path.lowercased()
        while path.hasPrefix("/") { path.removeFirst() }
        return path
    }

    func contains(_ path: String) -> Bool { entries[Self.key(path)] != nil }

    /// Whether any part's path satisfies `predicate` (paths in lower case).
    func containsPart(where predicate: (String) -> Bool) -> Bool { entries.keys.contains(where: predicate) }

    /// The bytes of the part at `path`, or `nil` when there is none.
    mutating func read(_ path: String) throws(Failure) -> Data? {
        guard let entry = entries[Self.key(path)], entry.type == .file else { return nil }
        let declared = entry.uncompressedSize
        var data = Data()
        data.reserveCapacity(Int(min(declared, UInt64(remainingBytes))))
        var inflated = 0
        let budget = remainingBytes
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, bufferSize: 64 * 1024, skipCRC32: false) { chunk in
                inflated += chunk.count
                // More than the part declared, or than what is left of the budget: stop at once.
                guard UInt64(inflated) <= declared, inflated <= budget else { throw Oversize() }
                data.append(chunk)
            }
        } catch is Oversize {
            throw Failure(message: SpreadsheetMessage(.zipPartInflatesTooMuch, ["part": "\(entry.path)", "maximum": "\(limits.maximumUncompressedBytes / 1_048_576)"]))
        } catch {
            throw Failure(message: SpreadsheetMessage(.zipPartUnreadable, ["part": "\(entry.path)", "reason": "\(Self.describe(error))"]))
        }
        guard UInt64(inflated) == declared, checksum == entry.checksum else {
            throw Failure(message: SpreadsheetMessage(.zipPartMismatch, ["part": "\(entry.path)"]))
        }
        remainingBytes -= inflated
        return data
    }

    private struct Oversize: Error {}

    private static func describe(_ error: any Error) -> String {
        if let error = error as? Archive.ArchiveError { return "\(error)" }
        return "\(type(of: error))"
    }
}
