import Foundation
import RunbookCore
import StepAST

/// Step AST + the emitted script → manifest, and its canonical JSON text.
public enum ManifestBuilder {
    public static func build(_ procedure: Procedure, sourceLines: Int, scriptPath: String, script: String) -> Manifest {
        func entry(_ command: Command) -> Manifest.CommandEntry {
            Manifest.CommandEntry(interpreter: command.interpreter.rawValue, text: command.text, line: command.range.start.line, capture: command.capture,
                                  expect: command.expect, environment: command.environment?.rawValue, condition: command.condition?.text,
                                  file: command.file.map { "\($0.mode.rawValue) \($0.path)" },
                                  terminal: command.sessionAction == nil && (command.terminal.user != nil || command.terminal.client != nil)
                                      ? command.terminal.summary : nil,
                                  needsTerminal: ShellEmitter.needsTerminal(command) ? true : nil)
        }
        return Manifest(
            schemaVersion: Manifest.currentSchemaVersion,
            generator: .init(name: "runbook", version: RunbookVersion.current),
            procedure: .init(name: procedure.name, title: procedure.title),
            sources: [.init(path: procedure.sourcePath, sha256: procedure.sourceSHA256, lines: sourceLines)],
            script: .init(path: scriptPath, sha256: SHA256.hex(of: script)),
            parameters: procedure.parameters.map {
                .init(name: $0.name, description: $0.description, placeholder: $0.placeholder, default: $0.defaultValue, pattern: $0.pattern,
                      host: $0.hostFact)
            },
            steps: procedure.steps.map { step in
                Manifest.StepEntry(
                    id: step.id, title: step.title, depth: step.depth, kind: step.kind.rawValue, source: procedure.sourcePath,
                    range: step.range, commands: step.commands.map(entry), undo: step.undo.map(entry),
                    notices: step.notices.map { .init(kind: $0.kind, text: $0.text, line: $0.range.start.line) },
                    condition: step.condition?.text, user: step.user, cwd: step.workingDirectory, skipped: step.skipped,
                    confirm: step.confirm ? true : nil, undoAlways: step.undoAlways ? true : nil, undoneBy: step.undoneBy,
                    verify: step.verify.map(entry), verifyFor: step.verifyFor, doneWhen: step.doneWhen.map(entry),
                    preflight: step.preflight.isEmpty ? nil : step.preflight.map(entry),
                    changesNothing: step.declaredChangesNothing ? true : nil)
            })
    }

    /// Sorted keys, two-space indentation, no timestamps: the same AST gives the same bytes.
    public static func json(_ manifest: Manifest) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(manifest)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
