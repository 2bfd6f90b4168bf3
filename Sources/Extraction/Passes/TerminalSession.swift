import Foundation
import StepAST

/// Reading convention `terminal-session`. A page is typed into one terminal:
/// `su - app` makes the lines after it run as `app` until `exit`, and
/// `sudo -u postgres psql` left open makes the `postgres=#` lines after it go
/// to that client, across blocks and steps. Scope: from the line to the line
/// that closes it, or to the end of the procedure. Each command gets its
/// `TerminalState`; the lines that only switch get a `SessionAction` and run
/// nothing themselves. (The folder and variables a `cd`, `export` or `source`
/// leaves are carried by the runtime; `directory` here is for display.)
public enum TerminalSession {
    private struct Login {
        var user: String
        var login: Bool
        var session: Int
    }

    static func apply(to steps: inout [Step]) {
        var walk = Walk()
        // Commands in procedure order, skipped steps left out: they run nothing.
        let order = steps.indices.filter { !steps[$0].skipped }.flatMap { s in steps[s].commands.indices.map { (s, $0) } }
        for (position, (s, c)) in order.enumerated() {
            var command = steps[s].commands[c]
            let next = position + 1 < order.count ? steps[order[position + 1].0].commands[order[position + 1].1].interpreter : nil
            walk.readSwitch(&command, nextInterpreter: next)
            walk.place(&command)
            steps[s].commands[c] = command
            if let action = command.sessionAction {
                steps[s].decisions.append(ReadingDecision(line: command.range.start.line, pass: ReadingPass.terminalSession.rawValue,
                                                          outcome: "runs nothing: \(action.verb)", reason: "a line that switches the operator's terminal"))
            }
        }
        // Each undo runs where its step's last command ran.
        for s in steps.indices {
            guard let last = steps[s].commands.last(where: { $0.sessionAction == nil }) else { continue }
            for u in steps[s].undo.indices {
                steps[s].undo[u].terminal = last.terminal
                steps[s].undo[u].terminal.client = nil
            }
        }
    }

    /// The operator's terminal as the page's lines go by: the shells opened
    /// as other users, the folder of each, the client open for typing.
    private struct Walk {
        var logins: [Login] = []
        var sessions = 0
        var directories: [Int: String] = [:]
        var client: (opener: ClientOpener, interpreter: Interpreter)?

        /// A line that opens or leaves a shell or a client runs nothing: its session action.
        mutating func readSwitch(_ command: inout Command, nextInterpreter: Interpreter?) {
            let line = command.text.trimmingCharacters(in: .whitespaces)
            let session = logins.last?.session ?? 0
            // A client stays open while its prompted lines follow.
            if let open = client, command.interpreter != open.interpreter { client = nil }
            if let open = client {
                if closesClient(line) {
                    command.sessionAction = .closeClient
                    client = nil
                } else if command.terminal.client == nil {
                    command.terminal.client = open.opener
                }
            } else if command.interpreter.isShell, !line.contains("\n") {
                if let (user, login) = userSwitch(line) {
                    sessions += 1
                    logins.append(Login(user: user, login: login, session: sessions))
                    directories[sessions] = login ? "~" + (user == "root" ? "" : user) : directories[session]
                    command.sessionAction = .enter(user: user, login: login, session: sessions)
                } else if !logins.isEmpty, ["exit", "logout", "exit 0"].contains(line) {
                    logins.removeLast()
                    command.sessionAction = .leave
                } else if let (interpreter, opener) = clientOpener(line, at: command.range.start.line), nextInterpreter == interpreter {
                    client = (opener, interpreter)
                    command.sessionAction = .openClient
                }
            }
        }

        /// The terminal the command is typed in (a switch: the one it leaves), and its folder after it.
        mutating func place(_ command: inout Command) {
            let current = logins.last
            command.terminal.session = current?.session ?? 0
            command.terminal.user = current?.user
            command.terminal.login = current?.login ?? false
            if case .enter? = command.sessionAction {
                // The switch itself is typed in the shell it leaves.
                command.terminal = TerminalState()
                if logins.count > 1 {
                    let outer = logins[logins.count - 2]
                    (command.terminal.session, command.terminal.user, command.terminal.login) = (outer.session, outer.user, outer.login)
                }
            }
            command.terminal.directory = directories[command.terminal.session]
            if command.sessionAction == nil, command.interpreter.isShell {
                directories[command.terminal.session] = ShellDirectory.after(command.text, from: directories[command.terminal.session])
            }
        }
    }

    /// `su - app`, `sudo -iu app`, `sudo su - app`, `sudo -s`, `sudo -u app bash`:
    /// a shell as another user, left open for typing. (`-c CMD` runs one command: not a switch.)
    public static func userSwitch(_ line: String) -> (user: String, login: Bool)? {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return nil }
        if first == "su" { return suSwitch(Array(words.dropFirst())) }
        guard first == "sudo" else { return nil }
        words.removeFirst()
        var user = "root", login = false, shell = false
        while let word = words.first, word.hasPrefix("-") {
            words.removeFirst()
            if word == "--login" { login = true; continue }
            if word == "--shell" { shell = true; continue }
            if word.hasPrefix("--user=") { user = String(word.dropFirst(7)); continue }
            if word == "--user" { guard !words.isEmpty else { return nil }; user = words.removeFirst(); continue }
            if word.hasPrefix("--") { if ShellWords.takesArgument(word) { guard !words.isEmpty else { return nil }; words.removeFirst() }; continue }
            var letters = Array(word.dropFirst())
            while let letter = letters.first {
                letters.removeFirst()
                switch letter {
                case "i": login = true
                case "s": shell = true
                case "u":
                    if !letters.isEmpty { user = String(letters); letters = [] } else { guard !words.isEmpty else { return nil }; user = words.removeFirst() }
                case "H", "E", "n", "k", "P", "S": continue
                default:
                    // Another option with an argument (-g group): skip its argument too.
                    if "gCDprTth".contains(letter) { if letters.isEmpty, !words.isEmpty { words.removeFirst() }; letters = [] } else { return nil }
                }
            }
        }
        if words.isEmpty { return (login || shell) ? (user, login) : nil }
        if words.first == "su" { return user == "root" ? suSwitch(Array(words.dropFirst())) : nil }
        if ["bash", "sh", "zsh"].contains(words[0]) {
            let rest = words.dropFirst()
            if rest.isEmpty { return (user, false) }
            if rest.allSatisfy({ ["-l", "--login"].contains($0) }) { return (user, true) }
        }
        return nil
    }

    private static func suSwitch(_ arguments: [String]) -> (user: String, login: Bool)? {
        var login = false, user: String?
        var words = arguments[...]
        while let word = words.first {
            words = words.dropFirst()
            switch word {
            case "-", "-l", "--login": login = true
            case "-s", "--shell": guard !words.isEmpty else { return nil }; words = words.dropFirst()
            case "-m", "-p", "--preserve-environment": continue
            default:
                if word.hasPrefix("-") { return nil } // -c CMD and the like: one command, not a shell left open
                guard user == nil else { return nil }
                user = word
            }
        }
        let name = user ?? "root"
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) else { return nil }
        return (name, login)
    }

    static func closesClient(_ line: String) -> Bool {
        ["\\q", "\\quit", "quit", "exit", "quit;", "exit;", "exit()", "quit()"].contains(line.trimmingCharacters(in: .whitespaces))
    }

    /// `sudo -u postgres psql -d app`, `mysql -u root -p`, `python manage.py shell`:
    /// a client left open. Its options are kept as literal words, so an opener
    /// with quotes or expansions is not taken for one (it stays a command).
    static func clientOpener(_ line: String, at lineNumber: Int) -> (Interpreter, ClientOpener)? {
        let special: Set<Character> = ["$", "`", "'", "\"", "\\", ";", "&", "|", "<", ">", "*", "?", "(", ")"]
        guard !line.contains(where: special.contains) else { return nil }
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        var user: String?
        if words.first == "sudo" {
            words.removeFirst()
            while let word = words.first, word.hasPrefix("-") {
                words.removeFirst()
                if word == "-u" || word == "--user", !words.isEmpty { user = words.removeFirst() }
                else if word.hasPrefix("--user=") { user = String(word.dropFirst(7)) }
                else if word.hasPrefix("-u"), word.count > 2 { user = String(word.dropFirst(2)) }
                else if ShellWords.takesArgument(word), !words.isEmpty { words.removeFirst() }
            }
        }
        guard let program = words.first else { return nil }
        if ["python", "python3", "./manage.py"].contains(program) || program == "django-admin" {
            let shellWords = program == "django-admin" ? ["django-admin", "shell"] : nil
            guard words.suffix(1) == ["shell"], shellWords != nil || words.contains(where: { $0.hasSuffix("manage.py") }) else { return nil }
            return (.python, ClientOpener(text: line, line: lineNumber, user: user, arguments: words))
        }
        guard let interpreter = ClientSession.client(line) else { return nil }
        // The password comes from ~/.pgpass or ~/.my.cnf, as for the operator: a -p prompt would wait forever.
        let arguments = words.dropFirst().filter { !(interpreter == .mysql && ["-p", "--password"].contains($0)) }
        return (interpreter, ClientOpener(text: line, line: lineNumber, user: user, arguments: Array(arguments)))
    }
}

/// The folder a shell command leaves, as far as its `cd`, `pushd` and `popd`
/// say; for showing where later commands run (the runtime follows the real one).
enum ShellDirectory {
    static func after(_ text: String, from start: String?) -> String? {
        var directory = start
        var stack: [String?] = []
        let statements = text.split(whereSeparator: { "\n;".contains($0) }).flatMap { $0.components(separatedBy: "&&") }
        for statement in statements {
            let words = statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let verb = words.first else { continue }
            switch verb {
            case "cd":
                directory = join(directory, words.dropFirst().first { !$0.hasPrefix("-") || $0 == "-" } ?? "~")
            case "pushd":
                guard let target = words.dropFirst().first(where: { !$0.hasPrefix("-") }) else { continue }
                stack.append(directory)
                directory = join(directory, target)
            case "popd":
                directory = stack.popLast() ?? nil
            default: continue
            }
        }
        return directory
    }

    static func join(_ base: String?, _ target: String) -> String {
        let target = target.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        if target.hasPrefix("/") || target.hasPrefix("~") || target.hasPrefix("$") || target == "-" { return target }
        guard let base, base != "-" else { return target }
        var parts = base.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in target.split(separator: "/") {
            if part == ".." && parts.count > 1 && parts.last != ".." { parts.removeLast() } else if part != "." { parts.append(String(part)) }
        }
        return parts.joined(separator: "/")
    }
}

extension SessionAction {
    /// What the switch does, for `plan`'s decisions.
    var verb: String {
        switch self {
        case .enter(let user, _, _): "later lines run as \(user)"
        case .leave: "back to the shell before it"
        case .openClient: "the lines after it are typed into the client"
        case .closeClient: "closes the client"
        }
    }
}
