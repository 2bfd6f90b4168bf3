import RunbookCore

/// How deep the readers nest containers (lists, quotes, admonitions,
/// directives). Every walk over the tree after them recurses, so a reader
/// stops descending here and reports an error at the first node too deep:
/// real pages nest a handful of levels; a page nested thousands deep is an
/// attack or an accident, and must not crash the tool.
public final class NestingLimit: @unchecked Sendable {
    public static let maximum = 100
    public static let message = "nesting deeper than \(maximum) levels (lists, quotes, admonitions, directives): runbook reads no deeper"

    /// Where the limit was first passed.
    public private(set) var position: SourcePosition?

    public init() {}

    public func exceeded(at position: SourcePosition) {
        if self.position == nil { self.position = position }
    }
}
