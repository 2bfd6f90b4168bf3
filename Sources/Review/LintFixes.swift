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
        let session = ReviewSession(path: path, passes: passes, substitutions: substitutions)
        var written: [String] = []
        // One fix at a time, the doc read again after each: lines move.
        while written.count < 1000 {
            let document = try DocumentLoader.read(path: path, relativePath: path, substitutions: substitutions)
            guard let reading = session.reading(document) else { break }
            let declared = Set(reading.procedure.parameters.filter { !$0.description.hasPrefix(PlaceholderTokens.description) }.map(\.name))
            let fix = QuestionFinder.placeholders(reading.findings, reading.procedure).lazy.compactMap { question -> String? in
                guard let name = UndoSuggestions.parameterName(question.subject), !declared.contains(name) else { return nil }
                return ReviewAnswer.parameter(name: name, description: "").keys(for: question)
            }.first
            guard let keys = fix else { break }
            var writer = AnnotationWriter(source: document.source)
            let line = try writer.write(keys, at: .top)
            try AtomicFileWriter.write(writer.text, to: path)
            written.append("\(path):\(line): \(keys)")
        }
        return written
    }
}
