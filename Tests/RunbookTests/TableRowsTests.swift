import Foundation
import Testing

/// `rows` annotations: a table's body rows as sub-steps, footnotes, expected output.
@Suite struct TableRowsTests {
    func plan(_ rst: String) throws -> TestSupport.Result {
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try TestSupport.write(rst, to: dir + "/doc.rst")
        return try TestSupport.runbook(["plan", "doc.rst"], in: dir)
    }

    static func doc(annotation: String, cell: String = "b.sql") -> String {
        """
        Upgrade
        =======

        Chain
        -----

        .. runbook: param=DIR placeholder="<dir>"

        \(annotation)

        +------+------+---------+-----------+
        | From | To   | Script  | Online    |
        +======+======+=========+===========+
        | 1.0  | 1.1  | a.sql   | Yes       |
        +------+------+---------+-----------+
        | 1.1  | 2.0  | \(cell.padding(toLength: 7, withPad: " ", startingAt: 0)) | No (2)    |
        +------+------+---------+-----------+

        (1) Unused.

        (2) Locks every table.

        Each script says:

        .. runbook: expect="{2}"

        >>> upgraded to <version>

        """
    }

    @Test func eachBodyRowIsAStepWithItsCellsFilledIn() throws {
        let result = try plan(Self.doc(annotation: #".. runbook: rows interpreter=psql title="{1} to {2}" run="\i <dir>/{3}""#))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2. [command] 1-0-to-1-1: 1.0 to 1.1 (doc.rst:14)\n"), "\(result.stdout)")
        #expect(result.stdout.contains("$ [psql] \\i <dir>/a.sql  (line 14)\n         must print: upgraded to 1.1\n"))
        // "(2)" in a cell brings the footnote, and a confirmation, to that row only.
        #expect(result.stdout.contains("3. [command] 1-1-to-2-0: 1.1 to 2.0 (doc.rst:16) confirm\n       note: Locks every table.\n"), "\(result.stdout)")
        #expect(!result.stdout.contains("Unused"))
    }

    @Test func aCellThatIsNotAPlainWordCannotBecomeACommand() throws {
        let result = try plan(Self.doc(annotation: #".. runbook: rows run="sh {3}""#, cell: "$(id)"))
        #expect(result.status == 2)
        #expect(result.stderr.contains("doc.rst:16:1: error: cell 3 of this row ('$(id)') cannot go into a command"), "\(result.stderr)")
    }

    @Test func aReferenceToAMissingColumnIsAnError() throws {
        let result = try plan(Self.doc(annotation: #".. runbook: rows run="sh {7}""#))
        #expect(result.status == 2)
        #expect(result.stderr.contains("error: {7} names no cell: the table has 4 columns"), "\(result.stderr)")
    }

    @Test func rowsNeedATableAndARunCommand() throws {
        let noTable = try plan("T\n=\n\nS\n-\n\n.. runbook: rows run=\"true\"\n\nJust prose.\n")
        #expect(noTable.stderr.contains("doc.rst:7:13: error: 'rows' applies to a table"), "\(noTable.stderr)")
        let noRun = try plan(Self.doc(annotation: ".. runbook: rows"))
        #expect(noRun.stderr.contains("'rows' needs run="), "\(noRun.stderr)")
    }

    @Test func unlabelledSQLBlocksGoToPsqlAndOtherBlocksStayShell() throws {
        let result = try plan("""
        Title
        =====

        Step
        ----

        Run::

           CREATE TABLE t (v int);

           \\i extra.sql

        Then::

           create_user --admin
        """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("$ [psql] CREATE TABLE t (v int);⏎⏎\\i extra.sql"), "\(result.stdout)")
        #expect(result.stdout.contains("$ [bash] create_user --admin"))
    }
}
