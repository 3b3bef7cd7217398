import Foundation
import ZIPFoundation

/// Files of an export in a ZIP archive on disk (`GET /api/v1/exports`), added one at a
/// time and compressed as they come, so that memory holds one file, never the archive.
public final class ZIPEvidenceSink: EvidenceSink {
    public let url: URL
    private let archive: Archive

    /// A new archive at `url` (which must not exist).
    public init(url: URL) throws {
        self.url = url
        archive = try Archive(url: url, accessMode: .create)
    }

    public func add(_ name: String, _ text: String) throws {
        let data = Data(text.utf8)
        do {
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch {
            throw EvidenceExport.SinkError(error)
        }
    }
}
