import DocumentTree
import Emit
import Extraction
import Foundation
import Lint
import Pipeline
import RunbookCore
import StepAST

/// Where the questions go and the answers come from: the terminal, or a file of answers.
public protocol ReviewConversation {
    mutating func say(_ text: String)
    /// The author's answer to PROMPT; nil when there are no more answers.
    mutating func ask(_ prompt: String) -> String?
}

/// `runbook review DOC`: asks about each decision the reading left open, in
/// page order; each answer is written into the doc as the annotation that
/// means it (the doc stays the one source of truth), then the doc is read again
/// and the change to the generated script is shown. Stopping is safe: the
/// answers given are annotations already, and are not asked again.
public struct ReviewSession {
    public let path: String
    public let passes: Set<ReadingPass>
    public let substitutions: [String: String]

    public init(path: String, passes: Set<ReadingPass>, substitutions: [String: String]) {
        self.path = path
        self.passes = passes
        self.substitutions = substitutions
    }

    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var leftOpen = 0
    }

    /// A doc as review sees it: its procedure, lint's findings, the questions they leave.
    struct Reading {
        var document: Document
        var procedure: Procedure
        var questions: [ReviewQuestion]
        var findings: [Diagnostic]

        /// The script the doc compiles to, for the change an answer makes.
        func script(_ path: String) -> String {
            ShellEmitter(procedure: procedure, displayPath: path, regenerateCommand: "runbook build").emit()
        }
    }

    /// The doc at PATH read again; an error when it holds no procedure.
    func read() throws(Diagnostic) -> Reading {
        let document = try DocumentLoader.read(path: path, relativePath: path, substitutions: substitutions)
        guard let reading = reading(document) else {
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            throw ProcedureExtractor.extract(document, name: name, passes: passes).diagnostics.first { $0.severity == .error }
                ?? .error(path, SourcePosition(line: 1, column: 1), "no procedure")
        }
        return reading
    }

    /// DOCUMENT's reading; nil when it holds no procedure.
    func reading(_ document: Document) -> Reading? {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let procedure = ProcedureExtractor.extract(document, name: name, passes: passes).procedure else { return nil }
        let findings = Linter.lint(document, name: name, passes: passes)
        return Reading(document: document, procedure: procedure, questions: QuestionFinder.questions(document, procedure, findings: findings),
                       findings: findings)
    }

    public func run(_ conversation: inout some ReviewConversation) throws -> Summary {
        var summary = Summary()
        var asked = Set<String>()
        var reading = try read()
        conversation.say("\(path): \(reading.questions.count) decision\(reading.questions.count == 1 ? "" : "s") to review")
        while let question = reading.questions.first(where: { !asked.contains($0.identity) }) {
            asked.insert(question.identity)
            let remaining = reading.questions.filter { !asked.contains($0.identity) }.count
            conversation.say(describe(question, reading.document.source, remaining: remaining))
            guard let answer = Self.ask(question, &conversation) else {
                let rest = reading.questions.filter { !asked.contains($0.identity) }
                conversation.say("no more answers: the rest stays open")
                for open in [question] + rest { conversation.say("  \(path):\(open.line): \(Self.headline(open))") }
                summary.leftOpen += rest.count + 1
                return summary
            }
            guard let keys = answer.keys(for: question) else {
                summary.leftOpen += 1
                continue
            }
            var writer = AnnotationWriter(source: reading.document.source)
            let line: Int
            // in-sequence goes under each section the choice was read from, the last first: lines move.
            let places = answer == .inSequence ? question.alternatives.sorted(by: >).map { AnnotationPlace.underHeading(line: $0) } : [question.place]
            do { line = try places.map { try writer.write(keys, at: $0) }.last! } catch let error as AnswerError {
                conversation.say("  cannot write it: \(error.message)")
                summary.leftOpen += 1
                continue
            }
            try AtomicFileWriter.write(writer.text, to: path)
            summary.written += 1
            let before = reading
            reading = try read()
            conversation.say("  wrote at \(path):\(line): \(AnnotationWriter.comment(keys, syntax: writer.syntax))")
            tell(&conversation, from: before, to: reading)
        }
        conversation.say("\(path): \(summary.written) answer\(summary.written == 1 ? "" : "s") written, \(summary.leftOpen) left open")
        return summary
    }

    /// The operator's answer to QUESTION, asked again until it reads; nil
    /// when no more answers come (the input ended). "y" takes the suggestion.
    static func ask(_ question: ReviewQuestion, _ conversation: inout some ReviewConversation) -> ReviewAnswer? {
        while true {
            let hint = question.suggestion.map { " (y: \($0))" } ?? ""
            guard let typed = conversation.ask("answer \(question.answers.joined(separator: " / ")) / leave\(hint): ") else { return nil }
            let chosen = ["y", "yes"].contains(typed.trimmingCharacters(in: .whitespaces).lowercased()) ? question.suggestion ?? typed : typed
            switch ReviewAnswer.parse(chosen, for: question) {
            case .success(let parsed): return parsed
            case .failure(let error): conversation.say("  " + error.message)
            }
        }
    }

    /// What an answer changed: the script's steps, and what lint says now
    /// that it did not before (an undo deleting what the step may not have made).
    func tell(_ conversation: inout some ReviewConversation, from before: Reading, to after: Reading) {
        conversation.say(Self.scriptChange(before.script(path), after.script(path)))
        let known = Set(before.findings.map { "\($0.code ?? "")|\($0.message)" })
        for finding in after.findings where !known.contains("\(finding.code ?? "")|\(finding.message)") {
            conversation.say("  lint: \(finding.description)")
        }
    }

    /// The question with the doc's lines around it.
    func describe(_ question: ReviewQuestion, _ source: SourceFile, remaining: Int) -> String {
        let what = Self.headline(question)
        let step = question.stepTitle.isEmpty ? "" : " (step \"\(question.stepTitle)\")"
        var out = "\n\(path):\(question.line)\(step): \(what) [\(remaining) more after this]\n"
        out += "  reading: \(question.reason)\n  now: \(question.now)\n"
        let first = max(1, question.line - 2)
        let last = min(source.lineCount, question.line + (question.kind == .block ? 7 : 3))
        if question.place != .top || question.kind == .placeholder {
            for number in first...max(first, last) where number <= source.lineCount {
                let marker = number == question.line ? ">" : " "
                out += "  \(marker)\(String(format: "%5d", number)) | \(source.line(number))\n"
            }
        }
        return String(out.dropLast())
    }

    /// What the question is about, in a few words.
    static func headline(_ question: ReviewQuestion) -> String {
        switch question.kind {
        case .block: "a block shown, not run"
        case .choice: "a choice nothing settles: \(question.subject)"
        case .placeholder: "a placeholder no parameter declares: \(question.subject)"
        case .undo: "a step that changes something and has no undo"
        case .check: "a check the page names"
        case .terminal: "a command that needs a terminal"
        case .manual: "a step left to a person"
        case .file: "a file's content, left to the operator: \(question.subject)"
        }
    }

    /// The generated script's change, in a few lines: doc line numbers and the
    /// doc's hash, which every annotation changes, are left out.
    static func scriptChange(_ before: String, _ after: String) -> String {
        let (old, new) = (comparable(before), comparable(after))
        guard old != new else { return "  the script does not change" }
        let diff = UnifiedDiff.diff(old, new, oldName: "script", newName: "script", context: 1)
            .split(separator: "\n", omittingEmptySubsequences: false).dropFirst(2)
        let shown = diff.prefix(24).map { "  " + $0 }.joined(separator: "\n")
        return "  the script changes:\n" + shown + (diff.count > 24 ? "\n  … (\(diff.count - 24) more lines)" : "")
    }

    static func comparable(_ script: String) -> String {
        script.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.hasPrefix("# (sha256 ") && !$0.hasPrefix("readonly RB_SOURCE_SHA256=") }
            .map { $0.replacingOccurrences(of: #"(\.(md|markdown|mdx|rst)):[0-9]+"#, with: "$1", options: .regularExpression) }
            .joined(separator: "\n")
    }
}
