import Yams

/// `Templates/playbook.yml`, the playbook every procedure's is made from, and
/// how it is filled. The template is a playbook of its own, which ansible-lint
/// checks as it is (its `##` lines say the conventions); filling it changes
/// its values only, so what it does is read there, not built up in Swift.
struct PlaybookTemplate {
    /// `@NAME@` → the procedure's value.
    var values: [String: String]
    /// Each parameter's name, as `EACH_PARAMETER` entries repeat it.
    var parameters: [String]
    /// What `tags: [template-if-X]` asks about.
    var conditions: Set<String>
    /// A procedure with a secret keeps the template's `no_log: true`.
    var hasSecrets: Bool
    /// How a filled-in string is written (quoted where YAML would misread it).
    var scalar: (String) -> Node

    static let text = String(decoding: PackageResources.playbook_yml, as: UTF8.self)

    /// The template's two parts: the comment before `---` (its `##` lines left
    /// out), and the playbook after it.
    static let parts: (header: [Substring], body: String) = {
        let split = text.split(separator: "\n---\n", maxSplits: 1)
        let header = split[0].split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("##") }
        return (header, "---\n" + split[1])
    }()

    /// The template's playbook, as YAML nodes. It is part of the binary and
    /// checked by a test: it always reads.
    static var body: Node {
        guard let node = try? Yams.compose(yaml: parts.body) else { preconditionFailure("Templates/playbook.yml does not read as YAML") }
        return node
    }

    /// The comment, each value made one line by ONE_LINE, PARAMETER_LINES in place of `# @PARAMETER_LINES@`.
    func header(parameterLines: [String], oneLine: (String) -> String) -> String {
        Self.parts.header.flatMap { line -> [String] in
            line == "# @PARAMETER_LINES@" ? parameterLines : [substitute(String(line), with: oneLine)]
        }.map { $0 + "\n" }.joined()
    }

    func filled() -> Node { fill(Self.body) }

    func fill(_ node: Node) -> Node {
        switch node {
        case .scalar(let scalar):
            guard scalar.string.contains(/@[A-Z][A-Z0-9_]*@/) else { return node }
            return self.scalar(substitute(scalar.string, with: { $0 }))
        case .sequence(let sequence):
            let kept = sequence.filter(keeps).map(fill)
            return .sequence(.init(kept, sequence.tag, sequence.style))
        case .mapping(let mapping):
            var pairs: [(Node, Node)] = []
            for (key, value) in mapping {
                switch key.string {
                case "tags" where value.sequence?.contains { $0.string?.hasPrefix("template-if-") == true } == true:
                    continue
                case "no_log" where !hasSecrets:
                    continue
                case let name? where name.contains("EACH_PARAMETER"):
                    pairs += parameters.map { parameter in (each(key, parameter), each(value, parameter)) }
                default:
                    pairs.append((fill(key), fill(value)))
                }
            }
            return .mapping(.init(pairs, mapping.tag, mapping.style))
        case .alias:
            return node
        }
    }

    /// A task tagged `template-if-X` stays when X holds.
    func keeps(_ node: Node) -> Bool {
        let tags = node.mapping?["tags"]?.sequence?.compactMap(\.string) ?? []
        return tags.allSatisfy { tag in
            guard tag.hasPrefix("template-if-") else { return true }
            let condition = String(tag.dropFirst("template-if-".count))
            precondition(Self.conditionNames.contains(condition), "Templates/playbook.yml asks about '\(condition)', which the emitter does not know")
            return conditions.contains(condition)
        }
    }

    static let conditionNames: Set<String> = ["manual-steps", "no-secrets"]

    /// NODE (a scalar) for PARAMETER: its name for EACH_PARAMETER, lowercase for each_parameter.
    func each(_ node: Node, _ parameter: String) -> Node {
        let text = (node.string ?? "").replacing("EACH_PARAMETER", with: parameter).replacing("each_parameter", with: parameter.lowercased())
        return scalar(text)
    }

    /// TEXT with each `@NAME@` replaced, in one pass: a value is never read again.
    func substitute(_ text: String, with format: (String) -> String) -> String {
        text.replacing(/@([A-Z][A-Z0-9_]*)@/) { match in
            guard let value = values[String(match.1)] else {
                preconditionFailure("Templates/playbook.yml names @\(match.1)@, which the emitter does not fill")
            }
            return format(value)
        }
    }
}
