import ArgumentParser
import Extraction
import Foundation
import Pipeline
import Prove
import RunbookCore

/// `runbook prove`: every rollback tried at every step, in throw-away worlds.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Show that the procedure comes back from a failure at every step: fault, rollback, fingerprint compared.",
        discussion: """
            For each step and each case, --setup builds a fresh world (it runs in an empty folder, \
            $RUNBOOK_PROVE_WORLD, and may print NAME=VALUE lines: the world's variables, RUNBOOK_NAME=VALUE \
            giving parameter NAME), --fingerprint describes it, the generated script runs with a fault at \
            that step, and the world must come back byte for byte: fail (the step fails after its commands \
            ran), kill (SIGKILL to the run's process group, then --rollback), term (SIGTERM), resume (SIGKILL, \
            then --resume, which must reach the world of a clean run). --teardown, if given, runs after each world. \
            Steps the clean run does not reach get no world. Independent worlds run --jobs at a time; a world \
            must then use only its own resources (its folder, its database, its port). \
            Exit 0 when every case is restored, 1 when any is not (or a run ends as its case does not allow), \
            2 on bad input (the doc, or a --setup or --fingerprint that does not work in the first world).
            """)

    @Argument(help: "The procedure doc.")
    var doc: String

    @Option(help: "Command that builds a fresh, throw-away world and prints nothing or NAME=VALUE lines.")
    var setup: String

    @Option(help: "Command that prints a description of the world, which must come back byte for byte.")
    var fingerprint: String

    @Option(help: "Command run after each world (stop its services, drop its database).")
    var teardown: String?

    @Option(name: .customLong("set"), help: "NAME=VALUE given to every run with --set.")
    var settings: [String] = []

    @Option(help: "Comma-separated step ids (default: every command and manual step).")
    var steps: String?

    @Option(help: "Comma-separated cases among fail, kill, term, resume (default: all).")
    var cases: String?

    @Flag(help: "A world that keeps the changes of steps without undo is a failure too.")
    var strict = false

    @Option(help: "Seconds each command may take before it is killed.")
    var timeout = 900

    @Flag(help: "Keep the worlds' folders (under $TMPDIR/runbook-prove-*) to look at afterwards.")
    var keepWorlds = false

    @Option(help: "Worlds built and run at once (default: the number of processors). Worlds whose --setup gives a RUNBOOK_ parameter naming a path outside $RUNBOOK_PROVE_WORLD share it, and run one at a time.")
    var jobs: Int?

    @Option(help: "text (a table), json, github, sarif or gitlab.")
    var format: FindingFormat = .text

    func run() throws {
        let compiled = try compile()
        var configuration = Prover.Configuration(setup: setup, fingerprint: fingerprint)
        configuration.teardown = teardown
        configuration.settings = settings
        for setting in settings where !setting.contains("=") { throw ValidationError("--set needs NAME=VALUE, not '\(setting)'") }
        configuration.steps = steps.map(Self.list) ?? []
        if let cases {
            configuration.cases = try Self.list(cases).map { name in
                guard let faultCase = FaultCase(rawValue: name) else { throw ValidationError("--cases: unknown case '\(name)' (fail, kill, term, resume)") }
                return faultCase
            }
        }
        configuration.strict = strict
        configuration.timeout = timeout
        configuration.keepWorlds = keepWorlds
        if let jobs, jobs < 1 { throw ValidationError("--jobs needs a number of worlds, 1 or more, not \(jobs)") }
        configuration.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let prover = Prover(procedure: compiled.procedure, script: compiled.script.contents, configuration: configuration)
        let report: ProofReport
        do {
            report = try prover.prove { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        } catch let error as WorldError {
            try DiagnosticPrinter.printAndExitOnError([Diagnostic.error(doc, SourcePosition(line: 1, column: 1), error.description)])
            throw ExitCode(2)
        }
        if format == .text {
            print(report.table(docPath: doc), terminator: "")
        } else {
            print(DiagnosticFormats.render(report.findings(docPath: doc), as: format, rules: RuleInfo.proof), terminator: "")
        }
        if !report.passed { throw ExitCode(1) }
    }

    /// The doc compiled as `build` would, with the project's reading passes.
    func compile() throws -> CompiledProcedure {
        let path = doc.normalizedPath
        let directory = (path as NSString).deletingLastPathComponent
        let docsRoot = directory.isEmpty ? "." : directory
        var compiler = ProcedureCompiler(docsRoot: docsRoot, outDir: (docsRoot as NSString).appendingPathComponent("generated"))
        compiler.passes = try ProjectSettings.loadOrExit().passes
        let (compiled, diagnostics) = compiler.compile(relativePath: (path as NSString).lastPathComponent)
        try DiagnosticPrinter.printAndExitOnError(diagnostics.filter { $0.severity == .error })
        guard let compiled else { throw ExitCode(2) }
        return compiled
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
