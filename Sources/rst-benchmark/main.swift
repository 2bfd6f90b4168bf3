// Parses RST files with runbook's reader, in one process, and prints the
// throughput: benchmarks/rst-speed.sh runs it beside docutils on the same files.
//   rst-benchmark [--rounds N] FILE...
import Foundation
import RSTReader
import RunbookCore

var arguments = Array(CommandLine.arguments.dropFirst())
var rounds = 5
if arguments.first == "--rounds", arguments.count > 1, let n = Int(arguments[1]) {
    rounds = n
    arguments.removeFirst(2)
}
let sources = arguments.compactMap { try? SourceFile.load(path: $0, relativePath: $0) }
let bytes = sources.reduce(0) { $0 + $1.text.utf8.count }
var nodes = 0
let clock = ContinuousClock()
// The best of several rounds, as timeit does for the Python side.
var best = Duration.seconds(1_000_000)
for _ in 0..<rounds {
    let elapsed = clock.measure {
        for source in sources { nodes += RSTReader.read(source).root.children.count }
    }
    best = min(best, elapsed)
}
let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
print(String(format: "runbook: %d files, %.2f MB in %.3f s: %.2f MB/s (%d top-level nodes)",
             sources.count, Double(bytes) / 1e6, seconds, Double(bytes) / 1e6 / seconds, nodes / rounds))
