import RunbookCore
import StepAST
import Yams

/// `NAME.playbook.yml`: the generated script rolled out over an Ansible
/// inventory. Ansible connects, batches and reports; the script does the work
/// on each host, rollback included, and tells the playbook how it ended
/// (`--report`, Runtime/report.bash). Only `ansible.builtin` modules, so a
/// bare ansible-core runs it; it passes ansible-lint's production profile.
public struct AnsiblePlaybook {
    let procedure: Procedure
    let displayPath: String
    let scriptPath: String
    let scriptSHA256: String
    let regenerateCommand: String

    /// What comes from the docs (titles, paths, names) reaches Ansible, which
    /// templates play names, prompts and variables: made inert there.
    public init(procedure: Procedure, displayPath: String, scriptPath: String, scriptSHA256: String, regenerateCommand: String) {
        var procedure = procedure
        procedure.title = Self.inert(procedure.title)
        procedure.name = Self.inert(procedure.name)
        procedure.steps = procedure.steps.map { var step = $0; step.title = Self.inert(step.title); return step }
        self.procedure = procedure
        self.displayPath = Self.inert(displayPath)
        self.scriptPath = Self.inert(scriptPath)
        self.scriptSHA256 = scriptSHA256
        self.regenerateCommand = regenerateCommand
    }

    /// TEXT as Jinja prints it as it is: a `{` that would open an expression, a
    /// statement or a comment (`{{`, `{%`, `{#`) becomes the expression `{{ '{' }}`.
    static func inert(_ text: String) -> String {
        guard text.contains("{") else { return text }
        var out = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == "{", index + 1 < characters.count, "{%#".contains(characters[index + 1]) {
                out += "{{ '{' }}"
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// A line of the header comment: one line, whatever the doc holds.
    static func commentLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// A comment of one line, folded at words to yamllint's 160 columns (with room):
    /// continuation lines are indented under it.
    static func foldedComment(_ text: String, width: Int = 150) -> String {
        var lines: [String] = []
        var current = ""
        for word in commentLine(text).split(separator: " ", omittingEmptySubsequences: false) {
            if !current.isEmpty && current.count + 1 + word.count > width {
                lines.append(current)
                current = "#     " + word
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The inventory variable that gives parameter NAME: `runbook_name`.
    public static func variable(for parameter: String) -> String { "runbook_" + parameter.lowercased() }

    /// Steps that wait for a person: confirmed once per batch on the controller.
    var manualSteps: [Step] {
        procedure.steps.filter { !$0.skipped && ($0.kind == .manual || $0.confirm || !$0.shown.isEmpty) }
    }

    var hasSecrets: Bool { procedure.parameters.contains { $0.secret || Parameter.namesASecret($0.name) } }

    /// The template filled with this procedure: its comment, then the play.
    public func emit() -> String {
        let template = PlaybookTemplate(
            values: [
                "VERSION": RunbookVersion.current, "DOC": displayPath, "REGENERATE": regenerateCommand, "SCRIPT": scriptPath,
                "TITLE": procedure.title, "PROCEDURE": procedure.name, "SCRIPT_SHA256": scriptSHA256, "MANUAL_STEPS": manualStepList,
            ],
            parameters: procedure.parameters.map(\.name),
            conditions: Set([manualSteps.isEmpty ? nil : "manual-steps", hasSecrets ? nil : "no-secrets"].compactMap { $0 }),
            hasSecrets: hasSecrets, scalar: str)
        let header = template.header(parameterLines: parameterLines, oneLine: Self.commentLine)
        // Long expressions are folded by libyaml at 130 columns, so that a line stays under
        // yamllint's 160 once sequences are indented.
        let yaml = (try? Yams.serialize(node: template.filled(), width: 130, allowUnicode: true, explicitStart: true)) ?? ""
        return header + IndentedSequences.apply(yaml)
    }

    var parameterLines: [String] {
        if procedure.parameters.isEmpty { return ["#   (none)"] }
        return procedure.parameters.map { parameter in
            var line = "#   \(Self.variable(for: parameter.name)): \(parameter.name)"
            if !parameter.description.isEmpty { line += ", \(parameter.description)" }
            if let value = parameter.defaultValue { line += " (default: \(value))" }
            if parameter.secret || Parameter.namesASecret(parameter.name) { line += " (secret)" }
            return Self.foldedComment(line)
        }
    }

    /// The manual steps as the confirmation's prompt lists them, one a line.
    var manualStepList: String {
        manualSteps.map { "  - \($0.title) (\(displayPath):\($0.range.start.line))" }.joined(separator: "\n")
    }

    /// What each outcome of `--report` means, in the operator's words: the
    /// play's `runbook_outcomes`, as the template writes them.
    public static let outcomeWords: [(String, String)] = {
        let play = PlaybookTemplate.body.sequence?.first
        let outcomes = play?.mapping?["vars"]?.mapping?["runbook_outcomes"]?.mapping
        return outcomes?.map { ($0.key.string ?? "", $0.value.string ?? "") } ?? []
    }()

    // MARK: - YAML nodes

    /// A string YAML 1.1 (Ansible's) would read as something else (`0700`,
    /// `yes`, `1.0`, `null`) is quoted, and so is a Jinja expression (double
    /// quotes, so that its own single quotes read as written); libyaml quotes
    /// the rest as it needs.
    func str(_ text: String) -> Node {
        let quoted = Self.readsAsOtherThanText(text) || text.hasPrefix("{{") || (text.contains("{{") && text.contains("'"))
        return .scalar(.init(text, Self.tags.string, quoted ? .doubleQuoted : .any))
    }

    /// Made once: a Yams tag builds its resolver and constructor tables.
    struct Tags: @unchecked Sendable {
        let string = Tag(.str)
    }
    static let tags = Tags()

    static func readsAsOtherThanText(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first else { return true }
        if bytes.count <= 5, ["~", "null", "yes", "no", "y", "n", "true", "false", "on", "off"].contains(text.lowercased()) { return true }
        // Digits, signs, points, and what hex, octal, exponents and sexagesimals add.
        func numeric(_ byte: UInt8) -> Bool { (48...57).contains(byte) || Array("+-._:eExXoObBaAcCdDfF".utf8).contains(byte) }
        guard (48...57).contains(first) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") else { return false }
        return bytes.allSatisfy(numeric)
    }
}
