import ArgumentParser
import Emit
import Extraction
import Foundation
import Pipeline

/// `runbook graph FILE`: the procedure as a flowchart, to look at before running it.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw a procedure: its steps in order, conditions and alternatives as branches, manual steps marked, and the rollback path (dashed).",
        discussion: "Mermaid renders on GitHub in a ```mermaid block; DOT renders with Graphviz: runbook graph doc.md --format dot | dot -Tsvg > doc.svg")

    enum Format: String, ExpressibleByArgument, CaseIterable { case mermaid, dot }

    @Argument(help: "The doc to read.")
    var file: String

    @Option(help: "mermaid or dot.")
    var format: Format = .mermaid

    func run() throws {
        let (_, procedure) = try ProcedureExtractor.readOrExit(file)
        let graph = ProcedureGraph(procedure)
        print(format == .dot ? graph.dot() : graph.mermaid(), terminator: "")
    }
}
