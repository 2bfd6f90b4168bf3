import Foundation
import StepAST

/// Pass `reference-lists`: a list of one program's opposite commands is a
/// reference to choose from, not a sequence to run.
extension BlockClassifier {
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

}
