import DocumentTree
import Emit
import Extraction
import Foundation
import RunbookCore
import StepAST

/// One file `build` writes, relative to the output directory.
public struct BuildOutput: Equatable, Sendable {
    public var path: String
    public var contents: String
    public var executable: Bool
}

public struct CompiledProcedure: Sendable {
    public var procedure: Procedure
    public var sourcePath: String
    /// The doc, relative to the docs root.
    public var relativePath = ""
    public var script: BuildOutput
    public var manifest: Manifest
    public var manifestOutput: BuildOutput
    /// `NAME.playbook.yml`: the script rolled out over an Ansible inventory.
    public var playbook: BuildOutput
    public var outputs: [BuildOutput] { [script, manifestOutput, playbook] }
}

/// The whole pipeline for a docs directory: discover, read, extract, emit.
/// Nothing here writes files; `build` and `check` decide what to do with the result.
public struct ProcedureCompiler: Sendable {
    public var docsRoot: String
    public var outDir: String
    /// The reading passes in force (`runbook.json` may turn some off).
    public var passes = Set(ReadingPass.allCases)
    /// `runbook.json`'s `procedures` globs: the pages that are procedures (nil: all).
    public var procedureGlobs: [String]?
    /// `runbook.json`'s `substitutions`: RST's `|name|` for every page.
    public var substitutions: [String: String] = [:]

    public init(docsRoot: String, outDir: String) {
        self.docsRoot = docsRoot
        self.outDir = outDir
    }

    /// The folder recorded paths are relative to: the output directory's parent.
    var projectRoot: String { (ProjectPath.canonical(outDir) as NSString).deletingLastPathComponent }

    /// As recorded in scripts and manifests, run from the project folder.
    public var regenerateCommand: String {
        "runbook build --docs \(ProjectPath.relative(docsRoot, to: projectRoot)) --out \(ProjectPath.relative(outDir, to: projectRoot))"
    }

    /// As the command was given, for what the user reads now (drift reports, hints).
    public var invokedCommand: String { "runbook build --docs \(docsRoot) --out \(outDir)" }

    public func compileAll() -> (procedures: [CompiledProcedure], diagnostics: [Diagnostic]) {
        let relativePaths: [String]
        do { relativePaths = try select().procedures } catch { return ([], [error]) }
        return compile(relativePaths)
    }

    /// The docs under the root that are procedures, the fragments, and the docs that include others.
    public func select() throws(Diagnostic) -> (procedures: [String], fragments: [String], includers: [String]) {
        try ProcedureSelection.select(root: docsRoot, globs: procedureGlobs)
    }

    /// These procedure docs (relative to the docs root), compiled each on its own.
    public func compile(_ relativePaths: [String]) -> (procedures: [CompiledProcedure], diagnostics: [Diagnostic]) {
        if relativePaths.isEmpty {
            let which = procedureGlobs.map { " matching \($0.joined(separator: ", ")) (runbook.json's procedures)" } ?? " (.md, .markdown, .mdx, .rst)"
            return ([], [.error(docsRoot, SourcePosition(line: 1, column: 1), "no procedure docs\(which) found")])
        }
        var procedures: [CompiledProcedure] = []
        var diagnostics: [Diagnostic] = []
        var names: [String: String] = [:]
        // Each doc compiles on its own: on every core, then taken in order.
        let compiler = self
        for (compiled, found) in relativePaths.parallelMap({ compiler.compile(relativePath: $0) }) {
            diagnostics += found
            guard let compiled else { continue }
            if let other = names[compiled.procedure.name] {
                diagnostics.append(.error(compiled.sourcePath, SourcePosition(line: 1, column: 1),
                                          "procedure name '\(compiled.procedure.name)' is already taken by \(other)"))
                continue
            }
            names[compiled.procedure.name] = compiled.sourcePath
            procedures.append(compiled)
        }
        return (procedures, diagnostics)
    }

    public func compile(relativePath: String) -> (CompiledProcedure?, [Diagnostic]) {
        let path = (docsRoot as NSString).appendingPathComponent(relativePath)
        let document: Document
        do { document = try DocumentLoader.read(path: path, relativePath: relativePath, substitutions: substitutions) } catch { return (nil, [error]) }
        let name = ((relativePath as NSString).lastPathComponent as NSString).deletingPathExtension
        var (extracted, diagnostics) = ProcedureExtractor.extract(document, name: name, passes: passes)
        if let procedure = extracted {
            for step in procedure.steps {
                for command in step.commands + step.undo {
                    for problem in PlaceholderSubstitution.problems(procedure.parameters, in: command) {
                        diagnostics.append(Diagnostic.error(path, command.range, problem))
                    }
                    // A command the script would hang on, or that fails without a terminal.
                    // A `su -` or an SQL client the page types into is read as a terminal switch (TerminalSession).
                    if command.interpreter.isShell, command.sessionAction == nil, !step.skipped, step.kind == .command {
                        for line in command.text.split(separator: "\n") {
                            guard let (why, fix) = InteractiveCommand.check(String(line)) else { continue }
                            // A command that works at a terminal gets the operator's (and the script refuses to start without one).
                            let consequence = InteractiveCommand.needsTerminal(String(line))
                                ? "the script gives it the operator's terminal, and refuses to start without one"
                                : "the script would hang or fail here"
                            diagnostics.append(Diagnostic(.warning, path, command.range.start,
                                                          "'\(line.trimmingCharacters(in: .whitespaces))' \(why): \(consequence)",
                                                          code: DiagnosticCode.interactiveCommand.code, fix: fix))
                        }
                    }
                }
            }
        }
        guard let procedure = extracted, !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        var compiled = emit(procedure, sourcePath: path, sourceLines: document.source.lineCount)
        compiled.relativePath = relativePath
        return (compiled, diagnostics)
    }

    func emit(_ procedure: Procedure, sourcePath: String, sourceLines: Int) -> CompiledProcedure {
        let scriptPath = "\(procedure.name).sh", displayPath = ProjectPath.relative(sourcePath, to: projectRoot)
        let script = ShellEmitter(procedure: procedure, displayPath: displayPath, regenerateCommand: regenerateCommand).emit()
        let manifest = ManifestBuilder.build(procedure, sourceLines: sourceLines, scriptPath: scriptPath, script: script)
        let playbook = AnsiblePlaybook(procedure: procedure, displayPath: displayPath, scriptPath: scriptPath,
                                       scriptSHA256: manifest.script.sha256, regenerateCommand: regenerateCommand).emit()
        return CompiledProcedure(
            procedure: procedure, sourcePath: sourcePath,
            script: BuildOutput(path: scriptPath, contents: script, executable: true),
            manifest: manifest,
            manifestOutput: BuildOutput(path: "\(procedure.name).manifest.json", contents: ManifestBuilder.json(manifest), executable: false),
            playbook: BuildOutput(path: Self.playbookPath(procedure.name), contents: playbook, executable: false))
    }

    public static func playbookPath(_ name: String) -> String { "\(name).playbook.yml"
    }

    /// Manifests already in the output directory: what a previous build wrote.
    public func existingManifests() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: outDir)) ?? []
        return files.filter { $0.hasSuffix(".manifest.json") }.sorted()
    }
}
