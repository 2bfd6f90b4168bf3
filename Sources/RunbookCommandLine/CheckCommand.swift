import ArgumentParser
import Pipeline

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-derive everything from the docs and report any drift from --out.",
        discussion: "Exit 0 when in sync, 1 on drift (each difference names the procedure, the step and the doc line, with a unified diff), 2 on bad input.")

    @OptionGroup var options: DocsOptions

    func run() throws {
        let (docs, out) = options.compilerPaths
        let compiler = ProcedureCompiler(docsRoot: docs, outDir: out)
        let (procedures, diagnostics) = compiler.compileAll()
        try DiagnosticPrinter.printAndExitOnError(diagnostics)
        let drifts = DriftChecker(compiler: compiler).check(procedures)
        for drift in drifts {
            let step = drift.step.map { " step '\($0)'" } ?? ""
            print("\(drift.location): drift: [\(drift.kind.rawValue)] \(drift.procedure)\(step): \(drift.message)")
            if !drift.diff.isEmpty { print(drift.diff, terminator: "") }
        }
        guard drifts.isEmpty else {
            print("\(drifts.count) difference(s) between \(docs) and \(out); run 'runbook build --docs \(docs) --out \(out)'")
            throw ExitCode(1)
        }
        print("\(procedures.count) procedure(s) in sync")
    }
}
