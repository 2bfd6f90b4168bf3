import Emit
import Foundation
import StepAST
import Testing

/// Single functions of the bash runtime (Sources/Emit/Runtime/*.bash), sourced
/// into a bash test with the data a generated script would define before them.
@Suite struct RuntimeFunctionTests {
    static let runtime = TestSupport.packageRoot + "/Sources/Emit/Runtime/"

    /// Runs `body` after the runtime, in bash under the generated scripts' options.
    func bash(_ body: String, dispatch: String = "rb_dispatch() { :; }") throws -> TestSupport.Result {
        let dir = try TestSupport.temporaryDirectory("runtimefunctions")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts = ["options", "preflight", "journal", "session", "execution", "files", "conditions", "rollback", "report", "main"]
            .map { "source '\(Self.runtime)\($0).bash'" }.joined(separator: "\n")
        let script = """
        set -Eeuo pipefail
        shopt -s inherit_errexit
        readonly RB_NAME=t RB_TITLE=T RB_SOURCE=doc.md RB_SOURCE_SHA256=abc RB_STEP_COUNT=3 RB_USES_PSQL=0
        readonly -a RB_STEP_IDS=(a b c) RB_STEP_TITLES=(A B C) RB_STEP_KINDS=(command command command)
        readonly -a RB_STEP_LOCATIONS=(doc.md:1 doc.md:5 doc.md:9) RB_STEP_HAS_UNDO=(1 1 1) RB_STEP_UNDO_ALWAYS=(1 0 0)
        readonly -a RB_STEP_CHANGES=(1 1 1) RB_STEP_UNDONE_BY=('' '' '') RB_PARAM_NAMES=()
        export RUNBOOK_STATE_DIR='\(dir)/state'
        \(parts)
        rb_procedure_notices() { :; }
        \(dispatch)
        mkdir -p "$RB_STATE_DIR"
        \(body)
        """
        try TestSupport.write(script, to: dir + "/test.sh")
        // With every signal at its default, as a terminal or a service manager starts
        // a script: the test runner starts its children with some ignored.
        return try TestSupport.run("env", ["--default-signal", "bash", dir + "/test.sh"])
    }

    /// The words that make a name a secret's are written twice, in Swift (for the
    /// build: the dry run, the manifest) and in bash (for names a page's
    /// commands export): the two must agree on every name.
    @Test func swiftAndBashAgreeOnSecretNames() throws {
        let names = ["DB_PASS", "GLANCE_DBPASS", "PASSWORD", "ADMIN_PASSWORD", "PASSPHRASE", "PASSWD", "API_KEY", "APIKEY", "SECRET",
                     "CLIENT_SECRET", "TOKEN", "GITHUB_TOKEN", "CREDENTIALS", "AWS_CREDENTIAL", "KEYRING", "MONKEY", "BYPASS_CACHE",
                     "PASSPORT_NO", "SECRETARY", "TOKENS", "HOST", "VERSION", "db_password", "Api_Key", "COMPASS", "KEY_ID"]
        let result = try bash("RB_SECRETS=' '\n" + names.map { "if rb_names_secret \($0); then echo \($0)=1; else echo \($0)=0; fi" }.joined(separator: "\n"))
        #expect(result.status == 0, "\(result.stderr)")
        let expected = names.map { "\($0)=\(Parameter.namesASecret($0) ? 1 : 0)" }.joined(separator: "\n") + "\n"
        #expect(result.stdout == expected, "bash:\n\(result.stdout)swift:\n\(expected)")
    }

    /// The outcomes of a run's report are written in bash (report.bash,
    /// main.bash) and said in the operator's words by the playbook
    /// (AnsiblePlaybook.outcomeWords): every outcome the runtime writes has words.
    @Test func everyOutcomeTheRuntimeReportsHasThePlaybooksWords() throws {
        let text = try ["report", "main"].map { try String(contentsOfFile: Self.runtime + $0 + ".bash", encoding: .utf8) }.joined()
        let written = Set(text.matches(of: /(?:RB_OUTCOME|outcome)='?([a-z][a-z-]*)/).map { String($0.1) })
        let words = Set(AnsiblePlaybook.outcomeWords.map(\.0))
        #expect(written.count >= 10, "\(written)")
        // done: a call that runs no step (--list, --forget-last-run), which a playbook never makes.
        #expect(written.subtracting(words) == ["done"], "outcomes without words: \(written.subtracting(words))")
        // unreachable: the controller's own, for a host lost during its run.
        #expect(words.subtracting(written) == ["unreachable"], "words for no outcome: \(words.subtracting(written))")
    }

    /// A command's fields are written by ShellEmitter (RuntimeField) and read by
    /// rb_declare (RB_FIELDS): the two lists are the same, and a field the
    /// runtime does not know stops the script instead of being dropped.
    @Test func swiftAndBashAgreeOnACommandsFields() throws {
        let result = try bash("printf '%s\\n' \"${RB_FIELDS[@]}\"\nrb_declare interpreter=bash at=doc.md:3 'client=psql\n-X'\n"
            + "printf '%s|%s|%s|%s\\n' \"${RB_CMD[interpreter]}\" \"${RB_CMD[at]}\" \"${RB_CMD[session]}\" \"${RB_CMD[client]}\"\nrb_declare colour=red\necho not reached")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(RuntimeField.allCases.count)) == RuntimeField.allCases.map(\.rawValue), "\(result.stdout)")
        #expect(result.stdout.contains("bash|doc.md:3|0|psql\n-X\n"), "\(result.stdout)")
        #expect(result.status != 0 && !result.stdout.contains("not reached") && result.stderr.contains("unknown command field 'colour'"), "\(result.stderr)")
    }

    @Test func stopGroupEndsTheCommandAndEverythingItStarted() throws {
        let result = try bash("""
        setsid bash -c 'sleep 30 & sleep 30 & wait' &
        RB_CHILD=$!
        sleep 0.3
        rb_stop_group "$RB_CHILD"
        sleep 0.2
        # Zombies (reaped by init in their time) run nothing: count the members that run.
        running=$(ps -o stat= -g "$RB_CHILD" | grep -c -v '^Z' || true)
        echo "running in the group: $running"
        """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("running in the group: 0"), "\(result.stdout)")
    }

    @Test func stopGroupOnAProcessAlreadyGoneDoesNotEndTheShell() throws {
        let result = try bash("""
        true &
        pid=$!
        wait "$pid"
        rb_stop_group "$pid"
        echo "still here"
        """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "still here\n")
    }

    @Test func aliveSaysNoForAZombie() throws {
        // bash reaps its own children: the zombie is the child of a process that never waits.
        let result = try bash("""
        # The parent outlives the test (a loaded machine must not let it end and init reap
        # the zombie), and the test waits for the zombie state rather than a fixed time.
        # The child ends only once its parent has become `sleep`: a `sleep 0` could end
        # while the parent was still bash, which reaped it, and no zombie ever came.
        cat >"$RB_STATE_DIR/child" <<'CHILD'
        until [ "$(cat "/proc/$PPID/comm")" = sleep ]; do sleep 0.01; done
        CHILD
        bash -c "bash '$RB_STATE_DIR/child' & echo \\$! > '$RB_STATE_DIR/zombie'; exec sleep 60" &
        parent=$!
        until [ -s "$RB_STATE_DIR/zombie" ]; do sleep 0.05; done
        read -r pid <"$RB_STATE_DIR/zombie"
        until ps -o stat= -p "$pid" | grep -q '^Z'; do sleep 0.05; done
        kill -0 "$pid" && echo "kill -0 finds it"
        rb_alive "$pid" || echo "not alive"
        rb_alive $$ && echo "this shell is alive"
        kill "$parent"
        """)
        #expect(result.stdout == "kill -0 finds it\nnot alive\nthis shell is alive\n", "\(result.stderr)")
    }

    @Test func waitChildWaitsThroughATrappedSignal() throws {
        let result = try bash("""
        trap 'echo trapped' USR1
        bash -c 'sleep 1; exit 7' &
        RB_CHILD=$!
        (sleep 0.2; kill -USR1 $$) &
        rb_wait_child status
        echo "status $status"
        """)
        #expect(result.stdout == "trapped\nstatus 7\n", "\(result.stderr)")
    }

    @Test func journalLoadReadsValuesStepsAndTheRunningCommandAndIgnoresATornLine() throws {
        let result = try bash("""
        {
          printf 'runbook-journal 1 abc\\n'
          printf 'value NAME %s\\n' "$(printf 'two words; $(x)' | base64 -w 0)"
          printf 'start 1\\ndone 1\\nstart 2\\ndone 2\\nundone 2\\nstart 3\\nchild 4242 777\\n'
          printf 'done 3' # torn: no newline, and no such line was ever complete
        } >"$RB_JOURNAL"
        rb_journal_load
        printf 'done=%s current=%s orphan=%s name=%s\\n' "${RB_DONE[*]}" "$RB_CURRENT" "$RB_ORPHAN" "$NAME"
        """)
        #expect(result.stdout == "done=1 current=3 orphan=4242 777 name=two words; $(x)\n", "\(result.stderr)")
    }

    @Test func journalFromAnotherVersionIsRefused() throws {
        let result = try bash("""
        printf 'runbook-journal 1 other\\n' >"$RB_JOURNAL"
        rb_journal_load
        """)
        #expect(result.status == 2)
        #expect(result.stderr.contains("written by another version of this procedure"))
    }

    /// Step b's undo fails: c was undone before it, b remains, and a's undo (undo-always) still runs.
    @Test func rollbackStopsAtAFailedUndoButRunsUndoAlways() throws {
        let result = try bash("""
        RB_DONE=(1 2 3)
        rb_journal_create
        rb_rollback && echo "returned 0" || echo "returned $?"
        """, dispatch: """
        rb_dispatch() {
          [[ $1 == undo ]] || return 0
          echo "undo $2"
          if [[ $2 -eq 2 ]]; then RB_UNDO_FAILED='doc.md:5: false'; return 1; fi
        }
        """)
        #expect(result.stdout.contains("  undo c\nundo 3\n  undo b\nundo 2\n  undo a\nundo 1\nreturned 1"), "\(result.stdout)")
        #expect(result.stderr.contains("rollback failed at doc.md:5: false\nundo actions that remain, newest first:\n  b (doc.md:5)\n"), "\(result.stderr)")
    }
}
