import Foundation

/// Commands that wait for a person at a terminal: a script would hang on them
/// or have them fail. Lint reports them (RB102) with a fix, and a build warns.
public enum InteractiveCommand {
    /// A command that works only at a terminal, and there as the page means it:
    /// an editor, a pager, a password prompt, `docker run -it`. The script gives
    /// it the operator's terminal (and refuses to start without one); sessions
    /// that the page types into (`su -`, `psql`, `poetry shell`) are read otherwise.
    public static func needsTerminal(_ text: String) -> Bool {
        // A command continued over lines (`docker run \` … `-it \` …) is one line here.
        text.replacingOccurrences(of: "\\\n", with: " ").split(separator: "\n")
            .contains { needsTerminal(line: $0.trimmingCharacters(in: .whitespaces)) }
    }

    static func needsTerminal(line: String) -> Bool {
        guard !line.hasPrefix("#"), let words = CommandWords(line) else { return false }
        let (program, arguments) = (words.program, words.arguments)
        switch program {
        case _ where editorsAndPagers.contains(program), "sudoedit", "vipw", "vigr": return true
        case "mysql", "mariadb": return words.asksForPassword
        case "docker", "podman": return words.asksForATTY
        case "crontab": return arguments.contains("-e")
        case "createuser": return words.has("--pwprompt", "-P")
        case "passwd": return !words.has("--stdin")
        case "openstack": return words.has("--password-prompt")
        case "mysql_secure_installation": return true
        case "certbot": return !words.has("--non-interactive", "-n")
        default: return false
        }
    }

    /// Programs that take over the terminal: editors, pagers, monitors.
    static let editorsAndPagers: Set<String> = ["vim", "vi", "nvim", "nano", "emacs", "less", "more", "top", "htop", "man", "visudo", "$EDITOR", "${EDITOR}"]

    /// A command line's program and arguments, `sudo` and its options and `NAME=value` words before it dropped.
    struct CommandWords {
        var program: String
        var arguments: [String]

        init?(_ line: String, keeping: Set<String> = []) {
            let words = ShellWords.afterSudo(Substring(line), keeping: keeping)
            // `NAME=value command`: the command is the first word that is not an assignment.
            let command = Array(words.drop { $0.contains("=") && !$0.hasPrefix("-") })
            guard let first = command.first else { return nil }
            program = (first as NSString).lastPathComponent
            arguments = Array(command.dropFirst())
        }

        func has(_ options: String...) -> Bool { arguments.contains { word in options.contains { word == $0 || word.hasPrefix($0 + "=") } } }
        var asksForPassword: Bool { arguments.contains("-p") || arguments.contains("--password") }
        /// `docker run -it`, `podman exec -t`.
        var asksForATTY: Bool { ["exec", "run"].contains(arguments.first ?? "") && arguments.contains { $0 == "-it" || $0 == "-ti" || $0 == "-t" || $0 == "--tty" } }
    }

    /// Why LINE waits for a person, and how to write it instead; nil when it does not.
    public static func check(_ line: String) -> (why: String, fix: String)? {
        guard let words = CommandWords(String(line.split(separator: "\n").first ?? ""), keeping: ["-i", "-s"]) else { return nil }
        let (program, arguments) = (words.program, words.arguments)
        let redirected = line.contains("<") || line.contains("|")
        func has(_ options: String...) -> Bool { arguments.contains { word in options.contains { word == $0 || word.hasPrefix($0 + "=") } } }
        switch program {
        case _ where editorsAndPagers.contains(program):
            return ("waits for a person at a terminal", "use a non-interactive command (sed, cat, a config file written by the script)")
        case "poetry" where arguments == ["shell"], "pipenv" where arguments == ["shell"]:
            return ("opens an interactive subshell", "run the commands with '\(program) run COMMAND'")
        case "psql" where !redirected && !has("-c", "-f", "--command", "--file"):
            return ("opens an interactive psql session", "give the SQL with -c or -f, or write it in an sql block")
        case "mysql", "mariadb":
            if words.asksForPassword {
                return ("asks for a password at the terminal", "put the credentials in ~/.my.cnf (the script's mysql steps read it)")
            }
            if !redirected && !has("-e", "--execute") { return ("opens an interactive \(program) session", "give the SQL with -e") }
            return nil
        case "ssh" where arguments.filter({ !$0.hasPrefix("-") }).count <= 1:
            return ("opens a remote shell that waits for a person", "give ssh the command to run: ssh HOST COMMAND")
        case "-i", "-s":
            return ("opens a root shell that waits for a person", "run the commands with sudo COMMAND, or set user= on the step")
        case "su" where !arguments.contains("-c"):
            return ("opens a shell that waits for a person", "use su -c COMMAND, or set user= on the step")
        case "bash", "sh", "zsh", "python", "python3":
            guard arguments.isEmpty && !redirected else { return nil }
            return ("opens an interactive session", "give it a script or a command")
        case "docker", "podman":
            guard words.asksForATTY else { return nil }
            return ("asks for a terminal (-t), which a script has not: it fails with 'the input device is not a TTY'", "drop -t (and -i unless input is piped in)")
        case "crontab" where arguments.contains("-e"):
            return ("opens an editor on the crontab", "install the lines from a file: crontab FILE, or write /etc/cron.d/NAME")
        case "createuser" where has("--pwprompt", "-P"):
            return ("asks for the new role's password at the terminal", "create the role, then set its password with psql: ALTER ROLE name PASSWORD :'PASSWORD'")
        case "passwd" where !has("--stdin"):
            return ("asks for the password at the terminal", "use chpasswd, with the password from a parameter")
        case "openstack" where has("--password-prompt"):
            return ("asks for the password at the terminal", "give it with --password \"$PASSWORD\", from a parameter")
        case let manager where ["apt", "apt-get", "yum", "dnf", "zypper"].contains(manager)
            && ["install", "remove", "purge", "upgrade", "dist-upgrade", "full-upgrade", "autoremove", "update", "swap"].contains(arguments.first ?? "")
            && !(manager.hasPrefix("apt") && arguments.first == "update") && !has("-y", "--yes", "--assume-yes", "-n", "--non-interactive", "-qq"):
            return ("asks for confirmation before it changes packages", "add -y (zypper: --non-interactive)")
        default:
            return nil
        }
    }
}
