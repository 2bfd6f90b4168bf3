import Foundation
import StepAST

/// What a code block is for, read as an operator reads it: a transcript
/// (prompts) or a script (lines that are commands) runs; configuration and
/// output are shown to the operator at their step. The language decides when
/// it names a program or a file format; where it does not (no language,
/// `text`, `none`, `no-highlight`, `console`, ...), the content does.
public struct BlockClassification: Equatable, Sendable {
    public enum Kind: String, Sendable {
        case transcript, script, configuration, output
    }

    public var kind: Kind
    /// The program a transcript's or a script's commands go to (a prompt may name another).
    public var interpreter: Interpreter?
    /// Why, in a few words, for `plan`.
    public var reason: String

    public var runs: Bool { kind == .transcript || kind == .script }
}

public enum BlockClassifier {
    /// The reason given when nothing better than "not commands" decided: lint (RB107) warns where some lines look like commands.
    public static let outputByDefault = "no prompt, and lines that are not commands"

    /// Languages that mean "no highlighting": they say nothing of what the block is.
    public static let undecided: Set<String> = ["", "text", "txt", "plaintext", "plain", "none", "no-highlight", "nohighlight",
                                         "console", "shell-session", "shellsession", "terminal", "default", "code"]
    static let configurationLanguages: Set<String> = [
        "ini", "conf", "cfg", "config", "toml", "yaml", "yml", "json", "jsonc", "json5", "xml", "nginx", "apache", "apacheconf",
        "properties", "env", "dotenv", "crontab", "cron", "systemd", "hcl", "lua", "javascript", "js", "caddy", "caddyfile",
        "dockerfile", "diff", "patch", "html", "css", "vcl", "haproxy", "cfg-file",
    ]
    static let outputLanguages: Set<String> = ["output", "log", "logs", "out", "stdout"]

    public static func classify(language: String?, text: String, sqlBlocks: Bool) -> BlockClassification {
        let name = language?.lowercased() ?? ""
        if configurationLanguages.contains(name) {
            return BlockClassification(kind: .configuration, interpreter: nil, reason: "its language, \(name), is a file format")
        }
        if outputLanguages.contains(name) { return BlockClassification(kind: .output, interpreter: nil, reason: "its language, \(name), is output") }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let prompted = lines.contains { ConsoleTranscript.hasPrompt($0, language: language) }
        if !undecided.contains(name) {
            guard let interpreter = Interpreter.forLanguage(name) else {
                return BlockClassification(kind: .output, interpreter: nil, reason: "its language, \(name), is not a program runbook runs")
            }
            if prompted { return BlockClassification(kind: .transcript, interpreter: interpreter, reason: "lines start with a prompt") }
            if interpreter.isShell, let shown = notAScript(lines, language: name) { return shown }
            // A shell block (often by a page's default language) that holds settings and no command.
            if interpreter.isShell, case let content = byContent(lines), content.kind == .configuration, !lines.contains(where: { ShellLine.isAssignment($0.trimmingCharacters(in: .whitespaces)) }) {
                return BlockClassification(kind: .configuration, interpreter: nil, reason: content.reason + ", though its language is \(name)")
            }
            if interpreter == .python, isSettings(lines) {
                return BlockClassification(kind: .configuration, interpreter: nil, reason: "Python that only assigns settings: a settings file")
            }
            return BlockClassification(kind: .script, interpreter: interpreter, reason: "its language, \(name)")
        }
        if prompted { return BlockClassification(kind: .transcript, interpreter: .bash, reason: "lines start with a prompt") }
        if language == nil, Interpreter.looksLikeSQL(text) {
            guard sqlBlocks else { return BlockClassification(kind: .output, interpreter: nil, reason: "SQL, and the sql-blocks convention is off") }
            return BlockClassification(kind: .script, interpreter: .psql, reason: "every statement is SQL")
        }
        return byContent(lines)
    }

    /// A block with neither prompts nor a deciding language.
    static func byContent(_ lines: [String]) -> BlockClassification {
        var commands = 0, assignments = 0, settings = 0, others = 0
        var continued = false, hereDocument: String?
        for raw in lines {
            let line = raw.trimmingCharacters(in: .whitespaces)
            defer { continued = line.hasSuffix("\\") }
            if let delimiter = hereDocument {
                if line == delimiter { hereDocument = nil }
                continue
            }
            if continued || line.isEmpty || line.hasPrefix("#") { continue }
            if let delimiter = ConsoleTranscript.hereDocumentDelimiter(line) { hereDocument = delimiter }
            if ConfigurationLine.isAccessRule(line) || ConfigurationLine.isSetting(line) {
                settings += 1
            } else if ShellLine.isAssignment(line) {
                assignments += 1
            } else if ShellLine.isCommand(line) {
                commands += 1
            } else if ConfigurationLine.matches(line) {
                settings += 1
            } else {
                others += 1
            }
        }
        if commands > 0, settings == 0, others == 0 {
            return BlockClassification(kind: .script, interpreter: .bash, reason: "every line is a command")
        }
        if settings + assignments > 0, settings + assignments >= others, commands == 0 || settings > commands {
            return BlockClassification(kind: .configuration, interpreter: nil,
                                       reason: assignments > 0 && settings == 0 ? "NAME=value lines and no command: an environment file" : "lines of settings (key = value, sections, braces)")
        }
        return BlockClassification(kind: .output, interpreter: nil, reason: outputByDefault)
    }

    /// The lines before an RST directive that indentation put inside a literal block.
    static func beforeDirective(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let cut = lines.firstIndex(where: { line in
            let trimmed = line.drop { $0 == " " }
            return trimmed.hasPrefix(".. ") && trimmed.contains("::") && trimmed.dropFirst(3).prefix { $0 != ":" }.allSatisfy { $0.isLetter || $0 == "-" }
        }), cut > 0 else { return text }
        return lines[..<cut].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A sentence that says the next block is what something prints or looks like.
    static func announcesOutput(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        let phrases = ["you will get", "you should get", "you should see", "you will see", "should look like", "similar to this",
                       "will output", "outputs", "the output", "will print", "prints", "will show", "returns", "will return",
                       "layout", "looks like", "list of", "result:", "response:", "sample", "response body", "should respond"]
        return phrases.contains { sentence.contains($0) }
    }

    /// `systemctl start app`, `systemctl stop app`, `systemctl disable app`:
    /// one program's commands on one target that undo each other are a
    /// reference list, not a sequence (run in order, the service ends stopped).
    static func isReferenceList(_ commands: [String]) -> Bool {
        let lines = commands.flatMap { $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.count >= 3 else { return false }
        let words = lines.map { ShellWords.afterSudo(Substring($0)) }
        guard let program = words.first?.first, words.allSatisfy({ $0.first == program && $0.count >= 2 }) else { return false }
        // `service NAME start` puts the verb last; `systemctl start NAME` second.
        let verbs = Set(words.map { program == "service" ? ($0.last ?? "") : $0[1] })
        let opposites: [(String, String)] = [("start", "stop"), ("enable", "disable"), ("install", "remove"), ("install", "uninstall"), ("up", "down")]
        return opposites.contains { verbs.contains($0.0) && verbs.contains($0.1) }
    }

    /// "For example:" after a command: the same command with example values.
    static func announcesExample(_ text: String) -> Bool {
        let sentence = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        guard sentence.hasSuffix(":") else { return false }
        return ["for example", "example:", "for instance", "e.g.", "par exemple"].contains { sentence.hasPrefix($0) }
    }

    /// "Add the code below", "The file content should be:": the block goes into a file.
    static func announcesFileContent(_ text: String) -> Bool {
        let sentence = text.lowercased()
        return ["add the code", "following code", "following lines", "following line", "following content", "file content",
                "with the content", "this content", "the content of", "code below", "lines below"].contains { sentence.contains($0) }
    }

    /// The file a sentence says a block goes in: "Edit `/etc/keystone/keystone.conf`",
    /// "Create /etc/nginx/sites-available/app with:", "Add to `configuration.py`:".
    /// An absolute or home path first, else a file name with a configuration extension.
    static func namedFile(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "`'\"“”‘’*,:;()[]")) }
            .map { $0.hasSuffix(".") && !$0.hasSuffix("..") ? String($0.dropLast()) : $0 }
        let pathCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "/._-~${}"))
        func plain(_ word: String) -> Bool { !word.isEmpty && word.unicodeScalars.allSatisfy(pathCharacters.contains) }
        if let path = words.first(where: { ($0.hasPrefix("/") || $0.hasPrefix("~/")) && $0.count > 2 && plain($0) && !$0.hasSuffix("/") }) {
            return path
        }
        let extensions = ["conf", "cfg", "ini", "py", "yml", "yaml", "json", "toml", "env", "service", "xml", "properties", "cnf", "php", "rb", "js", "timer", "socket"]
        return words.first { word in
            word == ".env" || (plain(word) && !word.hasPrefix(".") && extensions.contains(String(word.split(separator: ".").last ?? "")) && word.contains("."))
        }
    }

    /// A paragraph that only names a platform ("**Ubuntu or Debian**", "On Red Hat:").
    static func platformLabel(_ text: String) -> String? {
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard !words.isEmpty, words.count <= 5 else { return nil }
        return AlternativeSections.platform(words)
    }

    /// A shell block that is not a script: only `NAME=value` lines (an `.env`
    /// excerpt: run alone they would set nothing), or a directory tree.
    static func notAScript(_ lines: [String], language: String) -> BlockClassification? {
        let meaningful = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard !meaningful.isEmpty else { return nil }
        if meaningful.contains(where: { $0.hasPrefix("├") || $0.hasPrefix("└") || $0.hasPrefix("│") }) {
            return BlockClassification(kind: .output, interpreter: nil, reason: "a directory tree, though its language is \(language)")
        }
        // `# common.sh` first: the lines are that file's content.
        if let first = lines.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty })?.trimmingCharacters(in: .whitespaces),
           first.hasPrefix("# "), case let name = first.dropFirst(2).trimmingCharacters(in: .whitespaces), !name.contains(" "),
           name.contains("."), name.split(separator: ".").last.map({ $0.count <= 5 && $0.allSatisfy(\.isLetter) }) == true {
            return BlockClassification(kind: .configuration, interpreter: nil, reason: "the content of \(name), named on its first line")
        }
        if meaningful.allSatisfy({ ShellLine.isAssignment($0) && !$0.hasPrefix("export ") }) {
            return BlockClassification(kind: .configuration, interpreter: nil,
                                       reason: "only NAME=value lines, which set nothing run alone: an environment file, though its language is \(language)")
        }
        return nil
    }

    /// The offsets of a block's lines that read as shell commands.
    public static func commandLikeLines(_ text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.trimmingCharacters(in: .whitespaces)
            return !line.isEmpty && !line.hasPrefix("#") && !line.hasPrefix("[") && ShellLine.isCommand(line) && !ConfigurationLine.isSetting(line)
                && !ConfigurationLine.isAccessRule(line) ? index : nil
        }
    }

    /// Top-level lines that only assign UPPER_CASE names (Django's settings, a config.py).
    static func isSettings(_ lines: [String]) -> Bool {
        var assigned = false
        for line in lines where !line.isEmpty && !line.hasPrefix(" ") && !line.hasPrefix("\t") && !line.hasPrefix("#") {
            if ["}", "]", ")", "},", "],", "),"].contains(line.trimmingCharacters(in: .whitespaces)) { continue }
            let name = line.prefix { $0.isUppercase || $0.isNumber || $0 == "_" }
            let rest = line.dropFirst(name.count).drop { $0 == " " }
            guard !name.isEmpty, name.first!.isUppercase, rest.hasPrefix("=") || rest.hasPrefix("+=") else { return false }
            assigned = true
        }
        return assigned
    }
}

/// Lines of a shell script, as an operator would recognize them.
enum ShellLine {
    /// Programs and builtins that open a command line on real procedure pages.
    static let programs: Set<String> = [
        "sudo", "su", "apt", "apt-get", "aptitude", "dpkg", "yum", "dnf", "zypper", "rpm", "apk", "brew", "snap", "pacman",
        "git", "cd", "cp", "mv", "rm", "mkdir", "rmdir", "chmod", "chown", "chgrp", "ln", "touch", "cat", "tee", "echo", "printf",
        "ls", "find", "grep", "sed", "awk", "tar", "unzip", "zip", "gzip", "gunzip", "bzip2", "xz", "curl", "wget", "scp", "ssh",
        "rsync", "systemctl", "service", "journalctl", "chkconfig", "update-rc.d", "docker", "docker-compose", "podman",
        "kubectl", "helm", "pip", "pip3", "pipx", "python", "python3", "virtualenv", "poetry", "pipenv", "uv", "npm", "npx",
        "yarn", "pnpm", "node", "corepack", "bundle", "gem", "rake", "rails", "ruby", "rbenv", "make", "cmake", "gcc",
        "go", "cargo", "java", "mvn", "gradle", "psql", "pg_dump", "pg_dumpall", "pg_restore", "pg_ctl", "pg_ctlcluster",
        "pg_upgrade", "pg_conftool", "pg_basebackup", "createdb", "dropdb", "createuser", "dropuser", "initdb", "mysql",
        "mysqldump", "mariadb", "mariadb-dump", "redis-cli", "mongo", "mongosh", "export", "source", ".", "unset", "set",
        "useradd", "adduser", "usermod", "groupadd", "passwd", "visudo", "crontab", "ufw", "firewall-cmd", "iptables",
        "nginx", "apachectl", "a2enmod", "a2ensite", "a2dissite", "certbot", "openssl", "ssh-keygen", "gpg", "hostnamectl",
        "timedatectl", "add-apt-repository", "update-alternatives", "ldconfig", "modprobe", "sysctl", "mount", "umount",
        "kill", "pkill", "killall", "sleep", "test", "[", "if", "then", "else", "fi", "for", "do", "done", "while", "case",
        "esac", "exit", "openstack", "glance", "nova", "keystone-manage", "glance-manage", "nova-manage", "patronictl",
        "patroni", "etcdctl", "consul", "vault", "terraform", "ansible", "ansible-playbook", "supervisorctl", "uwsgi",
        "gunicorn", "celery", "manage.py", "wagtail", "django-admin", "prosodyctl", "update-ca-certificates", "install",
        "env", "nohup", "time", "watch", "less", "more", "head", "tail", "sort", "uniq", "wc", "diff", "cmp", "du", "df",
        "free", "ps", "top", "htop", "id", "whoami", "hostname", "uname", "lsb_release", "date", "ping", "nc", "dig",
        "nslookup", "host", "ip", "ifconfig", "ss", "netstat", "lsof", "vi", "vim", "nano", "emacs", "true", "false",
        "tootctl", "RAILS_ENV", "SUSEConnect", "choco", "winget", "xargs", "trap", "export", "alias", "declare", "local",
        "read", "eval", "exec", "pushd", "popd", "umask", "ulimit", "screen", "tmux", "runuser", "chpasswd", "mktemp",
        "base64", "sha256sum", "md5sum", "jq", "yq", "envsubst", "dd", "truncate", "stat", "readlink", "realpath", "which",
    ]

    /// `NAME=value` alone: a shell assignment, or a line of an environment file.
    static func isAssignment(_ line: String) -> Bool {
        guard let equals = line.firstIndex(of: "="), equals > line.startIndex else { return false }
        let name = line[..<equals]
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !name.first!.isNumber else { return false }
        let value = line[line.index(after: equals)...]
        // `NAME=value command` runs a command with that variable.
        return !value.contains(" ") || value.hasPrefix("\"") || value.hasPrefix("'")
    }

    static func isCommand(_ line: String) -> Bool {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        // `NAME=value command ...` and `sudo -u user command ...`.
        while let first = words.first, first.contains("="), !first.hasPrefix("=") { words.removeFirst() }
        guard var first = words.first else { return false }
        if first.hasPrefix("(") || first.hasPrefix("{") { first = String(first.dropFirst()) }
        guard !first.isEmpty else { return false }
        if programs.contains(first) { return true }
        // A program by its path: ./configure, ~/bin/x, /opt/app/bin/tool, /usr/share/x/setup.sh.
        if first.hasPrefix("./") || first.hasPrefix("~/") || first.hasPrefix("$") { return true }
        // bin/rails, bin/tootctl: a program of the project, by its relative path.
        if !first.hasPrefix("/"), first.contains("/"), words.count > 1 { return true }
        if first.hasPrefix("/"), first.contains("/bin/") || first.hasSuffix(".sh") || first.hasSuffix(".py") || words.count > 1 && words[1].hasPrefix("-") {
            return true
        }
        if first.hasSuffix(".sh") || first.hasSuffix(".py") { return true }
        // An unknown program with a subcommand: `pgxn install app`, `patronictl pause`.
        let verbs: Set<String> = ["install", "uninstall", "start", "stop", "restart", "reload", "enable", "disable", "status",
                                  "create", "update", "upgrade", "init", "run", "add", "remove", "list", "show", "get", "set",
                                  "apply", "build", "deploy", "migrate", "backup", "restore", "pause", "resume", "check",
                                  "exec", "pull", "push", "clone", "fetch", "checkout", "sync", "load", "dump", "import", "export"]
        // An unknown program used as programs are: a lower-case name, then options.
        guard let initial = first.first, initial.isLetter else { return false }
        let plainName = first.allSatisfy { $0.isLowercase || $0.isNumber || "_.+-".contains($0) }
        guard plainName, words.count > 1 else { return false }
        return words.dropFirst().contains { $0.hasPrefix("-") && $0.count > 1 } || verbs.contains(words[1])
    }
}

/// Lines of configuration files: ini and conf, YAML, braces, XML, cron, hosts, pg_hba.
enum ConfigurationLine {
    /// A pg_hba.conf rule: `host all all 10.0.0.0/8 trust` (`host` is also a program).
    static func isAccessRule(_ line: String) -> Bool {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first, ["host", "hostssl", "hostnossl", "hostgssenc", "local"].contains(first), words.count >= 4 else { return false }
        let methods: Set<Substring> = ["trust", "md5", "scram-sha-256", "peer", "ident", "reject", "password", "cert", "gss", "sspi", "ldap", "radius", "pam"]
        return words.contains { methods.contains($0) }
    }

    /// The unmistakable forms, read before a line is taken for a command
    /// (`host = db` is a setting though `host` is a program).
    static func isSetting(_ line: String) -> Bool {
        if line.hasPrefix("[") && line.hasSuffix("]") { return true }
        if line.hasSuffix(" {") || line == "}" || line == "};" { return true }
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        return words.count >= 3 && words[1] == "="
    }

    static func matches(_ line: String) -> Bool {
        if line.hasPrefix("[") && line.hasSuffix("]") { return true }
        if line.hasPrefix("<") { return true }
        if line.hasSuffix("{") || ["}", "};", "},", "]", "],", ")", "),"].contains(line) { return true }
        if line.hasSuffix(";") && !line.contains("&&") { return true }
        if line.hasPrefix("- ") { return true }
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return false }
        // key = value; key: value (YAML: a short value, not a sentence of output).
        if words.count >= 2, words[1] == "=" { return true }
        if first.hasSuffix(":") || first.hasSuffix("\":") {
            let value = words.dropFirst()
            return value.count <= 3 || value.first!.hasPrefix("\"") || value.first!.hasPrefix("'") || value.first!.hasPrefix("[")
        }
        if first.contains("=") && !first.hasPrefix("-") { return true }
        // pg_hba.conf and /etc/hosts.
        if ["host", "hostssl", "hostnossl", "local"].contains(first), words.count >= 4 { return true }
        if first.split(separator: ".").count == 4 && first.allSatisfy({ $0.isNumber || $0 == "." || $0 == "x" }) { return true }
        if first.contains("::") { return true }
        // m h dom mon dow command
        if words.count >= 6, words.prefix(5).allSatisfy({ $0.allSatisfy { "0123456789*/,-".contains($0) } }) { return true }
        return false
    }
}
