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

    /// For the commands that only read (ast, plan, graph): an include missing from
    /// the tree (RB111) is a warning, and they go on as docutils and Sphinx do;
    /// `build` keeps it an error, as its script would lack steps.
    static func reading(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.code == DiagnosticCode.missingInclude.code { diagnostic.severity = .warning }
            return diagnostic
        }
    }

    /// Prints them; throws exit code 2 if any is an error.
    /// Notes (such as how `poetry shell` is run) are for `plan` and `lint`, not for every build.
    static func printAndExitOnError(_ diagnostics: [Diagnostic], showNotes: Bool = true) throws {
        print(showNotes ? diagnostics : diagnostics.filter { $0.severity != .note })
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(2) }
    }
}

struct DocsOptions: ParsableArguments {
    @Option(help: "Directory holding the procedure docs (default: runbook.json's docs, else docs-src).")
    var docs: String?

    @Option(help: "Directory the generated scripts and manifests go to (default: runbook.json's out, else generated).")
    var out: String?

    /// The folders, from the options, else `runbook.json`, else the defaults.
    func compilerPaths(_ settings: ProjectSettings) -> (String, String) {
        ((docs ?? settings.docs ?? "docs-src").normalizedPath, (out ?? settings.out ?? "generated").normalizedPath)
    }

    /// The compiler for these folders, with `runbook.json`'s reading passes, procedures and substitutions.
    func compiler() throws -> ProcedureCompiler {
        let settings = try ProjectSettings.loadOrExit()
        let (docs, out) = compilerPaths(settings)
        var compiler = ProcedureCompiler(docsRoot: docs, outDir: out)
        compiler.passes = settings.passes
        compiler.procedureGlobs = settings.procedures
        compiler.substitutions = settings.substitutions
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
