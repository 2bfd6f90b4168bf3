import Foundation
import RSTReader
import RunbookCore

/// Which docs under a docs root are procedures. Every page is, unless
/// `runbook.json`'s `procedures` globs name some; a page that other pages only
/// include (`.. include::`, mkdocs' `--8<--` snippets) is a fragment, part of
/// those pages and never a procedure of its own.
public enum ProcedureSelection {
    public static func select(root: String, globs: [String]?) throws(Diagnostic) -> (procedures: [String], fragments: [String], includers: [String]) {
        let all = try DocumentLoader.discover(root: root)
        let (included, includers) = includes(root: root, docs: all)
        let chosen = all.filter { path in globs.map { $0.contains { matches($0, path) } } ?? true }
        return (chosen.filter { !included.contains($0) }, chosen.filter { included.contains($0) }, includers)
    }

    /// `*` and `?` within a folder, `**/` any number of folders (fnmatch, FNM_PATHNAME).
    static func matches(_ glob: String, _ path: String) -> Bool {
        if fnmatch(glob, path, FNM_PATHNAME) == 0 { return true }
        // `**/x` also matches `x` at the top; `a/**/x` also `a/x`.
        if glob.contains("**/") {
            let shorter = glob.replacingOccurrences(of: "**/", with: "")
            let anyDepth = glob.replacingOccurrences(of: "**/", with: "*/")
            return fnmatch(shorter, path, FNM_PATHNAME) == 0 || fnmatch(anyDepth, path, 0) == 0
        }
        return false
    }

    /// The docs (relative to the root) that another doc includes, and the docs that include one.
    static func includes(root: String, docs: [String]) -> (included: Set<String>, includers: [String]) {
        var included = Set<String>()
        var includers: [String] = []
        for doc in docs {
            guard let data = FileManager.default.contents(atPath: root + "/" + doc) else { continue }
            let folder = (doc as NSString).deletingLastPathComponent
            // Most docs include nothing: one search of the bytes, then lines only where it is needed.
            guard data.range(of: Data(".. include::".utf8)) != nil || data.range(of: Data("--8<--".utf8)) != nil else { continue }
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
                let text = line.trimmingCharacters(in: .whitespaces)
                var target: String?
                if text.hasPrefix(".. include::") {
                    let argument = text.dropFirst(".. include::".count).trimmingCharacters(in: .whitespaces)
                    // Sphinx reads an absolute include path from the docs root.
                    target = argument.hasPrefix("/") ? String(argument.dropFirst()) : (folder.isEmpty ? argument : folder + "/" + argument)
                } else if text.hasPrefix("--8<--") {
                    // pymdownx.snippets: paths from its base path, the docs root by default.
                    let argument = text.dropFirst("--8<--".count).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
                    if !argument.isEmpty { target = argument }
                }
                // A page that includes itself is not its own fragment: the reader warns of the cycle.
                if let target, RSTReader.normalisedPath(target) != RSTReader.normalisedPath(doc) {
                    included.insert(RSTReader.normalisedPath(target))
                    if includers.last != doc { includers.append(doc) }
                }
            }
        }
        return (included, includers)
    }

    /// Whether a doc's text includes another (what `includes` looks for, without reading it again).
    public static func includesAnother(_ text: String) -> Bool {
        text.contains(".. include::") || text.contains("--8<--")
    }
}
