import DocumentTree
import Foundation
import RunbookCore
import StepAST

extension ExtractionContext {
    /// Reads a step's body blocks in order: prose, commands, notices, annotations,
    /// and the children (sections, list items with code) that become sub-steps.
    mutating func process(_ nodes: [Node], into draft: inout StepDraft) {
        var pending: Annotation?
        var previous: Node?
        var alternativeFrom: Int?
        var alternativeNumber = 2
        var taskLabels: [(from: Int, task: String)] = []
        defer {
            labelTasks(taskLabels, in: &draft)
            if let from = alternativeFrom { draft.markAlternative(from: from, alternativeNumber) }
        }
        var lastFootnote: (label: String, list: Node)?
        for var node in nodes {
            defer { previous = node }
            // RST reads an indented line after "...la commande :" as a block quote;
            // in a procedure it is the command the sentence announces.
            if conventions.contains(.announcedCommand), let command = Self.announcedCommand(node, after: previous) { node = command }
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
            // Tabs (mkdocs `=== "…"`, sphinx-tabs, sphinx-design): one alternative each.
            if case .directive(let name, let title) = node.kind {
                switch name.lowercased() {
                case "tabs", "tab-set":
                    process(node.children, into: &draft)
                    continue
                case "tab", "group-tab", "tab-item":
                    let first = draft.commands.count
                    process(node.children, into: &draft)
                    for index in first..<draft.commands.count { draft.commands[index].choice = ["TAB", StepIdentifier.slug(title)] }
                    continue
                default: break
                }
            }
            // "To restore, …": the blocks after it do that task; those before, the other task the title names.
            if case .paragraph(let text) = node.kind, let task = Self.taskLabel(text) {
                taskLabels.append((draft.commands.count, task))
            }
            // "Alternatively, …" before a block: its commands are another way to do what the block before did.
            if case .paragraph(let text) = node.kind, Self.offersAlternative(text), !draft.commands.isEmpty {
                if let from = alternativeFrom {
                    draft.markAlternative(from: from, alternativeNumber)
                    alternativeNumber += 1
                } else {
                    draft.markAlternative(from: 0, 1)
                }
                alternativeFrom = draft.commands.count
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
            if case .codeBlock(_, let text, _) = node.kind {
                draft.expectation = (ConsoleTranscript.expectedOutput(text), entry.value, entry.position)
            } else {
                error(entry.position, "'expect' applies to a block of expected output: put the annotation right before one")
            }
            return true
        }
        return false
    }

    /// The conventions table-footnotes and footnote-lists, on one node.
    private func readFootnotes(_ node: Node, after previous: Node?, last: inout (label: String, list: Node)?, into draft: inout StepDraft) {
        if case .list(ordered: false) = node.kind, let footnote = last, previous == footnote.list {
            extendFootnote(footnote.label, with: node, in: &draft)
        }
        last = nil
        if conventions.contains(.tableFootnotes), case .list(ordered: true) = node.kind {
            let label = collectFootnotes(node, into: &draft)
            if conventions.contains(.footnoteLists), let label = Self.announcingFootnote(node, label: label) { last = (label, node) }
        }
    }

    private mutating func read(_ node: Node, into draft: inout StepDraft) {
        switch node.kind {
        case .paragraph(let text):
            draft.prose.append(text)
            if conventions.contains(.prosePlaceholders) { proseCandidates += ProsePlaceholders.candidates(in: text, line: node.range.start.line) }
        case .admonition(let kind, let title):
            let text = [title, node.plainText].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n\n")
            draft.notices.append(Notice(kind: kind, text: text, range: node.range))
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
        case .listItem, .codeBlock, .comment, .document, .thematicBreak, .html, .table, .tableRow, .directive:
            break
        }
    }

    private mutating func addCode(_ node: Node, annotation: Annotation?, to draft: inout StepDraft, after previous: Node? = nil) {
        guard case .codeBlock(let language, let fullText, let contentLine) = node.kind else { return }
        let announcement: String? = if case .paragraph(let words)? = previous?.kind { words } else { nil }
        var blockKeys: Annotation?
        if let annotation {
            if annotation.has(.run) {
                apply(annotation, to: &draft)
            } else {
                blockKeys = Annotation(entries: annotation.entries.filter { $0.key.attachesToBlock }, range: annotation.range)
                let rest = annotation.entries.filter { !$0.key.attachesToBlock }
                if !rest.isEmpty { apply(Annotation(entries: rest, range: annotation.range), to: &draft) }
            }
        }
        if blockKeys?.has(.skip) == true { return }
        // `.. warning::` indented into a literal block: the block is the lines before it.
        let text = BlockClassifier.beforeDirective(fullText)
        if let blockKeys, addFile(text, line: contentLine, blockKeys, to: &draft) { return }
        var classification = BlockClassifier.classify(language: language, text: text, sqlBlocks: conventions.contains(.sqlBlocks))
        // "You will get a list of upgrade files:" announces what a command printed.
        if classification.kind != .transcript, let announcement, BlockClassifier.announcesOutput(announcement),
           BlockClassifier.undecided.contains(language?.lowercased() ?? "") {
            classification = BlockClassification(kind: .output, interpreter: nil, reason: "the sentence before it announces output")
        }
        if classification.runs, let announcement, BlockClassifier.announcesExample(announcement), !draft.commands.isEmpty {
            classification = BlockClassification(kind: .output, interpreter: nil, reason: "an example of the command before it")
        }
        if classification.kind == .script, let announcement, BlockClassifier.announcesFileContent(announcement) {
            classification = BlockClassification(kind: .configuration, interpreter: nil, reason: "the sentence before it gives a file's content")
        }
        var interpreter = classification.interpreter
        if let entry = blockKeys?.first(.interpreter) {
            guard let chosen = parseInterpreter(entry) else { return }
            interpreter = chosen
        } else if !classification.runs {
            // An annotation that gives the block a run-time role (capture, undo, when) says it runs.
            let keys = blockKeys?.entries.map(\.key) ?? []
            if keys.contains(where: { [.capture, .undo, .when].contains($0) }) {
                interpreter = Interpreter.forLanguage(language) ?? .bash
            } else {
                let file = classification.kind == .configuration ? announcement.flatMap(BlockClassifier.namedFile) : nil
                draft.show(text, as: classification.kind.rawValue, because: classification.reason, line: contentLine, file: file)
                return
            }
        }
        guard let interpreter else { return }
        var lines = ConsoleTranscript.commands(in: text, language: language, firstLine: contentLine)
        if BlockClassifier.isReferenceList(lines.map(\.text)), blockKeys == nil {
            draft.show(text, as: "reference", because: "one program's commands that undo each other (start, stop, …): a list to choose from, not a sequence",
                       line: contentLine)
            return
        }
        // One line per platform, each named in its comment: separate alternatives.
        let platforms = lines.count == 1 && interpreter.isShell ? Self.linePlatforms(text, firstLine: contentLine) : nil
        if let platforms { lines = platforms.map { $0.line } }
        let session = platforms == nil && lines.count == 1 && lines[0].client == nil && interpreter.isShell
            ? ClientSession.split(lines[0], shell: interpreter) : nil
        if let session { lines = session.map { $0.0 } }
        var commands = lines.compactMap { line -> Command? in
            // The prompt names the program: `db=#` lines go to psql, `mysql>` lines to mysql.
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
        if let capture = blockKeys?.first(.capture), let name = validName(capture), !commands.isEmpty {
            commands[commands.count - 1].capture = name
        }
        var undo = (blockKeys?.values(.undo) ?? []).map {
            Command(text: $0.value ?? "", interpreter: interpreter, range: SourceRange(start: $0.position, end: $0.position))
        }
        // A `when` before a block makes it one of the step's alternatives: its commands and undo run only then.
        if let entry = blockKeys?.first(.when), let condition = parseCondition(entry) {
            checkNames(condition.parsed, at: condition.position)
            draft.blockConditions.append(condition)
            for index in commands.indices { (commands[index].condition, commands[index].parsedCondition) = (condition.text, condition.parsed) }
            for index in undo.indices { (undo[index].condition, undo[index].parsedCondition) = (condition.text, condition.parsed) }
        }
        if let platforms {
            for index in commands.indices { commands[index].choice = ["PLATFORM", platforms[index].platform] }
        }
        // "**Red Hat**" right before a block: one platform's commands, beside others'.
        if let announcement, let platform = BlockClassifier.platformLabel(announcement) {
            for index in commands.indices { commands[index].choice = ["PLATFORM", platform] }
        }
        draft.undo += undo
        draft.commands += commands
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
        var command = Command(text: text, interpreter: .file, range: SourceRange(line: line, column: 1, endLine: line + count - 1, endColumn: 1))
        command.file = FileChange(mode: mode, path: path)
        if let entry = keys.first(.when), let condition = parseCondition(entry) {
            checkNames(condition.parsed, at: condition.position)
            draft.blockConditions.append(condition)
            (command.condition, command.parsedCondition) = (condition.text, condition.parsed)
        }
        draft.commands.append(command)
        return true
    }

    /// "To restore, you will need…": the task the paragraph starts.
    static func taskLabel(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard words.count >= 2, words[0] == "to" else { return nil }
        return AlternativeSections.task(Array(words[1...].prefix(1)))
    }

    /// Commands after each task label do that task; those before the first,
    /// the one other task the step's title names ("backup and restore").
    func labelTasks(_ labels: [(from: Int, task: String)], in draft: inout StepDraft) {
        guard let first = labels.first else { return }
        let named = AlternativeSections.tasks(in: draft.title)
        let bounds = labels.map(\.from) + [draft.commands.count]
        for (index, label) in labels.enumerated() {
            for command in bounds[index]..<bounds[index + 1] where draft.commands[command].choice == nil {
                draft.commands[command].choice = ["TASK", label.task]
            }
        }
        let others = named.subtracting(labels.map(\.task))
        if others.count == 1, let other = others.first {
            for command in 0..<first.from where draft.commands[command].choice == nil { draft.commands[command].choice = ["TASK", other] }
        }
    }

    /// "Alternatively, …", "Or, …", "Ou bien …", "Sinon, …": what follows is another way.
    static func offersAlternative(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return ["alternatively", "or,", "or you can", "ou bien", "sinon,", "as an alternative", "if you're not using", "if you’re not using",
                "if you are not using", "if you don't use", "if you do not use"].contains { lowered.hasPrefix($0) }
    }

    /// `sudo apt-get install x  # on Debian/Ubuntu` and `sudo yum install x  # on RedHat`:
    /// each line with the platform its comment names, when they name two or more.
    static func linePlatforms(_ text: String, firstLine: Int) -> [(line: ConsoleTranscript.Line, platform: String)]? {
        var result: [(ConsoleTranscript.Line, String)] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let hash = line.range(of: " #"), !line.hasPrefix("#") else { return nil }
            let words = line[hash.upperBound...].lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
            guard let platform = AlternativeSections.platform(words) else { return nil }
            let command = String(line[..<hash.lowerBound]).trimmingCharacters(in: .whitespaces)
            result.append((ConsoleTranscript.Line(text: command, firstLine: firstLine + offset, lastLine: firstLine + offset), platform))
        }
        return Set(result.map(\.1)).count >= 2 ? result : nil
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
