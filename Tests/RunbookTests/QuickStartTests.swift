import Foundation
import Testing

/// The README's five-minute start does what it says: its doc builds, draws,
/// dry-runs; the script refuses an old shell; the CI examples parse and run
/// runbook's own commands.
@Suite(.realSystemTier) struct QuickStartTests {
    static let readme = TestSupport.read(TestSupport.packageRoot + "/README.md") ?? ""

    @Test func theFiveMinuteDocBuildsDrawsAndDryRuns() throws {
        let doc = try #require(Self.readme.components(separatedBy: "````markdown\n").dropFirst().first?.components(separatedBy: "````\n").first)
        let (project, script, env) = try TestSupport.buildProcedure(doc, name: "restart.md")
        defer { try? FileManager.default.removeItem(atPath: project) }
        let graph = try TestSupport.runbook(["graph", "docs-src/restart.md"], in: project)
        #expect(graph.status == 0 && graph.stdout.contains("u1"), "the undo path: \(graph.stdout)")
        let dry = try TestSupport.run(script, ["--dry-run"], environment: env)
        #expect(dry.status == 0 && dry.stdout.contains("systemctl stop \"${SERVICE}\"") && dry.stdout.contains("(with SERVICE=web)"), "\(dry.stdout)")
        // Under sh (dash on Debian), before bash 5.1 features are read: a clear refusal.
        let dash = try TestSupport.run("sh", [script, "--dry-run"], environment: env)
        #expect(dash.status == 2 && dash.stderr.contains("needs bash 5.1 or later"), "\(dash.stderr)")
    }

    @Test func theCIExamplesParseAndRunRunbooksOwnCommands() throws {
        for example in ["examples/ci/github-workflow.yml", "examples/ci/gitlab-ci.yml", ".pre-commit-hooks.yaml"] {
            let path = TestSupport.packageRoot + "/" + example
            let parsed = try TestSupport.run("python3", ["-c", "import sys, yaml; yaml.safe_load(open(sys.argv[1])); print('ok')", path])
            #expect(parsed.stdout == "ok\n", "\(example): \(parsed.stderr)")
            let text = try #require(TestSupport.read(path))
            #expect(text.contains("runbook check"), "\(example)")
        }
        let github = try #require(TestSupport.read(TestSupport.packageRoot + "/examples/ci/github-workflow.yml"))
        #expect(github.contains("runbook check --format github") && github.contains("script/install"))
        let gitlab = try #require(TestSupport.read(TestSupport.packageRoot + "/examples/ci/gitlab-ci.yml"))
        #expect(gitlab.contains("runbook lint --format gitlab") && gitlab.contains("codequality: runbook-lint.json"))
    }
}
