import StepAST

/// Pass command-sections: a command reference. Sibling sections titled each
/// by a subcommand (`backup-push`, `backup-fetch`, `binlog-replay`; or with the
/// program, `wal-g backup-push`) whose blocks run that subcommand of one
/// program document what the tool can do: the operator runs the one the task
/// needs, not each after the other. They are one choice, COMMAND.
enum CommandSections {
    /// The sections among SECTIONS that are a command reference, with the
    /// subcommand each documents: two or more, of one program, all different.
    static func members(_ sections: [Int], in steps: [Step]) -> (program: String, members: [(index: Int, value: String)])? {
        var byProgram: [String: [(index: Int, value: String)]] = [:]
        for index in sections {
            guard let (program, subcommand) = documented(by: index, in: steps) else { continue }
            byProgram[program, default: []].append((index, subcommand))
        }
        let groups = byProgram.filter { $0.value.count >= 2 && Set($0.value.map(\.value)).count == $0.value.count }
        guard let best = groups.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) }) else { return nil }
        return (best.key, best.value)
    }

    /// The program and subcommand section INDEX documents: its title is the
    /// subcommand as typed (lower case, one word, after the program's name
    /// when given), and one of its own commands runs the program with that
    /// word among its first words ("wal-g backup-fetch LATEST", "app -c FILE migrate").
    static func documented(by index: Int, in steps: [Step]) -> (program: String, subcommand: String)? {
        let title = steps[index].title.split(separator: " ").map(String.init)
        guard (1...2).contains(title.count), title.allSatisfy(isCommandWord), let subcommand = title.last else { return nil }
        for command in steps[index].commands where command.interpreter.isShell {
            for line in command.text.split(separator: "\n") {
                let words = ShellWords.afterSudo(line)
                guard let program = words.first, title.count == 1 || title[0] == program else { continue }
                if words.dropFirst().prefix(4).contains(subcommand) { return (program, subcommand) }
            }
        }
        return nil
    }

    /// A word as a command line types it: lower case letters and digits, joined by `-`, `_`, `:` or `.`.
    static func isCommandWord(_ word: String) -> Bool {
        word.wholeMatch(of: /[a-z][a-z0-9]*(?:[-_:.][a-z0-9]+)*/) != nil
    }
}
