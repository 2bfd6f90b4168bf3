import DocumentTree
import Foundation
import RunbookCore
import StepAST

extension ExtractionContext {
    /// Reads a step's body blocks in order: prose, commands, notices, annotations,
    /// and the children (sections, list items with code) that become sub-steps.
    mutating func process(_ nodes: [Node], into draft: inout StepDraft, after lead: Node? = nil) {
        var pending: Annotation?
        var previous: Node? = lead
        var alternative: (from: Int, number: Int, line: Int)?
        var taskLabels: [TaskLabel] = []
        defer { settleChoices(in: &draft, taskLabels: taskLabels, alternative: alternative) }
        var lastFootnote: (label: String, list: Node)?
        for var node in nodes {
            defer { previous = node }
            // RST reads an indented line after "...la commande :" as a block quote;
            // in a procedure it is the command the sentence announces.
            if passes.contains(.announcedCommand), let command = Self.announcedCommand(node, after: previous) {
                node = command
                draft.decide(node.range.start.line, .announcedCommand, "a command block", "an indented line after a sentence ending in ':'")
            }
            if case .comment(let text) = node.kind {
                if let previous = pending { apply(previous, to: &draft) }
                pending = readComment(text, node)
                continue
            }
            if case .directive(let name, _) = node.kind, name.lowercased() == "runbook" {
                warning(node.range.start, "'.. runbook::' is a directive, which runbook does not read: an annotation is a comment, '.. runbook: key=value ...'")
            }
            let annotation = pending
            pending = nil
            if let annotation, takesWholeNode(annotation, node, into: &draft) { continue }
            readFootnotes(node, after: previous, last: &lastFootnote, into: &draft)
            if readTabs(node, into: &draft) || readDetails(node, into: &draft) { continue }
            if case .paragraph(let text) = node.kind {
                if let label = taskLabel(text) { taskLabels.append((draft.commands.count, label.task, label.object, node.range.start.line)) }
                noteAlternative(text, line: node.range.start.line, open: &alternative, in: &draft)
                addInlineCommands(node, to: &draft)
            }
            if case .codeBlock = node.kind {
                if !draft.children.isEmpty {
                    warning(node.range.start, "code after sub-steps runs before them, with the step that holds it")
                }
                addCode(node, annotation: annotation, to: &draft, after: previous)
                continue
            }
            if let annotation { apply(annotation, to: &draft) }
            read(node, into: &draft)
        }
        if let pending { apply(pending, to: &draft) }
    }

    /// The choices among the step's blocks that are known once all of them are read, in order.
    private func settleChoices(in draft: inout StepDraft, taskLabels: [TaskLabel],
                               alternative: (from: Int, number: Int, line: Int)?) {
        settleBlockLabels(in: &draft)
        // Tasks first: "To stop Node-RED:" / "To start Node-RED:" are two tasks, not two ways of one.
        labelTasks(taskLabels, in: &draft)
        choosePurposeVariants(in: &draft)
        chooseRepeatedBlocks(in: &draft)
        if let alternative { draft.markAlternative(from: alternative.from, alternative.number, line: alternative.line) }
    }

    /// "Alternatively, …" before a block: its commands are another way to do
    /// what the block before did. OPEN is the alternative being read, if any.
    private func noteAlternative(_ text: String, line: Int, open: inout (from: Int, number: Int, line: Int)?, in draft: inout StepDraft) {
        guard offersAlternative(text), !draft.commands.isEmpty else { return }
        if let current = open {
            draft.markAlternative(from: current.from, current.number, line: current.line)
            open = (draft.commands.count, current.number + 1, line)
        } else {
            draft.markAlternative(from: 0, 1, line: line)
            open = (draft.commands.count, 2, line)
        }
    }

    /// A comment: the annotation it holds (for the next node), or nothing, with
    /// a diagnostic when it is a bad annotation or looks like a mistyped one.
    private mutating func readComment(_ text: String, _ node: Node) -> Annotation? {
        switch AnnotationParser.parse(text, range: node.range, source: source) {
        case .success(let annotation)?:
            readAnnotations.insert(node.range.start.line)
            return annotation
        case .failure(let diagnostic)?:
            diagnostics.append(diagnostic)
        case nil:
            if let marker = AnnotationParser.mistypedMarker(text) {
                warning(node.range.start, "'\(marker)' is not an annotation marker, so this comment is ignored: write '\(AnnotationParser.prefix) key=value ...'")
            }
        }
        return nil
    }

    /// `rows` (a table whose rows are sub-steps) and `expect` (a block of expected
    /// output) use the node after them whole: true when one of them took it.
    private mutating func takesWholeNode(_ annotation: Annotation, _ node: Node, into draft: inout StepDraft) -> Bool {
        if annotation.has(.rows) {
            if case .table = node.kind {
                draft.children.append(.tableRows(node, annotation))
            } else {
                error(annotation.first(.rows)!.position, "'rows' applies to a table: put the annotation right before one")
            }
            return true
        }
        if let entry = annotation.first(.expect) {
            if case .codeBlock(_, let text, let line) = node.kind {
                draft.expectation = (ConsoleTranscript.expectedOutput(text), entry.value, entry.position)
                draft.decideByAnnotation(line, "the output each row's command must print", "'expect' before the block")
            } else {
                error(entry.position, "'expect' applies to a block of expected output: put the annotation right before one")
            }
            return true
        }
        return false
    }

    /// The passes table-footnotes and footnote-lists, on one node.
    private func readFootnotes(_ node: Node, after previous: Node?, last: inout (label: String, list: Node)?, into draft: inout StepDraft) {
        if case .list(ordered: false) = node.kind, let footnote = last, previous == footnote.list {
            extendFootnote(footnote.label, with: node, in: &draft)
        }
        last = nil
        if passes.contains(.tableFootnotes), case .list(ordered: true) = node.kind {
            let label = collectFootnotes(node, into: &draft)
            if passes.contains(.footnoteLists), let label = Self.announcingFootnote(node, label: label) { last = (label, node) }
        }
    }

    private mutating func read(_ node: Node, into draft: inout StepDraft) {
        switch node.kind {
        case .paragraph(let text):
            draft.prose.append(text)
            if passes.contains(.prosePlaceholders) { proseCandidates += ProsePlaceholders.candidates(in: text, line: node.range.start.line) }
        case .admonition(let kind, let title):
            let text = [title, node.plainText].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            draft.notices.append(Notice(kind: kind, text: text, range: node.range))
            node.walk { if case .codeBlock(_, _, let line) = $0.kind { draft.decide(line, nil, "shown in a \(kind)", "code inside an admonition is part of the note") } }
        case .blockQuote:
            if node.containsCode { process(node.children, into: &draft) } else { draft.prose.append(node.plainText) }
        case .list:
            if node.containsCode {
                for (index, item) in node.children.enumerated() { draft.children.append(.listItem(item, index: index + 1)) }
            } else {
                draft.prose.append(Self.listText(node))
            }
        case .section:
            draft.children.append(.section(node))
        case .directive("definition_list", _) where passes.contains(.definitionLists) && node.containsCode:
            // Pass definition-lists: each term with code under it is a sub-step titled by the term.
            for (index, item) in node.children.enumerated() { draft.children.append(.listItem(item, index: index + 1)) }
            draft.decide(node.range.start.line, .definitionLists, "sub-steps", "a definition list with code: each term is a step")
        case .directive(let name, _):
            // A construct runbook keeps but does not interpret (a definition list, an unknown directive).
            node.walk { if case .codeBlock(_, _, let line) = $0.kind { draft.decide(line, nil, "not read", "inside a '\(name)', which runbook does not interpret") } }
        case .listItem, .codeBlock, .comment, .document, .thematicBreak, .html, .table, .tableRow:
            break
        }
    }

    private mutating func addCode(_ node: Node, annotation: Annotation?, to draft: inout StepDraft, after previous: Node? = nil) {
        guard case .codeBlock(let language, let fullText, let contentLine) = node.kind else { return }
        let announcement: String? = if case .paragraph(let words)? = previous?.kind { words } else { previous.flatMap(Self.listLabel) }
        let blockKeys = splitAnnotation(annotation, into: &draft)
        if decidedByAnnotation(blockKeys, fullText, line: contentLine, in: &draft) { return }
        var text = passes.contains(.directiveInLiteral) ? BlockClassifier.beforeDirective(fullText) : fullText
        if text != fullText {
            draft.decide(contentLine, .directiveInLiteral, "the lines before an indented directive", "an RST directive indented into the block ends it")
        }
        if let blockKeys, addFile(text, line: contentLine, blockKeys, to: &draft) { return }
        if let given = highlighted[contentLine] {
            draft.decide(contentLine, .highlightDirective, "language \(given)", "the '.. highlight:: \(given)' directive before it")
        }
        let reading = readBlock(language: language, text: text, announcement: announcement, earlier: draft.commands.map(\.text))
        guard let interpreter = blockInterpreter(reading, language: language, keys: blockKeys) else {
            if blockKeys?.first(.interpreter) == nil {
                let file = namedFile(announcement, for: reading)
                draft.show(text, as: reading.kind.shown, because: reading.reason, line: contentLine, file: file, by: reading.pass)
                if let file { draft.decide(contentLine, .namedFile, "a configuration block for \(file)", "the sentence before it names the file") }
            }
            return
        }
        if passes.contains(.trailingOutput), reading.kind == .script, interpreter.isShell, blockKeys == nil,
           let split = BlockClassifier.trailingOutput(text) {
            text = split.commands
            draft.show(split.output, as: .output, because: split.reason, line: contentLine + split.outputLine, by: .trailingOutput)
        }
        var lines = ConsoleTranscript.commands(in: text, language: language, firstLine: contentLine)
        if passes.contains(.referenceLists), blockKeys == nil, BlockClassifier.isReferenceList(lines.map(\.text)) {
            draft.show(text, as: .reference, because: "one program's commands that undo each other (start, stop, …): a list to choose from, not a sequence",
                       line: contentLine, by: .referenceLists)
            return
        }
        if blockKeys?.first(.interpreter) != nil || (!reading.runs && blockKeys != nil) {
            draft.decideByAnnotation(contentLine, "runs with \(interpreter.rawValue)", "the annotation before the block")
        } else {
            draft.decide(contentLine, reading.pass, "runs with \(interpreter.rawValue)", reading.reason)
        }
        let (platforms, ways, session) = alternativesInOneBlock(text, &lines, interpreter: interpreter, line: contentLine,
                                                              announcement: announcement, in: &draft)
        var commands = lines.compactMap { line in command(line, interpreter: interpreter, session: session) }
        addRuntimeRoles(blockKeys, interpreter: interpreter, to: &commands, draft: &draft)
        var labels = [[ChoiceLabel]](repeating: [], count: commands.count)
        if let platforms { choosePlatforms(platforms.map(\.platform), for: &labels, line: contentLine, in: &draft) }
        if let ways { chooseWays(ways, for: &labels, line: contentLine, in: &draft) }
        choosePlatform(announcedBy: announcement, text: text, for: &labels, line: contentLine, in: &draft)
        draft.add(commands, labels: labels)
        draft.note(announcement, ofLast: commands.count, line: contentLine)
    }

    /// The commands a paragraph's sentences tell the operator to run (pass inline-commands), as blocks of one line.
    private mutating func addInlineCommands(_ paragraph: Node, to draft: inout StepDraft) {
        for found in inlineCommands(paragraph) {
            guard let command = command(ConsoleTranscript.Line(text: found.text, firstLine: found.line, lastLine: found.line),
                                        interpreter: .bash, session: nil) else { continue }
            draft.add([command])
            draft.decide(found.line, .inlineCommands, "runs with bash", "the sentence tells the operator to run it: '\(found.sentence)'")
        }
    }

    /// A list of one item that holds one short paragraph (`- **FreeBSD**:`)
    /// labels the block after it, as a paragraph would.
    static func listLabel(_ node: Node) -> String? {
        guard case .list = node.kind, node.children.count == 1, let item = node.children.first, item.children.count == 1,
              case .paragraph(let text) = item.children[0].kind, text.split(separator: " ").count <= 8 else { return nil }
        return text
    }

    /// An annotation before a block: its block keys are returned; the others
    /// (and all of one with run=) apply to the step.
    private mutating func splitAnnotation(_ annotation: Annotation?, into draft: inout StepDraft) -> Annotation? {
        guard let annotation else { return nil }
        if annotation.has(.run) {
            apply(annotation, to: &draft)
            return nil
        }
        let rest = annotation.entries.filter { !$0.key.attachesToBlock }
        if !rest.isEmpty { apply(Annotation(entries: rest, range: annotation.range), to: &draft) }
        return Annotation(entries: annotation.entries.filter { $0.key.attachesToBlock }, range: annotation.range)
    }

    /// `skip` or `show` before the block: the author decided, no pass reads it.
    private mutating func decidedByAnnotation(_ keys: Annotation?, _ text: String, line: Int, in draft: inout StepDraft) -> Bool {
        if keys?.has(.skip) == true {
            draft.decideByAnnotation(line, "skipped", "'skip' before the block")
            return true
        }
        if keys?.has(.show) == true {
            let reason = "'show' before the block: shown to the operator, not run"
            draft.shown.append(ShownBlock(kind: .reference, reason: reason, text: text, line: line))
            draft.prose.append(text.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
            draft.decideByAnnotation(line, "shown as reference", reason)
            return true
        }
        return false
    }

    /// One shell line that holds alternatives: one line per platform named in
    /// its comment, ways named in comments, or a client and the lines typed
    /// into it. LINES become those parts.
    private mutating func alternativesInOneBlock(_ text: String, _ lines: inout [ConsoleTranscript.Line], interpreter: Interpreter, line: Int,
                                                 announcement: String?, in draft: inout StepDraft)
        -> (platforms: [(line: ConsoleTranscript.Line, platform: String)]?, ways: BlockWays?,
            session: [(ConsoleTranscript.Line, Interpreter, ClientOpener?)]?) {
        let platforms = lines.count == 1 && interpreter.isShell ? linePlatforms(text, firstLine: line) : nil
        if let platforms { lines = platforms.map { $0.line } }
        var ways = platforms == nil && lines.count == 1 && interpreter.isShell && lines[0].client == nil
            ? commentAlternatives(text, firstLine: line, announcement: announcement) ?? archiveFormats(text, firstLine: line) : nil
        // Prompted lines, one command each: "Select the version to build:" before them still offers one of them.
        if platforms == nil, ways == nil, lines.count >= 2, interpreter.isShell, passes.contains(.commentAlternatives),
           lines.allSatisfy({ $0.client == nil || $0.client == .shell }) {
            ways = Self.selectedLine([(nil, lines.map { ($0.firstLine, $0.text) })], announcement: announcement)
        }
        if let ways { lines = ways.groups.map { $0.line } }
        let session = platforms == nil && ways == nil && lines.count == 1 && lines[0].client == nil && interpreter.isShell && passes.contains(.clientSessions)
            ? ClientSession.split(lines[0], shell: interpreter) : nil
        if let session {
            lines = session.map { $0.0 }
            draft.decide(line, .clientSessions, "lines typed into a client", "the block opens an SQL client and types into it")
        }
        return (platforms, ways, session)
    }

    /// The program a block's commands go to: the annotation's `interpreter=`, the
    /// reading's, or, for a block no pass reads as commands, the language's when
    /// an annotation gives it a run-time role (capture, undo, when). Nil: shown.
    private mutating func blockInterpreter(_ reading: BlockClassification, language: String?, keys: Annotation?) -> Interpreter? {
        if let entry = keys?.first(.interpreter) { return parseInterpreter(entry) }
        if reading.runs { return reading.interpreter }
        let roles = keys?.entries.map(\.key) ?? []
        return roles.contains(where: { [.capture, .undo, .when].contains($0) }) ? Interpreter.forLanguage(language) ?? .bash : nil
    }

    /// One transcript or script line as a command; the prompt names the program
    /// (`db=#` lines go to psql, `mysql>` lines to mysql); another platform's prompt runs nothing.
    private func command(_ line: ConsoleTranscript.Line, interpreter: Interpreter,
                         session: [(ConsoleTranscript.Line, Interpreter, ClientOpener?)]?) -> Command? {
        var program: Interpreter
        switch line.client {
        case nil, .shell?: program = interpreter
        case .psql?: program = .psql
        case .mysql?: program = .mysql
        case .python?: program = .python
        case .otherPlatform?: return nil
        }
        var client: ClientOpener?
        if let session, let part = session.first(where: { $0.0 == line }) { (program, client) = (part.1, part.2) }
        var command = Command(text: line.text, interpreter: program, range: SourceRange(line: line.firstLine, column: 1, endLine: line.lastLine, endColumn: 1))
        command.terminal.client = client
        return command
    }

    /// The block annotation's capture, undo and when, on the block's commands.
    private mutating func addRuntimeRoles(_ keys: Annotation?, interpreter: Interpreter, to commands: inout [Command], draft: inout StepDraft) {
        if let capture = keys?.first(.capture), let name = validName(capture), !commands.isEmpty {
            commands[commands.count - 1].capture = name
        }
        var undo = (keys?.values(.undo) ?? []).map {
            Command(text: $0.value ?? "", interpreter: interpreter, range: SourceRange(start: $0.position, end: $0.position))
        }
        // A `when` before a block makes it one of the step's alternatives: its commands and undo run only then.
        if let entry = keys?.first(.when), let condition = parseCondition(entry) {
            checkNames(condition.when.condition, at: condition.position)
            draft.blockConditions.append(condition)
            for index in commands.indices { commands[index].condition = condition.when }
            for index in undo.indices { undo[index].condition = condition.when }
        }
        draft.undo += undo
    }

    /// A block under `write=PATH`, `merge=PATH` or `append=PATH`: a file's
    /// content, written by the runtime (with the previous file kept for the
    /// undo) whatever the block looks like. True when the block was taken.
    private mutating func addFile(_ text: String, line: Int, _ keys: Annotation, to draft: inout StepDraft) -> Bool {
        let entries = keys.entries.filter { [.write, .merge, .append].contains($0.key) }
        guard let entry = entries.first else { return false }
        if entries.count > 1 {
            diagnostics.append(.error(source.path, entries[1].position, "a block goes to one file, one way: give one of write=, merge= and append="))
            return true
        }
        for other in keys.entries where [.capture, .interpreter, .undo].contains(other.key) {
            diagnostics.append(.error(source.path, other.position, "'\(other.key.rawValue)' does not apply to a file's content (\(entry.key.rawValue)=): the undo restores the previous file"))
        }
        let path = entry.value ?? ""
        guard !path.isEmpty, !path.contains("\n") else {
            diagnostics.append(.error(source.path, entry.position, "\(entry.key.rawValue)= needs the file's path"))
            return true
        }
        let mode = FileChange.Mode(rawValue: entry.key.rawValue)!
        if mode == .merge, !FileMerge.hasSettings(text) {
            diagnostics.append(.error(source.path, entry.position, "merge= needs 'key = value' lines (under '[section]' headers): this block has none"))
            return true
        }
        let count = text.split(separator: "\n", omittingEmptySubsequences: false).count
        var command = Command(writing: FileChange(mode: mode, path: path), text: text,
                              range: SourceRange(line: line, column: 1, endLine: line + count - 1, endColumn: 1))
        if let entry = keys.first(.when), let condition = parseCondition(entry) {
            checkNames(condition.when.condition, at: condition.position)
            draft.blockConditions.append(condition)
            command.condition = condition.when
        }
        draft.add([command])
        return true
    }

    func parseInterpreterValue(_ value: String?) -> Interpreter? {
        // `file` is not a program: a file's content is given with write=, merge= or append=.
        value.flatMap { Interpreter(rawValue: $0) ?? Interpreter.forLanguage($0) }.flatMap { $0 == .file ? nil : $0 }
    }

    mutating func parseInterpreter(_ entry: Annotation.Entry) -> Interpreter? {
        if let interpreter = parseInterpreterValue(entry.value) { return interpreter }
        let known = Interpreter.allCases.filter { $0 != .file }.map(\.rawValue).joined(separator: ", ")
        diagnostics.append(.error(source.path, entry.position, "unknown interpreter '\(entry.value ?? "")' (known: \(known))"))
        return nil
    }

    /// Names of parameters and captures become shell variables: letters, digits, underscores.
    mutating func validName(_ entry: Annotation.Entry) -> String? {
        let name = entry.value ?? ""
        let valid = ShellName.isValid(name)
        if !valid {
            diagnostics.append(.error(source.path, entry.position, "'\(name)' is not a valid name: use letters, digits and '_', not starting with a digit"))
        }
        return valid ? name : nil
    }
}

extension ExtractionContext {
    static func listText(_ list: Node) -> String {
        list.children.map { "- " + $0.plainText.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n")
    }

    static func itemText(_ item: Node) -> String { item.plainText.trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Node {
    var containsCode: Bool {
        var found = false
        walk { if case .codeBlock = $0.kind { found = true } }
        return found
    }
}
