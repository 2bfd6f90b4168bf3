import DocumentTree
import Extraction
import Foundation
import RunbookCore
import StepAST

/// RB109 unattached-annotation (the README's Lint section has its bad and good examples).
extension LintContext {
    /// Annotations no step read: inside tables, lists without code, notes.
    mutating func unattachedAnnotations() {
        document.root.walk { node in
            guard case .comment(let text) = node.kind, !readAnnotations.contains(node.range.start.line),
                  case .success(let annotation)? = AnnotationParser.parse(text, range: node.range, source: document.source),
                  annotation.entries.contains(where: { $0.key != .ignore }) else { return }
            report(.unattachedAnnotation, node.range.start, "this annotation is where no step reads it, so it has no effect",
                   fix: "move it to the step's own level: right under its heading, or right before the code block it is for")
        }
    }
}
