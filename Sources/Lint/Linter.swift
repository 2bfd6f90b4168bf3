import DocumentTree
import Extraction
import Foundation
import RunbookCore
import StepAST

/// Runs every rule on one doc, then applies the doc's `ignore=` annotations and
/// the project's configuration.
public enum Linter {
    public static func lint(_ document: Document, name: String, config: LintConfig = LintConfig(),
                            passes: Set<ReadingPass> = Set(ReadingPass.allCases)) -> [Diagnostic] {
        let (procedure, extraction, read) = ProcedureExtractor.extractReporting(document, name: name, passes: passes)
        // Findings of the extractor that belong to a rule (the `poetry shell` note) are that rule's.
        var diagnostics = extraction.map { diagnostic -> Diagnostic in
            guard let rule = diagnostic.code.flatMap(LintRule.init(rawValue:)) else { return diagnostic }
            var promoted = diagnostic
            promoted.severity = rule.defaultSeverity
            return promoted
        }
        if let procedure {
            var context = LintContext(document: document, procedure: procedure, readAnnotations: read)
            context.placeholdersNotParameters()
            context.interactiveCommands()
            context.manualSteps()
            context.destructiveWithoutBackup()
            context.noUndoAfterBackup()
            context.cdAlone()
            context.ambiguousConsoleBlocks()
            context.unknownDirectivesAndRoles()
            context.unattachedAnnotations()
            context.filesByHand()
            context.checksNotVerified()
            context.undoesDeletingUncreated()
            diagnostics += context.findings
        }
        let silenced = Suppressions(document)
        return config.apply(diagnostics.filter { !silenced.covers($0) })
            .sorted { ($0.position.line, $0.position.column, $0.code ?? "") < ($1.position.line, $1.position.column, $1.code ?? "") }
    }
}

/// `ignore=RB104,RB105` annotations: the rules they name say nothing about the
/// node after the annotation (the whole step when it stands right under the heading).
struct Suppressions {
    var ranges: [(codes: Set<String>, from: Int, to: Int)] = []

    init(_ document: Document) {
        func visit(_ node: Node) {
            for (index, child) in node.children.enumerated() {
                if case .comment(let text) = child.kind,
                   case .success(let annotation)? = AnnotationParser.parse(text, range: child.range, source: document.source) {
                    let codes = Set(annotation.values(.ignore).flatMap { ($0.value ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
                    if !codes.isEmpty {
                        // Right under a heading: the section; otherwise the next node.
                        let underHeading = node.children[..<index].allSatisfy { if case .comment = $0.kind { true } else { false } }
                        if case .section = node.kind, underHeading {
                            ranges.append((codes, node.range.start.line, node.range.end.line))
                        } else if index + 1 < node.children.count {
                            let next = node.children[index + 1]
                            ranges.append((codes, next.range.start.line, next.range.end.line))
                        }
                    }
                }
                visit(child)
            }
        }
        visit(document.root)
    }

    func covers(_ diagnostic: Diagnostic) -> Bool {
        guard let code = diagnostic.code else { return false }
        return ranges.contains { $0.codes.contains(code) && (($0.from)...($0.to)).contains(diagnostic.position.line) }
    }
}
