import DocumentTree
import RunbookCore
import StepAST

/// Turns a document tree into a procedure. Headings are steps; the single
/// top-level heading, when there is one, is the procedure's title instead.
public enum ProcedureExtractor {
    public static func extract(_ document: Document, name: String,
                               passes: Set<ReadingPass> = Set(ReadingPass.allCases)) -> (procedure: Procedure?, diagnostics: [Diagnostic]) {
        let result = extractReporting(document, name: name, passes: passes)
        return (result.procedure, result.diagnostics)
    }

    /// Also gives the lines of the annotations the steps read (the others attach to nothing).
    public static func extractReporting(_ document: Document, name: String,
                                        passes: Set<ReadingPass> = Set(ReadingPass.allCases))
        -> (procedure: Procedure?, diagnostics: [Diagnostic], readAnnotations: Set<Int>) {
        var context = ExtractionContext(source: document.source, passes: passes)
        context.diagnostics = document.diagnostics
        let source = document.source
        guard source.text.contains(where: { !$0.isWhitespace }) else {
            context.error(SourcePosition(line: 1, column: 1), "document is empty")
            return (nil, context.diagnostics, [])
        }

        // Sphinx's `.. highlight::` gives the literal blocks after it a language.
        var root = document.root
        if passes.contains(.highlightDirective) { (root, context.highlighted) = HighlightDirective.apply(root) }
        let (title, preamble, stepSections) = outline(root, name: name, context: &context)
        var procedureLevel = StepDraft(title: title, depth: 0, range: root.range)
        context.process(preamble, into: &procedureLevel)
        for code in procedureLevel.commands {
            context.warning(code.range.start, "code block outside any step is not run; put it under a heading")
        }
        if !procedureLevel.undo.isEmpty || procedureLevel.manual || procedureLevel.skipped || procedureLevel.explicitID != nil {
            context.error(procedureLevel.annotationStart ?? SourcePosition(line: 1, column: 1),
                          "this annotation needs a step: put it under a heading")
        }

        context.defaultDirectory = procedureLevel.workingDirectory
        context.defaultUser = procedureLevel.user
        for section in stepSections { context.extractSection(section, depth: 1) }
        context.reportUnknownNames()
        guard !context.steps.isEmpty else {
            context.error(SourcePosition(line: 1, column: 1), "no steps: a procedure needs at least one heading under its title")
            return (nil, context.diagnostics, context.readAnnotations)
        }

        runProcedurePasses(&context, passes: passes, source: source, page: (title, procedureLevel.prose.joined(separator: "\n\n")))
        let procedure = Procedure(
            name: name, title: title, sourcePath: source.relativePath, sourceSHA256: source.sha256,
            summary: procedureLevel.prose.joined(separator: "\n\n"), notices: procedureLevel.notices,
            parameters: context.parameters, steps: context.steps)
        return (procedure, context.diagnostics, context.readAnnotations)
    }

    /// The procedure's title, the text before its steps, and the sections
    /// that are its steps: the single top-level heading is the title when
    /// there is one; a title with no headings under it is its own one step.
    static func outline(_ root: Node, name: String, context: inout ExtractionContext) -> (title: String, preamble: [Node], steps: [Node]) {
        var title = name
        var preamble: [Node] = []
        var stepSections: [Node] = []
        let sections = root.children.filter { if case .section = $0.kind { true } else { false } }
        let firstSectionIndex = root.children.firstIndex { if case .section = $0.kind { true } else { false } }
        let beforeFirst = root.children.prefix(firstSectionIndex ?? root.children.count)
        if sections.count == 1, case .section(let heading, _) = sections[0].kind,
           beforeFirst.allSatisfy({ if case .comment = $0.kind { true } else { false } }) {
            title = heading
            preamble = Array(beforeFirst) + sections[0].children.filter { if case .section = $0.kind { false } else { true } }
            stepSections = sections[0].children.filter { if case .section = $0.kind { true } else { false } }
            if sections[0].children.contains(where: { if case .section = $0.kind { false } else { true } }),
               let firstStep = stepSections.first {
                context.warnIfContentAfter(firstStep, in: sections[0].children)
            }
        } else {
            title = sections.first.map { if case .section(let t, _) = $0.kind { t } else { name } } ?? name
            preamble = Array(beforeFirst)
            stepSections = sections
        }

        // A page with a title and no headings under it: its body is the one step
        // (its lists with code are the sub-steps).
        if stepSections.isEmpty, sections.count == 1, sections[0].containsCode {
            preamble = Array(beforeFirst)
            stepSections = sections
        }
        return (title, preamble, stepSections)
    }

    /// The passes that read the steps as a whole, once every section is read, in their order.
    /// PAGE: the procedure's title and the text before its first step, which speak for the top-level sections.
    static func runProcedurePasses(_ context: inout ExtractionContext, passes: Set<ReadingPass>, source: SourceFile,
                                   page: (title: String, prose: String)) {
        if passes.contains(.prosePlaceholders) {
            ProsePlaceholders.apply(context.proseCandidates, steps: &context.steps, parameters: &context.parameters)
        }
        if passes.contains(.placeholderTokens) { PlaceholderTokens.apply(to: &context.steps, parameters: &context.parameters) }
        TroubleshootingSections.apply(to: &context.steps, passes: passes)
        if passes.contains(.otherOSSections) { OtherOSSections.skipSections(&context.steps) }
        if passes.contains(.optionalSections) { OptionalSections.apply(to: &context.steps, parameters: &context.parameters) }
        if passes.contains(.alternativeSections) {
            AlternativeSections.apply(to: &context.steps, labels: &context.labels, parameters: &context.parameters, page: page, passes: passes)
        }
        if passes.contains(.otherOSSections) { OtherOSSections.showBlocks(&context.steps, labels: context.labels) }
        if passes.contains(.containerNames) { ContainerNames.apply(to: &context.steps) }
        if passes.contains(.valuesFromOutput) { ValuesFromOutput.apply(to: &context.steps, source: source) }
        if passes.contains(.terminalSession) { TerminalSession.apply(to: &context.steps) }
        if passes.contains(.shellSyntax) {
            ShellSyntax.apply(to: &context.steps, parameters: context.parameters, source: source, diagnostics: &context.diagnostics)
        }
    }
}

extension ExtractionContext {
    mutating func warnIfContentAfter(_ firstStep: Node, in children: [Node]) {
        let afterSteps = children.drop { $0 != firstStep }.filter { if case .section = $0.kind { false } else { true } }
        for node in afterSteps {
            warning(node.range.start, "content after the first step belongs to no step")
        }
    }
}
