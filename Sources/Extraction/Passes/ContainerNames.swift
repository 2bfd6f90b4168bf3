import StepAST

/// Pass container-names: `docker run … --name web` (or podman's) a second time
/// on the same path, with no `docker rm web` between, fails: the name is
/// taken. A page that does it shows another way to start the same container
/// ("To run it on a different port, say 12345:"), which the operator types
/// instead of the first, not after it: the later block is shown, not run.
/// So is a second unnamed container of one image started in the background
/// (`docker run -d -p 3478:3478 coturn/coturn`, then `docker run -d
/// --network=host coturn/coturn`) with nothing stopped between: the same
/// service again, another way to start it.
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
                    let removed = removedNames(words)
                    for name in removed { started[name] = nil }
                    // An unnamed container is removed by an id the page cannot give: any removal may be its.
                    if !removed.isEmpty { started = started.filter { !$0.key.hasPrefix("image ") } }
                    guard let name = startedName(words) ?? detachedImage(words).map({ "image " + $0 }) else { continue }
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
                because: { position in
                    let (name, line) = again[position]!
                    let what = name.hasPrefix("image ") ? "another container of image '\(name.dropFirst(6))' in the background" : "a container named '\(name)' again"
                    return "it starts \(what), which line \(line) started and nothing removed since: another way to start it"
                },
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

    /// The image of a `docker run -d IMAGE` that gives its container no name.
    static func detachedImage(_ words: [String]) -> String? {
        guard let (verb, arguments) = subcommand(words), verb == "run" else { return nil }
        var detached = false
        var expectsValue = false
        for word in arguments {
            if expectsValue { expectsValue = false; continue }
            if word == "--name" || word.hasPrefix("--name=") { return nil }
            if word == "--detach" || word.wholeMatch(of: /-[dit]+/) != nil {
                detached = detached || word == "--detach" || word.contains("d")
            } else if word.hasPrefix("-") {
                // An option with its value in the next word, unless it is a flag or holds it (`--network=host`).
                expectsValue = !word.contains("=") && !flags.contains(word)
            } else {
                return detached ? word : nil
            }
        }
        return nil
    }

    /// `docker run`'s options that take no value (besides `-d`, `-i`, `-t` and their combinations).
    static let flags: Set<String> = ["--rm", "--privileged", "--init", "-P", "--publish-all", "--read-only", "--interactive", "--tty",
                                     "--no-healthcheck", "--oom-kill-disable", "--quiet", "-q"]

    /// The names a `docker rm NAME…` (`container rm`, `rm -f`, `stop`, `kill`) frees or may free.
    static func removedNames(_ words: [String]) -> [String] {
        guard let (verb, arguments) = subcommand(words), ["rm", "stop", "kill"].contains(verb) else { return [] }
        return arguments.filter { !$0.hasPrefix("-") }
    }
}
