import Foundation

/// Likely answers `runbook review` offers: the inverse of a command, a check
/// among a step's commands, a parameter's name from its placeholder.
enum UndoSuggestions {
    /// The command that reverses COMMAND, when its program and verb say it:
    /// `systemctl stop x` → `systemctl start x`, `mv a b` → `mv b a`, `git checkout v2` → `git checkout -`.
    static func inverse(of command: String) -> String? {
        // The block's last line, comments and blank lines aside: an inverse of an
        // earlier line (mkdir before an unpack into it) would leave what came after.
        let lines = command.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return lines.last.flatMap(inverse(ofLine:))
    }

    static func inverse(ofLine line: String) -> String? {
        var words = line.split(separator: " ").map(String.init)
        var sudo = ""
        if words.first == "sudo" { sudo = "sudo "; words.removeFirst() }
        guard let program = words.first else { return nil }
        let args = Array(words.dropFirst())
        let swaps = ["stop": "start", "start": "stop", "enable": "disable", "disable": "enable", "mask": "unmask", "unmask": "mask"]
        switch program {
        case "systemctl", "supervisorctl", "rc-service":
            guard let index = args.firstIndex(where: { swaps[$0] != nil }) else { return nil }
            var inverted = args
            inverted[index] = swaps[args[index]]!
            return sudo + ([program] + inverted).joined(separator: " ")
        case "service":
            guard args.count == 2, let verb = swaps[args[1]] else { return nil }
            return sudo + "service \(args[0]) \(verb)"
        case "mv":
            let paths = args.filter { !$0.hasPrefix("-") }
            guard paths.count == 2 else { return nil }
            return sudo + "mv \(paths[1]) \(paths[0])"
        case "cp":
            // The copy is removed: right when the target did not exist before, and is a file.
            let paths = args.filter { !$0.hasPrefix("-") }
            guard paths.count == 2, !paths[1].hasSuffix("/"), !args.contains(where: { $0.hasPrefix("-") && ($0.contains("r") || $0.contains("R") || $0.contains("a")) }),
                  !paths[0].contains("*") else { return nil }
            return sudo + "rm -f -- \(paths[1])"
        case "mkdir":
            let paths = args.filter { !$0.hasPrefix("-") }
            return paths.isEmpty ? nil : sudo + "rmdir \(paths.reversed().joined(separator: " "))"
        case "ln":
            let paths = args.filter { !$0.hasPrefix("-") }
            return paths.count == 2 ? sudo + "rm -f -- \(paths[1])" : nil
        case "git":
            guard args.first == "checkout" || args.first == "switch" else { return nil }
            return "git \(args[0]) -"
        case "useradd", "adduser":
            return args.last.map { sudo + "userdel \($0)" }
        case "apt", "apt-get", "dnf", "yum":
            guard let verb = args.firstIndex(of: "install") else { return nil }
            return sudo + ([program, "remove", "-y"] + args[(verb + 1)...].filter { !$0.hasPrefix("-") }).joined(separator: " ")
        case "pip", "pip3":
            guard let verb = args.firstIndex(of: "install") else { return nil }
            let packages = args[(verb + 1)...].filter { !$0.hasPrefix("-") }
            return packages.isEmpty ? nil : sudo + "\(program) uninstall -y " + packages.joined(separator: " ")
        default:
            return nil
        }
    }

    /// `<db_name>` → DB_NAME, `{{ version }}` → VERSION, `$HOST` → HOST; nil when the token holds no word.
    static func parameterName(_ token: String) -> String? {
        let words = token.uppercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !$0.isEmpty }
        guard !words.isEmpty else { return nil }
        let name = words.joined(separator: "_")
        return name.first!.isLetter ? name : "P_" + name
    }
}
