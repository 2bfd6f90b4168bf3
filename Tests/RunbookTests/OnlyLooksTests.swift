import RunbookCore
import StepAST
import Testing

/// `Command.onlyLooks`, the one definition of a command that changes nothing:
/// a step of such commands needs no undo, and RB105 passes over it.
@Suite struct OnlyLooksTests {
    static let range = SourceRange(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 1, column: 1))

    @Test(arguments: [
        ("git status", true), ("sudo systemctl status app", true), ("/usr/libexec/netdata/netdata-updater.sh --auto-update-status", true),
        ("cat /etc/os-release | grep ID", true), ("echo announced", true),
        ("echo announced >> log", false), ("echo 'deb x' | sudo tee /etc/apt/sources.list.d/x.list", false),
        ("ls $(rm -rf /tmp/x)", false), ("git status\nrm -f x", false), ("systemctl restart app", false), ("date -s 12:00", false),
    ])
    func shellCommands(text: String, looks: Bool) {
        #expect(Command(text: text, interpreter: .bash, range: Self.range).onlyLooks == looks)
    }

    @Test func sqlOfOneReadingStatement() {
        #expect(Command(text: "SELECT count(*) FROM t;", interpreter: .psql, range: Self.range).onlyLooks)
        #expect(!Command(text: "SELECT 1; DROP TABLE t;", interpreter: .psql, range: Self.range).onlyLooks)
        #expect(!Command(text: "UPDATE t SET a = 1;", interpreter: .psql, range: Self.range).onlyLooks)
    }

    @Test func aCaptureOnlyLooks() {
        #expect(Command(text: "python3 -c \"print(1)\"", interpreter: .bash, range: Self.range, capture: "ONE").onlyLooks)
    }
}
