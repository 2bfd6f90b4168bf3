/// A place in a source file.
///
/// One convention everywhere: lines are 1-based, columns are 1-based and count
/// UTF-8 bytes (after a byte-order mark has been removed), as cmark reports them.
public struct SourcePosition: Hashable, Comparable, Sendable, Codable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A span of a source file. `end` is the last character's position (inclusive),
/// the way cmark and docutils report block extents.
public struct SourceRange: Hashable, Sendable, Codable {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    public init(line: Int, column: Int = 1, endLine: Int? = nil, endColumn: Int = 1) {
        self.start = SourcePosition(line: line, column: column)
        self.end = SourcePosition(line: endLine ?? line, column: endColumn)
    }
}
