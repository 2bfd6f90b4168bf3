import Foundation
import ArgumentParser
import Pipeline
import RunbookCore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Re-derive everything from the docs and report any drift from --out.",
        discussion: "Exit 0 when in sync, 1 on drift (each difference names the procedure, the step and the doc line, with a unified diff), 2 on bad input.")

    @OptionGroup var options: DocsOptions

    @Option(help: "text (with unified diffs), json, github, sarif or gitlab (a Code Quality report).")
    var format: FindingFormat = .text

    @Flag(help: "Compile every doc, even when nothing it depends on changed since the last check in sync.")
    var noCache = false

    func run() throws {
        let compiler = try options.compiler()
        let (docs, out) = (compiler.docsRoot, compiler.outDir)
        // Nothing it depends on changed since the last check found all in sync: the same answer (CheckCache).
        let cache = noCache ? nil : CheckCache(docsRoot: docs, outDir: out)
        if let cache, cache.answersInSync {
            if format == .text { print("\(compiler.existingManifests().count) procedure(s) in sync") } else { print(DiagnosticFormats.render([], as: format, rules: RuleInfo.drift), terminator: "") }
            return
        }
        let remembered: CheckCache.Remembered, drifts: [Drift]
        if let cache, let (changed, known) = cache.changesSinceInSync(), let docs = Self.affected(changed, known, compiler) {
            // Only some procedure docs or their outputs changed: those are compiled and compared.
            let (compiled, diagnostics) = docs.isEmpty ? ([], []) : compiler.compile(docs)
            try DiagnosticPrinter.printAndExitOnError(diagnostics, showNotes: false)
            remembered = known
            drifts = DriftChecker(compiler: compiler).check(compiled, orphans: false)
        } else {
            // Selected once: the fragments and includers are remembered for the next check.
            let selection = try? compiler.select()
            let (compiled, diagnostics) = selection.map { compiler.compile($0.procedures) } ?? compiler.compileAll()
            try DiagnosticPrinter.printAndExitOnError(diagnostics, showNotes: false)
            remembered = CheckCache.Remembered(procedures: Dictionary(compiled.map { ($0.procedure.name, $0.relativePath) }) { a, _ in a },
                                               fragments: Set(selection?.fragments ?? []), includers: Set(selection?.includers ?? []))
            drifts = DriftChecker(compiler: compiler).check(compiled)
        }
        if format != .text {
            print(DiagnosticFormats.render(drifts.map { Self.diagnostic($0, fix: compiler.invokedCommand, out: out) }, as: format, rules: RuleInfo.drift), terminator: "")
            if !drifts.isEmpty { throw ExitCode(1) }
            cache?.recordInSync(remembered)
            return
        }
        for drift in drifts {
            let step = drift.step.map { " step '\($0)'" } ?? ""
            print("\(drift.location): drift: [\(drift.kind.rawValue)] \(drift.procedure)\(step): \(drift.message)")
            // The doc line the drift starts at, as a compiler shows it.
            if let line = drift.line, let source = try? SourceFile.load(path: drift.path, relativePath: drift.path), (1...max(source.lineCount, 1)).contains(line) {
                let number = String(line)
                print(" \(number) | \(source.line(line))\n \(String(repeating: " ", count: number.count)) | ^")
            }
            if !drift.diff.isEmpty { print(drift.diff, terminator: "") }
        }
        guard drifts.isEmpty else {
            print("\(drifts.count) difference(s) between \(docs) and \(out); run '\(compiler.invokedCommand)'")
            throw ExitCode(1)
        }
        cache?.recordInSync(remembered)
        print("\(remembered.procedures.count) procedure(s) in sync")
    }

    /// The procedure docs to compile again for these changed files, or nil
    /// when a full check is needed: a fragment, a doc that includes another
    /// (what is a fragment may change), or a file of unknown use changed.
    static func affected(_ changed: [String], _ known: CheckCache.Remembered, _ compiler: ProcedureCompiler) -> [String]? {
        let docsPrefix = compiler.docsRoot + "/", outPrefix = compiler.outDir + "/"
        let byDoc = Set(known.procedures.values)
        var docs = Set<String>()
        for path in changed {
            if path.hasPrefix(docsPrefix) {
                let relative = String(path.dropFirst(docsPrefix.count))
                if known.fragments.contains(relative) || known.includers.contains(relative) { return nil }
                guard byDoc.contains(relative) else {
                    // Not a procedure: a page left out by the globs, an image… unless it is a doc now.
                    if DocumentLoader.supportedExtensions.contains((relative as NSString).pathExtension.lowercased()) { return nil }
                    continue
                }
                guard let data = FileManager.default.contents(atPath: path),
                      !ProcedureSelection.includesAnother(String(decoding: data, as: UTF8.self)) else { return nil }
                docs.insert(relative)
            } else if path.hasPrefix(outPrefix) {
                let file = String(path.dropFirst(outPrefix.count))
                let name = [".manifest.json", ".playbook.yml", ".sh"].first(where: file.hasSuffix).map { String(file.dropLast($0.count)) }
                guard let name, let doc = known.procedures[name] else { return nil }
                docs.insert(doc)
            } else {
                return nil
            }
        }
        return docs.sorted()
    }

    /// A drift as a finding at its doc line (line 1 for a generated file).
    static func diagnostic(_ drift: Drift, fix command: String, out: String) -> Diagnostic {
        let codes: [Drift.Kind: DiagnosticCode] = [.changed: .driftChanged, .missing: .driftMissing, .handEdited: .driftHandEdited,
                                                   .orphaned: .driftOrphaned, .invalid: .driftInvalid]
        let step = drift.step.map { " step '\($0)'" } ?? ""
        return Diagnostic(.error, drift.path, SourcePosition(line: drift.line ?? 1, column: 1), "\(drift.procedure)\(step): \(drift.message)",
                          code: codes[drift.kind]?.code, fix: "run '\(command)', then commit \(out)/")
    }
}
