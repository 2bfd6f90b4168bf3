import DocumentTree
import Extraction
import Foundation
import Lint
import RunbookCore
import StepAST

/// The questions a reading of a doc leaves for its author, in page order:
/// blocks shown for want of evidence, choices no host fact settles,
/// placeholders no parameter declares, steps that change something with no
/// undo, checks the page names that could be postconditions, and commands that
/// need a terminal. A decision an annotation already took is not asked again.
public enum QuestionFinder {
    public static func questions(_ document: Document, _ procedure: Procedure, findings: [Diagnostic]) -> [ReviewQuestion] {
        let blocks = codeBlocks(document.root)
        var questions: [ReviewQuestion] = []
        for step in procedure.steps where !step.skipped {
            let unsure = shownBlocks(step, blocks)
            // A step whose blocks are unsure is asked about them; one the author made manual or said changes nothing, not again.
            if unsure.isEmpty, !step.declaredManual, !step.declaredChangesNothing, let manual = manualQuestion(step) { questions.append(manual) }
            questions += unsure
            questions += terminalCommands(step, blocks)
            if let undo = undoQuestion(step) { questions.append(undo) }
            if let check = checkQuestion(step) { questions.append(check) }
        }
        questions += files(procedure, blocks)
        questions += placeholders(findings, procedure)
        questions += choices(procedure)
        // Page order by step; within a step its blocks and files first, then the
        // questions about the step as a whole (an answer to a block may settle them).
        let starts = procedure.steps.map(\.range.start.line)
        func step(_ question: ReviewQuestion) -> Int { starts.lastIndex { $0 <= question.line } ?? -1 }
        func rank(_ kind: ReviewQuestion.Kind) -> Int { [.undo, .check].contains(kind) ? 1 : 0 }
        // Stable: questions on one line keep the order they were found in.
        return questions.enumerated().sorted { (step($0.element), rank($0.element.kind), $0.element.line, $0.offset)
            < (step($1.element), rank($1.element.kind), $1.element.line, $1.offset) }.map(\.element)
    }

    /// Each code block's first line (fence, directive or block) by its first content line.
    static func codeBlocks(_ root: Node) -> [Int: (start: Int, text: String)] {
        var blocks: [Int: (Int, String)] = [:]
        root.walk { node in
            if case .codeBlock(_, let text, let content) = node.kind { blocks[content] = (node.range.start.line, text) }
        }
        return blocks
    }

    /// A step the script leaves to a person, whose prose names a command (``service app stop``).
    static func manualQuestion(_ step: Step) -> ReviewQuestion? {
        guard step.kind == .manual else { return nil }
        let inline = step.prose.matches(of: /``([^`\n]+)``|`([^`\n]+)`/).compactMap { match -> String? in
            let text = String(match.output.1 ?? match.output.2 ?? "")
            return BlockClassifier.commandLikeLines(text).isEmpty ? nil : text
        }
        return ReviewQuestion(
            kind: .manual, line: step.range.start.line, step: step.id, stepTitle: step.title,
            reason: inline.isEmpty ? "the step has prose and no command" : "the step's text names a command, which no block holds",
            now: "the script shows the step's text and waits for the operator to confirm",
            answers: ["run", "changes-nothing"], suggestion: inline.first.map { "run " + ReviewAnswer.quoted($0) },
            place: .underHeading(line: step.range.start.line), subject: step.prose)
    }

    /// A configuration block the sentence before names a file for: the script shows it and waits.
    static func files(_ procedure: Procedure, _ blocks: [Int: (start: Int, text: String)]) -> [ReviewQuestion] {
        procedure.steps.filter { !$0.skipped }.flatMap { step in
            step.shown.filter { $0.kind == .configuration && $0.file != nil }.compactMap { shown -> ReviewQuestion? in
                guard let block = blocks[shown.line], let file = shown.file else { return nil }
                let mode = FileMerge.suggestedMode(shown.text)
                return ReviewQuestion(
                    kind: .file, line: shown.line, step: step.id, stepTitle: step.title,
                    reason: "the sentence before the block names \(file): the block is its content",
                    now: "the script shows the block and waits for the operator to edit the file",
                    answers: ["write", "merge", "append", "show"], suggestion: "\(mode) \(file)",
                    place: .beforeBlock(line: block.start, content: shown.line), subject: file)
            }
        }
    }

    /// Blocks no pass read as commands, shown for want of better evidence.
    static func shownBlocks(_ step: Step, _ blocks: [Int: (start: Int, text: String)]) -> [ReviewQuestion] {
        // "shown as …": a block of the step's own; one inside a note or tabs ("shown in a …") takes no annotation.
        step.decisions.filter { ($0.pass == "default" || $0.reason == BlockClassifier.outputByDefault) && $0.outcome.hasPrefix("shown as") }.compactMap { decision in
            guard let block = blocks[decision.line] else { return nil }
            let looksLikeCommands = !BlockClassifier.commandLikeLines(block.text).isEmpty
            return ReviewQuestion(
                kind: .block, line: decision.line, step: step.id, stepTitle: step.title,
                reason: decision.reason, now: "the script shows the block to the operator and does not run it",
                answers: ["run", "show", "skip"], suggestion: looksLikeCommands ? "run" : "show",
                place: .beforeBlock(line: block.start, content: decision.line), subject: block.text)
        }
    }

    /// Commands that work only at a terminal: the script needs one, or a person does the step.
    static func terminalCommands(_ step: Step, _ blocks: [Int: (start: Int, text: String)]) -> [ReviewQuestion] {
        guard step.kind == .command else { return [] }
        let decided = Set(step.decisions.filter { $0.pass == "annotation" }.map(\.line))
        return step.commands.filter { $0.interpreter.isShell && InteractiveCommand.needsTerminal($0.text) }.compactMap { command in
            let line = command.range.start.line
            guard let (content, block) = blocks.filter({ $0.key <= line && line < $0.key + max(1, $0.value.text.split(separator: "\n", omittingEmptySubsequences: false).count) }).first,
                  !decided.contains(content) else { return nil }
            return ReviewQuestion(
                kind: .terminal, line: line, step: step.id, stepTitle: step.title,
                reason: "'\(command.text.prefix(60))' works only at a terminal (an editor, a pager, a password prompt)",
                now: "the script runs it at the operator's terminal and refuses to start without one",
                answers: ["run", "manual", "skip"], suggestion: "run",
                place: .beforeBlock(line: block.start, content: content), subject: command.text)
        }
    }

    /// A step that changes something, with no undo of its own or from an earlier step.
    static func undoQuestion(_ step: Step) -> ReviewQuestion? {
        guard step.kind == .command, !step.changesNothing, !step.isReversible, step.doneWhen == nil,
              !step.commands.allSatisfy({ CheckWording.looksLikeCheck($0.text) }) else { return nil }
        let suggestion = step.commands.last.flatMap { UndoSuggestions.inverse(of: $0.text) }
        return ReviewQuestion(
            kind: .undo, line: step.range.start.line, step: step.id, stepTitle: step.title,
            reason: "the step runs commands and nothing says how to reverse them",
            now: "a rollback leaves what it did as it is, and says so (partly rolled back)",
            answers: ["undo", "changes-nothing"], suggestion: suggestion.map { "undo " + $0 },
            place: .underHeading(line: step.range.start.line), subject: "")
    }

    /// "Check that…", "vérifier…": a check the page names could be the step's postcondition.
    static func checkQuestion(_ step: Step) -> ReviewQuestion? {
        guard let unchecked = step.uncheckedCheck else { return nil }
        let check = unchecked.command
        return ReviewQuestion(
            kind: .check, line: step.range.start.line, step: step.id, stepTitle: step.title,
            reason: "the step's text says to check something, and nothing checks it",
            now: "the step is done when its commands exit 0, whatever they did",
            answers: ["expect"], suggestion: check.map { "expect " + $0 },
            place: .underHeading(line: step.range.start.line), subject: "")
    }

    /// Placeholders no parameter declares (lint's RB101), each once.
    static func placeholders(_ findings: [Diagnostic], _ procedure: Procedure) -> [ReviewQuestion] {
        var seen = Set<String>()
        return findings.filter { $0.code == DiagnosticCode.placeholderNotParameter.rawValue }.compactMap { finding in
            guard let token = finding.subject, seen.insert(token).inserted else { return nil }
            let step = procedure.steps.last { $0.range.start.line <= finding.position.line }
            let name = UndoSuggestions.parameterName(token)
            return ReviewQuestion(
                kind: .placeholder, line: finding.position.line, step: step?.id ?? "", stepTitle: step?.title ?? "",
                reason: finding.message,
                now: finding.message.contains("asks for it as") ? "the script asks for it under the reading's name, with nothing to say what it is"
                    : "the script runs the text as written, placeholder included",
                answers: ["parameter"], suggestion: name.map { "parameter \($0)" },
                place: .top, subject: token)
        }
    }

    /// Choices between alternatives that the host does not decide and nothing sets.
    static func choices(_ procedure: Procedure) -> [ReviewQuestion] {
        procedure.parameters.filter { $0.choices != nil && $0.hostFact == nil && $0.defaultValue == nil }.map { parameter in
            let values = parameter.choices ?? []
            let sections = procedure.steps.filter { step in step.decisions.contains { $0.outcome.hasPrefix("choice \(parameter.name)=") } }
            return ReviewQuestion(
                kind: .choice, line: parameter.range.start.line, step: "", stepTitle: "",
                reason: "the page offers \(values.count) ways (\(values.joined(separator: ", "))) and nothing on the host says which",
                now: "the script asks for \(parameter.name) (--set \(parameter.name)=…) and refuses to run without it",
                answers: sections.isEmpty ? ["choice"] : ["choice", "in-sequence"], suggestion: values.first.map { "choice \($0)" },
                place: .top, subject: parameter.name, values: values, alternatives: sections.map(\.range.start.line))
        }
    }
}
