import RunbookCore
import StepAST

extension ExtractionContext {
    /// Applies the keys of an annotation that concern the step as a whole.
    mutating func apply(_ annotation: Annotation, to draft: inout StepDraft) {
        if draft.annotationStart == nil { draft.annotationStart = annotation.range.start }
        let interpreterEntry = annotation.first(.interpreter)
        var interpreter = Interpreter.bash
        if let entry = interpreterEntry, let chosen = parseInterpreter(entry) { interpreter = chosen }

        for entry in annotation.entries where !applyCommand(entry, annotation, interpreter: interpreter, to: &draft) {
            switch entry.key {
            case .id:
                let id = entry.value ?? ""
                if StepIdentifier.isValid(id) {
                    draft.explicitID = (id, entry.position)
                } else {
                    diagnostics.append(.error(source.path, entry.position, "step id '\(id)' may hold only ASCII letters, digits, '-', '_' and '.'"))
                }
            case .param:
                addParameter(entry, annotation)
            case .when: draft.condition = parseCondition(entry)
            case .user: draft.user = entry.value
            case .cwd: draft.workingDirectory = entry.value
            case .manual: draft.manual = true
            case .confirm: draft.confirm = true
            case .skip: draft.skipped = true
            case .changesNothing: draft.changesNothing = true
            case .inSequence: draft.inSequence = true
            case .undoAlways: draft.undoAlways = true
            case .undoneBy: draft.undoneBy = (entry.value ?? "", entry.position)
            case .ignore: break
            default: misplaced(entry, annotation)
            }
        }
    }

    /// The keys that give the step a command (run=, undo=, verify=, done-when=,
    /// creates=, preflight=); false for any other key.
    private mutating func applyCommand(_ entry: Annotation.Entry, _ annotation: Annotation, interpreter: Interpreter, to draft: inout StepDraft) -> Bool {
        let command = Command(text: entry.value ?? "", interpreter: interpreter, range: SourceRange(start: entry.position, end: entry.position))
        switch entry.key {
        case .run:
            var run = command
            if let capture = annotation.first(.capture) { run.capture = validName(capture) }
            draft.add([run])
        case .undo: draft.undo.append(command)
        case .verify: draft.verify = command
        case .verifyFor:
            guard let seconds = Int(entry.value ?? ""), seconds > 0, seconds <= 3600 else {
                diagnostics.append(.error(source.path, entry.position, "verify-for takes a number of seconds, 1 to 3600"))
                return true
            }
            if !annotation.has(.verify) { diagnostics.append(.error(source.path, entry.position, "verify-for needs verify=\"CMD\" in the same annotation")) }
            draft.verifyFor = seconds
        case .doneWhen: draft.doneWhen = command
        case .creates:
            let path = entry.value ?? ""
            // In double quotes: `$INSTANCE_DIR/app` expands, as in the page's commands.
            let quoted = path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "`", with: "\\`")
            draft.doneWhen = Command(text: "test -e \"\(quoted)\"", interpreter: .bash, range: command.range)
        case .preflight: draft.preflight.append(command)
        default: return false
        }
        return true
    }

    /// A key that belongs elsewhere (with a block, a table, a parameter), or needs a companion key.
    private mutating func misplaced(_ entry: Annotation.Entry, _ annotation: Annotation) {
        switch entry.key {
        case .rows, .title:
            diagnostics.append(.error(source.path, entry.position, "'\(entry.key.rawValue)' applies to the table right after the annotation"))
        case .expect:
            diagnostics.append(.error(source.path, entry.position, "'expect' applies to the block of expected output right after the annotation"))
        case .show:
            diagnostics.append(.error(source.path, entry.position, "'show' applies to the code block right after the annotation"))
        case .capture:
            if !annotation.has(.run) {
                diagnostics.append(.error(source.path, entry.position, "capture needs a command: put the annotation right before a code block, or give run="))
            }
        case .write, .merge, .append:
            diagnostics.append(.error(source.path, entry.position, "'\(entry.key.rawValue)' applies to the code block right after the annotation: the file's content"))
        case .interpreter:
            if !annotation.has(.run) && !annotation.has(.undo) && !annotation.has(.verify) && !annotation.has(.doneWhen)
                && !annotation.has(.preflight) {
                diagnostics.append(.error(source.path, entry.position,
                                          "interpreter applies to the code block right after the annotation, or to its run=, undo=, verify=, done-when= and preflight="))
            }
        case .placeholder, .pattern, .default, .description, .secret:
            if !annotation.has(.param) {
                diagnostics.append(.error(source.path, entry.position, "'\(entry.key.rawValue)' describes a parameter: give param=NAME in the same annotation"))
            }
        default: break
        }
    }

    mutating func parseCondition(_ entry: Annotation.Entry) -> StepCondition? {
        let text = entry.value ?? ""
        switch ConditionParser.parse(text) {
        case .success(let condition):
            return (When(text: text, condition: condition), entry.position)
        case .failure(let failure):
            // Point into the value: past `when=` and an opening quote, when the value fits on the key's line.
            let line = source.line(entry.position.line)
            let keyStart = line.utf8.index(line.startIndex, offsetBy: entry.position.column - 1, limitedBy: line.endIndex) ?? line.startIndex
            let afterKey = line[keyStart...].dropFirst("when=".count)
            let quote = afterKey.first == "\"" || afterKey.first == "'" ? 1 : 0
            let prefix = String(text.prefix(failure.offset))
            let column = entry.position.column + "when=".count + quote + prefix.utf8.count
            diagnostics.append(.error(source.path, SourcePosition(line: entry.position.line, column: column), "bad condition: \(failure.message)"))
            return nil
        }
    }

    private mutating func addParameter(_ entry: Annotation.Entry, _ annotation: Annotation) {
        guard let name = validName(entry) else { return }
        if parameters.contains(where: { $0.name == name }) {
            diagnostics.append(.error(source.path, entry.position, "parameter '\(name)' is declared twice"))
            return
        }
        parameters.append(Parameter(
            name: name,
            description: annotation.first(.description)?.value ?? "",
            placeholder: annotation.first(.placeholder)?.value,
            defaultValue: annotation.first(.default)?.value,
            pattern: annotation.first(.pattern)?.value,
            range: SourceRange(start: entry.position, end: entry.position)))
        if annotation.has(.secret) { parameters[parameters.count - 1].secret = true }
    }
}
