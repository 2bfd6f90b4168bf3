import Foundation
import Testing

/// The generated Ansible playbook, run by a real ansible-core over real SSH:
/// an OpenSSH server on a loopback port, key authentication, four local users
/// each with an instance of the notes service (git, SQLite, a service on its
/// own port: Fixtures/fleet/). Three hosts connect as their user; host4
/// connects as root and becomes its user. Every host's world is compared
/// with fingerprint.sh, as the fault-injection tests compare theirs.
/// Needs root, openssh-server and ansible-core (script/setup installs both).
@Suite(.serialized, .realSystemTier) struct FleetTests {
    static let fixture = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/fleet"
    static let sshPort = 22391, servicePort = 18390, hosts = 4
    static let token = "tok-S3cret-fleet-\(UUID().uuidString.prefix(6))"

    static var canRun: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd")
            && (try? TestSupport.run("ansible-playbook", ["--version"]).status) == 0
    }

    struct Fleet {
        let dir: String
        let project: String

        func fleet(_ arguments: [String]) throws -> TestSupport.Result {
            // Signals at their defaults, as a service manager starts sshd and services
            // (the test runner starts its children with SIGTERM ignored).
            let result = try TestSupport.run("/usr/bin/env", ["--default-signal=TERM,INT", "bash", FleetTests.fixture + "/fleet.sh"] + arguments)
            guard result.status == 0 else { throw TestFailure("fleet.sh \(arguments): \(result.stdout)\(result.stderr)") }
            return result
        }

        func reset(duplicatesOn host: Int = 0) throws {
            _ = try fleet(["reset", dir, String(FleetTests.servicePort), String(FleetTests.hosts), String(host)])
            try? FileManager.default.removeItem(atPath: dir + "/logs")
        }

        func fingerprints() throws -> [String] {
            try (1...FleetTests.hosts).map { try fleet(["fingerprint", String($0)]).stdout }
        }

        func playbook(_ file: String, _ extra: [String] = [], inventory: String = "inventory.ini") throws -> TestSupport.Result {
            try TestSupport.run("ansible-playbook", ["-i", dir + "/" + inventory, file, "-e", "runbook_log_dir=\(dir)/logs",
                                                     "--vault-password-file", dir + "/vault-password"] + extra,
                                environment: ["ANSIBLE_NOCOLOR": "1", "ANSIBLE_LOCAL_TEMP": dir + "/ansible-tmp",
                                              "ANSIBLE_HOST_KEY_CHECKING": "False", "ANSIBLE_FORCE_COLOR": "0"])
        }

        /// The report the playbook brought back from host I.
        func report(_ host: String, _ name: String = "app-release") throws -> [String: Any] {
            let path = "\(dir)/logs/\(host)/\(name).report.json"
            let data = try #require(FileManager.default.contents(atPath: path), "no report brought back at \(path)")
            return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        func down() { _ = try? fleet(["down", dir]) }
    }

    func makeFleet(duplicatesOn host: Int = 0) throws -> Fleet {
        let dir = try TestSupport.temporaryDirectory("fleet")
        let fleet = Fleet(dir: dir, project: dir + "/project")
        _ = try fleet.fleet(["up", dir, String(Self.sshPort), String(Self.servicePort), String(Self.hosts), String(host)])
        try TestSupport.write(try String(contentsOfFile: Self.fixture + "/app-release.md", encoding: .utf8), to: fleet.project + "/docs-src/app-release.md")
        let build = try TestSupport.runbook(["build"], in: fleet.project)
        guard build.status == 0 else { throw TestFailure(build.stderr) }
        var lines = ["[fleet]"]
        for i in 1...Self.hosts {
            let connect = i == Self.hosts ? "ansible_user=root runbook_become=true runbook_become_user=rbfleet\(i)" : "ansible_user=rbfleet\(i)"
            lines.append("host\(i) \(connect) runbook_app_dir=/home/rbfleet\(i)/app")
        }
        lines += ["", "[fleet:vars]", "ansible_host=127.0.0.1", "ansible_port=\(Self.sshPort)",
                  "ansible_ssh_private_key_file=\(dir)/id_ed25519",
                  "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'",
                  "ansible_python_interpreter=/usr/bin/python3", "runbook_version=v1.1.0"]
        try TestSupport.write(lines.joined(separator: "\n") + "\n", to: dir + "/inventory.ini")
        // The secret parameter comes from Ansible Vault, as the README says to give it.
        try TestSupport.write("runbook_admin_token: \(Self.token)\n", to: dir + "/group_vars/fleet/vault.yml")
        try TestSupport.write("fleet-vault-password\n", to: dir + "/vault-password")
        let vault = try TestSupport.run("ansible-vault", ["encrypt", "--vault-password-file", dir + "/vault-password", dir + "/group_vars/fleet/vault.yml"])
        guard vault.status == 0 else { throw TestFailure(vault.stderr) }
        return fleet
    }

    /// The hosts each run of a task reported on, batch after batch, from ansible's output.
    static func batches(of task: String, in output: String) -> [[String]] {
        var batches: [[String]] = [], current: [String]? = nil
        for line in output.split(separator: "\n") {
            if line.hasPrefix("TASK [") {
                if let batch = current, !batch.isEmpty { batches.append(batch) }
                current = line.hasPrefix("TASK [\(task)]") ? [] : nil
            } else if current != nil, let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close,
                      ["ok: ", "changed: ", "fatal: ", "failed: "].contains(where: line.hasPrefix) {
                current?.append(String(line[line.index(after: open)..<close]))
            }
        }
        if let batch = current, !batch.isEmpty { batches.append(batch) }
        return batches
    }

    static func recap(_ output: String, _ host: String) -> String {
        output.split(separator: "\n").first { $0.hasPrefix(host + " ") && $0.contains("changed=") }.map(String.init) ?? ""
    }

    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func aReleaseRollsOutCanaryFirstAndARerunChangesNothing() throws {
        let fleet = try makeFleet()
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let playbook = fleet.project + "/generated/app-release.playbook.yml"
        let before = try fleet.fingerprints()
        #expect(before.allSatisfy { $0.hasPrefix("release: v1.0.0") && $0.contains("service: running, answers v1.0.0") }, "\(before)")

        // --check runs the script's --dry-run: nothing changes, nothing is left on the hosts.
        let check = try fleet.playbook(playbook, ["--check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(try fleet.fingerprints() == before, "--check changed a host")
        for i in 1...Self.hosts {
            #expect(try fleet.report("host\(i)")["outcome"] as? String == "dry-run")
            #expect(!FileManager.default.fileExists(atPath: "/home/rbfleet\(i)/.local/share/runbook"), "the check's copy is removed")
            #expect(!FileManager.default.fileExists(atPath: "/home/rbfleet\(i)/.local/state/runbook"), "a dry run starts no journal")
        }
        #expect(!check.stdout.contains("runbook_run.stdout_lines"), "the procedure has a secret: its dry run is not echoed")
        for i in 1...Self.hosts { #expect(Self.recap(check.stdout, "host\(i)").contains("changed=0")) }

        let release = try fleet.playbook(playbook)
        #expect(release.status == 0, "\(release.stdout)\(release.stderr)")
        // Canary first, then 25% (one host of four), then the rest.
        #expect(Self.batches(of: "Run the procedure (a dry run under --check)", in: release.stdout) == [["host1"], ["host2"], ["host3", "host4"]],
                "\(release.stdout)")
        let after = try fleet.fingerprints()
        for (i, world) in after.enumerated() {
            #expect(world.hasPrefix("release: v1.1.0") && world.contains("service: running, answers v1.1.0"), "host\(i + 1): \(world)")
            #expect(world.contains("CREATE UNIQUE INDEX notes_title"), "host\(i + 1) migrated")
            #expect(try fleet.report("host\(i + 1)")["outcome"] as? String == "changed")
            #expect(Self.recap(release.stdout, "host\(i + 1)").contains("failed=0"))
        }
        // host4 ran as its own user through become: its journal is in that user's home.
        #expect(FileManager.default.fileExists(atPath: "/home/rbfleet4/.local/state/runbook/app-release.last-run.journal"))
        // The logs came back; the secret is in neither them nor ansible's output (no_log).
        let logs = try FileManager.default.contentsOfDirectory(atPath: fleet.dir + "/logs/host2").filter { $0.hasSuffix(".log") }
        #expect(logs.count == 1, "\(logs)")
        let log = TestSupport.read(fleet.dir + "/logs/host2/" + (logs.first ?? "")) ?? ""
        #expect(log.contains("migrate-the-database"), "\(log)")
        #expect(!log.contains(Self.token) && !release.stdout.contains(Self.token) && !release.stderr.contains(Self.token))

        // Already at the target: every host ok, none changed.
        let rerun = try fleet.playbook(playbook)
        #expect(rerun.status == 0, "\(rerun.stdout)\(rerun.stderr)")
        #expect(try fleet.fingerprints() == after)
        for i in 1...Self.hosts {
            #expect(try fleet.report("host\(i)")["outcome"] as? String == "unchanged")
            #expect(Self.recap(rerun.stdout, "host\(i)").contains("changed=0"), Comment(rawValue: Self.recap(rerun.stdout, "host\(i)")))
        }
        #expect(rerun.stdout.contains("ok: already at the target"))
    }

    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func aReleaseThatFailsOnTheThirdHostStopsThereAndFleetRollbackTakesBackTheOthers() throws {
        // host3's data breaks v1.1.0's migration (two notes share a title).
        let fleet = try makeFleet(duplicatesOn: 3)
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let playbook = fleet.project + "/generated/app-release.playbook.yml"
        let initial = try fleet.fingerprints()

        // One host at a time, no fleet rollback: the first two stay upgraded.
        let stopped = try fleet.playbook(playbook, ["-e", "runbook_serial=1"])
        #expect(stopped.status != 0)
        var worlds = try fleet.fingerprints()
        #expect(worlds[0].hasPrefix("release: v1.1.0") && worlds[1].hasPrefix("release: v1.1.0"), "\(worlds)")
        #expect(worlds[2] == initial[2], "host3 rolled itself back:\n\(worlds[2])\nwas\n\(initial[2])")
        #expect(worlds[3] == initial[3], "host4 was not reached")
        #expect(!FileManager.default.fileExists(atPath: fleet.dir + "/logs/host4"), "nothing ran on host4")
        let failed = try fleet.report("host3")
        #expect(failed["outcome"] as? String == "rolled-back", "\(failed)")
        let step = failed["step"] as? [String: Any] ?? [:]
        #expect(step["id"] as? String == "migrate-the-database" && step["location"] as? String == "docs-src/app-release.md:41", "\(step)")
        #expect(stopped.stdout.contains("step migrate-the-database (docs-src/app-release.md:41)"), "the operator sees the step and its doc line")
        #expect(stopped.stdout.contains("FAILED, and rolled back to where it started"))

        // Rerun with fleet rollback, hosts 1 and 2 already at the target: they are
        // ok and unchanged, host3 fails again, and the fleet rollback leaves the
        // two healthy hosts alone (it undoes only runs that changed a host).
        let rerun = try fleet.playbook(playbook, ["-e", "runbook_serial=1", "-e", "runbook_fleet_rollback=true"])
        #expect(rerun.status != 0)
        let rerunWorlds = try fleet.fingerprints()
        #expect(rerunWorlds[0] == worlds[0] && rerunWorlds[1] == worlds[1], "the hosts at the target are as they were")
        #expect(rerunWorlds[2] == initial[2] && rerunWorlds[3] == initial[3])
        for host in ["host1", "host2"] {
            #expect(try fleet.report(host)["outcome"] as? String == "unchanged")
            #expect(Self.recap(rerun.stdout, host).contains("changed=0"), Comment(rawValue: Self.recap(rerun.stdout, host)))
        }
        #expect(!rerun.stdout.contains("rolled back: the last run was undone"), "\(rerun.stdout)")

        // Again from the start, with fleet rollback: hosts 1 and 2 are taken back too.
        try fleet.reset(duplicatesOn: 3)
        let fresh = try fleet.fingerprints()
        let rolledBack = try fleet.playbook(playbook, ["-e", "runbook_serial=1", "-e", "runbook_fleet_rollback=true"])
        #expect(rolledBack.status != 0)
        worlds = try fleet.fingerprints()
        for i in 0..<Self.hosts {
            #expect(worlds[i] == fresh[i], "host\(i + 1) is not as it was:\n\(worlds[i])\nwas\n\(fresh[i])")
        }
        #expect(rolledBack.stdout.contains("host1: rolled back: the last run was undone"), "\(rolledBack.stdout)")
        #expect(rolledBack.stdout.contains("host2: rolled back: the last run was undone"))
        #expect(!rolledBack.stdout.contains("host4: rolled back"), "host4 was never reached")
    }

    /// Item 1 of issue 27 over a real SSH session: the operator runs the script
    /// through `ssh -tt`, and the connection drops (the client is killed) while
    /// a step runs. sshd hangs up the session's terminal; the script rolls back
    /// what it did, with nowhere left to print, and says so in its log.
    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func aDroppedSSHSessionRollsTheRunBack() throws {
        let fleet = try makeFleet()
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let home = "/home/rbfleet1"
        let doc = """
            # Cut off

            ## Make a file

            <!-- runbook: undo="rm -f \\"$HOME/made\\"" -->
            ```bash
            touch "$HOME/made"
            ```

            ## Wait

            ```bash
            touch "$HOME/waiting"
            sleep 30
            ```
            """
        let (project, script, _) = try TestSupport.buildProcedure(doc)
        defer { try? FileManager.default.removeItem(atPath: project) }
        for name in ["made", "waiting", "lost.sh"] { try? FileManager.default.removeItem(atPath: "\(home)/\(name)") }
        try FileManager.default.copyItem(atPath: script, toPath: "\(home)/lost.sh")
        _ = try TestSupport.run("chown", ["rbfleet1:rbfleet1", "\(home)/lost.sh"])
        let ssh = try TestSupport.launch("/usr/bin/ssh", ["-tt", "-i", fleet.dir + "/id_ed25519", "-p", String(Self.sshPort),
                                                          "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                                                          "rbfleet1@127.0.0.1", "./lost.sh --yes"], environment: [:])
        try TestSupport.waitFor("\(home)/waiting", seconds: 30)
        #expect(FileManager.default.fileExists(atPath: "\(home)/made"))
        kill(ssh.processIdentifier, SIGKILL)
        ssh.waitUntilExit()
        let journal = "\(home)/.local/state/runbook/proc.journal"
        var rolledBack = false
        for _ in 0..<200 where !rolledBack {
            rolledBack = !FileManager.default.fileExists(atPath: journal) && !FileManager.default.fileExists(atPath: "\(home)/made")
            if !rolledBack { usleep(100_000) }
        }
        #expect(rolledBack, "the run on the host rolled back (journal gone, file removed)")
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: "\(home)/.local/state/runbook")) ?? []
        let log = logs.filter { $0.hasSuffix(".log") }.compactMap { TestSupport.read("\(home)/.local/state/runbook/\($0)") }.joined()
        #expect(log.contains("interrupted (SIGHUP)") && log.contains("rolled back"), "\(log)")
    }

    /// host3's SSH server and sessions go down while its script runs (a
    /// second sshd only host3 connects through, `fleet.sh cut`). Before, an
    /// unreachable host was not counted by max_fail_percentage: host4's batch
    /// went on, and no fleet rollback ran. Now the host stays in the play as
    /// `unreachable`, its batch rolls the fleet back and the rollout stops.
    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func aHostLostDuringItsRunStopsTheRolloutAndRollsTheFleetBack() throws {
        let fleet = try makeFleet()
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let initial = try fleet.fingerprints()
        let cutPort = Self.sshPort + 1
        let inventory = try String(contentsOfFile: fleet.dir + "/inventory.ini", encoding: .utf8)
            .replacingOccurrences(of: "host3 ansible_user=rbfleet3", with: "host3 ansible_user=rbfleet3 ansible_port=\(cutPort)")
        try TestSupport.write(inventory, to: fleet.dir + "/cut.ini")
        _ = try fleet.fleet(["cut", fleet.dir, String(cutPort), "rbfleet3"])
        // Batches: host1, then host2 and host3 together, then host4.
        let run = try fleet.playbook(fleet.project + "/generated/app-release.playbook.yml",
                                     ["-e", #"{"runbook_serial": [1, 2, 1]}"#, "-e", "runbook_fleet_rollback=true"], inventory: "cut.ini")
        #expect(FileManager.default.fileExists(atPath: fleet.dir + "/cut"), "host3's sessions were cut")
        #expect(run.status != 0, "\(run.stdout)")
        #expect(run.stdout.contains("host3: UNREACHABLE during its run"), "\(run.stdout)")
        #expect(run.stdout.contains("the rollout stops, later batches are not started"))
        let worlds = try fleet.fingerprints()
        #expect(worlds[0] == initial[0] && worlds[1] == initial[1], "hosts 1 and 2 are undone:\n\(worlds[0])\n\(worlds[1])")
        #expect(worlds[3] == initial[3], "host4's batch was not started")
        #expect(!run.stdout.contains("host4: rolled back") && !FileManager.default.fileExists(atPath: fleet.dir + "/logs/host4"))
        for host in ["host1", "host2"] {
            #expect(run.stdout.contains("\(host): rolled back: the last run was undone"))
            // The controller's copy of the report is the undo's, and the undo's log came back beside the run's.
            #expect(try fleet.report(host)["outcome"] as? String == "undone")
            let logs = try FileManager.default.contentsOfDirectory(atPath: "\(fleet.dir)/logs/\(host)").filter { $0.hasSuffix(".log") }
            #expect(logs.count == 2, "\(host): \(logs)")
            for log in logs {
                let text = TestSupport.read("\(fleet.dir)/logs/\(host)/\(log)") ?? ""
                // Commands run by bash over SSH read no startup file (the system bashrc's $PS1 under -u).
                #expect(!text.contains("unbound variable"), "\(host)/\(log): \(text)")
            }
        }
    }

    /// A rollback that cannot finish: while host3's service is down, another
    /// process takes its port, so the undo that starts it again fails. The
    /// operator is told what remains; `--rollback` there, once the port is
    /// free, brings the host back.
    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func aRollbackThatFailsIsReportedWithWhatRemains() throws {
        let fleet = try makeFleet(duplicatesOn: 3)
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let initial = try fleet.fingerprints()
        _ = try fleet.fleet(["squat", fleet.dir, String(Self.servicePort + 3)])
        let run = try fleet.playbook(fleet.project + "/generated/app-release.playbook.yml", ["-e", "runbook_serial=1"])
        #expect(run.status != 0)
        #expect(FileManager.default.fileExists(atPath: fleet.dir + "/squatting"), "the port was taken while the service was down")
        let report = try fleet.report("host3")
        #expect(report["outcome"] as? String == "rollback-failed" && report["exit"] as? Int == 4, "\(report)")
        #expect((report["remaining"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["stop-the-service"], "\(report)")
        #expect(run.stdout.contains("FAILED, and ROLLBACK FAILED (exit 4)"), "\(run.stdout)")
        #expect(run.stdout.contains("undo actions that remain: stop-the-service; journal: /home/rbfleet3/.local/state/runbook/app-release.journal"))
        #expect(try fleet.fingerprints()[3] == initial[3], "host4 was not reached")

        // The port free again, the operator runs the rollback there.
        _ = try fleet.fleet(["unsquat", fleet.dir])
        let rollback = try TestSupport.run("ssh", ["-i", fleet.dir + "/id_ed25519", "-p", String(Self.sshPort), "-o", "StrictHostKeyChecking=no",
                                                   "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "rbfleet3@127.0.0.1",
                                                   // A secret is never in the journal: the operator gives it again.
                                                   "RUNBOOK_ADMIN_TOKEN=\(Self.token) .local/share/runbook/app-release.sh --rollback"])
        #expect(rollback.status == 0, "\(rollback.stdout)\(rollback.stderr)")
        let world = try fleet.fingerprints()[2]
        #expect(world == initial[2], "host3 is back as it was:\n\(world)\nwas\n\(initial[2])")
    }

    /// The seed update page's playbook, as committed, dry-run over two instances.
    @Test(.enabled(if: canRun, "needs root, openssh-server (/usr/sbin/sshd) and ansible-playbook: script/setup installs them"))
    func theSeedUpdatePlaybookDryRunsOverTwoInstances() throws {
        let fleet = try makeFleet()
        defer { fleet.down(); try? FileManager.default.removeItem(atPath: fleet.dir) }
        let lines = ["[instances]", "test ansible_user=rbfleet1 runbook_instance_dir=/home/rbfleet1/app runbook_database=biomaid_test",
                     "production ansible_user=rbfleet2 runbook_instance_dir=/home/rbfleet2/app runbook_database=biomaid",
                     "", "[instances:vars]", "ansible_host=127.0.0.1", "ansible_port=\(Self.sshPort)",
                     "ansible_ssh_private_key_file=\(fleet.dir)/id_ed25519",
                     "ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'",
                     "ansible_python_interpreter=/usr/bin/python3", "runbook_version=0.14",
                     "runbook_instance_url=http://127.0.0.1:8000/"]
        try TestSupport.write(lines.joined(separator: "\n") + "\n", to: fleet.dir + "/seed.ini")
        let before = try fleet.fingerprints()
        let dry = try fleet.playbook(TestSupport.packageRoot + "/generated/django-update.playbook.yml", ["--check"], inventory: "seed.ini")
        #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
        for host in ["test", "production"] {
            #expect(try fleet.report(host, "django-update")["outcome"] as? String == "dry-run")
            #expect(Self.recap(dry.stdout, host).contains("changed=0") && Self.recap(dry.stdout, host).contains("failed=0"), "\(dry.stdout)")
        }
        #expect(dry.stdout.components(separatedBy: "Installer le nouveau code (installer-le-nouveau-code").count == 3, "the new code step, in each host's plan")
        #expect(dry.stdout.contains("dry run: nothing was changed"))
        // For real, the page's manual step ("Informer les utilisateurs") needs a person:
        // without a terminal to answer on, or runbook_manual_confirmed, nothing runs.
        let refused = try fleet.playbook(TestSupport.packageRoot + "/generated/django-update.playbook.yml", [], inventory: "seed.ini")
        #expect(refused.status != 0)
        #expect(refused.stdout.contains("the manual steps were not confirmed"), "\(refused.stdout)")
        #expect(!refused.stdout.contains("TASK [Run the procedure"), "refused before the script was copied or run")
        #expect(dry.stdout.components(separatedBy: "(dry run: nothing is changed)").count == 3, "each host's plan is shown: \(dry.stdout)")
        #expect(try fleet.fingerprints() == before)
    }
}
