import DocumentTree
import Foundation
import MarkdownReader
import RSTReader
import RunbookCore

/// Picks the reader for a file by its extension and returns its document tree.
public enum DocumentLoader {
    public static let markdownExtensions: Set<String> = ["md", "markdown", "mdx"]

    public static let rstExtensions: Set<String> = ["rst", "rest"]

    public static var supportedExtensions: Set<String> { markdownExtensions.union(rstExtensions) }

    public enum Syntax: String, Sendable, CaseIterable {
        case markdown, rst
    }

    /// The reader a file's extension picks: RST for .rst and .rest, Markdown otherwise.
    public static func syntax(of path: String) -> Syntax {
        rstExtensions.contains((path as NSString).pathExtension.lowercased()) ? .rst : .markdown
    }

    /// `syntax` overrides the choice by extension (docutils' own docs are `.txt`).
    public static func read(path: String, relativePath: String, syntax: Syntax? = nil,
                            substitutions: [String: String] = [:]) throws(Diagnostic) -> Document {
        let ext = (path as NSString).pathExtension.lowercased()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw Diagnostic.error(path, SourcePosition(line: 1, column: 1), "is a folder: give one doc (.md, .markdown, .mdx or .rst)")
        }
        guard syntax != nil || supportedExtensions.contains(ext) else {
            throw Diagnostic.error(path, SourcePosition(line: 1, column: 1), "unsupported document type '.\(ext)' (expected .md, .markdown, .mdx or .rst)")
        }
        let source = try SourceFile.load(path: path, relativePath: relativePath)
        let chosen = syntax ?? Self.syntax(of: path)
        return chosen == .rst ? RSTReader.read(source, substitutions: substitutions) : MarkdownReader.read(source)
    }

    /// Procedure docs under `root`, as paths relative to it, sorted so builds are stable.
    public static func discover(root: String) throws(Diagnostic) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Diagnostic.error(root, SourcePosition(line: 1, column: 1), "no such directory")
        }
        let all = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
        return all.filter { path in
            supportedExtensions.contains((path as NSString).pathExtension.lowercased())
                && !path.split(separator: "/").contains { $0.hasPrefix(".") || $0.hasPrefix("_") }
        }.sorted()
    }
}
