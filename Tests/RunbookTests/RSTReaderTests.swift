import Foundation
import Testing
import DocumentTree
import RSTReader
import RunbookCore

@Suite struct RSTReaderTests {
    func tree(_ text: String) throws -> Document {
        RSTReader.read(try SourceFile(path: "doc.rst", relativePath: "doc.rst", bytes: Array(text.utf8)))
    }

    func fixture() throws -> String {
        try #require(TestSupport.read(TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures/rst/constructs.rst"))
    }

    func nodes(_ document: Document, _ match: (NodeKind) -> Bool) -> [Node] {
        var found: [Node] = []
        document.root.walk { if match($0.kind) { found.append($0) } }
        return found
    }

    @Test func sectionsNestByStyleInOrderOfFirstAppearance() throws {
        let document = try tree(try fixture())
        let sections = nodes(document) { if case .section = $0 { true } else { false } }
        let titles = sections.map { node -> String in if case .section(let t, let l) = node.kind { "\(l) \(t)" } else { "" } }
        #expect(titles == ["1 Procedure title", "2 Overlined section", "3 Sub section", "2 Another top"])
        #expect(sections[0].range.start == SourcePosition(line: 1, column: 1))
    }

    /// docutils' bullet marker takes every space after it (`bullet( +|$)`): the
    /// item's text is a paragraph however far it stands, for each of the six bullets.
    @Test(arguments: ["-", "*", "+", "•", "‣", "⁃"])
    func bulletTakesAllTheSpacesAfterIt(bullet: String) throws {
        let document = try tree(bullet + String(repeating: " ", count: 20) + "text\n")
        let item = try #require(nodes(document) { if case .listItem = $0 { true } else { false } }.first)
        #expect(item.children.map { TreeDumper.summary($0.kind) } == [TreeDumper.summary(.paragraph(text: "text"))])
    }

    /// docutils' enumerators and option names are ASCII (`[0-9]+`, `[a-zA-Z]`,
    /// `[ivxlcdm]+`; options `[a-zA-Z0-9]`), and its numbers have no bound. As
    /// docutils reads this text: two paragraphs, one list of two items, a paragraph.
    @Test func enumeratorsAndOptionNamesAreASCIIAndNumbersUnbounded() throws {
        let document = try tree("""
            (é) not an enumerator

            12345678901234567890. an item

            12345678901234567891. the next item

            -é  not an option
            """)
        #expect(document.root.children.map { TreeDumper.summary($0.kind) } == [
            "paragraph \"(é) not an enumerator\"", "list[ordered]", "paragraph \"-é  not an option\"",
        ])
        #expect(document.root.children[1].children.map(\.plainText) == ["an item", "the next item"])
    }

    @Test func inlineMarkupBecomesPlainText() throws {
        let document = try tree(try fixture())
        let paragraphs = nodes(document) { if case .paragraph = $0 { true } else { false } }
        #expect(paragraphs.first?.plainText == "Intro with emphasis, strong, literal, a role,\ninstall, a link, Runbook and *escaped*.")
    }

    @Test func literalBlocksInAllThreeForms() throws {
        let document = try tree(try fixture())
        let blocks = nodes(document) { if case .codeBlock = $0 { true } else { false } }.map { node -> String in
            if case .codeBlock(let language, let text, let line) = node.kind { "\(language ?? "-")@\(line): \(text)" } else { "" }
        }
        #expect(blocks == [
            "-@15: $ make install\ndone",
            "-@22: indented after a lone marker",
            "-@26: > quoted line one\n> quoted line two",
            "sql@35: SELECT 1;",
            "doctest@74: >>> print(\"doctest\")\ndoctest",
        ])
        let paragraphs = nodes(document) { if case .paragraph = $0 { true } else { false } }.map(\.plainText)
        #expect(paragraphs.contains("Paragraph before an expanded literal block:"))
        #expect(paragraphs.contains("Quoted literal block follows"))
    }

    @Test func directivesCommentsListsAndTables() throws {
        let document = try tree(try fixture())
        let kinds = nodes(document) { _ in true }.map { TreeDumper.summary($0.kind) }
        #expect(kinds.contains("admonition[note]"))
        #expect(kinds.contains("admonition[admonition] \"Custom title\""))
        #expect(kinds.contains(#"comment "runbook: id=sub run="echo hi"""#))
        #expect(kinds.filter { $0 == "list[ordered]" }.count == 2)
        #expect(kinds.contains("directive[field_list] \"\""))
        #expect(kinds.contains("directive[definition_list] \"\""))
        #expect(kinds.contains("directive[unknown-directive] \"argument\""))
        #expect(kinds.contains("thematic_break"))
        let tables = nodes(document) { if case .table = $0 { true } else { false } }.map { node -> [[String]] in
            if case .table(let rows) = node.kind { rows } else { [] }
        }
        #expect(tables == [[["a", "b"], ["1", "2"]], [["col 1", "col 2"], ["x", "y"]]])
    }

    @Test func listAndCSVTables() throws {
        let document = try tree(#"""
        .. list-table:: Versions
           :header-rows: 1

           * - From
             - To
           * - 0.11.0
             - 0.11.1

        .. csv-table:: Scripts
           :header: "From", "Script"

           0.11.0, "emaj-0.11.0-to-0.11.1.sql"
           "1.0, beta", "with ""quotes"""
        """#)
        let tables = nodes(document) { if case .table = $0 { true } else { false } }.map { node -> [[String]] in
            if case .table(let rows) = node.kind { rows } else { [] }
        }
        #expect(tables == [[["From", "To"], ["0.11.0", "0.11.1"]],
                           [["From", "Script"], ["0.11.0", "emaj-0.11.0-to-0.11.1.sql"], ["1.0, beta", #"with "quotes""#]]])
        #expect(nodes(document) { if case .list = $0 { true } else { false } }.isEmpty)
    }

    @Test func tabsCRLFAndByteOrderMark() throws {
        let document = try tree("\u{FEFF}Title\r\n=====\r\n\r\nText::\r\n\r\n\tcommand\there\r\n")
        let blocks = nodes(document) { if case .codeBlock = $0 { true } else { false } }
        #expect(blocks.first?.plainText == "command here")
    }

    @Test func malformedInputWarnsAndNeverCrashes() throws {
        let document = try tree("Title\n===\n\nShort underline above.\n\nText::\n\nNo literal block.\n\n+---+---+\n| a | b\n")
        let messages = document.diagnostics.map(\.description)
        #expect(messages.contains("doc.rst:8:1: warning: literal block expected; none found") || messages.contains { $0.contains("literal block expected") })
        #expect(messages.contains { $0.contains("malformed table") })
    }
}
