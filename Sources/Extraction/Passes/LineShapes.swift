import Foundation
import StepAST

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
        // `relay://host:443/?id=…`: an address to give somewhere, not a program.
        guard !first.isEmpty, !first.contains("://") else { return false }
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
        return isSchedule(line)
    }

    /// `m h dom mon dow [command]`: a crontab line, or the schedule alone (a
    /// number is never a program's name; `*/5` is not a path). A sixth
    /// field of the same kind: the seconds some schedulers put first.
    static func isSchedule(_ line: String) -> Bool {
        let words = line.split(separator: " ", omittingEmptySubsequences: true)
        return words.count >= 5 && words.prefix(5).allSatisfy { word in word.allSatisfy { "0123456789*/,-".contains($0) } }
            && words.prefix(5).contains { $0.contains("*") || $0.first?.isNumber == true }
    }
}
