import ArgumentParser
import Foundation
import Extraction
import Lint
import Pipeline
import Review
import RunbookCore

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find what makes a procedure doc unsafe or unclear to run, with rule codes.",
        discussion: """
        Rules are listed in the README. Silence one place with an annotation right before it \
        (`ignore=RB104`, or under a heading for the whole step), the project with .runbook-lint.json \
        ({"disable": [...], "severity": {"RB105": "error"}}). Exit 0 when nothing but notes is found, \
        1 when a warning or error is, 2 on bad input.
        """)

    @Argument(help: "Docs or directories of docs (default: docs-src).")
    var paths: [String] = []

    @Option(help: "text, json, github, sarif or gitlab (a Code Quality report).")
    var format: FindingFormat = .text

    @Option(help: "The configuration file (default: .runbook-lint.json when present).")
    var config: String?

    @Flag(help: "Write into the docs the annotation of every finding that has exactly one fix (the others: runbook review).")
    var fix = false

    func run() throws {
        let lintConfig = try loadConfig()
        let settings = try ProjectSettings.loadOrExit()
        let passes = settings.passes
        let files = try docs(settings)
        if fix { try applyFixes(files, settings) }
        var findings: [Diagnostic] = []
        for file in files {
            do {
                let document = try DocumentLoader.read(path: file, relativePath: file, substitutions: settings.substitutions)
                let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
                findings += Linter.lint(document, name: name, config: lintConfig, passes: passes)
            } catch {
                findings.append(error)
            }
        }
        print(DiagnosticFormats.render(findings, as: format, rules: RuleInfo.lint), terminator: "")
        if findings.contains(where: { $0.severity == .error && $0.code == nil }) { throw ExitCode(2) }
        if findings.contains(where: { $0.severity != .note }) { throw ExitCode(1) }
    }
}

extension LintCommand {
    /// The project's lint configuration: --config, else .runbook-lint.json when present.
    func loadConfig() throws -> LintConfig {
        do {
            if let config { return try LintConfig.load(path: config) }
            if FileManager.default.fileExists(atPath: ".runbook-lint.json") { return try LintConfig.load(path: ".runbook-lint.json") }
        } catch {
            try DiagnosticPrinter.printAndExitOnError([error])
        }
        return LintConfig()
    }

    /// The docs to lint: the paths given (folders walked), or with none the
    /// procedures build compiles (runbook.json's docs and procedures, fragments left out).
    func docs(_ settings: ProjectSettings) throws -> [String] {
        var files: [String] = []
        if paths.isEmpty, let root = Optional(settings.docs ?? "docs-src"), FileManager.default.fileExists(atPath: root) {
            do { files = try ProcedureSelection.select(root: root, globs: settings.procedures).procedures.map { root.normalizedPath + "/" + $0 } }
            catch { try DiagnosticPrinter.printAndExitOnError([error]) }
        }
        for path in paths.isEmpty ? (files.isEmpty ? [settings.docs ?? "docs-src"] : []) : paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path) else {
                let hint = paths.isEmpty ? ": give the docs to lint, or run from the project folder" : ""
                try DiagnosticPrinter.printAndExitOnError([.error(path, SourcePosition(line: 1, column: 1), "no such file or folder\(hint)")])
                continue
            }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                do { files += try DocumentLoader.discover(root: path).map { path.normalizedPath + "/" + $0 } } catch { try DiagnosticPrinter.printAndExitOnError([error]) }
            } else {
                files.append(path)
            }
        }
        return files
    }

    /// --fix: each doc gets the annotations of its findings that have exactly one fix.
    func applyFixes(_ files: [String], _ settings: ProjectSettings) throws {
        for file in files {
            do {
                for written in try LintFixes.apply(path: file, passes: settings.passes, substitutions: settings.substitutions) {
                    FileHandle.standardError.write(Data("fixed: \(written)\n".utf8))
                }
            } catch let diagnostic as Diagnostic {
                try DiagnosticPrinter.printAndExitOnError([diagnostic])
            }
        }
    }
}
