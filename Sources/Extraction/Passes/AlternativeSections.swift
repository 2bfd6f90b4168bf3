import Foundation
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
    /// The lowercased words of a title, label or sentence, punctuation dropped:
    /// what the passes that read choices compare.
    static func words(_ text: some StringProtocol) -> [String] {
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
    }

    /// The choices a section's title offers, as (parameter, value): "Installing
    /// on Debian derivatives" is both a task and a platform.
    static func choices(_ title: String) -> [(String, String)] {
        let words = Self.words(title)
        guard let first = words.first else { return [] }
        if ["option", "method", "alternative", "approach", "variant", "mode", "scenario", "case", "way"].contains(first), words.count >= 2 {
            return [("OPTION", words[1])]
        }
        // "With pgxn" / "Without pgxn"; "With the Debian osfamily" / "With modules from CPAN": two ways, by what follows.
        if first == "without", words.count >= 2 { return [("WITH", first)] }
        if first == "with", words.count >= 2 {
            let way = words.dropFirst().filter { !["the", "a", "an"].contains($0) }.prefix(4).joined(separator: "-")
            return [("WITH", first)] + (way.isEmpty ? [] : [("METHOD", way)])
        }
        // "Using Systemd" / "Using SysV-Init": a way of doing what the parent section does.
        // Four written words at most ("Using pg_dump and pg_restore").
        if ["using", "via"].contains(first), words.count >= 2, title.split(separator: " ").count <= 4, method(words) == nil {
            return [("METHOD", words.dropFirst().joined(separator: "-"))]
        }
        return [task(words).map { ("TASK", $0) }, platform(words).map { ("PLATFORM", $0) }, (method(words) ?? usedTool(words)).map { ("METHOD", $0) }]
            .compactMap { $0 } + toolKinds(words)
    }

    /// Tools of one kind a host has one of: "Uncomplicated Firewall (ufw)" /
    /// "Firewalld", "Systemd" / "Upstart", "Nginx" / "Apache". Each kind is its
    /// own choice, so that "Configure Nginx" beside "Enable the systemd unit" chooses nothing.
    static func toolKinds(_ words: [String]) -> [(String, String)] {
        let kinds: [(String, [String: String])] = [
            ("FIREWALL", ["ufw": "ufw", "firewalld": "firewalld", "iptables": "iptables", "nftables": "nftables"]),
            ("INIT", ["systemd": "systemd", "upstart": "upstart", "sysvinit": "sysvinit", "openrc": "openrc", "runit": "runit",
                      "supervisor": "supervisor", "supervisord": "supervisor"]),
            ("WEBSERVER", ["nginx": "nginx", "apache": "apache", "apache2": "apache", "httpd": "apache", "caddy": "caddy",
                           "traefik": "traefik", "lighttpd": "lighttpd", "haproxy": "haproxy"]),
        ]
        return kinds.compactMap { name, tools in
            let found = Set(words.compactMap { tools[$0] })
            return found.count == 1 ? (name, found.first!) : nil
        }
    }

    /// What a title says it is done with, past its first word: "MySQL - using
    /// with `xtrabackup`" → xtrabackup, "Restore via the API" → api. Three words at most.
    static func usedTool(_ words: [String]) -> String? {
        guard let at = words.dropFirst().firstIndex(where: { ["using", "via"].contains($0) }) else { return nil }
        let tool = words[(at + 1)...].filter { !["with", "the", "a", "an"].contains($0) }
        return (1...3).contains(tool.count) ? tool.joined(separator: "-") : nil
    }

    /// A title naming a task: "Installation", "Upgrading", "Install Jitsi Meet",
    /// "Backing up Databases", "Recovery". Not an imperative step with an
    /// object ("Install the new code", "Update the dependencies").
    static func task(_ words: [String]) -> String? {
        let stems: [(String, String)] = [
            ("uninstall", "uninstall"), ("install", "install"), ("upgrad", "upgrade"), ("updat", "upgrade"), ("backup", "backup"),
            ("backing", "backup"), ("restor", "restore"), ("recover", "restore"), ("migrat", "migrate"), ("remov", "remove"),
            ("purg", "uninstall"), ("creat", "create"), ("add", "add"), ("delet", "remove"), ("disabl", "disable"), ("enabl", "enable"),
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

    /// Enable and disable, start and stop are tasks of a page only as a pair:
    /// "Enable SSL" beside "Install" is a step; "Disable auto-updates" beside
    /// "Re-enable auto-updates", a choice. Those of them alone among TASKS.
    static func unpairedToggles(_ tasks: [String]) -> Set<String> {
        [["enable", "disable"], ["start", "stop"]].reduce(into: Set<String>()) { unpaired, pair in
            let toggles = Set(tasks).intersection(pair)
            if toggles.count == 1 { unpaired.formUnion(toggles) }
        }
    }

    /// Every task a title names: "Quick and easy database backup and restore" → backup, restore.
    static func tasks(in title: String) -> Set<String> {
        let words = Self.words(title)
        return Set(words.compactMap { task([$0]) })
    }

    static func platform(_ words: [String]) -> String? {
        let names: [String: String] = [
            "debian": "debian", "ubuntu": "debian", "redhat": "redhat", "rhel": "redhat", "centos": "redhat", "fedora": "redhat",
            "rocky": "redhat", "rockylinux": "redhat", "alma": "redhat", "almalinux": "redhat", "suse": "suse", "sles": "suse",
            "opensuse": "suse", "macos": "macos", "mac": "macos", "osx": "macos", "windows": "windows", "freebsd": "freebsd",
            "docker": "docker", "kubernetes": "kubernetes", "k8s": "kubernetes", "binary": "binary", "arch": "arch", "alpine": "alpine",
            "unix": "unix", "linux": "linux", "gentoo": "gentoo", "nixos": "nixos", "void": "void", "chimera": "chimera",
            "amazon": "redhat", "amzn": "redhat", "oracle": "redhat", "mint": "debian", "raspbian": "debian", "manjaro": "arch",
            "openbsd": "openbsd", "netbsd": "netbsd", "solaris": "solaris", "illumos": "solaris", "smartos": "solaris",
        ]
        var found: Set<String> = []
        for (index, word) in words.enumerated() {
            if word == "red", index + 1 < words.count, words[index + 1] == "hat" { found.insert("redhat"); continue }
            // "OS X", "Mac OS X": macOS's older name, two words.
            if word == "os", index + 1 < words.count, words[index + 1] == "x" { found.insert("macos"); continue }
            if let name = names[word] { found.insert(name) }
        }
        // "Arch Linux", "Void Linux": the distribution, not Linux at large.
        if found.count > 1 { found.subtract(["linux", "unix"]) }
        return found.count == 1 ? found.first : nil
    }

    /// "Updating to v23.02 or higher" → ("Updating to # or higher", "v23.02"): one version in the title.
    static func versioned(_ title: String) -> (shape: String, version: String)? {
        let regex = try! NSRegularExpression(pattern: #"\bv?[0-9]+(\.[0-9x]+)+\b"#)
        let matches = regex.matches(in: title, range: NSRange(title.startIndex..., in: title))
        guard matches.count == 1, let range = Range(matches[0].range, in: title) else { return nil }
        return (title.replacingCharacters(in: range, with: "#"), String(title[range]))
    }

    /// "Debian 12 (Bookworm)", "Debian Buster", "Ubuntu 22.04": a title that is a
    /// distribution and its release, nothing else; the release by its codename when
    /// the title gives one, so that "Debian 11 (Bullseye)" and "Debian Buster" compare.
    static func distributionRelease(_ title: String) -> (shape: String, version: String)? {
        let words = title.lowercased().split { !($0.isLetter || $0.isNumber || $0 == ".") }.map(String.init)
        guard (2...3).contains(words.count), distributions.contains(words[0]) else { return nil }
        let rest = words.dropFirst()
        guard rest.allSatisfy({ codenames.contains($0) || $0.first?.isNumber == true }),
              let version = rest.first(where: codenames.contains) ?? rest.first else { return nil }
        return (words[0].capitalized + " #", version)
    }

    static let distributions: Set<String> = ["debian", "ubuntu", "fedora", "centos", "rhel", "rocky", "almalinux", "opensuse", "alpine", "raspbian"]
    static let codenames: Set<String> = ["jessie", "stretch", "buster", "bullseye", "bookworm", "trixie",
                                         "xenial", "bionic", "focal", "jammy", "noble", "oracular", "plucky"]

    /// The values a host's /etc/os-release can decide (rb_host_platform's families).
    static let hostPlatforms: Set<String> = ["debian", "redhat", "suse", "arch", "alpine", "gentoo", "nixos", "void", "chimera", "macos", "freebsd"]

    /// An install method a title names: "Using Docker Compose", "Upgrading a JAR",
    /// "From source", "Install with pip", "Debian package", "Manual HTTPS". One only.
    static func method(_ words: [String]) -> String? {
        let names: [String: String] = [
            "docker": "docker", "compose": "compose", "podman": "podman", "kubernetes": "kubernetes", "k8s": "kubernetes",
            "helm": "helm", "kustomize": "kustomize", "jar": "jar", "deb": "package", "rpm": "package", "package": "package",
            "packages": "package", "apt": "package", "dnf": "package", "yum": "package", "zypper": "package", "ppa": "package",
            "snap": "snap", "flatpak": "flatpak", "brew": "brew", "homebrew": "brew", "nix": "nix", "pip": "pip", "pipx": "pip",
            "tarball": "archive", "archive": "archive", "binary": "binary", "binaries": "binary", "source": "source",
            "sources": "source", "container": "docker", "containers": "docker", "ansible": "ansible", "portable": "archive",
            // "Automatic HTTPS with Let's Encrypt" / "Manual HTTPS with an existing key", "Updating Superset Manually".
            "automatic": "automatic", "automatically": "automatic", "automated": "automatic", "manual": "manual", "manually": "manual",
            "native": "native",
        ]
        var found: Set<String> = []
        for (index, word) in words.enumerated() {
            if let name = names[word] { found.insert(name) }
            // "Upgrade a bare-metal PostgreSQL server" / "Upgrade PostgreSQL in Docker".
            if word == "bare", index + 1 < words.count, words[index + 1] == "metal" { found.insert("bare-metal") }
        }
        // "Docker Compose" is one method.
        if found == ["docker", "compose"] { return "compose" }
        return found.count == 1 ? found.first : nil
    }

    /// Conditions the alternatives among each set of siblings, and among the
    /// blocks of a step, on a parameter for each kind of choice.
    static func apply(to steps: inout [Step], labels: inout [[[ChoiceLabel]]], parameters: inout [Parameter],
                      page: (title: String, prose: String) = ("", ""), passes: Set<ReadingPass> = Set(ReadingPass.allCases)) {
        // A `when` the author wrote decides for its step: no automatic choice is added to it.
        let authored = Set(steps.indices.filter { steps[$0].condition != nil })
        // Siblings: the steps right under one parent (index nil: the procedure).
        var groups: [Int?: [Int]] = [:]
        var stack: [Int] = []
        for index in steps.indices {
            while let top = stack.last, steps[top].depth >= steps[index].depth { stack.removeLast() }
            groups[stack.last, default: []].append(index)
            stack.append(index)
        }
        for parent in groups.keys.sorted(by: { ($0 ?? -1) < ($1 ?? -1) }) {
            let siblings = groups[parent]!.filter { !steps[$0].skipped && !steps[$0].inSequence && runsSomething($0, in: steps) }
            let above = parent.map { (title: steps[$0].title, prose: steps[$0].prose) } ?? page
            var choice = SiblingChoice(parent: parent, above: above, siblings: siblings, authored: authored)
            choice.byTitles(&steps, &parameters, passes: passes)
            choice.byShape(&steps, &parameters, passes: passes)
        }
        // Sections left unchosen whose blocks repeat each other with a word changed (repeated-blocks).
        let variants = passes.contains(.repeatedBlocks) && ExtractionContext.chooseRepeatedBlocks(across: &steps, labels: &labels)
        // Collapsed sections whose sub-steps each hold one alternative's commands.
        let details = distinct(labels.joined().joined().filter { $0.name == "DETAILS" }.map(\.value))
        let names = Set((variants ? ["VARIANT"] : []) + (details.count >= 2 ? ["DETAILS"] : []))
        // Blocks labelled with two platforms or more in the page are the platform choice, wherever they stand.
        for index in steps.indices { platformTabs(&labels[index]) }
        let platforms = distinct(labels.joined().joined().filter { $0.name == "PLATFORM" }.map(\.value))
        for index in steps.indices {
            chooseBlocks(&steps[index], labels: labels[index], parameters: &parameters, across: names.union(platforms.count >= 2 ? ["PLATFORM"] : []))
        }
    }

    /// One set of sibling sections, and the choices found among them so far:
    /// a section belongs to one choice at most.
    struct SiblingChoice {
        let parent: Int?
        /// The title and prose of the section the siblings stand in (the page's, at the top).
        let above: (title: String, prose: String)
        let siblings: [Int]
        let authored: Set<Int>
        var chosen = Set<Int>()
        var open: [Int] { siblings.filter { !chosen.contains($0) } }

        /// MEMBERS (section, value) are the options of choice NAME: each runs only when NAME has its value.
        mutating func choose(_ name: String, _ members: [(index: Int, value: String)], by pass: ReadingPass,
                             _ steps: inout [Step], _ parameters: inout [Parameter], _ reason: (String) -> String) {
            // A choice of the same kind inside one ("Using pg_upgrade" under "Upgrade a bare-metal
            // server", itself a METHOD) is another parameter, named after its section: one would never hold both values.
            var name = name
            if let parent, steps[parent].condition?.condition.names.contains(name) == true { name = parameterName(steps[parent].id) }
            ensure(name, distinct(members.map(\.value)), at: steps[members[0].index].range, in: &parameters)
            for (index, value) in members {
                chosen.insert(index)
                for member in subtree(index, in: steps) where !authored.contains(member) { condition(&steps[member], on: name, equal: value) }
                steps[index].decisions.append(ReadingDecision(line: steps[index].range.start.line, pass: pass.rawValue,
                                                              outcome: "choice \(name)=\(value)", reason: reason(value)))
            }
        }

        /// Titles that name the options: a platform or method each, a kind of one task, a release.
        mutating func byTitles(_ steps: inout [Step], _ parameters: inout [Parameter], passes: Set<ReadingPass>) {
            // "backup-push" / "backup-fetch": a command reference (before the tasks its titles' words might name).
            if passes.contains(.commandSections), let reference = CommandSections.members(open, in: steps) {
                choose("COMMAND", reference.members, by: .commandSections, &steps, &parameters) { _ in
                    "sibling sections each document a subcommand of \(reference.program) their blocks run: a reference, one is run"
                }
            }
            // "Back up Gateway entities" / "Restore Gateway entities": opposite tasks on one thing.
            if passes.contains(.oppositeTasks), let pair = OppositeTasks.members(open, in: steps), !surround(pair, in: steps) {
                choose("TASK", pair, by: .oppositeTasks, &steps, &parameters) { _ in
                    "sibling sections do opposite tasks to the same thing: one of them is done"
                }
            }
            // "Deploy without using the included NGINX" / "Deploy using the included NGINX".
            while passes.contains(.alternativeSections), let contrast = ContrastingTitles.members(open, in: steps) {
                choose(contrast.name, contrast.members, by: .alternativeSections, &steps, &parameters) { _ in
                    "sibling sections are the same but for a contrast (with or without, new or existing)"
                }
            }
            var byName: [String: [(index: Int, value: String)]] = [:]
            for index in open {
                for (name, value) in choices(steps[index].title) { byName[name, default: []].append((index, value)) }
            }
            if let tasks = byName["TASK"] {
                let dropped = unpairedToggles(tasks.map(\.value)).union(bracketing(tasks, in: steps))
                byName["TASK"] = tasks.filter { !dropped.contains($0.value) }
            }
            for name in byName.keys.sorted() where distinct(byName[name]!.map(\.value)).count >= 2 {
                choose(name, byName[name]!, by: .alternativeSections, &steps, &parameters) { "sibling sections offer a choice: its title names \($0)" }
            }
            // "Major version upgrade" / "Minor version upgrade": one kind of a task each.
            let kinds = open.compactMap { index in kindOfTask(steps[index].title).map { (index, $0) } }
            for (tail, members) in Dictionary(grouping: kinds, by: { $0.1.tail }) where members.count >= 2 && !tail.isEmpty
                && distinct(members.map { $0.1.kind }).count == members.count {
                choose("KIND", members.map { ($0.0, $0.1.kind) }, by: .alternativeSections, &steps, &parameters) { _ in
                    "sibling sections are kinds of one task (\(tail))"
                }
            }
            // "Ubuntu 24.04 Installation Script" / "Ubuntu 22.04 Installation Script": one release each.
            let versions = passes.contains(.versionSections) ? open.compactMap { index in (distributionRelease(steps[index].title) ?? versioned(steps[index].title)).map { (index, $0) } } : []
            for (shape, members) in Dictionary(grouping: versions, by: { $0.1.shape }) where members.count >= 2
                && distinct(members.map { $0.1.version }).count == members.count {
                choose("RELEASE", members.map { ($0.0, $0.1.version) }, by: .versionSections, &steps, &parameters) { _ in
                    "sibling sections differ only by their version (\(shape))"
                }
            }
        }

        /// A section titled "Alternative backup methods", "Alternatives", "Other ways" after
        /// one that runs something: that one, and the sections under the
        /// alternatives' (or the alternatives' section itself, with none) that run something.
        func alternativesAfter(_ steps: [Step]) -> (first: Int, alternatives: [Int])? {
            let open = self.open
            guard let position = open.firstIndex(where: { Self.titlesAlternatives(steps[$0].title) }), position > 0 else { return nil }
            let section = open[position]
            let under = AlternativeSections.subtree(section, in: steps).filter {
                steps[$0].depth == steps[section].depth + 1 && AlternativeSections.runsSomething($0, in: steps)
            }
            return (open[position - 1], under.isEmpty ? [section] : under)
        }

        static func titlesAlternatives(_ title: String) -> Bool {
            let words = AlternativeSections.words(title)
            guard let first = words.first, words.count <= 5 else { return false }
            if ["alternative", "alternatives", "alternate", "alternatively"].contains(first) { return true }
            return first == "other" && words.count >= 2 && ["ways", "methods", "options", "approaches"].contains(words.last!)
        }

        /// The LATER sections whose titles the sentence with "either" in PROSE names.
        func offeredByEither(_ prose: String, among later: [Int], in steps: [Step]) -> [Int] {
            let text = prose.lowercased()
            guard let either = text.range(of: "either ") else { return [] }
            let sentence = text[either.upperBound...].split(separator: ".").first ?? ""
            return later.filter { sentence.contains(steps[$0].title.lowercased()) }
        }

        /// "Enable maintenance mode", "Upgrade", "Disable maintenance mode": an
        /// enable and a disable section with a change between them are a
        /// sequence around it. With only looks between ("Check the status"),
        /// turning a thing off and on again is no procedure: they are tasks.
        func bracketing(_ tasks: [(index: Int, value: String)], in steps: [Step]) -> Set<String> {
            let toggles = tasks.filter { ["enable", "disable"].contains($0.value) }.map(\.index)
            guard let first = toggles.min(), let last = toggles.max() else { return [] }
            return changes(between: first, and: last, in: steps) ? ["enable", "disable"] : []
        }

        /// Whether PAIR (enable/disable, add/remove) surround a change: turned on for
        /// it and off after it, a sequence. A restore after a change is no sequence: it undoes it.
        func surround(_ pair: [(index: Int, value: String)], in steps: [Step]) -> Bool {
            guard !pair.contains(where: { OppositeTasks.undoing.contains($0.value) }) else { return false }
            return changes(between: pair[0].index, and: pair[1].index, in: steps)
        }

        /// Whether a sibling section between FIRST and LAST (and the sections under it) runs a command that changes something.
        func changes(between first: Int, and last: Int, in steps: [Step]) -> Bool {
            siblings.filter { $0 > first && $0 < last }.flatMap { subtree($0, in: steps) }
                .contains { steps[$0].commands.contains { !$0.onlyLooks } }
        }

        /// Sections that run the same commands with other arguments, and sections a sentence above announces as options.
        mutating func byShape(_ steps: inout [Step], _ parameters: inout [Parameter], passes: Set<ReadingPass>) {
            // "Latest Repositories" / "Legacy Repositories": the same commands with other arguments.
            if passes.contains(.parallelSections) {
                for members in ParallelSections.groups(open, in: steps) {
                    choose(parent.map { parameterName(steps[$0].id) } ?? "WAY", members, by: .parallelSections, &steps, &parameters) { _ in
                        "sibling sections run the same commands with other arguments: one of them is done"
                    }
                }
            }
            // "… can opt to install either the DKMS or kABI-tracking kmod style packages", then sections with those titles.
            for (position, index) in siblings.enumerated() {
                let offered = offeredByEither(steps[index].prose, among: siblings[(position + 1)...].filter { !chosen.contains($0) }, in: steps)
                guard offered.count >= 2 else { continue }
                choose(parent.map { parameterName(steps[$0].id) } ?? "WAY", offered.map { ($0, steps[$0].id) }, by: .alternativeSections, &steps, &parameters) { _ in
                    "a sentence before it offers either this section or another"
                }
            }
            // "Full backup", then "Alternative backup methods" holding one section per method.
            if let (first, alternatives) = alternativesAfter(steps) {
                choose(parent.map { parameterName(steps[$0].id) } ?? "WAY", [(first, steps[first].id)] + alternatives.map { ($0, steps[$0].id) },
                       by: .alternativeSections, &steps, &parameters) { _ in
                    "a later section is titled as the alternatives to the one before it"
                }
            }
            // "We provide two options", "Some examples are given below": the sections under it are the options.
            let name = parent.map { parameterName(steps[$0].id) } ?? "TASK"
            if announcesChoice(above.prose), open.count >= 2 {
                choose(name, open.map { ($0, steps[$0].id) }, by: .alternativeSections, &steps, &parameters) { _ in
                    "the section above announces a choice among the sections under it"
                }
            }
            // "Database Management", "Admin Commands", "Quick Reference": each section under it is a task of its own.
            if passes.contains(.taskCollections), TaskCollections.names(above.title), open.count >= 2 {
                let collection = above.title
                choose(name, open.map { ($0, steps[$0].id) }, by: .taskCollections, &steps, &parameters) { _ in
                    "the section above is titled as a collection of tasks (\(collection)): one of them is done"
                }
            }
        }
    }

    /// Tabs that are all platforms ("Ubuntu", "RHEL"), each another, are the platform choice: their labels become PLATFORM's.
    static func platformTabs(_ labels: inout [[ChoiceLabel]]) {
        let tabs = labels.compactMap(\.first).filter { $0.name == "TAB" }.map(\.value)
        let platforms = tabs.map { platform($0.split(separator: "-").map(String.init)) }
        // "Install on Red Hat 7" / "Install on Red Hat 8 or later": one platform, two tabs; they stay TAB's.
        guard !tabs.isEmpty, platforms.allSatisfy({ $0 != nil }), Set(platforms).count == Set(tabs).count else { return }
        for index in labels.indices {
            if let tab = labels[index].first, tab.name == "TAB" {
                labels[index] = [ChoiceLabel("PLATFORM", platform(tab.value.split(separator: "-").map(String.init))!)]
            }
        }
    }

    /// Blocks of one step labelled (LABELS, one list per command) with different
    /// platforms run only on theirs; so do blocks labelled with a name the page
    /// makes a choice of ACROSS its steps.
    static func chooseBlocks(_ step: inout Step, labels: [[ChoiceLabel]], parameters: inout [Parameter], across: Set<String> = []) {
        // Troubleshooting sections have shown their commands: nothing left to choose.
        guard labels.count == step.commands.count else { return }
        // A name is a choice when its labels in the step have two values or more;
        // a block runs when each of its labels that is a choice holds.
        let all = labels.flatMap { $0 }
        let chosen = distinct(all.map(\.name)).filter { name in across.contains(name) || distinct(all.filter { $0.name == name }.map(\.value)).count >= 2 }
        for name in chosen { ensure(name, distinct(all.filter { $0.name == name }.map(\.value)), at: step.range, in: &parameters) }
        for index in step.commands.indices where step.commands[index].condition == nil {
            // A block's own `when` decides for it.
            let tests = labels[index].filter { chosen.contains($0.name) }.map { label in
                When(text: "\(label.name) == '\(label.value)'", condition: .compare(.name(label.name), .equal, .literal(label.value)))
            }
            guard let first = tests.first else { continue }
            step.commands[index].condition = tests.dropFirst().reduce(first) { $0.and($1) }
        }
    }

    /// "Major version upgrade (e.g. from 5.x to 6.y)": the kind (major) and the
    /// task it qualifies (version upgrade).
    static func kindOfTask(_ title: String) -> (kind: String, tail: String)? {
        let bare = title.lowercased().split(separator: "(").first.map(String.init) ?? ""
        let words = Self.words(bare)
        guard words.count >= 2, task(Array(words.suffix(1))) != nil, task([words[0]]) == nil else { return nil }
        return (words[0], words.dropFirst().joined(separator: " "))
    }

    static func announcesChoice(_ prose: String) -> Bool {
        let text = prose.lowercased()
        return ["two options", "three options", "several options", "following options", "possible ways", "one of the following",
                "examples are given below", "choose one", "you can either", "two ways", "several ways", "two methods"]
            .contains { text.contains($0) }
    }

    static func parameterName(_ id: String) -> String {
        String(id.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.prefix(40))
    }

    /// The first two of ITEMS, in order, that MATCH: one pair among a set of siblings.
    static func firstPair<T>(_ items: [(index: Int, read: T)], _ match: (T, T) -> Bool) -> (first: (index: Int, read: T), second: (index: Int, read: T))? {
        for (position, first) in items.enumerated() {
            if let second = items[(position + 1)...].first(where: { match(first.read, $0.read) }) { return (first, second) }
        }
        return nil
    }

    static func distinct(_ values: [String]) -> [String] {
        values.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
    }

    /// One parameter per kind of choice: a second group of platforms adds its values.
    static func ensure(_ name: String, _ values: [String], at range: SourceRange, in parameters: inout [Parameter]) {
        if let index = parameters.firstIndex(where: { $0.name == name }) {
            let merged = distinct((parameters[index].choices ?? []) + values)
            parameters[index].choices = merged
            parameters[index].description = "the page's choice: " + merged.joined(separator: ", ")
            parameters[index].pattern = "(" + merged.joined(separator: "|") + ")"
            if name == "PLATFORM", !hostPlatforms.isDisjoint(with: merged) { parameters[index].hostFact = .platform }
        } else {
            var parameter = Parameter(name: name, description: "the page's choice: " + values.joined(separator: ", "),
                                      pattern: "(" + values.joined(separator: "|") + ")", range: range)
            parameter.choices = values
            // The host decides a platform choice when it is one of the values (rb_host_platform).
            if name == "PLATFORM", !hostPlatforms.isDisjoint(with: values) { parameter.hostFact = .platform }
            parameters.append(parameter)
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
        if let own = step.condition {
            step.condition = When(text: text, condition: choice).and(own)
        } else {
            step.condition = When(text: text, condition: choice)
        }
    }

}
