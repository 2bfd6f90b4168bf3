import StepAST

/// Pass container-names: `docker run … --name web` (or podman's) a second time
/// on the same path, with no `docker rm web` between, fails: the name is
/// taken. A page that does it shows another way to start the same container
/// ("To run it on a different port, say 12345:"), which the operator types
/// instead of the first, not after it: the later block is shown, not run.
enum ContainerNames {
    static func apply(to steps: inout [Step]) {
        // Each name started and not removed since: the path it was started on, and where.
        var started: [String: (path: String, line: Int)] = [:]
        for index in steps.indices where !steps[index].skipped {
            var again: [Int: (name: String, line: Int)] = [:]
            for (position, command) in steps[index].commands.enumerated() {
                let path = [steps[index].condition?.text, command.condition?.text].compactMap { $0 }.joined(separator: " and ")
                let lines = command.text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n")
                for line in lines {
                    let words = ShellWords.afterSudo(line)
                    for removed in removedNames(words) { started[removed] = nil }
                    guard let name = startedName(words) else { continue }
                    // Only a block that is this one command is shown; a longer one is left as it reads.
                    if let earlier = started[name], earlier.path == path, lines.count == 1 {
                        again[position] = (name, earlier.line)
                    } else if !(words.contains("--rm") && !words.contains("-d") && !words.contains("--detach")) {
                        started[name] = (path, command.range.start.line)
                    }
                }
            }
            let moved = steps[index].showInsteadOfRunning(
                at: again.keys.sorted(),
                because: { "it starts a container named '\(again[$0]!.name)' again, which line \(again[$0]!.line) started and nothing removed since: another way to start it" },
                pass: ReadingPass.containerNames.rawValue)
            if moved > 0, steps[index].commands.isEmpty, steps[index].kind == .command { steps[index].kind = .notice }
        }
    }

    /// A `docker`/`podman` command's verb (past `container`: `docker container rm`) and the words after it.
    static func subcommand(_ words: [String]) -> (verb: String, arguments: ArraySlice<String>)? {
        guard let tool = words.first, ["docker", "podman"].contains(tool) else { return nil }
        let rest = words.dropFirst().first == "container" ? words.dropFirst(2) : words.dropFirst()
        guard let verb = rest.first else { return nil }
        return (verb, rest.dropFirst())
    }

    /// The name a `docker run --name NAME` / `podman run --name=NAME` gives its container.
    static func startedName(_ words: [String]) -> String? {
        guard let (verb, arguments) = subcommand(words), verb == "run" || verb == "create" else { return nil }
        for (offset, word) in zip(arguments.indices, arguments) {
            if word.hasPrefix("--name=") { return String(word.dropFirst(7)) }
            if word == "--name", offset + 1 < arguments.endIndex { return arguments[offset + 1] }
        }
        return nil
    }

    /// The names a `docker rm NAME…` (`container rm`, `rm -f`, `stop`, `kill`) frees or may free.
    static func removedNames(_ words: [String]) -> [String] {
        guard let (verb, arguments) = subcommand(words), ["rm", "stop", "kill"].contains(verb) else { return [] }
        return arguments.filter { !$0.hasPrefix("-") }
    }
}
