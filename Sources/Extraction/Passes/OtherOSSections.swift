import StepAST

/// Pass `other-os-sections`: a generated script runs on Linux (bash 5.1, GNU
/// coreutils, util-linux), so a section whose title names only macOS, Windows
/// or FreeBSD is skipped, and a block that is one of those systems' choice
/// (a tab, a label, a line's comment) is shown, never run.
enum OtherOSSections {
    static let systems: Set<String> = ["macos", "windows", "freebsd", "openbsd", "netbsd", "solaris"]

    /// "Here is a script that works on FreeBSD:", "On FreeBSD you have to use
    /// `gmake`:": a sentence before a block that says it is for another system
    /// (on, for, under it) and names no other platform.
    static func announced(_ sentence: String) -> String? {
        guard sentence.hasSuffix(":") else { return nil }
        let words = AlternativeSections.words(sentence)
        guard let system = AlternativeSections.platform(words), systems.contains(system) else { return nil }
        return zip(words, words.dropFirst()).contains { ["on", "for", "under"].contains($0.0) && AlternativeSections.platform([$0.1]) == system }
            ? system : nil
    }

    /// Sections, before the choices among siblings are made.
    static func skipSections(_ steps: inout [Step]) {
        for index in steps.indices where !steps[index].skipped {
            let words = AlternativeSections.words(steps[index].title)
            guard let system = AlternativeSections.platform(words), systems.contains(system) else { continue }
            for member in AlternativeSections.subtree(index, in: steps) { steps[member].skipped = true }
            steps[index].decisions.append(ReadingDecision(line: steps[index].range.start.line, pass: ReadingPass.otherOSSections.rawValue,
                                                          outcome: "skipped", reason: "a section for \(system): a generated script runs on Linux"))
        }
    }

    /// Blocks chosen for another system, once the block choices are known, and
    /// blocks of another system's package manager (`brew`, `port`, `choco`, `winget`, `scoop`).
    static func showBlocks(_ steps: inout [Step], labels: [[[ChoiceLabel]]]) {
        for index in steps.indices where labels[index].count == steps[index].commands.count {
            // "Via Homebrew (Linux and macOS)": the page says it runs here too.
            let saysLinux = AlternativeSections.words(steps[index].title + " " + steps[index].prose).contains("linux")
            let systems = zip(labels[index], steps[index].commands).map { system($0) ?? (saysLinux ? nil : system(of: $1)) }
            let moved = steps[index].showInsteadOfRunning(at: systems.indices.filter { systems[$0] != nil },
                                                          because: { "for \(systems[$0]!): a generated script runs on Linux" },
                                                          pass: ReadingPass.otherOSSections.rawValue)
            if moved > 0, steps[index].commands.isEmpty, steps[index].kind == .command { steps[index].kind = .notice }
        }
    }

    /// The other system every line of a shell command installs for, by its package manager.
    static func system(of command: Command) -> String? {
        guard command.interpreter.isShell else { return nil }
        let managers = ["brew": "macos", "port": "macos", "choco": "windows", "winget": "windows", "scoop": "windows"]
        let lines = command.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let found = Set(lines.map { ShellWords.afterSudo(Substring($0)).first.flatMap { managers[$0] } })
        guard found.count == 1, let only = found.first else { return nil }
        return only
    }

    /// The other system a command was chosen for (a tab, a label, a line's comment), if any: from its LABELS.
    static func system(_ labels: [ChoiceLabel]) -> String? {
        guard let choice = labels.first, choice.name == "PLATFORM", systems.contains(choice.value) else { return nil }
        return choice.value
    }
}
