/// A configuration block the page says to put in a file, and how
/// (`write=PATH`, `merge=PATH`, `append=PATH`): the runtime writes it
/// atomically, keeps the previous file, and the step's undo restores it byte
/// for byte, mode and owner included.
public struct FileChange: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// The block is the whole file.
        case write
        /// The block's `key = value` lines (under `[section]` headers) replace
        /// those keys in the file, or are added to their section.
        case merge
        /// The block goes at the end of the file (once: a file that already ends
        /// with it is left as it is, so running the step again changes nothing).
        case append
    }

    public var mode: Mode
    /// As written: absolute, relative to where the step runs, or with `${NAME}`
    /// parameter references (expanded as data at run time).
    public var path: String

    public init(mode: Mode, path: String) {
        self.mode = mode
        self.path = path
    }
}
