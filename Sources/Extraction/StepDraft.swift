import DocumentTree
import RunbookCore
import StepAST

/// A `when` as written, parsed, and where it stands: a step's own, one of its
/// blocks', or the one a sub-step inherits from its parent.
typealias StepCondition = (when: When, position: SourcePosition)

/// A step while its body is being read; becomes a `Step` once its id is known.
struct StepDraft {
    enum Child {
        case section(Node)
        case listItem(Node, index: Int)
        /// A table whose body rows become sub-steps through a `rows` annotation.
        case tableRows(Node, Annotation)
    }

    var title: String
    var depth: Int
    var range: SourceRange
    var prose: [String] = []
    var notices: [Notice] = []
    /// Added only through `add`: each command's choice labels stand beside it in `labels`.
    var commands: [Command] = []
    /// The choice labels of each command, in the order the passes read them
    /// (a block under "**Red Hat**", a tab, "Alternatively, …").
    var labels: [[ChoiceLabel]] = []
    var undo: [Command] = []
    var children: [Child] = []
    /// The choice label of each child (by its index in `children`) read inside a
    /// choice's container, a `<details>` section: its sub-steps' commands get it.
    var childLabels: [Int: ChoiceLabel] = [:]
    var explicitID: (String, SourcePosition)?
    var condition: StepCondition?
    var user: String?
    var workingDirectory: String?
    var manual = false
    var confirm = false
    /// Output every row command must print: the block's text, and what its `<placeholder>` stands for.
    var expectation: (text: String, template: String?, position: SourcePosition)?
    /// Footnotes of the step's tables, `(2) ...` paragraphs, by label.
    var footnotes: [String: Notice] = [:]
    /// `when`s written before blocks, in order.
    var blockConditions: [StepCondition] = []
    /// Blocks of one command announced by their purpose ("To migrate all
    /// containers:"): the command's index, the sentence, its line.
    var purposes: [(command: Int, sentence: String, line: Int)] = []
    /// The sentence right before each block, by the index of the block's first command.
    var announcements: [Int: String] = [:]
    /// Blocks shown and not run.
    var shown: [ShownBlock] = []
    /// How its blocks and choices were read, and by which pass.
    var decisions: [ReadingDecision] = []
    /// The pass informing-prose is on: prose that does not ask to act makes a notice.
    var readsInformingProse = true

    /// COMMANDS at the end of the step, each with its LABELS (none by default).
    mutating func add(_ added: [Command], labels addedLabels: [[ChoiceLabel]]? = nil) {
        commands += added
        labels += addedLabels ?? Array(repeating: [], count: added.count)
    }

    /// The sentence ANNOUNCEMENT before the block whose COUNT commands were just
    /// added; one that states the purpose of a one-command block is kept in `purposes`.
    mutating func note(_ announcement: String?, ofLast count: Int, line: Int) {
        guard let announcement, count > 0 else { return }
        announcements[commands.count - count] = announcement
        if count == 1, ExtractionContext.statesPurpose(announcement) { purposes.append((commands.count - 1, announcement, line)) }
    }

    /// A step whose only block has a `when` is a conditional step: the condition moves to the step.
    mutating func promoteSingleBlockCondition() {
        guard condition == nil, blockConditions.count == 1, let only = blockConditions.first,
              !commands.isEmpty, commands.allSatisfy({ $0.condition == only.when }) else { return }
        condition = only
        for index in commands.indices { commands[index].condition = nil }
        for index in undo.indices { undo[index].condition = nil }
        blockConditions = []
    }
    var skipped = false
    var verify: Command?
    var verifyFor: Int?
    var doneWhen: Command?
    var preflight: [Command] = []
    var changesNothing = false
    var inSequence = false
    var undoAlways = false
    var undoneBy: (String, SourcePosition)?
    /// Where the first step-level annotation stood, for diagnostics.
    var annotationStart: SourcePosition?

    var kind: Step.Kind {
        if manual { return .manual }
        if !commands.isEmpty { return .command }
        if !children.isEmpty { return .notice }
        if confirm && prose.isEmpty { return .notice }
        if prose.isEmpty && !notices.isEmpty { return .notice }
        // Prose that only informs (a reference page's "Versioning", a sample
        // response) is shown, not confirmed; a configuration block is an edit to make.
        if readsInformingProse && !asksToAct && !shown.contains(where: { $0.kind == .configuration }) { return .notice }
        return .manual
    }

    /// A block shown and not run: in `plan` with why, and in the step's text, indented.
    mutating func show(_ text: String, as kind: ShownBlock.Kind, because reason: String, line: Int, file: String? = nil, by pass: ReadingPass?) {
        shown.append(ShownBlock(kind: kind, reason: reason, text: text, line: line, file: file))
        decide(line, pass, "shown as \(kind)", reason)
        prose.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
    }

    /// The title or the prose starts with an instruction, or the prose asks the operator to act.
    var asksToAct: Bool {
        let firstWords = ([title] + prose).compactMap { text in
            text.lowercased().split { !$0.isLetter && $0 != "'" }.first.map(String.init)
        }
        if firstWords.contains(where: { Vocabulary.instructionVerbs.contains($0) }) { return true }
        // The start of each paragraph says it (a block shown in the prose may be megabytes long).
        return prose.contains { $0.prefix(2000).range(of: Vocabulary.instructionPattern, options: .regularExpression) != nil }
    }

    func step(id: String) -> Step {
        // A step that runs commands shows its configuration blocks before them: the
        // operator edits those files (a manual step has them in its text).
        var notices = notices
        if kind == .command {
            for block in shown where block.kind == .configuration {
                notices.append(Notice(kind: "configuration", text: block.text, range: SourceRange(line: block.line)))
            }
        }
        var step = Step(id: id, title: title, depth: depth, kind: kind, range: range, prose: prose.joined(separator: "\n\n"),
                        notices: notices, commands: commands, undo: undo, condition: condition?.when, user: user,
                        workingDirectory: workingDirectory, skipped: skipped)
        step.confirm = confirm
        step.undoAlways = undoAlways
        step.undoneBy = undoneBy?.0
        step.verify = verify
        step.verifyFor = verifyFor
        step.doneWhen = doneWhen
        step.preflight = preflight
        step.declaredChangesNothing = changesNothing
        step.inSequence = inSequence
        step.declaredManual = manual
        step.shown = shown
        step.decisions = decisions
        if readsInformingProse, step.kind == .notice, !manual, commands.isEmpty, children.isEmpty, !prose.isEmpty {
            step.decisions.append(ReadingDecision(line: range.start.line, pass: ReadingPass.informingProse.rawValue, outcome: "notice",
                                                  reason: "its prose does not ask the operator to act: shown, no confirmation"))
        }
        return step
    }
}
