import Foundation
import Testing

/// The hooks of `.pre-commit-hooks.yaml`, run by the real pre-commit (PyPI,
/// pinned in script/setup) in a throw-away repository: a commit that changes
/// a doc without regenerating is refused, naming the doc line; once
/// regenerated, it goes through.
@Suite(.realSystemTier) struct PreCommitTests {
    static let preCommit: String? = ["/usr/local/bin/pre-commit", "/usr/bin/pre-commit"]
        .first(where: FileManager.default.isExecutableFile(atPath:))
        ?? (try? TestSupport.run("sh", ["-c", "command -v pre-commit"]))?.stdout.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty

    @Test(.enabled(if: preCommit != nil, "needs pre-commit (script/setup installs it)"))
    func aCommitThatChangesADocWithoutRegeneratingIsRefused() throws {
        let root = try TestSupport.temporaryDirectory("precommit")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let binDirectory = (TestSupport.runbookBinary as NSString).deletingLastPathComponent
        let env = ["PATH": binDirectory + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? ""),
                   "PRE_COMMIT_HOME": root + "/cache", "HOME": root,
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"]
        func git(_ arguments: [String], in directory: String) throws -> TestSupport.Result {
            try TestSupport.run("git", arguments, in: directory, environment: env)
        }
        // The hooks' repository: this project's hooks file, committed (pre-commit clones a revision).
        let hooks = root + "/hooks"
        try TestSupport.write(try #require(TestSupport.read(TestSupport.packageRoot + "/.pre-commit-hooks.yaml")), to: hooks + "/.pre-commit-hooks.yaml")
        _ = try git(["init", "-q"], in: hooks)
        _ = try git(["add", "."], in: hooks)
        _ = try git(["commit", "-qm", "hooks"], in: hooks)
        let revision = try git(["rev-parse", "HEAD"], in: hooks).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // A project that uses them.
        let project = root + "/project"
        try TestSupport.write("# Upgrade\n\n## Stop\n\n```sh\nsystemctl stop app\n```\n", to: project + "/docs-src/upgrade.md")
        try TestSupport.write("repos:\n  - repo: \(hooks)\n    rev: \(revision)\n    hooks:\n      - id: runbook-check\n      - id: runbook-lint\n",
                              to: project + "/.pre-commit-config.yaml")
        _ = try git(["init", "-q"], in: project)
        #expect(try TestSupport.run("runbook", ["build"], in: project, environment: env).status == 0)
        let install = try TestSupport.run(Self.preCommit!, ["install"], in: project, environment: env)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        _ = try git(["add", "."], in: project)
        let first = try git(["commit", "-qm", "first"], in: project)
        #expect(first.status == 0, "in sync: \(first.stdout)\(first.stderr)")

        // A README outside the docs: `runbook lint` does not lint it, nor does the hook.
        try TestSupport.write("# App\n\n## Clean\n\n```sh\nrm -rf /srv/app/cache\n```\n", to: project + "/README.md")
        #expect(try TestSupport.run("runbook", ["lint"], in: project, environment: env).status == 0)
        _ = try git(["add", "README.md"], in: project)
        let readme = try git(["commit", "-qm", "a README"], in: project)
        #expect(readme.status == 0, "the lint hook lints what runbook lint lints: \(readme.stdout)\(readme.stderr)")

        // The doc changes, generated/ does not: refused, at the doc's line.
        try TestSupport.write("# Upgrade\n\n## Stop\n\n```sh\nsystemctl stop app-web\n```\n", to: project + "/docs-src/upgrade.md")
        _ = try git(["add", "docs-src"], in: project)
        let refused = try git(["commit", "-qm", "change the doc only"], in: project)
        #expect(refused.status != 0, "\(refused.stdout)\(refused.stderr)")
        let said = refused.stdout + refused.stderr
        #expect(said.contains("runbook check") && said.contains("docs-src/upgrade.md:6: drift: [changed] upgrade step 'stop'"), "\(said)")
        #expect(try git(["rev-list", "--count", "HEAD"], in: project).stdout.hasPrefix("2"), "nothing was committed")

        // Regenerated: the commit goes through.
        #expect(try TestSupport.run("runbook", ["build"], in: project, environment: env).status == 0)
        _ = try git(["add", "."], in: project)
        let accepted = try git(["commit", "-qm", "change the doc and regenerate"], in: project)
        #expect(accepted.status == 0, "\(accepted.stdout)\(accepted.stderr)")
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
