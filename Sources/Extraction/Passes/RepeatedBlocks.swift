import RunbookCore
import StepAST

/// Pass repeated-blocks: a shell block that repeats the block before it with
/// one word changed (`make install-conf`, then `make install-rules`; one PPA,
/// then another; a source line that overwrites the same file with one word
/// added) is another way of doing what that block did. An operator types one
/// of them: together they are one choice, VARIANT, never run one after the other.
///
/// Only blocks of two commands or more count (lines, or a chain with `&&`,
/// `|`, `;`): `systemctl stop web` then `systemctl stop worker` are two steps
/// of a procedure, while repeating a whole sequence with one word changed is
/// not something a procedure asks. Not a block that appends (`>>`, `tee -a`),
/// one that only adds or drops an option (`--check`, then the real run), or
/// one the sentence before places after the first ("Now …", "To complete …").
extension ExtractionContext {
    func chooseRepeatedBlocks(in draft: inout StepDraft) {
        guard passes.contains(.repeatedBlocks) else { return }
        let commands = draft.commands, labels = draft.labels, announcements = draft.announcements
        let runs = ConsecutiveRuns.of(commands.count) { _, end in
            labels[end - 1].isEmpty && labels[end].isEmpty && !Self.continuesTheSequence(announcements[end])
                && Self.repeats(commands[end - 1], commands[end])
        }
        for run in runs {
            let values = Self.variantValues(run.map { commands[$0].text })
            for (index, value) in zip(run, values) {
                draft.mark("VARIANT", value, from: index, to: index + 1)
                draft.decide(commands[index].range.start.line, .repeatedBlocks, "choice VARIANT=\(value)",
                             "it repeats the block before or after it with a word changed: one of them is run")
            }
        }
    }

    /// The same between sibling sections: the last block of one repeats the
    /// first of the next ("Pre-release versions" with its PPA, then "Daily
    /// releases" with another). True when it made such a choice, which then
    /// holds across the page's steps.
    static func chooseRepeatedBlocks(across steps: inout [Step], labels: inout [[[ChoiceLabel]]]) -> Bool {
        // One VARIANT choice per page: a page that has one inside a step keeps that one.
        guard !labels.joined().joined().contains(where: { $0.name == "VARIANT" }) else { return false }
        var chose = false
        for index in steps.indices.dropLast() {
            let next = index + 1
            guard steps[index].depth == steps[next].depth, !steps[index].skipped, !steps[next].skipped,
                  steps[index].condition?.text == steps[next].condition?.text, !continuesTheSequence(steps[next].prose),
                  let last = steps[index].commands.indices.last, let first = steps[next].commands.indices.first,
                  labels[index][last].isEmpty, labels[next][first].isEmpty,
                  steps[index].commands[last].condition == nil, steps[next].commands[first].condition == nil,
                  repeats(steps[index].commands[last], steps[next].commands[first]) else { continue }
            let values = variantValues([steps[index].commands[last].text, steps[next].commands[first].text])
            for (step, command, value) in [(index, last, values[0]), (next, first, values[1])] {
                labels[step][command] = [ChoiceLabel("VARIANT", value)]
                steps[step].decisions.append(ReadingDecision(
                    line: steps[step].commands[command].range.start.line, pass: ReadingPass.repeatedBlocks.rawValue,
                    outcome: "choice VARIANT=\(value)", reason: "it repeats the last block of the section before or the first of the next with a word changed: one of them is run"))
            }
            chose = true
        }
        return chose
    }

    /// B is A, shell commands both, with one word changed, added or removed
    /// that is not an option (`pg_upgrade … --check`, then without it, is a
    /// check and then the change), in blocks of two commands or more.
    static func repeats(_ a: Command, _ b: Command) -> Bool {
        guard a.interpreter == b.interpreter, a.interpreter.isShell, a.text != b.text, a.range.start.line != b.range.start.line,
              isSequence(a.text), isSequence(b.text), !appends(a.text), !appends(b.text) else { return false }
        let lines = (a.text.split(separator: "\n"), b.text.split(separator: "\n"))
        guard lines.0.count == lines.1.count else { return false }
        let words = (Self.words(a.text), Self.words(b.text))
        guard NearestName.editDistance(words.0, words.1) == 1 else { return false }
        let differing = Set(words.0).symmetricDifference(Set(words.1))
        return !differing.isEmpty && !differing.allSatisfy { $0.hasPrefix("-") }
    }

    /// "Now copy …", "Then …", "To complete the conversion, … run it one last
    /// time": the paragraph before the block says it comes after the one before.
    static func continuesTheSequence(_ announcement: String?) -> Bool {
        guard let announcement else { return false }
        let words = announcement.lowercased().split { !$0.isLetter }.prefix(3).map(String.init)
        guard let first = words.first else { return false }
        return ["now", "then", "next", "finally", "lastly", "afterwards", "after", "once", "again", "repeat"].contains(first)
            || (first == "to" && ["complete", "finish", "finalize", "conclude"].contains(words.dropFirst().first ?? ""))
    }

    /// Two commands or more: lines, or one line chained with `&&`, `||`, `|` or `;`.
    static func isSequence(_ text: String) -> Bool {
        text.split(separator: "\n").count >= 2 || text.contains("&&") || text.contains(" | ") || text.contains("; ")
    }

    /// Words, quotes aside: `"deb … stable"` and `"deb … stable testing"` differ by one word.
    static func words(_ text: String) -> [Substring] {
        text.split { $0 == " " || $0 == "\n" || $0 == "\"" || $0 == "'" }
    }

    static func appends(_ text: String) -> Bool {
        text.contains(">>") || text.contains("tee -a") || text.contains("tee --append")
    }

    /// Each block's words that the others do not share at the same place, less
    /// the letters all of them share (`install-conf` and `install-rules`:
    /// `conf`, `rules`), or the blocks' numbers when one block only adds words.
    static func variantValues(_ texts: [String]) -> [String] {
        let words = texts.map(Self.words)
        let (prefix, suffix) = ParallelSections.sharedEnds(words)
        let differing = words.map { $0[prefix..<($0.count - suffix)].joined(separator: " ") }
        let values = trimmedToDifference(differing)
        guard values.allSatisfy({ !$0.isEmpty }), Set(values).count == values.count else { return texts.indices.map { String($0 + 1) } }
        return values.map(StepIdentifier.slug)
    }

    /// The texts less the start and end all share, cut where a word part ends
    /// (`ppa:oisf/suricata-beta`, `ppa:oisf/suricata-daily`: `beta`, `daily`).
    static func trimmedToDifference(_ texts: [String]) -> [String] {
        guard texts.count >= 2, texts.allSatisfy({ !$0.isEmpty }) else { return texts }
        let letters = texts.map(Array.init)
        func shared(_ sequences: [[Character]]) -> Int {
            var count = 0
            while sequences.allSatisfy({ count < $0.count && $0[count] == sequences[0][count] }) { count += 1 }
            // Back to the last separator, so a value is whole word parts.
            while count > 0, sequences[0][count - 1].isLetter || sequences[0][count - 1].isNumber { count -= 1 }
            return count
        }
        let start = shared(letters), end = shared(letters.map { $0.reversed() })
        return letters.map { text in
            guard start + end < text.count else { return String(text) }
            return String(text[start..<(text.count - end)])
        }
    }
}
