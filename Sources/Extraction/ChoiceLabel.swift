/// One alternative of a choice, as a block passes marks a command while its
/// step is read: the parameter that decides and the value that picks it
/// ("**Red Hat**" before a block: PLATFORM = redhat; after "Alternatively, …":
/// ALTERNATIVE = 2). Scratch state of Extraction: the alternative-sections
/// pass turns the labels that turn out to be choices into each command's
/// condition, and only the condition reaches the step model.
struct ChoiceLabel: Sendable, Equatable {
    var name: String
    var value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}
