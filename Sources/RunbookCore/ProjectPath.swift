import Foundation

/// Paths as a build records them: relative to the project folder (the output
/// directory's parent), whatever the spelling the command was given (relative,
/// absolute, with `..` or symbolic links) and wherever it runs. A check from
/// another directory or with an absolute workspace path then sees the same text.
public enum ProjectPath {
    /// Absolute, with `.`, `..` and symbolic links resolved as far as the path exists.
    public static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let standardized = (absolute as NSString).standardizingPath
        if let resolved = realpath(standardized, nil) {
            defer { free(resolved) }
            return String(cString: resolved)
        }
        let parent = (standardized as NSString).deletingLastPathComponent
        guard parent != standardized, parent != "/" else { return standardized }
        return (canonical(parent) as NSString).appendingPathComponent((standardized as NSString).lastPathComponent)
    }

    /// `path` relative to `base`, both canonical: `docs-src/a.md`, `../docs/a.md`.
    public static func relative(_ path: String, to base: String) -> String {
        let target = canonical(path).split(separator: "/")
        let from = canonical(base).split(separator: "/")
        var common = 0
        while common < target.count, common < from.count, target[common] == from[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + target[common...].map(String.init)
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
