import FiredrillScenarios
import Foundation

/// The files the server serves from its resource bundle: the OpenAPI document and the web
/// pages (`Public/`).
enum ServerResources {
    private static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    /// The folder of the web pages and their assets, or `nil` if this build has none.
    static let publicFolder: URL? = PackageResources.folder(
        target: "FiredrillServer", subfolder: "Public", sourceFolder: sourceFolder.appendingPathComponent("Public")
    )

    /// `openapi.json`, read once.
    static let openAPIDocument: Data? = PackageResources.folder(
        target: "FiredrillServer", subfolder: "OpenAPI", sourceFolder: sourceFolder.appendingPathComponent("OpenAPI")
    ).flatMap { try? Data(contentsOf: $0.appendingPathComponent("openapi.json")) }
}
