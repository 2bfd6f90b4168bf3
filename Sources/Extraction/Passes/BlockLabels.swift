import RunbookCore
import StepAST

/// Pass block-labels: "Metabase Open Source:" before one block and "Metabase
/// Pro or Enterprise:" before the next, a paragraph that only names what the
/// block is for, the way a tab would. Two labels or more in one step, before
/// blocks that run the same program (`docker pull`, then `docker pull`), are
/// one choice, LABEL: the operator has one of them. A single label, or labelled
/// blocks that run different programs ("Server:", "Client:"), choose nothing.
/// A paragraph that says what the operator wants the block for ("If you want
/// to build the latest stable version …") is such a label too. One label,
/// before a block that runs the program and subcommand of the unlabelled block
/// right before it, makes that one the default of the choice.
extension ExtractionContext {
    /// Words that make a paragraph a sentence rather than a label.
    static let sentenceWords: Set<String> = [
        "run", "use", "using", "type", "execute", "with", "then", "following", "command", "commands", "this", "these",
        "below", "example", "output", "result", "like", "should", "will", "can", "must", "is", "are", "it", "you", "your",
        "to", "for", "on", "if", "or", "and", "in", "as", "note",
    ]

    /// The label a paragraph is, when it is one: at most five words, ending in
    /// ":", neither an instruction nor a sentence ("Metabase Pro or Enterprise:").
    func blockLabel(_ text: String) -> String? {
        guard passes.contains(.blockLabels) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let intent = Self.intent(trimmed) { return intent }
        guard trimmed.hasSuffix(":"), !trimmed.contains("\n") else { return nil }
        let words = trimmed.dropLast().lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        guard (1...5).contains(words.count), let first = words.first, !Vocabulary.instructionVerbs.contains(first),
              !Self.sentenceWords.contains(first), words.filter({ Self.sentenceWords.contains($0) }).count <= 1 else { return nil }
        return words.joined(separator: " ")
    }

    /// "If you want to build the latest stable version …", "If you would validate
    /// a Pull Request, …": a paragraph that says what the operator wants the
    /// block for labels it as well: the four words after the opening.
    static func intent(_ text: String) -> String? {
        let lowered = text.lowercased()
        let openings = ["if you want to ", "if you would like to ", "if you'd like to ", "if you wish to ", "if you would ", "if you want "]
        guard let opening = openings.first(where: lowered.hasPrefix) else { return nil }
        let words = lowered.dropFirst(opening.count).split { !$0.isLetter && !$0.isNumber }.prefix(4)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Keeps the labels of a step that make a choice (two values or more, one
    /// program) and names its values by the words that tell them apart.
    func settleBlockLabels(in draft: inout StepDraft) {
        var labelled = draft.labels.indices.filter { draft.labels[$0].contains { $0.name == "LABEL" } }
        guard !labelled.isEmpty else { return }
        // `npm start`, then "If you want to pass any arguments, …:" `npm start -- <args>`: the
        // one label's block varies the unlabelled one right before it; that one is the default.
        if labelled.count == 1, let index = labelled.first, index > 0, !draft.labels[index - 1].contains(where: { $0.name == "LABEL" }),
           let invoked = BlockClassifier.invocation(draft.commands[index].text),
           BlockClassifier.invocation(draft.commands[index - 1].text) == invoked {
            draft.labels[index - 1].append(ChoiceLabel("LABEL", "default"))
            labelled.insert(index - 1, at: 0)
        }
        let labels = draft.labels
        let value = { (index: Int) in labels[index].first { $0.name == "LABEL" }!.value }
        let names = AlternativeSections.distinct(labelled.map(value))
        let programs = Set(labelled.map { ParallelSections.words(draft.commands[$0].text).first ?? "" })
        guard names.count >= 2, programs.count == 1 else {
            for index in labelled { draft.labels[index].removeAll { $0.name == "LABEL" } }
            return
        }
        let values = Dictionary(uniqueKeysWithValues: zip(names, (ParallelSections.distinguishingWords(names) ?? names).map(StepIdentifier.slug)))
        for index in labelled {
            let chosen = values[value(index)]!
            draft.labels[index] = draft.labels[index].map { $0.name == "LABEL" ? ChoiceLabel("LABEL", chosen) : $0 }
            draft.decide(draft.commands[index].range.start.line, .blockLabels, "choice LABEL=\(chosen)",
                         "the paragraph before it only names what it is for, as another before a block of the same program")
        }
    }
}
