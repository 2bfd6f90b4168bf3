import Foundation
import RunbookCore
import StepAST

/// Pass `shell-syntax`: every shell command is parsed by bash (`bash -n`)
/// before a script is written. A command bash cannot parse as written (a
/// stray bracket, a note in parentheses, an unclosed quote) is shown with
/// bash's message and a warning, never run (so is a command with a word that is
/// only an ellipsis): run, it would fail at that step
/// after the steps before it changed things. Placeholders a parameter stands
/// for are read as words, as they will be once replaced.
enum ShellSyntax {
    static func apply(to steps: inout [Step], parameters: [Parameter], source: SourceFile, diagnostics: inout [Diagnostic]) {
        var checked: [(step: Int, command: Int, text: String)] = []
        for s in steps.indices where !steps[s].skipped {
            for c in steps[s].commands.indices where steps[s].commands[c].interpreter.isShell && steps[s].commands[c].sessionAction == nil {
                var text = steps[s].commands[c].text
                for placeholder in parameters.compactMap(\.placeholder) { text = text.replacingOccurrences(of: placeholder, with: "VALUE") }
                checked.append((s, c, text))
            }
        }
        let unwritten = checked.compactMap { item in notWrittenOut(item.text).map { (item.step, item.command, $0) } }
        guard !checked.isEmpty, !unwritten.isEmpty || errors(in: checked.map(\.text)) != nil else { return }
        // Why each failing command cannot run as written.
        var failing: [(Int, Int, String)] = unwritten
        for item in checked where notWrittenOut(item.text) == nil {
            if let message = errors(in: [item.text]) { failing.append((item.step, item.command, "bash cannot parse it as written (\(message))")) }
        }
        for s in Set(failing.map(\.0)).sorted() {
            // The same text parses the same way: a failing command is found by its value.
            let here = failing.filter { $0.0 == s }.map { (command: steps[s].commands[$0.1], message: $0.2) }
            let message = { (command: Command) in here.first { $0.command == command }?.message }
            for (command, text) in here {
                diagnostics.append(.warning(source.path, command.range.start, "this command cannot run as written: \(text): the script shows it and does not run it"))
            }
            steps[s].showInsteadOfRunning(where: { message($0) != nil },
                                          because: { "\(message($0) ?? ""): shown, not run" },
                                          pass: ReadingPass.shellSyntax.rawValue)
            if steps[s].commands.isEmpty, steps[s].kind == .command { steps[s].kind = .manual }
        }
    }

    /// Why a command is not written out in full, or nil. A word that is only
    /// an ellipsis (`zfs send -I a b | ...`), or a bracketed one inside a word
    /// (`archive/[...].tar.gz`), stands for what the page leaves out; an arrow
    /// between words (`git tag   <-  List all available versions`) starts a
    /// note, which bash would read as a redirection and arguments. Comments
    /// aside (`# ... connection dies ...`).
    static func notWrittenOut(_ command: String) -> String? {
        let separators = CharacterSet.whitespaces.union(CharacterSet(charactersIn: ";|&()"))
        for line in command.split(separator: "\n") {
            let code = line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : line.components(separatedBy: " #")[0]
            let words = code.components(separatedBy: separators)
            if words.contains(where: { $0 == "..." || $0 == "…" || $0.contains("[...]") || $0.contains("[…]") }) {
                return "a word '...' stands for what the page leaves out"
            }
            if let arrow = words.first(where: { ["<-", "<--", "-->", "←"].contains($0) }) {
                return "'\(arrow)' starts a note on the command, which bash would read as a redirection"
            }
        }
        return nil
    }

    /// bash's first message for these commands, each read as a function's body; nil when they all parse.
    static func errors(in commands: [String]) -> String? {
        let script = commands.enumerated().map { "__runbook_check_\($0.offset)() {\n\($0.element)\n}\n" }.joined()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-n"]
        let input = Pipe(), errorOutput = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorOutput
        do { try process.run() } catch { return nil }
        // bash -n reads the whole script before it answers; a large one must not block on a full pipe.
        let writer = Thread { input.fileHandleForWriting.write(Data(script.utf8)); try? input.fileHandleForWriting.close() }
        writer.start()
        let message = String(decoding: errorOutput.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus != 0 else { return nil }
        let line = message.split(separator: "\n").first.map(String.init) ?? "syntax error"
        // "bash: line 3: syntax error near unexpected token `('" → the part after the line number.
        return line.components(separatedBy: ": ").dropFirst(2).joined(separator: ": ").nilIfEmpty ?? line
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
