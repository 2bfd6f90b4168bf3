import StepAST

/// One decision the reading left open or took on weak evidence, put to the
/// doc's author by `runbook review`. Its answer becomes an annotation in the doc.
public struct ReviewQuestion: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A block shown, not run, for want of evidence that the operator types it.
        case block
        /// A choice between sections or blocks that no host fact settles.
        case choice
        /// A placeholder in a command that no parameter declares.
        case placeholder
        /// A step that changes something and has no undo.
        case undo
        /// A step whose prose says to check something, with no postcondition.
        case check
        /// A command that works only at a terminal (an editor, a password prompt).
        case terminal
        /// A step left to a person, whose text may name the command that does it.
        case manual
        /// A file's content the page gives, left to the operator to write.
        case file
    }

    public var kind: Kind
    /// The doc line asked about: a block's first line, a step's heading, a placeholder's line.
    public var line: Int
    /// The step it belongs to.
    public var step: String
    public var stepTitle: String
    /// Why the reading decided as it did.
    public var reason: String
    /// What the script does now.
    public var now: String
    /// The answers this question takes, as the author types them.
    public var answers: [String]
    /// A likely answer, as the author would type it.
    public var suggestion: String?
    /// Where an annotation for it goes.
    public var place: AnnotationPlace
    /// What it is about: a placeholder's token, a choice's parameter and its values, a block's text.
    public var subject: String
    public var values: [String] = []
    /// For a choice: the heading lines of the sections it chooses among.
    public var alternatives: [Int] = []

    /// The same question in a later reading of the doc (lines move as annotations are written).
    var identity: String { "\(kind.rawValue)|\(step)|\(subject)" }
}

/// Where an annotation goes in the doc.
public enum AnnotationPlace: Sendable, Equatable {
    /// Right before the code block whose first line (fence, directive, or the
    /// block itself) is LINE; CONTENT is the block's first content line.
    case beforeBlock(line: Int, content: Int)
    /// Right under the heading of the step that starts at LINE.
    case underHeading(line: Int)
    /// Under the doc's title (or at its top): parameters and choices.
    case top
}

/// An answer, parsed: what it writes into the doc.
public enum ReviewAnswer: Sendable, Equatable {
    case run, show, skip, leave
    /// A command for a step whose prose alone names it (`run="…"`).
    case runCommand(String)
    /// The block is the file's content: write=, merge= or append=.
    case file(mode: String, path: String)
    case parameter(name: String, description: String)
    case undo(String)
    case expect(String)
    case choice(String)
    case changesNothing
    case manual
    /// The sections a choice was read from follow one another: none is an alternative.
    case inSequence

    /// Reads what the author typed for QUESTION; nil with a message when it is not one of its answers.
    public static func parse(_ typed: String, for question: ReviewQuestion) -> Result<ReviewAnswer, AnswerError> {
        let text = typed.trimmingCharacters(in: .whitespaces)
        let word = String(text.prefix { !$0.isWhitespace }).lowercased()
        let rest = text.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        let value = Self.unquoted(rest)
        let answer: ReviewAnswer?
        switch word {
        case "", "leave": answer = .leave
        case "run" where !value.isEmpty: answer = .runCommand(value)
        case "run": answer = .run
        case "write", "merge", "append":
            answer = .file(mode: word, path: value.isEmpty ? question.subject : value)
        case "show": answer = .show
        case "skip": answer = .skip
        case "manual": answer = .manual
        case "changes-nothing": answer = .changesNothing
        case "in-sequence": answer = .inSequence
        case "undo" where !value.isEmpty: answer = .undo(value)
        case "expect" where !value.isEmpty: answer = .expect(value)
        case "choice" where question.values.contains(value): answer = .choice(value)
        case "choice":
            return .failure(AnswerError(message: "choose one of: \(question.values.joined(separator: ", "))"))
        case "parameter", "param":
            let name = String(rest.prefix { !$0.isWhitespace })
            guard name.range(of: "^[A-Za-z_][A-Za-z0-9_]*$", options: .regularExpression) != nil else {
                return .failure(AnswerError(message: "a parameter needs a name: parameter NAME [description]"))
            }
            answer = .parameter(name: name, description: unquoted(rest.dropFirst(name.count).trimmingCharacters(in: .whitespaces)))
        default: answer = nil
        }
        if answer == .run && question.kind == .manual {
            return .failure(AnswerError(message: "give the command: run \"COMMAND\""))
        }
        guard let answer, answer == .leave || question.answers.contains(answer.keyword) else {
            return .failure(AnswerError(message: "answer one of: \(question.answers.joined(separator: " / ")) / leave"))
        }
        return .success(answer)
    }

    var keyword: String {
        switch self {
        case .run, .runCommand: "run"
        case .file(let mode, _): mode
        case .show: "show"
        case .skip: "skip"
        case .leave: "leave"
        case .parameter: "parameter"
        case .undo: "undo"
        case .expect: "expect"
        case .choice: "choice"
        case .changesNothing: "changes-nothing"
        case .manual: "manual"
        case .inSequence: "in-sequence"
        }
    }

    /// `"a b"` or `'a b'` as typed: the text inside.
    static func unquoted(_ text: String) -> String {
        guard text.count >= 2, let first = text.first, first == "\"" || first == "'", text.last == first else { return text }
        return String(text.dropFirst().dropLast())
    }

    /// The annotation's keys that mean this answer, or nil when it writes nothing.
    func keys(for question: ReviewQuestion) -> String? {
        switch self {
        case .leave: return nil
        case .run: return "interpreter=bash"
        case .runCommand(let command): return "run=" + Self.quoted(command)
        case .file(let mode, let path): return "\(mode)=" + Self.quoted(path)
        case .show: return "show"
        case .skip: return "skip"
        case .manual: return "manual"
        case .changesNothing: return "changes-nothing"
        case .inSequence: return "in-sequence"
        case .undo(let command): return "undo=" + Self.quoted(command)
        case .expect(let command): return "verify=" + Self.quoted(command)
        case .choice(let value): return "param=\(question.subject) default=" + Self.quoted(value)
        case .parameter(let name, let description):
            return "param=\(name) placeholder=" + Self.quoted(question.subject) + (description.isEmpty ? "" : " description=" + Self.quoted(description))
        }
    }

    /// A value in an annotation: double-quoted, `\` and `"` escaped.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

public struct AnswerError: Error, Sendable {
    public var message: String
}
