import RunbookCore
import StepAST

/// Sibling sections that offer a choice are never run one after the other:
/// "Installing on Debian" / "Installing on RedHat", "Option A" / "Option B",
/// "With pgxn" / "Without pgxn", an installation and an upgrade section, a
/// backup and a restore section. Each choice becomes a parameter whose allowed
/// values are the alternatives (PLATFORM, TASK, OPTION, WITH), and each
/// alternative's steps run only when it is chosen. A `when` the page gives
/// a section stays, joined to the choice with `and`.
enum AlternativeSections {
    /// The choices a section's title offers, as (parameter, value): "Installing
    /// on Debian derivatives" is both a task and a platform.
    static func choices(_ title: String) -> [(String, String)] {
        let words = title.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard let first = words.first else { return [] }
        if ["option", "method", "alternative", "approach", "variant"].contains(first), words.count >= 2 { return [("OPTION", words[1])] }
        if first == "with" || first == "without", words.count >= 2 { return [("WITH", first)] }
        return [task(words).map { ("TASK", $0) }, platform(words).map { ("PLATFORM", $0) }].compactMap { $0 }
    }

    /// A title naming a task: "Installation", "Upgrading", "Install Jitsi Meet",
    /// "Backing up Databases", "Recovery". Not an imperative step with an
    /// object ("Install the new code", "Update the dependencies").
    static func task(_ words: [String]) -> String? {
        let stems: [(String, String)] = [
            ("uninstall", "uninstall"), ("install", "install"), ("upgrad", "upgrade"), ("updat", "upgrade"), ("backup", "backup"),
            ("backing", "backup"), ("restor", "restore"), ("recover", "restore"), ("migrat", "migrate"), ("remov", "uninstall"),
            ("purg", "uninstall"),
        ]
        // An imperative with its object is a step of the procedure, not a task of the page.
        let articles: Set<String> = ["the", "a", "an", "your", "our", "new", "its", "this", "these", "all", "any",
                                     "le", "la", "les", "l", "un", "une", "des", "du", "de"]
        var found: Set<String> = []
        for (index, word) in words.prefix(2).enumerated() where words.count <= 7 {
            guard let stem = stems.first(where: { word.hasPrefix($0.0) }) else { continue }
            // "back up" and "backing up" are one task.
            if index == 0, words.count > 1, articles.contains(words[1]) { return nil }
            found.insert(stem.1)
        }
        return found.count == 1 ? found.first : nil
    }

    static func platform(_ words: [String]) -> String? {
        let names: [String: String] = [
            "debian": "debian", "ubuntu": "debian", "redhat": "redhat", "rhel": "redhat", "centos": "redhat", "fedora": "redhat",
            "rocky": "redhat", "rockylinux": "redhat", "alma": "redhat", "almalinux": "redhat", "suse": "suse", "sles": "suse",
            "opensuse": "suse", "macos": "macos", "mac": "macos", "osx": "macos", "windows": "windows", "freebsd": "freebsd",
            "docker": "docker", "kubernetes": "kubernetes", "k8s": "kubernetes", "binary": "binary", "arch": "arch", "alpine": "alpine",
        ]
        var found: Set<String> = []
        for (index, word) in words.enumerated() {
            if word == "red", index + 1 < words.count, words[index + 1] == "hat" { found.insert("redhat"); continue }
            if let name = names[word] { found.insert(name) }
        }
        return found.count == 1 ? found.first : nil
    }

    /// Conditions the alternatives among each set of siblings on a new parameter.
    static func apply(to steps: inout [Step], parameters: inout [Parameter]) {
        // Siblings: the steps right under one parent (index nil: the procedure).
        var groups: [Int?: [Int]] = [:]
        var stack: [Int] = []
        for index in steps.indices {
            while let top = stack.last, steps[top].depth >= steps[index].depth { stack.removeLast() }
            groups[stack.last, default: []].append(index)
            stack.append(index)
        }
        for parent in groups.keys.sorted(by: { ($0 ?? -1) < ($1 ?? -1) }) {
            let siblings = groups[parent]!
            var byName: [String: [(index: Int, value: String)]] = [:]
            for index in siblings where !steps[index].skipped {
                guard runsSomething(index, in: steps) else { continue }
                for (name, value) in choices(steps[index].title) { byName[name, default: []].append((index, value)) }
            }
            for name in byName.keys.sorted() {
                let alternatives = byName[name]!
                let values = alternatives.map(\.value).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                guard values.count >= 2 else { continue }
                let parameter = uniqueName(name, parameters)
                parameters.append(Parameter(name: parameter, description: "the page's choice: " + values.joined(separator: ", "),
                                            pattern: "(" + values.joined(separator: "|") + ")", range: steps[alternatives[0].index].range))
                for (index, value) in alternatives {
                    for member in subtree(index, in: steps) { condition(&steps[member], on: parameter, equal: value) }
                }
            }
        }
    }

    static func runsSomething(_ index: Int, in steps: [Step]) -> Bool {
        subtree(index, in: steps).contains { steps[$0].kind == .command }
    }

    /// A step and the steps under it.
    static func subtree(_ index: Int, in steps: [Step]) -> [Int] {
        var members = [index]
        var next = index + 1
        while next < steps.count, steps[next].depth > steps[index].depth {
            members.append(next)
            next += 1
        }
        return members
    }

    static func condition(_ step: inout Step, on parameter: String, equal value: String) {
        let choice = Condition.compare(.name(parameter), .equal, .literal(value))
        let text = "\(parameter) == '\(value)'"
        if let own = step.condition, let parsed = step.parsedCondition {
            step.condition = "(\(text)) and (\(own))"
            step.parsedCondition = .and(choice, parsed)
        } else {
            step.condition = text
            step.parsedCondition = choice
        }
    }

    static func uniqueName(_ name: String, _ parameters: [Parameter]) -> String {
        var candidate = name
        var number = 2
        while parameters.contains(where: { $0.name == candidate }) {
            candidate = "\(name)_\(number)"
            number += 1
        }
        return candidate
    }
}
