import Foundation
import Testing
import Yams

/// The playbook `build` writes beside each script: valid YAML that says what
/// was meant, accepted by ansible-lint's production profile, and covered by
/// `check`. What it does over real hosts is FleetTests'.
@Suite(.realSystemTier) struct AnsiblePlaybookTests {
    static let generated = TestSupport.packageRoot + "/generated"

    func playbook(_ name: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: "\(Self.generated)/\(name).playbook.yml", encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [[String: Any]])
    }

    @Test(arguments: ["django-update", "emaj-upgrade", "webapp-upgrade"])
    func theCommittedPlaybookReadsAsMeant(_ name: String) throws {
        let play = try #require(try playbook(name).first)
        #expect(play["max_fail_percentage"] as? Int == 0, "the first failure stops the rollout")
        #expect(play["gather_facts"] as? Bool == false)
        let tasks = try #require(play["tasks"] as? [[String: Any]])
        let modules = tasks.flatMap { $0.keys.filter { $0.contains(".") } }
        #expect(!modules.isEmpty && modules.allSatisfy { $0.hasPrefix("ansible.builtin.") }, "\(modules)")
        // Quoted where YAML 1.1 would read a number: the mode stays an octal string.
        let file = try #require(tasks.first { $0["name"] as? String == "Make the runbook folder" }?["ansible.builtin.file"] as? [String: Any])
        #expect(file["mode"] as? String == "0700")
        // Every parameter, from its inventory variable when given.
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(Self.generated)/\(name).manifest.json"))) as? [String: Any]
        let parameters = (manifest?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        let run = try #require(tasks.first { ($0["name"] as? String ?? "").hasPrefix("Run the procedure") })
        let environment = try #require(run["environment"] as? [String: String])
        #expect(environment.keys.sorted() == parameters.map { "RUNBOOK_\($0)" }.sorted())
        for parameter in parameters {
            #expect(environment["RUNBOOK_\(parameter)"] == "{{ runbook_\(parameter.lowercased()) | default(omit) }}")
        }
        // The checksum checked on the host is the script's, as the manifest records it.
        let vars = try #require(play["vars"] as? [String: Any])
        #expect(vars["runbook_script_sha256"] as? String == (manifest?["script"] as? [String: Any])?["sha256"] as? String)
    }

    @Test func secretsAreNeverLoggedAndManualStepsAreConfirmed() throws {
        // django-update has manual steps and no secret; the doc below has both.
        let seed = try #require(try playbook("django-update").first?["tasks"] as? [[String: Any]])
        #expect(seed.contains { $0["ansible.builtin.pause"] != nil })
        #expect(!seed.contains { $0["no_log"] as? Bool == true })
        let (project, _, _) = try TestSupport.buildProcedure("""
            # Rotate

            <!-- runbook: param=API_TOKEN description="the new token" -->

            ## Tell the team

            Say in the channel that the token changes.

            ## Write it

            ```console
            $ printf '%s' "$API_TOKEN" > "$OUT/token"
            ```

            """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let text = try String(contentsOfFile: project + "/generated/proc.playbook.yml", encoding: .utf8)
        let tasks = try #require((try Yams.load(yaml: text) as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])
        for task in tasks where task["environment"] != nil {
            #expect(task["no_log"] as? Bool == true, "\(task["name"] ?? "")")
        }
        #expect(!tasks.contains { $0["name"] as? String == "Show the dry run" }, "a dry run with a secret is not echoed")
        let prompt = tasks.compactMap { ($0["ansible.builtin.pause"] as? [String: Any])?["prompt"] as? String }.first ?? ""
        #expect(prompt.contains("Tell the team (docs-src/proc.md:5)"), "\(prompt)")
    }

    @Test(.enabled(if: (try? TestSupport.run("ansible-lint", ["--version"]).status) == 0, "needs ansible-lint (script/setup installs it)"))
    func thePlaybooksPassAnsibleLintsProductionProfile() throws {
        let files = ["django-update", "emaj-upgrade", "webapp-upgrade"].map { "\($0).playbook.yml" }
        let lint = try TestSupport.run("ansible-lint", ["--offline", "--nocolor", "--profile", "production"] + files, in: Self.generated)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect((lint.stdout + lint.stderr).contains("Profile 'production' was required, and it passed"))
        let syntax = try TestSupport.run("ansible-playbook", ["--syntax-check", "-i", "localhost,"] + files, in: Self.generated)
        #expect(syntax.status == 0, "\(syntax.stdout)\(syntax.stderr)")
    }

    /// The template the playbooks are filled from is a playbook of its own, checked as it is.
    @Test(.enabled(if: (try? TestSupport.run("ansible-lint", ["--version"]).status) == 0, "needs ansible-lint (script/setup installs it)"))
    func theTemplatePassesAnsibleLintsProductionProfile() throws {
        let folder = TestSupport.packageRoot + "/Sources/Emit/Templates"
        let lint = try TestSupport.run("ansible-lint", ["--offline", "--nocolor", "--profile", "production", "playbook.yml"], in: folder)
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        #expect((lint.stdout + lint.stderr).contains("Profile 'production' was required, and it passed"))
        let syntax = try TestSupport.run("ansible-playbook", ["--syntax-check", "-i", "localhost,", "playbook.yml"], in: folder)
        #expect(syntax.status == 0, "\(syntax.stdout)\(syntax.stderr)")
    }

    /// Titles and names come from the docs; Ansible templates play names,
    /// prompts and variables. A doc's Jinja reaches the operator as text and
    /// runs nothing on the controller.
    @Test(.enabled(if: (try? TestSupport.run("ansible-playbook", ["--version"]).status) == 0, "needs ansible-core (script/setup installs it)"))
    func jinjaInADocIsTextToAnsible() throws {
        let mark = NSTemporaryDirectory() + "runbook-jinja-\(UUID().uuidString.prefix(8))"
        let (project, _, _) = try TestSupport.buildProcedure("""
            # Upgrade {{ lookup('pipe', 'touch \(mark)') }}

            ## {% for x in [1, 2] %}Tell{% endfor %} the {{ team }}

            Post a message in the channel that the service will be down, and wait.

            ## Deploy

            ```console
            $ true
            ```

            """)
        defer { try? FileManager.default.removeItem(atPath: project) }
        let playbook = project + "/generated/proc.playbook.yml"
        let common = ["-i", "localhost,", "-c", "local", playbook, "-e", "ansible_python_interpreter=/usr/bin/python3",
                      "-e", "runbook_log_dir=\(project)/logs"]
        let env = ["ANSIBLE_NOCOLOR": "1", "ANSIBLE_LOCAL_TEMP": project + "/ansible-tmp", "RUNBOOK_STATE_DIR": project + "/state"]
        let check = try TestSupport.run("ansible-playbook", common + ["--check"], environment: env)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("PLAY [Roll out Upgrade {{ lookup('pipe', 'touch \(mark)') }} (docs-src/proc.md)]"), "\(check.stdout)")
        // For real: the manual step's prompt, with its title as written, then the refusal (no terminal).
        let real = try TestSupport.run("ansible-playbook", common, environment: env)
        #expect(real.status != 0 && real.stdout.contains("the manual steps were not confirmed"), "\(real.stdout)\(real.stderr)")
        // Without a terminal the pause does not show its prompt: ansible renders it here, as the pause would.
        let play = try #require((try Yams.load(yaml: TestSupport.read(playbook) ?? "") as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])
        let prompts = play.compactMap { ($0["ansible.builtin.pause"] as? [String: Any])?["prompt"] as? String }
        let prompt = try #require(prompts.first)
        let vars = String(decoding: try JSONSerialization.data(withJSONObject: ["runbook_prompt": prompt]), as: UTF8.self)
        try TestSupport.write(vars, to: project + "/prompt.json")
        let shown = try TestSupport.run("ansible", ["localhost", "-i", "localhost,", "-c", "local", "-m", "ansible.builtin.debug",
                                                    "-a", "var=runbook_prompt", "-e", "@\(project)/prompt.json",
                                                    "-e", "ansible_python_interpreter=/usr/bin/python3"], environment: env)
        #expect(shown.stdout.contains("{% for x in [1, 2] %}Tell{% endfor %} the {{ team }} (docs-src/proc.md:3)"), "\(shown.stdout)\(shown.stderr)")
        #expect(shown.stdout.contains("Type yes when they are done on localhost"), "the playbook's own expression still works: \(shown.stdout)")
        #expect(!FileManager.default.fileExists(atPath: mark), "the doc's Jinja ran on the controller")
    }

    @Test func checkReportsAPlaybookEditedOrMissing() throws {
        let project = try TestSupport.scratchProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        let path = project + "/generated/webapp-upgrade.playbook.yml"
        let original = try #require(TestSupport.read(path))
        try TestSupport.write(original.replacingOccurrences(of: "max_fail_percentage: 0", with: "max_fail_percentage: 50"), to: path)
        let edited = try TestSupport.runbook(["check", "--no-cache"], in: project)
        #expect(edited.status == 1 && edited.stdout.contains("webapp-upgrade.playbook.yml differs"), "\(edited.stdout)\(edited.stderr)")
        #expect(edited.stdout.contains("+  max_fail_percentage: 0") || edited.stdout.contains("max_fail_percentage: 0"), "\(edited.stdout)")
        try FileManager.default.removeItem(atPath: path)
        let missing = try TestSupport.runbook(["check", "--no-cache"], in: project)
        #expect(missing.status == 1 && missing.stdout.contains("webapp-upgrade.playbook.yml is missing"), "\(missing.stdout)\(missing.stderr)")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        #expect(TestSupport.read(path) == original)
        // A doc that is gone takes its playbook with it.
        try FileManager.default.removeItem(atPath: project + "/docs-src/webapp-upgrade.md")
        #expect(try TestSupport.runbook(["build"], in: project).status == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}
