import ArgumentParser
import DocumentTree
import Extraction
import Foundation
import Pipeline

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct ASTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ast",
        abstract: "Print the format-neutral document tree of a doc, with source ranges.")

    @Argument(help: "The doc to read.")
    var file: String

    @Option(help: "text (indented, for people) or json (documented in the README).")
    var format: OutputFormat = .text

    @Option(help: "rst or markdown, whatever the file's extension.")
    var syntax: DocumentLoader.Syntax?

    func run() throws {
        let document = try DocumentLoader.readOrExit(file, syntax: syntax)
        try DiagnosticPrinter.printAndExitOnError(DiagnosticPrinter.reading(document.diagnostics))
        // Each code block's reading, as extraction will take it (by its language or its content).
        let reading: (Node) -> String? = { node in
            guard case .codeBlock(let language, let text, _) = node.kind else { return nil }
            let classification = BlockClassifier.classify(language: language, text: text)
            return "reads as \(classification.kind.rawValue)" + (classification.interpreter.map { " for \($0.rawValue)" } ?? "") + ": \(classification.reason)"
        }
        if format == .json {
            // Written out as it is made: a page's JSON is megabytes.
            TreeDumper.writeJSON(document) { piece in
                piece.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count, let base = bytes.baseAddress {
                        let written = Glibc.write(1, base + offset, bytes.count - offset)
                        if written < 0 { if errno == EINTR { continue }; break }
                        offset += written
                    }
                }
            }
        } else {
            print(TreeDumper.text(document, note: reading), terminator: "")
        }
    }
}

extension DocumentLoader.Syntax: ExpressibleByArgument {}

extension DocumentLoader {
    /// The doc at `file`, or its diagnostic printed and the command ended (exit 2): `ast` and `plan`.
    /// With runbook.json's substitutions (`|project|`), as build reads it.
    static func readOrExit(_ file: String, syntax: Syntax? = nil) throws -> Document {
        let substitutions = try ProjectSettings.loadOrExit().substitutions
        do { return try read(path: file, relativePath: file, syntax: syntax, substitutions: substitutions) } catch {
            try DiagnosticPrinter.printAndExitOnError([error])
            throw ExitCode(2)
        }
    }
}
