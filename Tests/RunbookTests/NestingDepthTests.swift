import Foundation
import Testing

/// Input nested 100,000 levels deep, in both formats and every container that
/// nests (lists, block quotes, collapsed sections, emphasis): every command
/// ends on its own, with an error naming the limit (or, for emphasis, which
/// is not a container, a normal reading), never a crash.
@Suite struct NestingDepthTests {
    static let depth = 100_000

    static let pages: [(name: String, text: String, tooDeep: Bool)] = [
        ("list.rst", "Title\n=====\n\nStep\n----\n\n" + String(repeating: "- ", count: depth) + "x\n", true),
        ("quote.rst", "Title\n=====\n\nStep\n----\n\n" + (0..<200).map { String(repeating: " ", count: $0 * 2) + "quote \($0)\n\n" }.joined(), true),
        ("list.md", "# T\n\n## S\n\n" + String(repeating: "- ", count: depth) + "x\n", true),
        ("quote.md", "# T\n\n## S\n\n" + String(repeating: ">", count: depth) + " x\n", true),
        ("details.md", "# T\n\n## S\n\n" + String(repeating: "<details>\n\n", count: 5_000) + "x\n", true),
        ("emphasis.md", "# T\n\n## S\n\n" + String(repeating: "*", count: depth) + "x" + String(repeating: "*", count: depth) + "\n", false),
    ]

    @Test(arguments: pages.map(\.name))
    func everyCommandEndsWithAnErrorNotACrash(name: String) throws {
        let page = try #require(Self.pages.first { $0.name == name })
        let project = try TestSupport.temporaryDirectory("deep")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try TestSupport.write(page.text, to: project + "/docs-src/" + name)
        for arguments in [["ast", "docs-src/" + name], ["plan", "docs-src/" + name], ["lint", "docs-src/" + name], ["build"], ["check"]] {
            let result = try TestSupport.runbook(arguments, in: project)
            #expect(result.status == 0 || result.status == 1 || result.status == 2, "\(arguments) ended with \(result.status): \(result.stderr.prefix(300))")
            if page.tooDeep, arguments[0] != "check" {
                #expect(result.status == 2, "\(arguments): \(result.stdout.prefix(300)) \(result.stderr.prefix(300))")
                #expect((result.stdout + result.stderr).contains("nesting deeper than 100 levels"), "\(arguments)")
            }
        }
    }
}
