import ArgumentParser
import Extraction
import Pipeline
import Foundation
import RunbookCore

/// Prints diagnostics to standard error, like a compiler, and turns errors into exit code 2.
enum DiagnosticPrinter {
    /// As `lint` prints its findings: the line, the span underlined, the fix.
    static func print(_ diagnostics: [Diagnostic]) {
        FileHandle.standardError.write(Data(DiagnosticFormats.render(diagnostics, as: .text, rules: []).utf8))
    }

    /// Prints them; throws exit code 2 if any is an error.
    /// Notes (such as how `poetry shell` is run) are for `plan` and `lint`, not for every build.
    static func printAndExitOnError(_ diagnostics: [Diagnostic], showNotes: Bool = true) throws {
        print(showNotes ? diagnostics : diagnostics.filter { $0.severity != .note })
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}

struct DocsOptions: ParsableArguments {
    @Option(help: "Directory holding the procedure docs.")
    var docs: String = "docs-src"

    @Option(help: "Directory the generated scripts and manifests go to.")
    var out: String = "generated"

    var compilerPaths: (String, String) { (docs.normalizedPath, out.normalizedPath) }

    /// The compiler for these folders, with the reading conventions of `runbook.json`.
    func compiler() throws -> ProcedureCompiler {
        var compiler = ProcedureCompiler(docsRoot: docs.normalizedPath, outDir: out.normalizedPath)
        compiler.conventions = try ProjectSettings.loadOrExit().conventions
        return compiler
    }
}

extension ProjectSettings {
    /// `runbook.json` in the current folder; a bad one is reported and ends the command (exit 2).
    static func loadOrExit() throws -> ProjectSettings {
        do { return try ProjectSettings.load() } catch {
            try DiagnosticPrinter.printAndExitOnError([error])
            return ProjectSettings()
        }
    }
}

extension String {
    /// `docs-src/` and `./docs-src` name the same directory, so they must give the same outputs.
    var normalizedPath: String {
        var path = self
        while path.hasPrefix("./") { path.removeFirst(2) }
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path.isEmpty ? "." : path
    }
}
