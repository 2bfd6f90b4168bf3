import Foundation
import Testing
import DocumentTree
import Lint
import MarkdownReader
import RSTReader
import RunbookCore

/// A bounded fuzz test: the readers (and, on a fifth of the cases, extraction
/// and lint) must return a result, never crash or hang,
/// on thousands of mutations of real documents (the seeds, our fixtures, docutils' own docs).
/// A fixed seed makes every run the same; a crash names its case number.
@Suite struct ReaderFuzzTests {
    /// SplitMix64: small, fast, and the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E3779B97F4A7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
            z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    }

    /// Fragments that mean something to one reader or the other.
    static let fragments = ["::", "..", ".. note::", ".. code-block:: sh", "=====", "-----", "+---+---+", "| a | b |",
                            "* ", "#. ", "(a) ", ":field: ", ">>> ", "| ", "`", "``", "**", "_", "|sub|", "\t", "    ",
                            "```", "~~~", "> ", "<!-- runbook: run=x -->", "- ", "1. ", "# ", "\\", "é", "\u{FEFF}", "\r"]

    static func corpus() throws -> [String] {
        let fixtures = TestSupport.packageRoot + "/Tests/RunbookTests/Fixtures"
        return try ["seeds/django-update.rst", "seeds/emaj-upgrade.rst", "rst/constructs.rst", "fault-matrix.md"].map {
            try #require(TestSupport.read(fixtures + "/" + $0))
        } + [try #require(TestSupport.read(TestSupport.packageRoot + "/docs-src/webapp-upgrade.md"))] + docutilsCorpus()
    }

    /// docutils' own RST files under 20 kB (script/docutils_corpus.sh fetches them once).
    static func docutilsCorpus() throws -> [String] {
        let corpus = try TestSupport.run(TestSupport.packageRoot + "/script/docutils_corpus.sh", [])
        guard corpus.status == 0 else { throw TestFailure("cannot get docutils' corpus: \(corpus.stderr)") }
        let files = corpus.stdout.split(separator: "\n").compactMap { TestSupport.read(String($0)) }.filter { $0.utf8.count < 20_000 }
        // An empty corpus would shrink the test to our own five documents without a word.
        guard files.count >= 50 else { throw TestFailure("docutils' corpus gave \(files.count) files under 20 kB, expected 50 or more") }
        return files
    }

    static func mutate(_ text: String, _ random: inout Random) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<(1 + random.below(6)) {
            guard !lines.isEmpty else { lines = [""]; continue }
            let at = random.below(lines.count)
            switch random.below(7) {
            case 0: lines.remove(at: at)
            case 1: lines.insert(lines[random.below(lines.count)], at: at)
            case 2: lines[at] = String(repeating: " ", count: random.below(9)) + lines[at]
            case 3: lines[at] = String(lines[at].drop { $0 == " " })
            case 4:
                let chars = Array(lines[at])
                let cut = random.below(chars.count + 1)
                lines[at] = String(chars[..<cut]) + fragments[random.below(fragments.count)] + String(chars[cut...])
            case 5: lines.insert(fragments[random.below(fragments.count)], at: at)
            default:
                let chars = Array(lines[at])
                lines[at] = String(chars.prefix(random.below(chars.count + 1)))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedDocumentsNeverCrashTheReaders() throws {
        let corpus = try Self.corpus()
        // RUNBOOK_FUZZ_CASES and RUNBOOK_FUZZ_SEED widen a local search; CI runs the fixed bound.
        let environment = ProcessInfo.processInfo.environment
        var random = Random(state: environment["RUNBOOK_FUZZ_SEED"].flatMap(UInt64.init) ?? 20261123)
        let cases = environment["RUNBOOK_FUZZ_CASES"].flatMap(Int.init) ?? 3000
        var nodes = 0
        for number in 0..<cases {
            let text = Self.mutate(corpus[number % corpus.count], &random)
            guard let source = try? SourceFile(path: "case-\(number)", relativePath: "case-\(number)", bytes: Array(text.utf8)) else { continue }
            let document = number % 2 == 0 ? RSTReader.read(source) : MarkdownReader.read(source)
            document.root.walk { _ in nodes += 1 }
            // Extraction and every lint rule run on the same trees: no input may crash them either.
            if number % 5 == 0 { _ = Linter.lint(document, name: "case") }
        }
        #expect(nodes > cases, "the readers produced trees")
    }
}
