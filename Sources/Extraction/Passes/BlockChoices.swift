import DocumentTree
import Foundation
import StepAST

/// The passes that make blocks inside one step alternatives of a choice:
/// `content-tabs`, `platform-labels`, `line-platforms`,
/// `alternative-paragraphs` and `task-labels`. Each marks commands with the
/// choice they belong to; `alternative-sections` then conditions them.
extension ExtractionContext {
    /// Pass content-tabs: `tabs`/`tab-set` hold tabs; each `tab`/`tab-item` is one
    /// alternative. True when the node was a tab container or a tab, read here.
    mutating func readTabs(_ node: Node, into draft: inout StepDraft) -> Bool {
        guard passes.contains(.contentTabs), case .directive(let name, let title) = node.kind else { return false }
        switch name.lowercased() {
        case "tabs", "tab-set":
            process(node.children, into: &draft)
            return true
        case "tab", "group-tab", "tab-item":
            let first = draft.commands.count
            process(node.children, into: &draft)
            let value = StepIdentifier.slug(title)
            draft.mark("TAB", value, from: first, overriding: true)
            if first < draft.commands.count { draft.decide(node.range.start.line, .contentTabs, "choice TAB=\(value)", "a content tab titled '\(title)'") }
            return true
        default:
            return false
        }
    }

    /// Pass details-blocks: a collapsed `<details>` section the operator opens
    /// or not; several in one step are a choice (DETAILS, by their summaries).
    mutating func readDetails(_ node: Node, into draft: inout StepDraft) -> Bool {
        guard case .directive("details", let summary) = node.kind else { return false }
        let first = draft.commands.count, firstChild = draft.children.count
        process(node.children, into: &draft)
        guard passes.contains(.detailsBlocks) else { return true }
        let value = StepIdentifier.slug(summary)
        draft.mark("DETAILS", value, from: first)
        // Numbered steps inside it (sub-steps) are that alternative's too.
        for child in firstChild..<draft.children.count { draft.childLabels[child] = ChoiceLabel("DETAILS", value) }
        if first < draft.commands.count || firstChild < draft.children.count {
            draft.decide(node.range.start.line, .detailsBlocks, "choice DETAILS=\(value)", "a collapsed section, '\(summary)'")
        }
        return true
    }

    /// A task label read in a step: the first command it covers, its task, the words after its verb, its line.
    typealias TaskLabel = (from: Int, task: String, object: [String], line: Int)

    /// "To restore, …", "Back up with the following command:", "And restore
    /// with:", "To stop Node-RED": the task the paragraph starts, and the words
    /// after its verb (pass task-labels). Without "To", only a task named with
    /// no object, then how it is done and a colon: "Back up the database:" is a
    /// step of the procedure, not a task of the page.
    func taskLabel(_ text: String) -> (task: String, object: [String])? {
        guard passes.contains(.taskLabels) else { return nil }
        var words = text.lowercased().split { !$0.isLetter }.map(String.init)[...]
        let purpose = words.first == "to"
        if purpose {
            words = words.dropFirst()
        } else {
            guard text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix(":") else { return nil }
            if words.first == "and" || words.first == "or" { words = words.dropFirst() }
        }
        guard let verb = words.first else { return nil }
        words = words.dropFirst()
        // "To start Node-RED" beside "To stop Node-RED": service operations (tasks as a pair only).
        let toggle = purpose && ["start", "stop"].contains(verb) ? verb : nil
        // "back up" is the one task of two words.
        let task = verb == "back" && words.first == "up" ? "backup" : AlternativeSections.task([verb]) ?? toggle
        if verb == "back", task != nil { words = words.dropFirst() }
        guard let task else { return nil }
        return purpose || words.isEmpty || ["with", "using", "via", "by"].contains(words.first!) ? (task, Array(words)) : nil
    }

    /// Commands after each task label do that task; those before the first,
    /// the one other task the step's title names ("backup and restore"). A
    /// start and a stop are tasks only when done to one thing: "To stop the
    /// service", then "To start it again" is a restart.
    func labelTasks(_ labels: [TaskLabel], in draft: inout StepDraft) {
        guard let first = labels.first else { return }
        let named = AlternativeSections.tasks(in: draft.title)
        let bounds = labels.map(\.from) + [draft.commands.count]
        var unpaired = AlternativeSections.unpairedToggles(labels.map(\.task))
        if Set(labels.filter { ["start", "stop"].contains($0.task) }.map(\.object)).count > 1 { unpaired.formUnion(["start", "stop"]) }
        for (index, label) in labels.enumerated() where !unpaired.contains(label.task) {
            draft.mark("TASK", label.task, from: bounds[index], to: bounds[index + 1])
            draft.decide(label.line, .taskLabels, "choice TASK=\(label.task)", "the paragraph before it names the task '\(label.task)'")
        }
        let others = named.subtracting(labels.map(\.task))
        if others.count == 1, let other = others.first { draft.mark("TASK", other, from: 0, to: first.from) }
    }

    /// "To migrate all containers:", "For example, to test it first:": a sentence that gives the purpose of one command.
    static func statesPurpose(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        return sentence.hasSuffix(":") && (sentence.hasPrefix("to ") || sentence.hasPrefix("for example, to "))
    }

    /// Pass alternative-paragraphs: consecutive blocks of one command each,
    /// each announced by its purpose ("To migrate all containers:", "To
    /// migrate only `lxc1`:"), that run the same program and subcommand with
    /// other arguments: ways of doing one thing, of which one is done.
    func choosePurposeVariants(in draft: inout StepDraft) {
        guard passes.contains(.alternativeParagraphs) else { return }
        let list = draft.purposes, commands = draft.commands
        let runs = ConsecutiveRuns.of(list.count) { start, end in
            list[end].command == list[end - 1].command + 1
                && Self.sameProgramOtherArguments(commands[list[start].command].text, commands[list[end].command].text)
        }
        for run in runs {
            let members = Array(list[run])
            // Already told apart as tasks ("To stop …:" / "To start …:").
            let tasks = Set(members.compactMap { member in draft.labels[member.command].first { $0.name == "TASK" }?.value })
            if tasks.count >= 2 { continue }
            let sentences = members.map { $0.sentence.lowercased().hasPrefix("for example, ") ? String($0.sentence.dropFirst(13)) : $0.sentence }
            let values = ParallelSections.distinguishingWords(sentences) ?? members.indices.map { String($0 + 1) }
            for (member, value) in zip(members, values) {
                draft.mark("WAY", value, from: member.command, to: member.command + 1)
                draft.decide(member.line, .alternativeParagraphs, "choice WAY=\(value)",
                             "blocks that run one program with other arguments, each for a purpose of its own")
            }
        }
    }

    /// One line each, the same program (past `sudo`) and subcommand (a second word that is not an option), other arguments.
    static func sameProgramOtherArguments(_ a: String, _ b: String) -> Bool {
        guard a != b, !a.contains("\n"), !b.contains("\n") else { return false }
        let x = ParallelSections.words(a), y = ParallelSections.words(b)
        guard let program = x.first, program == y.first, x.count >= 2, y.count >= 2 else { return false }
        let subcommand = { (words: [Substring]) in words[1].hasPrefix("-") ? nil : words[1] }
        return subcommand(x) == subcommand(y)
    }

    /// Pass alternative-paragraphs: "Alternatively, …", "Or, …", "Ou bien …", "Sinon, …": what follows is another way.
    func offersAlternative(_ text: String) -> Bool {
        guard passes.contains(.alternativeParagraphs) else { return false }
        let lowered = text.lowercased()
        if ["alternatively", "or,", "or you can", "ou bien", "sinon,", "as an alternative", "if you're not using", "if you’re not using",
            "if you are not using", "if you don't use", "if you do not use"].contains(where: { lowered.hasPrefix($0) }) { return true }
        // The sentence that announces the block says it replaces the one
        // before: "You can use an alternative step:", "… use this instead:",
        // "If you use docker compose, you can do the same with:", "Or the following …:".
        let trimmed = lowered.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix(":") else { return false }
        let sentence = trimmed.components(separatedBy: ". ").last ?? trimmed
        let words = AlternativeSections.words(sentence)
        // "Or the following if you are using docker-compose:", "… you can alternatively run this command:".
        if ["or the following", "or this", "or these", "or if ", "or when ", "or use ", "or run "].contains(where: trimmed.hasPrefix) { return true }
        return words.contains("alternative") || words.contains("alternatively") || words.contains("instead") || sentence.contains("do the same")
    }

    /// Pass line-platforms: `sudo apt-get install x  # on Debian/Ubuntu` and
    /// `sudo yum install x  # on RedHat`: each line with the platform its
    /// comment names, when they name two or more.
    func linePlatforms(_ text: String, firstLine: Int) -> [(line: ConsoleTranscript.Line, platform: String)]? {
        guard passes.contains(.linePlatforms) else { return nil }
        var result: [(ConsoleTranscript.Line, String)] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard !line.hasPrefix("#"), case let (command, comment?) = Self.trailingComment(line),
                  let platform = AlternativeSections.platform(AlternativeSections.words(comment)) else { return nil }
            result.append((ConsoleTranscript.Line(text: command, firstLine: firstLine + offset, lastLine: firstLine + offset), platform))
        }
        return Set(result.map(\.1)).count >= 2 ? result : nil
    }

    /// Each line's platform (pass line-platforms) on its command.
    func choosePlatforms(_ platforms: [String], for labels: inout [[ChoiceLabel]], line: Int, in draft: inout StepDraft) {
        chooseEach("PLATFORM", platforms, for: &labels)
        draft.decide(line, .linePlatforms, "choice PLATFORM", "each line names its platform in a comment")
    }

    /// Each command its own value of choice NAME (none where the value is nil).
    func chooseEach(_ name: String, _ values: [String?], for labels: inout [[ChoiceLabel]]) {
        for (index, value) in zip(labels.indices, values) { if let value { labels[index] = [ChoiceLabel(name, value)] } }
    }

    /// "**Red Hat**" right before a block, or `# For RHEL/CentOS/Fedora` as its
    /// first line: one platform's commands, beside others'.
    func choosePlatform(announcedBy announcement: String?, text: String, for labels: inout [[ChoiceLabel]], line: Int, in draft: inout StepDraft) {
        if labels.allSatisfy(\.isEmpty), let platform = leadingCommentPlatform(text) {
            chooseEach("PLATFORM", Array(repeating: platform, count: labels.count), for: &labels)
            draft.decide(line, .platformLabels, "choice PLATFORM=\(platform)", "its first line is a comment that names only a platform")
            return
        }
        guard let announcement else { return }
        if let platform = platformLabel(announcement) {
            chooseEach("PLATFORM", Array(repeating: platform, count: labels.count), for: &labels)
            draft.decide(line, .platformLabels, "choice PLATFORM=\(platform)", "the paragraph before it names only a platform")
        } else if passes.contains(.otherOSSections), let system = OtherOSSections.announced(announcement) {
            chooseEach("PLATFORM", Array(repeating: system, count: labels.count), for: &labels)
            draft.decide(line, .otherOSSections, "choice PLATFORM=\(system)", "the sentence before it says the block is for \(system)")
        } else if let release = releaseLabel(announcement) {
            chooseEach("RELEASE", Array(repeating: release, count: labels.count), for: &labels)
            draft.decide(line, .releaseLabels, "choice RELEASE=\(release)", "the sentence before it says the block is for \(release)")
        } else if let label = blockLabel(announcement) {
            // Decided, or dropped, once the step is read (settleBlockLabels).
            chooseEach("LABEL", Array(repeating: label, count: labels.count), for: &labels)
        }
    }

    /// Pass comment-alternatives: "You can enable it by one of the following
    /// ways:" before a script whose lines stand under comment headers
    /// (`# AlmaLinux 8`, `# Oracle Linux 9`): each group is one way (WAY, by
    /// its comment); the lines before the first header are common to all.
    /// Headers that each name a platform (`# Debian/Ubuntu`, `# CentOS/RHEL`)
    /// are a choice by themselves, PLATFORM, with or without such a sentence.
    func commentAlternatives(_ text: String, firstLine: Int, announcement: String?) -> BlockWays? {
        guard passes.contains(.commentAlternatives) else { return nil }
        let (groups, announcedInside) = Self.commentGroups(text, firstLine: firstLine)
        let announced = announcedInside || (announcement.map(Self.offersWays) ?? false)
        // "You can use either of the following commands:" before lines with no header, or
        // "Restart it using systemctl, or using ejabberdctl, or reload its configuration:"
        // before as many lines as the sentence gives ways: one way each.
        let ors = announcement.map { sentence in
            sentence.hasSuffix(":") ? sentence.lowercased().split(whereSeparator: \.isWhitespace).filter { $0 == "or" }.count : 0
        } ?? 0
        if announced || (ors >= 1 && ors + 1 == groups[0].lines.count), groups.count == 1, groups[0].lines.count >= 2,
           !groups[0].lines.contains(where: { $0.1.hasSuffix("\\") }) {
            let lines = groups[0].lines
            return BlockWays(choice: "WAY", groups: zip(lines, Self.wayNames(lines.map(\.1))).map { line, name in
                (Self.joined([line]), StepIdentifier.slug(name))
            }, pass: .commentAlternatives, reason: Self.waysReason)
        }
        if let ways = Self.selectedLine(groups, announcement: announcement) { return ways }
        if let ways = orWays(groups) { return ways }
        let ways = groups.filter { $0.header != nil && !$0.lines.isEmpty }
        guard ways.count >= 2, ways.count == groups.count - 1 else { return nil }
        let platforms = ways.map { AlternativeSections.platform(AlternativeSections.words($0.header!)) }
        let byPlatform = platforms.allSatisfy { $0 != nil } && Set(platforms.compactMap { $0 }).count == ways.count
        guard announced || byPlatform || ways.allSatisfy({ Self.namesWhatTheHostUses($0.header!) }) else { return nil }
        var platformOf: [String: String] = [:]
        for (way, platform) in zip(ways, platforms) { platformOf[way.header!] = platform }
        return BlockWays(choice: byPlatform ? "PLATFORM" : "WAY", groups: groups.filter { !$0.lines.isEmpty }.map { group in
            (Self.joined(group.lines), group.header.map { byPlatform ? platformOf[$0]! : StepIdentifier.slug($0) })
        }, pass: .commentAlternatives, reason: byPlatform ? "the lines stand under comments that each name a platform" : Self.waysReason)
    }

    /// "Select the appropriate version to build:" before lines that run one
    /// program and subcommand with other arguments (`git checkout v0.8.0  # a
    /// specific release`, `git checkout master  # next bugfix release`): the
    /// operator types one of them. Named by their comments when each has its own.
    static func selectedLine(_ groups: [(header: String?, lines: [(Int, String)])], announcement: String?) -> BlockWays? {
        guard let sentence = announcement?.trimmingCharacters(in: .whitespacesAndNewlines), sentence.hasSuffix(":"),
              let verb = sentence.lowercased().split(whereSeparator: \.isWhitespace).first(where: { $0.first?.isLetter == true }),
              ["select", "choose", "pick"].contains(verb), groups.count == 1, groups[0].lines.count >= 2 else { return nil }
        let lines = groups[0].lines
        let split = lines.map { trailingComment($0.1.trimmingCharacters(in: .whitespaces)) }
        let invocations = split.map { BlockClassifier.invocation($0.command) }
        guard let first = invocations[0], invocations.allSatisfy({ $0 == first }), Set(split.map(\.command)).count == lines.count else { return nil }
        let comments = split.compactMap(\.comment).filter { !$0.isEmpty }
        let names = comments.count == lines.count && Set(comments).count == lines.count ? comments : wayNames(lines.map(\.1))
        return BlockWays(choice: "WAY", groups: zip(lines, names).map { line, name in (joined([line]), StepIdentifier.slug(name)) },
                         pass: .commentAlternatives,
                         reason: "the sentence before it asks to select one of lines that run one program and subcommand with other arguments")
    }

    /// A line's command and the comment after it (`git checkout master  # next bugfix release`), each trimmed.
    static func trailingComment(_ line: String) -> (command: String, comment: String?) {
        guard let hash = line.range(of: " #") else { return (line, nil) }
        return (line[..<hash.lowerBound].trimmingCharacters(in: .whitespaces), line[hash.upperBound...].trimmingCharacters(in: .whitespaces))
    }

    static func offersWays(_ sentence: String) -> Bool {
        ["one of the following", "one of these", "either", "depending on", "choose one", "whichever", "two approaches", "both approaches",
         "these approaches", "two ways", "these ways", "two alternatives"].contains { sentence.lowercased().contains($0) }
    }

    /// A script's lines grouped under its comment headers (the lines before the
    /// first header: the group with no header), and whether its own first
    /// comment offers the groups as ways: "### Just use one of these
    /// possibilities!" right before the first header. Headers then need not all
    /// hold lines ("# Using a RPM based distro", then "## … as root").
    static func commentGroups(_ text: String, firstLine: Int) -> (groups: [(header: String?, lines: [(Int, String)])], announced: Bool) {
        var groups: [(header: String?, lines: [(Int, String)])] = [(nil, [])]
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                groups.append((line.drop { $0 == "#" || $0 == " " }.trimmingCharacters(in: .whitespaces), []))
            } else {
                groups[groups.count - 1].lines.append((firstLine + offset, String(raw)))
            }
        }
        guard groups.count >= 3, groups[0].lines.isEmpty, groups[1].lines.isEmpty, let first = groups[1].header, offersWays(first) else {
            return (groups, false)
        }
        groups.remove(at: 1)
        groups.removeAll { $0.header != nil && $0.lines.isEmpty }
        return (groups, true)
    }

    /// `# OR, import using rabbitmqadmin` (or `# Alternatively …`, `# you can
    /// also use the ip of your server`): the lines under that comment are another
    /// way to do what the lines under the comment before it do; the other lines
    /// run either way. Comments with no line between them are one header.
    func orWays(_ groups: [(header: String?, lines: [(Int, String)])]) -> BlockWays? {
        var merged: [(header: String?, lines: [(Int, String)])] = []
        for group in groups {
            if let last = merged.last, last.header != nil, last.lines.isEmpty, group.header != nil {
                merged[merged.count - 1].lines = group.lines
            } else {
                merged.append(group)
            }
        }
        func saysOr(_ header: String?) -> Bool {
            let words = AlternativeSections.words(header ?? "")
            let text = words.joined(separator: " ")
            return words.first == "or" || words.first == "alternatively" || text.contains("you can also") || text.contains("you could also")
        }
        guard let first = merged.indices.first(where: { $0 > 0 && saysOr(merged[$0].header) }), !merged[first - 1].lines.isEmpty else { return nil }
        // "# finally, you can use sslip.io": a later "you can" before the same program and subcommand is one more way.
        func invocation(_ index: Int) -> ArraySlice<String> {
            ShellWords.afterSudo(Substring(merged[index].lines.first?.1.trimmingCharacters(in: .whitespaces) ?? "")).prefix(2)
        }
        func offersTheSame(_ index: Int) -> Bool {
            let header = AlternativeSections.words(merged[index].header ?? "").joined(separator: " ")
            return header.contains("you can") && invocation(index).count == 2 && invocation(index) == invocation(first - 1)
        }
        let members = [first - 1] + merged.indices.filter { $0 > first && (saysOr(merged[$0].header) || offersTheSame($0)) } + [first]
        guard members.allSatisfy({ !merged[$0].lines.isEmpty }) else { return nil }
        var wayOf: [Int: String] = [:]
        for (member, name) in zip(members, Self.wayNames(members.map { merged[$0].lines[0].1 })) { wayOf[member] = StepIdentifier.slug(name) }
        return BlockWays(choice: "WAY", groups: merged.indices.filter { !merged[$0].lines.isEmpty }.map { index in
            (Self.joined(merged[index].lines), wayOf[index])
        }, pass: .commentAlternatives, reason: "a comment starting 'OR' gives the lines under it as another way to do what the lines before it do")
    }

    /// Ways named by the program each starts with (`rabbitmqctl`, `rabbitmqadmin`),
    /// or numbered when two start with the same one.
    static func wayNames(_ firstLines: [String]) -> [String] {
        let programs = firstLines.map { ShellWords.afterSudo(Substring($0.trimmingCharacters(in: .whitespaces))).first ?? "" }
        return Set(programs).count == programs.count && !programs.contains("") ? programs : firstLines.indices.map { String($0 + 1) }
    }

    /// A group's numbered lines as one command of the block.
    static func joined(_ lines: [(Int, String)]) -> ConsoleTranscript.Line {
        ConsoleTranscript.Line(text: lines.map(\.1).joined(separator: "\n").trimmingCharacters(in: .whitespaces),
                               firstLine: lines.first!.0, lastLine: lines.last!.0)
    }

    static let waysReason = "one of several ways, each under its comment (the sentence before it offers them, or each comment says what it is for)"

    /// A comment header that says which setup its lines are for: "If using
    /// NGINX on CentOS", "If you use Apache", "For MariaDB users", "On Debian",
    /// "When using Docker". Headers that each say so are one choice by
    /// themselves (a host has one of them). "If you want TLS" is not one: an
    /// option the operator may add beside another.
    static func namesWhatTheHostUses(_ header: String) -> Bool {
        let lowered = header.lowercased()
        let openings = ["if using ", "if you use ", "if you're using ", "if you’re using ", "if you are using ", "when using ",
                        "if running ", "if you run ", "if you're running ", "if you are running ", "on ", "for "]
        guard let opening = openings.first(where: lowered.hasPrefix) else { return false }
        // "For example", "On first run", "For more details": not a setup.
        let next = lowered.dropFirst(opening.count).split(separator: " ").first.map(String.init) ?? ""
        return !["example", "instance", "more", "details", "the", "first", "a", "an", "this", "each", "all", "every", "now", "older", "newer", "success", "failure"].contains(next)
    }

    /// Each group's way on its command, as the pass that found them decided.
    func chooseWays(_ ways: BlockWays, for labels: inout [[ChoiceLabel]], line: Int, in draft: inout StepDraft) {
        chooseEach(ways.choice, ways.groups.map(\.way), for: &labels)
        draft.decide(line, ways.pass, "choice \(ways.choice)", ways.reason)
    }

    /// The platform a block's first line, a comment, names alone; nil when
    /// other comments name platforms too (headers of alternatives, pass
    /// comment-alternatives).
    func leadingCommentPlatform(_ text: String) -> String? {
        let comments = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = comments.first, first.hasPrefix("#"), !first.hasPrefix("#!"),
              let platform = platformLabel(String(first.dropFirst())) else { return nil }
        let others = comments.dropFirst().filter { $0.hasPrefix("#") && platformLabel(String($0.dropFirst())) != nil }
        return others.isEmpty ? platform : nil
    }

    /// Pass release-labels: "For EL7 run:", "And for EL 8-10:", "For EL8 and
    /// newer, separately run:": a sentence that only says which release of
    /// something the block is for. The value is the name and its first number
    /// (el7, el8), so that one release's blocks share it across sections.
    func releaseLabel(_ text: String) -> String? {
        guard passes.contains(.releaseLabels) else { return nil }
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        let release = #/^(?:and |or )?for ([a-z][a-z-]*(?: [a-z][a-z-]*)?) ?v?([0-9]+)[0-9.x+-]*(?:,? (?:and|or) (?:newer|later|above|higher))?(?:,? separately)?(?:,? run)?\s*:$/#
        guard let match = sentence.firstMatch(of: release) else { return nil }
        return String(match.1).filter(\.isLetter) + String(match.2)
    }

    /// Pass platform-labels: a paragraph that only names a platform ("**Ubuntu or Debian**", "On Red Hat:").
    func platformLabel(_ text: String) -> String? {
        guard passes.contains(.platformLabels) else { return nil }
        let words = AlternativeSections.words(text)
        guard !words.isEmpty, words.count <= 5 else { return nil }
        // "**Docker**" / "**Docker Compose**": two ways, not one platform twice.
        if AlternativeSections.method(words) == "compose" { return "compose" }
        return AlternativeSections.platform(words)
    }
}

/// The lines of one block split into ways of one choice (comment headers,
/// archive formats): each line with its way (nil: every way runs it), and
/// the pass that found them, with why.
struct BlockWays {
    var choice: String
    var groups: [(line: ConsoleTranscript.Line, way: String?)]
    var pass: ReadingPass
    var reason: String
}

extension StepDraft {
    /// Records how a block or a choice was read, and by which pass (nil: none read the block as commands).
    mutating func decide(_ line: Int, _ pass: ReadingPass?, _ outcome: String, _ reason: String) {
        decisions.append(ReadingDecision(line: line, pass: pass?.rawValue ?? "default", outcome: outcome, reason: reason))
    }

    /// The author's annotation decided, not a pass.
    mutating func decideByAnnotation(_ line: Int, _ outcome: String, _ reason: String) {
        decisions.append(ReadingDecision(line: line, pass: "annotation", outcome: outcome, reason: reason))
    }

    /// Commands from FROM on that no other choice took are alternative NUMBER ("Alternatively, …").
    mutating func markAlternative(from first: Int, _ number: Int, line: Int) {
        mark("ALTERNATIVE", String(number), from: first)
        decide(line, .alternativeParagraphs, "choice ALTERNATIVE=\(number)", "a paragraph offers another way")
    }

    /// Commands FIRST..<END (the step's last when END is nil) are alternative VALUE
    /// of choice NAME; one another pass already gave a choice keeps it first
    /// (the new label after it, used when the first is no choice), unless OVERRIDING.
    mutating func mark(_ name: String, _ value: String, from first: Int, to end: Int? = nil, overriding: Bool = false) {
        for index in first..<(end ?? commands.count) {
            if overriding { labels[index] = [ChoiceLabel(name, value)] } else { labels[index].append(ChoiceLabel(name, value)) }
        }
    }
}
