import ArgumentParser
import Emit
import Extraction
import Foundation
import Pipeline
import DocumentTree
import StepAST

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the steps runbook extracts from a doc: kinds, commands, notes, parameters.")

    @Argument(help: "The doc to read.")
    var file: String

    @Option(help: "text or json (the manifest's step entries).")
    var format: OutputFormat = .text

    func run() throws {
        let (document, procedure) = try ProcedureExtractor.readOrExit(file)
        if format == .json {
            let manifest = ManifestBuilder.build(procedure, sourceLines: document.source.lineCount, scriptPath: "", script: "")
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(PlanJSON(title: procedure.title, parameters: manifest.parameters, steps: manifest.steps, decisions: PlanJSON.decisions(procedure))), as: UTF8.self))
        } else {
            print(PlanText.render(procedure, path: file), terminator: "")
        }
    }
}

extension ProcedureExtractor {
    /// The doc at `file` and its procedure, as `plan` and `graph` read it (with
    /// runbook.json's passes and substitutions); its diagnostics printed,
    /// and the command ended (exit 2) on an error.
    static func readOrExit(_ file: String) throws -> (Document, Procedure) {
        let document = try DocumentLoader.readOrExit(file)
        let name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let (extracted, diagnostics) = extract(document, name: name, passes: try ProjectSettings.loadOrExit().passes)
        try DiagnosticPrinter.printAndExitOnError(DiagnosticPrinter.reading(diagnostics))
        guard let procedure = extracted else { throw ExitCode(2) }
        return (document, procedure)
    }
}

struct PlanJSON: Encodable {
    var title: String
    var parameters: [Manifest.ParameterEntry]
    var steps: [Manifest.StepEntry]
    /// Each reading decision with the pass that took it, in step order.
    var decisions: [Decision]

    struct Decision: Encodable {
        var step: String
        var line: Int
        var pass: String
        var outcome: String
        var reason: String
    }

    static func decisions(_ procedure: Procedure) -> [Decision] {
        procedure.steps.flatMap { step in
            step.decisions.map { Decision(step: step.id, line: $0.line, pass: $0.pass, outcome: $0.outcome, reason: $0.reason) }
        }
    }
}

enum PlanText {
    static func render(_ procedure: Procedure, path: String) -> String {
        var out = "\(procedure.title)\n"
        for notice in procedure.notices { out += "  \(notice.kind): \(oneLine(notice.text))\n" }
        for parameter in procedure.parameters {
            out += "  parameter \(parameter.name)" + (parameter.placeholder.map { " (placeholder \($0))" } ?? "")
                + (parameter.hostFact == .platform ? " (default: the host's platform, from /etc/os-release)" : "") + "\n"
        }
        for (index, step) in procedure.steps.enumerated() {
            let indent = String(repeating: "  ", count: step.depth)
            let flags = (step.skipped ? " skipped" : "") + (step.confirm ? " confirm" : "") + (step.condition.map { " when \($0.text)" } ?? "")
            out += "\(indent)\(index + 1). [\(step.kind.rawValue)] \(step.id): \(step.title) (\(path):\(step.range.start.line))\(flags)\n"
            for notice in step.notices { out += "\(indent)   \(notice.kind): \(oneLine(notice.text))\n" }
            for block in step.shown {
                out += "\(indent)   shown \(block.kind.rawValue) (line \(block.line))\(block.file.map { " for \($0)" } ?? ""): \(block.reason)\n"
            }
            for command in step.commands {
                let capture = command.capture.map { " -> \($0)" } ?? ""
                let environment = command.environment.map { " in \($0.rawValue)" } ?? ""
                let condition = command.condition.map { " only when \($0.text)" } ?? ""
                let interpreter = command.file.map { "\($0.mode.rawValue) \($0.path)" } ?? command.interpreter.rawValue
                out += "\(indent)   $ [\(interpreter)\(environment)] \(oneLine(command.text))\(capture)  (line \(command.range.start.line))\(condition)\n"
                if let expect = command.expect { out += "\(indent)     must print: \(oneLine(expect))\n" }
                if let action = command.sessionAction { out += "\(indent)     terminal: \(describe(action))\n" }
                else if let place = command.terminal.summary { out += "\(indent)     runs \(place)\n" }
            }
            for check in step.preflight {
                out += "\(indent)   before anything changes, checks [\(check.interpreter.rawValue)] \(oneLine(check.text))  (line \(check.range.start.line))\n"
            }
            if let check = step.doneWhen { out += "\(indent)   skipped, unchanged, when [\(check.interpreter.rawValue)] \(oneLine(check.text)) succeeds\n" }
            if let verify = step.verify {
                out += "\(indent)   then checks [\(verify.interpreter.rawValue)] \(oneLine(verify.text))" + (step.verifyFor.map { " (for up to \($0) s)" } ?? "") + "\n"
            }
            if step.commands.contains(where: { $0.file != nil }) { out += "\(indent)   undo: the files it writes are put back as they were\n" }
            for command in step.undo {
                let condition = command.condition.map { " only when \($0.text)" } ?? ""
                out += "\(indent)   undo [\(command.interpreter.rawValue)] \(oneLine(command.text))\(condition)\n"
            }
            if step.kind == .manual && !step.prose.isEmpty { out += "\(indent)   manual: \(oneLine(step.prose))\n" }
            for decision in step.decisions {
                out += "\(indent)   read (line \(decision.line)) by \(decision.pass): \(decision.outcome): \(decision.reason)\n"
            }
        }
        return out
    }

    static func describe(_ action: SessionAction) -> String {
        switch action {
        case .enter(let user, let login, _): "runs nothing; the lines after it, up to its exit, run as \(user)\(login ? " in a login shell" : "")"
        case .leave: "runs nothing; back to the shell before it"
        case .openClient: "runs nothing; the client's lines after it are typed into it"
        case .closeClient: "runs nothing; closes the client"
        }
    }

    static func oneLine(_ text: String) -> String { text.replacingOccurrences(of: "\n", with: "⏎") }
}
