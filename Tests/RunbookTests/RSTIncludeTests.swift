import Foundation
import Testing
import DocumentTree
import RSTReader
import RunbookCore

/// The include directive: paths relative to the including file, the options
/// that cut the included text, literal inclusion, and where nodes come from.
@Suite struct RSTIncludeTests {
    func read(_ files: [String: String], main: String = "doc.rst") throws -> Document {
        let dir = try TestSupport.temporaryDirectory()
        for (name, text) in files { try TestSupport.write(text, to: dir + "/" + name) }
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return RSTReader.read(try SourceFile.load(path: dir + "/" + main, relativePath: main))
    }

    func codeBlocks(_ document: Document) -> [(String, Int, String?)] {
        var found: [(String, Int, String?)] = []
        document.root.walk { if case .codeBlock(_, let text, let line) = $0.kind { found.append((text, line, $0.origin.map { ($0 as NSString).lastPathComponent })) } }
        return found
    }

    @Test func includedTextIsReadInPlaceWithItsOwnLinesAndFile() throws {
        let document = try read([
            "doc.rst": "Main\n====\n\n.. include:: parts/part.rst\n\nAfter.\n",
            "parts/part.rst": "Part\n----\n\nRun::\n\n   make\n\n.. include:: ../common.rst\n",
            "common.rst": "Common::\n\n   echo common\n",
        ])
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let blocks = codeBlocks(document)
        #expect(blocks.map(\.0) == ["make", "echo common"])
        #expect(blocks.map(\.1) == [6, 3], "lines in the file each block comes from")
        #expect(blocks.map(\.2) == ["part.rst", "common.rst"])
        let titles = TreeDumper.text(document).split(separator: "\n").filter { $0.contains("section") }
        #expect(titles.count == 2 && titles[1].contains("section[2] \"Part\""), "the included section nests under the main title")
    }

    @Test func optionsCutTheIncludedText() throws {
        let script = "#!/bin/sh\n# begin\necho one\necho two\n# end\necho three\n"
        let document = try read([
            "doc.rst": """
            Main
            ====

            .. include:: run.sh
               :literal:
               :start-after: # begin
               :end-before: # end

            .. include:: run.sh
               :code: sh
               :start-line: 5

            """,
            "run.sh": script,
        ])
        #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        let blocks = codeBlocks(document)
        #expect(blocks.map(\.0) == ["\necho one\necho two\n", "echo three"])
        var languages: [String?] = []
        document.root.walk { if case .codeBlock(let language, _, _) = $0.kind { languages.append(language) } }
        #expect(languages == [nil, "sh"])
    }

    @Test func problemsAreDiagnosedWhereTheDirectiveStands() throws {
        let document = try read([
            "doc.rst": "Main\n====\n\n.. include:: loop.rst\n\n.. include:: missing.rst\n\n.. include:: loop.rst\n   :start-after: NOWHERE\n",
            "loop.rst": "Loop text.\n\n.. include:: doc.rst\n",
        ])
        let messages = document.diagnostics.map { "\(($0.path as NSString).lastPathComponent):\($0.position.line): \($0.severity.rawValue): \($0.message)" }
        #expect(messages.contains("loop.rst:3: warning: circular include left out: doc.rst → loop.rst → doc.rst"), "\(messages)")
        #expect(messages.contains("doc.rst:6: error: cannot include 'missing.rst': no such file"), "\(messages)")
        #expect(messages.contains("doc.rst:8: error: the text of :start-after: is not in 'loop.rst': NOWHERE"), "\(messages)")
    }

    /// docutils finds a cut marker with `str.find`, code point by code point: "café"
    /// written with a combining accent is not found in "café" with a precomposed one
    /// (docutils: "Problem with "start-after" option ... Text not found.").
    @Test func aCutMarkerIsMatchedCodePointByCodePoint() throws {
        let decomposed = "cafe\u{301}", precomposed = "caf\u{E9}"
        let document = try read([
            "doc.rst": "Main\n====\n\n.. include:: part.rst\n   :start-after: \(decomposed)\n",
            "part.rst": "Before \(precomposed)\n\nAfter text.\n",
        ])
        #expect(document.diagnostics.map(\.message) == ["the text of :start-after: is not in 'part.rst': \(decomposed)"])
        let same = try read([
            "doc.rst": "Main\n====\n\n.. include:: part.rst\n   :start-after: \(precomposed)\n",
            "part.rst": "Before \(precomposed)\n\nAfter text.\n",
        ])
        #expect(same.diagnostics.isEmpty)
        #expect(same.root.children.first?.children.map(\.plainText) == ["After text."])
    }
}
