/// Where a command runs in the operator's terminal, as the page implies it:
/// which login (the script's own, or one a `su -` opened), as whom, in which
/// folder, and in which client. Read by TerminalSession (Extraction); the
/// runtime carries the folder and variables, this only names the session.
public struct TerminalState: Sendable, Equatable {
    /// 0 for the script's own shell; n for the n-th login the page opens.
    public var session = 0
    /// The user a `su - U` / `sudo -iu U` switched to (nil: the script's user).
    public var user: String?
    /// A login shell: starts in the user's home, with the user's profile.
    public var login = false
    /// The folder as far as the page's `cd` lines say (display only: the
    /// runtime follows the real one).
    public var directory: String?
    /// The line that opened the client a psql/mysql/python command is typed into.
    public var client: ClientOpener?

    public init() {}

    /// "as app (login), in ~/live, in psql opened at line 40": nil when nothing was switched.
    public var summary: String? {
        var parts: [String] = []
        if let user { parts.append("as \(user)" + (login ? " (login shell)" : "")) }
        if let directory { parts.append("in \(directory)") }
        if let client { parts.append("typed into '\(client.text)' (line \(client.line))") }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }
}

/// `sudo -u postgres psql -d app`: who the client runs as, and the arguments
/// kept (connection options), so that the SQL typed after it reaches the same
/// database as the same user.
public struct ClientOpener: Sendable, Equatable {
    public var text: String
    public var line: Int
    public var user: String?
    public var arguments: [String]

    public init(text: String, line: Int, user: String?, arguments: [String]) {
        self.text = text
        self.line = line
        self.user = user
        self.arguments = arguments
    }
}

/// A line that changes the terminal rather than running something in it.
public enum SessionAction: Sendable, Equatable {
    /// `su - app`, `sudo -iu app`, `sudo -s`: later commands run as the user, until `exit`.
    /// `session` is the new login's number.
    case enter(user: String, login: Bool, session: Int)
    /// `exit` / `logout` closing such a shell.
    case leave
    /// `sudo -u postgres psql` left open: the prompted lines after it are typed into it.
    case openClient
    /// `\q`, `quit`, `exit` closing that client.
    case closeClient
}
