import RunbookCore

/// A procedure extracted from one document: what the emitter turns into a script.
public struct Procedure: Sendable, Equatable {
    /// File-name stem, used for `generated/NAME.sh`.
    public var name: String
    public var title: String
    public var sourcePath: String
    public var sourceSHA256: String
    /// Intro prose before the first step.
    public var summary: String
    /// Notes and warnings that stand before the first step and concern the whole procedure.
    public var notices: [Notice]
    public var parameters: [Parameter]
    /// Steps in document (execution) order; `depth` gives the nesting.
    public var steps: [Step]

    public init(name: String, title: String, sourcePath: String, sourceSHA256: String, summary: String = "",
                notices: [Notice] = [], parameters: [Parameter] = [], steps: [Step] = []) {
        self.name = name
        self.title = title
        self.sourcePath = sourcePath
        self.sourceSHA256 = sourceSHA256
        self.summary = summary
        self.notices = notices
        self.parameters = parameters
        self.steps = steps
    }
}
