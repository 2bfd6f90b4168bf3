import Emit
import Foundation
import RunbookCore

/// One difference between the docs and what is committed in the output directory.
public struct Drift: Sendable, Equatable {
    public enum Kind: String, Sendable { case changed, missing, handEdited = "hand-edited", orphaned, invalid }
    public var kind: Kind
    /// The doc where it applies (at `line`), or the generated file (no line).
    public var path: String
    public var line: Int?
    public var procedure: String
    public var step: String?
    public var message: String
    public var diff: String

    /// `file:line`, or the file alone.
    public var location: String { line.map { "\(path):\($0)" } ?? path }
}

/// `runbook check`: re-derives every output in memory and compares it with the disk.
public struct DriftChecker {
    public let compiler: ProcedureCompiler

    public init(compiler: ProcedureCompiler) { self.compiler = compiler }

    /// With `orphans`, also outputs of docs that are gone (a check of every procedure).
    public func check(_ procedures: [CompiledProcedure], orphans checkOrphans: Bool = true) -> [Drift] {
        var drifts: [Drift] = []
        for compiled in procedures { drifts += check(compiled) }
        if checkOrphans { drifts += orphans(expected: Set(procedures.map(\.manifestOutput.path))) }
        return drifts
    }

    func path(_ output: String) -> String { (compiler.outDir as NSString).appendingPathComponent(output) }

    func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func check(_ compiled: CompiledProcedure) -> [Drift] {
        let drifts = checkScriptAndManifest(compiled)
        // A doc that changed changes its playbook too: that is the drift already
        // reported at the doc's line, not a playbook edited by hand.
        return drifts.isEmpty ? checkPlaybook(compiled) : drifts
    }

    /// The playbook holds nothing the script and manifest do not say, but a
    /// fleet runs it: it must be what this build writes.
    func checkPlaybook(_ compiled: CompiledProcedure) -> [Drift] {
        let playbookPath = path(compiled.playbook.path)
        guard let onDisk = read(playbookPath) else {
            return [Drift(kind: .missing, path: compiled.sourcePath, line: 1, procedure: compiled.procedure.name, step: nil,
                          message: "\(playbookPath) is missing: run '\(compiler.invokedCommand)'", diff: "")]
        }
        if onDisk == compiled.playbook.contents { return [] }
        return [Drift(kind: .changed, path: playbookPath, line: nil, procedure: compiled.procedure.name, step: nil,
                      message: "\(playbookPath) differs from what the docs give (edited by hand, or built by another runbook): run '\(compiler.invokedCommand)'",
                      diff: UnifiedDiff.diff(onDisk, compiled.playbook.contents, oldName: "\(playbookPath) (committed)", newName: "\(playbookPath) (from the docs)"))]
    }

    func checkScriptAndManifest(_ compiled: CompiledProcedure) -> [Drift] {
        let name = compiled.procedure.name
        let scriptPath = path(compiled.script.path), manifestPath = path(compiled.manifestOutput.path)
        var drifts: [Drift] = []
        let onDiskScript = read(scriptPath), onDiskManifestText = read(manifestPath)
        for (output, text) in [(scriptPath, onDiskScript), (manifestPath, onDiskManifestText)] where text == nil {
            drifts.append(Drift(kind: .missing, path: compiled.sourcePath, line: 1, procedure: name, step: nil,
                                message: "\(output) is missing: run '\(compiler.invokedCommand)'", diff: ""))
        }
        guard let script = onDiskScript, let manifestText = onDiskManifestText else { return drifts }
        // Both exactly what the docs give: in sync, and the manifest is valid and
        // names this script's hash, as this build wrote them (no decoding, no hashing).
        if manifestText == compiled.manifestOutput.contents && script == compiled.script.contents { return drifts }

        let manifest: Manifest
        do { manifest = try ManifestReader.decode(manifestText, path: manifestPath) } catch {
            return drifts + error.diagnostics.map {
                Drift(kind: .invalid, path: $0.path, line: $0.position.line, procedure: name, step: nil, message: $0.message, diff: "")
            }
        }
        if SHA256.hex(of: script) != manifest.script.sha256 {
            drifts.append(Drift(kind: .handEdited, path: scriptPath, line: nil, procedure: name, step: nil,
                                message: "\(scriptPath) was edited by hand (its sha256 differs from the one in \(manifestPath))",
                                diff: UnifiedDiff.diff(compiled.script.contents, script, oldName: "\(scriptPath) (from the docs)", newName: "\(scriptPath) (on disk)")))
        }
        if manifestText != compiled.manifestOutput.contents || script != compiled.script.contents {
            drifts += stepDrifts(old: manifest, new: compiled)
            let scriptDiff = UnifiedDiff.diff(script, compiled.script.contents, oldName: "\(scriptPath) (committed)", newName: "\(scriptPath) (from the docs)")
            if drifts.allSatisfy({ $0.kind != .handEdited }) {
                if drifts.isEmpty {
                    drifts.append(Drift(kind: .changed, path: compiled.sourcePath, line: 1, procedure: name, step: nil,
                                        message: "generated files differ from what the docs give", diff: scriptDiff))
                } else {
                    drifts[drifts.count - 1].diff = scriptDiff
                }
            }
        }
        return drifts
    }

    /// Steps added, removed or changed, each pointing at its doc line.
    func stepDrifts(old: Manifest, new compiled: CompiledProcedure) -> [Drift] {
        let name = compiled.procedure.name
        let oldSteps = Dictionary(old.steps.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(compiled.manifest.steps.map(\.id))
        var drifts: [Drift] = []
        for step in compiled.manifest.steps {
            guard let before = oldSteps[step.id] else {
                drifts.append(Drift(kind: .changed, path: compiled.sourcePath, line: step.range.start.line, procedure: name, step: step.id, message: "step '\(step.id)' is new in the doc", diff: ""))
                continue
            }
            var was = before, now = step
            (was.range, now.range) = (now.range, now.range)
            was.commands = was.commands.map { var c = $0; c.line = 0; return c }
            now.commands = now.commands.map { var c = $0; c.line = 0; return c }
            was.notices = was.notices.map { var n = $0; n.line = 0; return n }
            now.notices = now.notices.map { var n = $0; n.line = 0; return n }
            if was != now {
                let line = firstChangedLine(before, step) ?? step.range.start.line
                drifts.append(Drift(kind: .changed, path: compiled.sourcePath, line: line, procedure: name, step: step.id,
                                    message: "step '\(step.id)' changed in the doc", diff: ""))
            }
        }
        for step in old.steps where !newIDs.contains(step.id) {
            drifts.append(Drift(kind: .changed, path: compiled.sourcePath, line: step.range.start.line, procedure: name, step: step.id,
                                message: "step '\(step.id)' is no longer in the doc", diff: ""))
        }
        if drifts.isEmpty, old.sources.first?.sha256 != compiled.manifest.sources.first?.sha256 || old != compiled.manifest {
            drifts.append(Drift(kind: .changed, path: compiled.sourcePath, line: 1, procedure: name, step: nil,
                                message: "the doc changed since the last build", diff: ""))
        }
        return drifts
    }

    /// The doc line of the first command that differs, so the report points at it.
    func firstChangedLine(_ old: Manifest.StepEntry, _ new: Manifest.StepEntry) -> Int? {
        for (index, command) in new.commands.enumerated() where index >= old.commands.count || old.commands[index].text != command.text {
            return command.line
        }
        return nil
    }

    func orphans(expected: Set<String>) -> [Drift] {
        compiler.existingManifests().filter { !expected.contains($0) }.map { file in
            let manifestPath = path(file)
            let source = read(manifestPath).flatMap { try? ManifestReader.decode($0, path: manifestPath) }?.sources.first?.path ?? "?"
            return Drift(kind: .orphaned, path: manifestPath, line: nil, procedure: String(file.dropLast(".manifest.json".count)), step: nil,
                         message: "\(manifestPath) was generated from \((compiler.docsRoot as NSString).appendingPathComponent(source)), which is gone", diff: "")
        }
    }
}
