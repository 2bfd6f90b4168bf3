import StepAST

/// A script block that opens an SQL client and types into it, as an operator
/// does in one terminal: `sudo -u postgres psql`, then SQL, then `\q`. The
/// SQL goes to the client as its own command; the lines around it stay shell.
/// The SQL runs as the opener's user with its options (TerminalSession.clientOpener);
/// an opener left open across blocks is TerminalSession's.
enum ClientSession {
    static func split(_ line: ConsoleTranscript.Line, shell: Interpreter) -> [(ConsoleTranscript.Line, Interpreter, ClientOpener?)]? {
        let lines = line.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let opener = lines.firstIndex(where: { client($0) != nil }), let program = client(lines[opener]),
              opener + 1 < lines.count else { return nil }
        var end = opener + 1
        while end < lines.count, !["\\q", "\\quit", "exit", "quit", "exit;", "quit;"].contains(lines[end].trimmingCharacters(in: .whitespaces)) { end += 1 }
        let body = lines[(opener + 1)..<end]
        guard body.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return nil }
        var parts: [(ConsoleTranscript.Line, Interpreter, ClientOpener?)] = []
        let opened = TerminalSession.clientOpener(lines[opener].trimmingCharacters(in: .whitespaces), at: line.firstLine + opener)?.1
        func add(_ range: Range<Int>, _ interpreter: Interpreter, _ client: ClientOpener? = nil) {
            let text = lines[range].joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { return }
            let first = range.lowerBound + (lines[range].firstIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map { $0 - range.lowerBound } ?? 0)
            parts.append((ConsoleTranscript.Line(text: text, firstLine: line.firstLine + first, lastLine: line.firstLine + range.upperBound - 1), interpreter, client))
        }
        add(0..<opener, shell)
        add((opener + 1)..<end, program, opened)
        if end + 1 < lines.count { add((end + 1)..<lines.count, shell) }
        return parts
    }

    /// `psql`, `sudo -u postgres psql`, `mysql -u root -p`: a client left open for typing.
    static func client(_ line: String) -> Interpreter? {
        let words = ShellWords.afterSudo(Substring(line))
        guard let program = words.first, !line.contains("<"), !line.contains("|") else { return nil }
        let batch = ["-c", "-f", "--command", "--file", "-e", "--execute"]
        guard !words.contains(where: { word in batch.contains { word == $0 || word.hasPrefix($0 + "=") } }) else { return nil }
        switch program {
        case "psql": return .psql
        case "mysql", "mariadb": return .mysql
        default: return nil
        }
    }
}
