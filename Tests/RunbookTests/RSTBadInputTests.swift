import Foundation
import Testing

/// Malformed RST gets a diagnostic at the line where docutils reports one:
/// a warning where docutils warns (levels 2 and 3: it goes on), an error where
/// it gives up on a construct (level 4, severe). docutils is run on each doc.
@Suite struct RSTBadInputTests {
    static let cases: [(name: String, files: [String: String])] = [
        ("unterminated inline markup", ["doc.rst": "Title\n=====\n\nSome *emphasis never closed.\n\nAnd ``a literal too.\n\nAnd `a reference.\n"]),
        ("short underline", ["doc.rst": "A long title\n=====\n\nText.\n"]),
        ("inconsistent indentation", ["doc.rst": "Title\n=====\n\nA term\n   its definition\nunindented at once\n\n   A quote\nunindented at once\n\n- item\nunindented at once\n"]),
        ("malformed grid table", ["doc.rst": "Title\n=====\n\n+-----+-----+\n| a   | b   |\n+-----+\n| c   | d   |\n+-----+-----+\n"]),
        ("missing include", ["doc.rst": "Title\n=====\n\n.. include:: nowhere.rst\n"]),
        ("include cycle", ["doc.rst": "Title\n=====\n\n.. include:: part.rst\n", "part.rst": "Part text.\n\n.. include:: doc.rst\n"]),
        ("text missing from an included file", ["doc.rst": "Title\n=====\n\n.. include:: part.rst\n   :start-after: NOT THERE\n", "part.rst": "Part.\n"]),
    ]

    /// (file, line, level) of each docutils system message at level 2 or more.
    func docutilsMessages(_ dir: String) throws -> [String] {
        let script = """
        import io, re, sys
        from docutils.core import publish_doctree
        stream = io.StringIO()
        publish_doctree(open('doc.rst').read(), source_path='doc.rst',
                        settings_overrides={'warning_stream': stream, 'halt_level': 5, 'report_level': 2})
        for m in re.finditer(r'^(\\S+?):(\\d+): \\((\\w+)/(\\d)\\)', stream.getvalue(), re.M):
            print(m.group(1), m.group(2), 'error' if int(m.group(4)) >= 4 else 'warning')
        """
        let result = try TestSupport.run("python3", ["-c", script], in: dir)
        guard result.status == 0 else { throw TestFailure("docutils failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test(arguments: cases.map(\.name))
    func diagnosticsStandWhereDocutilsReports(name: String) throws {
        let files = try #require(Self.cases.first { $0.name == name }).files
        let dir = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (file, text) in files { try TestSupport.write(text, to: dir + "/" + file) }
        let expected = try docutilsMessages(dir)
        #expect(!expected.isEmpty, "docutils reports nothing: the case is not bad input")
        let result = try TestSupport.runbook(["ast", "doc.rst"], in: dir)
        // A missing include (RB111) is docutils' severe message, and `ast` goes on
        // past it as docutils does: a warning by design, the same finding at the same line.
        let missingInclude = result.stderr.contains("[RB111]")
        #expect(result.status == (expected.contains { $0.hasSuffix(" error") } && !missingInclude ? 2 : 0), "\(result.stderr)")
        // runbook's diagnostics as "file line severity", columns dropped (docutils gives none).
        let ours = result.stderr.split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: ":", maxSplits: 4).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 4 else { return nil }
            return "\(parts[0]) \(parts[1]) \(line.contains("[RB111]") ? "error" : parts[3])"
        }
        for message in expected {
            #expect(ours.contains(message), "docutils reports '\(message)'; runbook: \(result.stderr)")
        }
    }
}
