import Foundation
import StepAST

/// How one code block reads: the classifying passes (BlockClassifier), then
/// the passes that read the sentence before it (Announcements). The first
/// pass that decides wins; the annotation before the block, when there is one,
/// overrides them all (BodyReader).
extension ExtractionContext {
    /// EARLIER: the step's commands before the block.
    func readBlock(language: String?, text: String, announcement: String?, earlier: [String]) -> BlockClassification {
        var reading = BlockClassifier.classify(language: language, text: text, passes: passes)
        guard let announcement else { return reading }
        // "You will get a list of upgrade files:" announces what a command printed.
        if passes.contains(.announcedOutput), reading.kind != .transcript, BlockClassifier.announcesOutput(announcement),
           BlockClassifier.undecided.contains(language?.lowercased() ?? "") {
            reading = BlockClassification(.output, by: .announcedOutput, "the sentence before it announces output")
        } else if passes.contains(.announcedOutput), reading.runs, !earlier.isEmpty, BlockClassifier.saysTheOperatorSees(announcement) {
            // "After a few minutes you should see:" after a command: what it printed, whatever the block's language says.
            reading = BlockClassification(.output, by: .announcedOutput, "the sentence before it says what the operator sees after a command")
        }
        if passes.contains(.announcedExample), reading.runs, !earlier.isEmpty, BlockClassifier.announcesExample(announcement) {
            reading = BlockClassification(.output, by: .announcedExample, "an example of the command before it")
        } else if passes.contains(.announcedExample), reading.runs,
                  BlockClassifier.endsAnnouncingAnExample(announcement, block: text, earlier: earlier) {
            reading = BlockClassification(.output, by: .announcedExample,
                                          "the paragraph before it ends announcing an example of a command the step already gave")
        } else if passes.contains(.announcedExample), reading.runs,
                  BlockClassifier.offersAnotherUse(announcement, block: text, earlier: earlier) {
            reading = BlockClassification(.output, by: .announcedExample,
                                          "the paragraph before it offers another use of a command the step already gave")
        }
        if passes.contains(.announcedFileContent), reading.kind == .script, BlockClassifier.announcesFileContent(announcement) {
            reading = BlockClassification(.configuration, by: .announcedFileContent, "the sentence before it gives a file's content")
        }
        return reading
    }

    /// Pass named-file: the file the sentence before a configuration block names.
    func namedFile(_ announcement: String?, for reading: BlockClassification) -> String? {
        guard passes.contains(.namedFile), reading.kind == .configuration else { return nil }
        return announcement.flatMap(BlockClassifier.namedFile)
    }
}
