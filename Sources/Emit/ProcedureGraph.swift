import StepAST

/// A picture of a procedure before it runs: the steps in order; a step's
/// condition as a decision whose "no" goes round it; a step's alternatives
/// (blocks each with a `when`) as branches that meet again; manual steps in a
/// shape of their own; and, dashed, the rollback path: from each step, on
/// failure, to the undo of the newest step done that has one, then each
/// older undo, newest first, as the script runs them. Rendered as Mermaid
/// (GitHub draws it in a README) or Graphviz DOT.
public struct ProcedureGraph {
    public enum Shape { case start, end, command, manual, notice, decision, alternative, undo }
    // (Node ids avoid `end`, a word Mermaid reserves.)

    public struct Node {
        public var id: String
        public var label: String
        public var shape: Shape
    }

    public struct Edge {
        public var from: String
        public var to: String
        public var label: String?
        /// The rollback path: drawn dashed.
        public var rollback = false
    }

    public private(set) var nodes: [Node] = []
    public private(set) var edges: [Edge] = []

    public init(_ procedure: Procedure) {
        let steps = procedure.steps.enumerated().filter { !$0.element.skipped }
        add("start", procedure.title, .start)
        var previous = ["start"]
        var newestUndo: String?
        for (index, step) in steps {
            let id = "s\(index + 1)"
            var entry = id
            if let condition = step.condition {
                // The decision: "yes" runs the step, "no" goes on to the next one.
                entry = "c\(index + 1)"
                add(entry, condition.text + "?", .decision)
            }
            for from in previous { edges.append(Edge(from: from, to: entry)) }
            let kind: Shape = step.kind == .manual ? .manual : step.kind == .notice ? .notice : .command
            add(id, "\(index + 1). \(step.title)" + (step.kind == .manual ? " (manual)" : ""), kind)
            if step.condition != nil { edges.append(Edge(from: entry, to: id, label: "yes")) }
            let exits = addAlternatives(of: step, number: index + 1, from: id)
            if step.hasOwnUndo { newestUndo = addUndo(of: step, number: index + 1, after: newestUndo) }
            // On failure the rollback starts at the newest undo so far (this step's own first).
            if step.kind != .notice {
                edges.append(Edge(from: id, to: newestUndo ?? "failed", label: "fails", rollback: true))
            }
            previous = exits + (step.condition != nil ? [entry] : [])
            // A "no" leaves from the decision: label it.
            if step.condition != nil { pendingNo.insert(entry) }
        }
        addEnds(after: previous, newestUndo: newestUndo)
    }

    /// Blocks with a `when` of their own: one branch each, meeting after the
    /// step. The nodes the step leaves from.
    private mutating func addAlternatives(of step: Step, number: Int, from id: String) -> [String] {
        let alternatives = Self.alternatives(step)
        guard !alternatives.isEmpty else { return [id] }
        return alternatives.enumerated().map { branchNumber, condition in
            let branch = "a\(number)_\(branchNumber + 1)"
            add(branch, "when " + condition, .alternative)
            edges.append(Edge(from: id, to: branch))
            return branch
        }
    }

    /// The step's undo, linked to the undo before it in a rollback; its id.
    private mutating func addUndo(of step: Step, number: Int, after older: String?) -> String {
        let undo = "u\(number)"
        let files = step.commands.contains { $0.file != nil } ? ["put back the files it wrote"] : []
        let actions = files + step.undo.reversed().map { Self.short($0.text) }
        add(undo, "undo \(step.id): " + actions.joined(separator: "; "), .undo)
        if let older { edges.append(Edge(from: undo, to: older, rollback: true)) }
        return undo
    }

    /// done, failed and rolled back, and the "no" labels of the decisions.
    private mutating func addEnds(after previous: [String], newestUndo: String?) {
        add("done", "done", .end)
        for from in previous { edges.append(Edge(from: from, to: "done")) }
        if edges.contains(where: { $0.to == "failed" }) { add("failed", "failed, nothing to undo", .end) }
        if let newestUndo {
            add("rolledBack", "rolled back", .end)
            // The oldest undo ends the rollback.
            let oldest = nodes.filter { $0.shape == .undo }.first?.id ?? newestUndo
            edges.append(Edge(from: oldest, to: "rolledBack", rollback: true))
        }
        for index in edges.indices where pendingNo.contains(edges[index].from) && edges[index].label == nil && !edges[index].rollback {
            edges[index].label = "no"
        }
    }

    private var pendingNo: Set<String> = []

    private mutating func add(_ id: String, _ label: String, _ shape: Shape) {
        nodes.append(Node(id: id, label: label, shape: shape))
    }

    static func alternatives(_ step: Step) -> [String] {
        var seen: [String] = []
        for command in step.commands {
            if let condition = command.condition?.text, !seen.contains(condition) { seen.append(condition) }
        }
        return seen
    }

    /// A command's first line, shortened for a label.
    static func short(_ text: String) -> String {
        let line = String(text.split(separator: "\n").first ?? "")
        return line.count > 48 ? String(line.prefix(45)) + "…" : line
    }

    // MARK: Mermaid

    public func mermaid() -> String {
        var out = "flowchart TD\n"
        for node in nodes {
            let text = Self.mermaidText(node.label)
            let shaped: String
            switch node.shape {
            case .start, .end: shaped = "([\"\(text)\"])"
            case .command: shaped = "[\"\(text)\"]"
            case .manual: shaped = "[/\"\(text)\"/]"
            case .notice: shaped = "(\"\(text)\")"
            case .decision: shaped = "{\"\(text)\"}"
            case .alternative: shaped = "[[\"\(text)\"]]"
            case .undo: shaped = "[\\\"\(text)\"\\]"
            }
            out += "  \(node.id)\(shaped)\n"
        }
        for edge in edges {
            let arrow = edge.rollback ? "-.->" : "-->"
            let label = edge.label.map { "|\(Self.mermaidText($0))|" } ?? ""
            out += "  \(edge.from) \(arrow)\(label) \(edge.to)\n"
        }
        out += "  classDef undo stroke-dasharray: 4 3\n"
        let undos = nodes.filter { $0.shape == .undo }.map(\.id)
        if !undos.isEmpty { out += "  class \(undos.joined(separator: ",")) undo\n" }
        return out
    }

    /// Mermaid's quoted labels take entity codes for quotes and the characters it parses.
    static func mermaidText(_ text: String) -> String {
        var out = ""
        for character in text.replacingOccurrences(of: "\n", with: " ") {
            switch character {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "|": out += "#124;"
            case "`": out += "#96;"
            case "\\": out += "#92;"
            default: out.append(character)
            }
        }
        return out
    }

    // MARK: DOT

    public func dot() -> String {
        var out = "digraph procedure {\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
        for node in nodes {
            let attributes: String
            switch node.shape {
            case .start, .end: attributes = "shape=ellipse, style=bold"
            case .command: attributes = "shape=box"
            case .manual: attributes = "shape=parallelogram, style=filled, fillcolor=\"#fff3c4\""
            case .notice: attributes = "shape=box, style=rounded"
            case .decision: attributes = "shape=diamond"
            case .alternative: attributes = "shape=box, style=dotted"
            case .undo: attributes = "shape=box, style=\"dashed,rounded\", color=\"#b03030\""
            }
            out += "  \(node.id) [label=\(Self.dotString(node.label)), \(attributes)];\n"
        }
        for edge in edges {
            var attributes: [String] = []
            if let label = edge.label { attributes.append("label=\(Self.dotString(label))") }
            if edge.rollback { attributes.append("style=dashed, color=\"#b03030\"") }
            out += "  \(edge.from) -> \(edge.to)" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        return out + "}\n"
    }

    /// A DOT quoted string: `"` and `\` escaped, newlines as `\n`.
    static func dotString(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
