import DocumentTree
import RunbookCore
import StepAST

/// State shared while one document is extracted: diagnostics, ids in use,
/// parameters, and the steps produced so far in document order.
struct ExtractionContext {
    let source: SourceFile
    var diagnostics: [Diagnostic] = []
    var ids = StepIdentifier()
    var parameters: [Parameter] = []
    /// Tokens the prose says to replace, for the prose-placeholders convention.
    var proseCandidates: [ProsePlaceholders.Candidate] = []
    var steps: [Step] = []
    /// Each step's commands' choice labels, beside `steps` (`StepDraft.labels`):
    /// read by the procedure passes, never part of the step model.
    var labels: [[[ChoiceLabel]]] = []
    /// Condition names not captured earlier: parameters, or errors once all parameters are known.
    var deferredNames: [(String, SourcePosition)] = []
    /// Lines of the annotations read as part of a step or the procedure, for the
    /// lint rule that finds annotations attached to nothing.
    var readAnnotations: Set<Int> = []
    /// The environment later commands run in, once the doc has entered one (`poetry shell`).
    var environment: Environment?
    /// `cwd` and `user` given above the first step: every step's default.
    var defaultDirectory: String?
    var defaultUser: String?
    /// Code blocks the highlight-directive pass gave a language, by line.
    var highlighted: [Int: String] = [:]
    /// The reading passes in force (all, unless the project turns some off).
    let passes: Set<ReadingPass>

    init(source: SourceFile, passes: Set<ReadingPass> = Set(ReadingPass.allCases)) {
        self.source = source
        self.passes = passes
    }

    mutating func error(_ position: SourcePosition, _ message: String) {
        diagnostics.append(.error(source.path, position, message))
    }

    mutating func warning(_ position: SourcePosition, _ message: String) {
        diagnostics.append(.warning(source.path, position, message))
    }

    mutating func extractSection(_ section: Node, depth: Int, inherited: StepCondition? = nil) {
        guard case .section(let title, _) = section.kind else { return }
        var draft = StepDraft(title: title, depth: depth, range: section.range)
        process(section.children, into: &draft)
        finish(draft, inherited: inherited)
    }

    /// A list item that holds code, read as a sub-step titled by its first paragraph.
    mutating func extractListItem(_ item: Node, index: Int, parentTitle: String, depth: Int, inherited: StepCondition?) {
        var body = item.children
        var title = "\(parentTitle) (\(index))"
        var lead: Node?
        if case .paragraph(let text)? = body.first?.kind {
            title = Self.titleLine(text)
            lead = body.removeFirst()
        }
        var draft = StepDraft(title: title, depth: depth, range: item.range)
        // The item's sentence still announces the block right after it ("Edit /etc/app.conf:").
        process(body, into: &draft, after: lead)
        finish(draft, inherited: inherited)
    }

    /// Appends the step, then its sub-steps after it, so that `steps` stays in document order.
    mutating func finish(_ draft: StepDraft, inherited: StepCondition?) {
        var draft = draft
        var id: String
        if let (explicit, position) = draft.explicitID {
            if ids.isTaken(explicit) { error(position, "duplicate step id '\(explicit)'") }
            id = ids.unique(explicit)
        } else {
            id = ids.unique(StepIdentifier.slug(draft.title))
        }
        draft.readsInformingProse = passes.contains(.informingProse)
        if draft.workingDirectory == nil { draft.workingDirectory = defaultDirectory }
        if draft.user == nil { draft.user = defaultUser }
        applyEnvironment(to: &draft)
        if let condition = draft.condition { checkNames(condition.when.condition, at: condition.position) }
        // Block conditions were checked where their blocks were read.
        draft.promoteSingleBlockCondition()
        // A sub-step runs only when its parent's condition holds too.
        if let inherited {
            if let own = draft.condition {
                draft.condition = (inherited.when.and(own.when), own.position)
            } else {
                draft.condition = inherited
            }
        }
        if let (other, position) = draft.undoneBy {
            // Only an earlier step can undo this one: the rollback goes newest first.
            if let earlier = steps.first(where: { $0.id == other }) {
                if !earlier.hasOwnUndo { error(position, "undone-by: step '\(other)' has no undo") }
            } else {
                error(position, "undone-by: no earlier step '\(other)'")
            }
        }
        assert(draft.labels.count == draft.commands.count, "a command was added to a step without its labels")
        steps.append(draft.step(id: id))
        labels.append(draft.labels.count == draft.commands.count ? draft.labels : Array(repeating: [], count: draft.commands.count))
        let firstChild = steps.count
        extractChildren(of: draft)
        // `skip` on a heading skips everything under it, as `when` is inherited.
        if draft.skipped {
            for index in firstChild..<steps.count { steps[index].skipped = true }
        }
    }

    /// The step's sections, list items and table rows, as steps after it.
    private mutating func extractChildren(of draft: StepDraft) {
        for (number, child) in draft.children.enumerated() {
            let before = steps.count
            defer { if let label = draft.childLabels[number] { labelCommands(of: before..<steps.count, label) } }
            switch child {
            case .section(let node): extractSection(node, depth: draft.depth + 1, inherited: draft.condition)
            case .listItem(let node, let index):
                extractListItem(node, index: index, parentTitle: draft.title, depth: draft.depth + 1, inherited: draft.condition)
            case .tableRows(let table, let annotation): extractRows(table, annotation, parent: draft, inherited: draft.condition)
            }
        }
    }

    /// Every command of the steps at INDICES gets LABEL (a sub-step of a `<details>` section).
    mutating func labelCommands(of indices: Range<Int>, _ label: ChoiceLabel) {
        for index in indices {
            for command in labels[index].indices { labels[index][command].append(label) }
        }
    }

    /// Parameters may be declared anywhere; a capture must come from an earlier step.
    mutating func checkNames(_ condition: Condition, at position: SourcePosition) {
        let captured = Set(steps.flatMap { $0.commands.compactMap(\.capture) })
        for name in condition.names where !captured.contains(name) {
            deferredNames.append((name, position))
        }
    }

    /// Called once every parameter is known.
    mutating func reportUnknownNames() {
        let parameterNames = Set(parameters.map(\.name))
        let known = parameters.map(\.name) + steps.flatMap { $0.commands.compactMap(\.capture) }
        for (name, position) in deferredNames where !parameterNames.contains(name) {
            let near = NearestName.suggestion(for: name, in: known)
            error(position, "unknown name '\(name)' in condition: " + (near.map { "did you mean '\($0)'? It is " } ?? "")
                + "not a parameter nor a value captured by an earlier step")
        }
    }

    static func titleLine(_ text: String) -> String {
        var line = String(text.split(separator: "\n").first ?? "")
        while line.hasSuffix(":") || line.hasSuffix(" ") { line.removeLast() }
        return line
    }
}
