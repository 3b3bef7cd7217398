import Foundation

/// The scenario library shipped inside firedrill: drills a trainer can run on day one, in
/// English (`<id>.yaml`) and Japanese (`<id>-ja.yaml`), each with a replay script in
/// `scripts/`. They travel with the binary as package resources, so they are found by name
/// from any directory.
public enum BundledScenarios {
    /// One bundled scenario file.
    public struct Entry: Sendable, Hashable {
        /// The file name without extension: `smart-lock-firmware-auth`, `smart-lock-firmware-auth-ja`.
        public var name: String
        /// The scenario file.
        public var path: String
        /// The replay script of a believable, imperfect team, when there is one.
        public var scriptPath: String?
    }

    /// The folder of bundled scenarios, or `nil` if the resources were not installed with the binary.
    public static var directory: URL? {
        PackageResources.folder(
            target: "FiredrillScenarios", subfolder: "Scenarios",
            sourceFolder: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Scenarios")
        )
    }

    /// Every bundled scenario, by name.
    public static func all() -> [Entry] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.sorted().map { file in
            let name = String(file.dropLast(".yaml".count))
            let script = directory.appendingPathComponent("scripts/\(name).script").path
            return Entry(
                name: name, path: directory.appendingPathComponent(file).path,
                scriptPath: FileManager.default.fileExists(atPath: script) ? script : nil
            )
        }
    }

    /// The bundled scenario called `name` (with or without `.yaml`).
    public static func named(_ name: String) -> Entry? {
        let stem = name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name
        return all().first { $0.name == stem }
    }
}
