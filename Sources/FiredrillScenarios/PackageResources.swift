import Foundation

/// Finds a target's resource folder without stopping the process when it is missing.
///
/// SwiftPM's generated `Bundle.module` ends the program with a fatal error when the
/// resource bundle is not where the build put it (say, the executable was copied alone to
/// another machine). firedrill looks in the same places and answers `nil` instead, so the
/// caller can say what is missing: beside the executable (following symbolic links, as
/// when `firedrill` is linked into `/usr/local/bin`), then the package's source folder
/// (the tests and `swift run` in a checkout).
public enum PackageResources {
    /// The folder `subfolder` of the resource bundle `firedrill_<target>.resources`, or
    /// `sourceFolder` when it exists, or `nil`.
    public static func folder(target: String, subfolder: String, sourceFolder: URL) -> URL? {
        let bundle = "firedrill_\(target).resources"
        var places: [URL] = []
        if let executable = Bundle.main.executableURL {
            places.append(executable.resolvingSymlinksInPath().deletingLastPathComponent())
        }
        places.append(Bundle.main.bundleURL)
        let candidates = places.map { $0.appendingPathComponent(bundle).appendingPathComponent(subfolder) } + [sourceFolder]
        return candidates.first { isDirectory($0) }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
