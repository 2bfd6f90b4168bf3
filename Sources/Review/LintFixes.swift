import Extraction
import Foundation
import Lint
import Pipeline
import RunbookCore

/// `runbook lint --fix`: writes, for each finding that has exactly one fix,
/// the annotation that is that fix. Today that is RB101: a placeholder whose
/// token names its parameter (`<db_name>` → `param=DB_NAME placeholder="<db_name>"`).
/// Findings with a choice to make (run or show a block, which undo) are left to `runbook review`.
public enum LintFixes {
    /// Applies the fixes to the doc at PATH; returns the annotations written.
    public static func apply(path: String, passes: Set<ReadingPass>, substitutions: [String: String]) throws -> [String] {
        var written: [String] = []
        // One fix at a time, the doc read again after each: lines move.
        while written.count < 1000 {
            let document = try DocumentLoader.read(path: path, relativePath: path, substitutions: substitutions)
            let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
            guard let procedure = ProcedureExtractor.extract(document, name: name, passes: passes).procedure else { break }
            let declared = Set(procedure.parameters.filter { !$0.description.hasPrefix(PlaceholderTokens.description) }.map(\.name))
            let findings = Linter.lint(document, name: name, passes: passes)
            let fix = QuestionFinder.placeholders(findings, procedure).lazy.compactMap { question -> String? in
                guard let name = UndoSuggestions.parameterName(question.subject), !declared.contains(name) else { return nil }
                return ReviewAnswer.parameter(name: name, description: "").keys(for: question)
            }.first
            guard let keys = fix else { break }
            var writer = AnnotationWriter(text: String(decoding: document.source.bytes, as: UTF8.self),
                                          syntax: path.lowercased().hasSuffix(".rst") ? .rst : .markdown)
            let line = try writer.write(keys, at: .top)
            try AtomicFileWriter.write(writer.text, to: path)
            written.append("\(path):\(line): \(keys)")
        }
        return written
    }
}
