import Emit
import Foundation
import Testing

/// `runbook graph`: the DOT renders with the real Graphviz, and both formats
/// say what the procedure does: order, decisions, branches, manual steps, the
/// rollback path; hostile titles stay labels.
@Suite struct GraphTests {
    static let doc = """
        # Release "v2" ]; evil -> x [label="pwned

        <!-- runbook: param=PLATFORM placeholder="<platform>" -->

        ## Tell the users

        Send the notice.

        ## Stop the service

        <!-- runbook: undo="systemctl start app" -->
        ```sh
        systemctl stop app
        ```

        ## Install the package

        <!-- runbook: when="PLATFORM == 'debian'" -->
        ```sh
        apt-get install -y app
        ```

        <!-- runbook: when="PLATFORM == 'rhel'" -->
        ```sh
        dnf install -y app
        ```

        ## Migrate

        <!-- runbook: when="PLATFORM == 'debian'" undo="app migrate --back" -->
        ```sh
        app migrate
        ```

        """

    func graph(_ format: String, _ doc: String = doc) throws -> String {
        let project = try TestSupport.temporaryDirectory("graph")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(doc, to: project + "/doc.md")
        let result = try TestSupport.runbook(["graph", "doc.md", "--format", format], in: project)
        guard result.status == 0 else { throw TestFailure(result.stderr) }
        return result.stdout
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/dot"), "needs Graphviz (script/setup installs it)"))
    func dotRendersWithGraphvizForTheSeedsAndAHostileTitle() throws {
        var docs = [("hostile.md", Self.doc)]
        for seed in ["django-update.rst", "emaj-upgrade.rst", "webapp-upgrade.md"] {
            docs.append((seed, try #require(TestSupport.read(TestSupport.packageRoot + "/docs-src/" + seed))))
        }
        for (name, doc) in docs {
            let project = try TestSupport.temporaryDirectory("graphdot")
            defer { try? FileManager.default.removeItem(atPath: project) }
            try TestSupport.write(doc, to: project + "/" + name)
            let dot = try TestSupport.runbook(["graph", name, "--format", "dot"], in: project)
            #expect(dot.status == 0, "\(dot.stderr)")
            let svg = try TestSupport.run("dot", ["-Tsvg"], stdin: dot.stdout)
            #expect(svg.status == 0 && svg.stdout.contains("<svg"), "\(name): \(svg.stderr)")
            // Graphviz drew one node per step (+ start, done), no node the title smuggled in.
            let nodes = svg.stdout.components(separatedBy: "class=\"node\"").count - 1
            let declared = dot.stdout.split(separator: "\n").filter { $0.range(of: #"^  \w+ \[label="#, options: .regularExpression) != nil }.count
            #expect(nodes == declared, "\(name): \(nodes) drawn, \(declared) declared")
            #expect(!svg.stdout.contains(">pwned<") && !svg.stdout.contains("<title>evil</title>"), "\(name)")
        }
    }

    @Test func mermaidShowsOrderDecisionsBranchesManualStepsAndTheRollbackPath() throws {
        let text = try graph("mermaid")
        let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.first == "flowchart TD")
        func isEdge(_ line: String) -> Bool { line.contains(" --> ") || line.contains(" -.-> ") || line.contains(" -->|") || line.contains(" -.->|") }
        let declared = Set(lines.compactMap { line -> String? in
            guard !isEdge(line), let end = line.firstIndex(where: { "[({".contains($0) }) else { return nil }
            return String(line[..<end])
        })
        // Every edge joins declared nodes.
        for line in lines where isEdge(line) {
            let words = line.split(separator: " ")
            #expect(declared.contains(String(words[0])) && declared.contains(String(words.last!)), "\(line)")
        }
        #expect(lines.contains("s1[/\"1. Tell the users (manual)\"/]"), "manual step as a parallelogram")
        #expect(lines.contains("s3 --> a3_1") && lines.contains("s3 --> a3_2"), "the alternatives branch")
        #expect(lines.contains("a3_1[[\"when PLATFORM == 'debian'\"]]"))
        #expect(lines.contains("c4 -->|yes| s4") && lines.contains("c4 -->|no| done"), "a condition is a decision with a way round")
        #expect(lines.contains("s2 -.->|fails| u2") && lines.contains("u4 -.-> u2") && lines.contains("u2 -.-> rolledBack"), "the rollback path, newest first")
        #expect(lines.contains("s1 -.->|fails| failed"), "a failure before any undo")
        #expect(text.contains("#quot;v2#quot;") && !text.contains("\"v2\""), "quotes in a title are entities")
    }
}

/// The README's pictures of the seed procedures are what `runbook graph` draws today.
@Suite struct ReadmeGraphTests {
    @Test(arguments: ["django-update.rst", "emaj-upgrade.rst"])
    func theReadmeShowsTheSeedsGraph(seed: String) throws {
        let readme = try #require(TestSupport.read(TestSupport.packageRoot + "/README.md"))
        let graph = try TestSupport.runbook(["graph", "docs-src/" + seed], in: TestSupport.packageRoot)
        #expect(graph.status == 0, "\(graph.stderr)")
        let indented = "  ```mermaid\n" + graph.stdout.split(separator: "\n").map { "  " + $0 + "\n" }.joined() + "  ```\n"
        #expect(readme.contains(indented), "README's graph of \(seed) is not runbook graph's: paste `runbook graph docs-src/\(seed)` again")
    }
}
