/// A `when` condition: comparisons of parameters and captured values, joined
/// with `and`, `or`, `not` and parentheses. `<`, `<=`, `>`, `>=` compare as
/// versions (`0.11.0 < 1.3.1`, numerically field by field); `==`, `!=` as text.
public indirect enum Condition: Sendable, Equatable {
    public enum Operand: Sendable, Equatable {
        case name(String)
        case literal(String)
    }

    public enum Comparison: String, Sendable, CaseIterable {
        case equal = "==", notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", less = "<", greater = ">"
    }

    case compare(Operand, Comparison, Operand)
    /// A name alone: true when its value is not empty.
    case isSet(String)
    case not(Condition)
    case and(Condition, Condition)
    case or(Condition, Condition)

    /// Every parameter or capture name the condition reads.
    public var names: [String] {
        switch self {
        case .compare(let a, _, let b):
            return [a, b].compactMap { if case .name(let n) = $0 { n } else { nil } }
        case .isSet(let name): return [name]
        case .not(let c): return c.names
        case .and(let a, let b), .or(let a, let b): return a.names + b.names
        }
    }
}

/// A `when` as the page or an annotation gives it: its text, as written (what
/// `plan`, the manifest and the script's messages show), and that text
/// parsed, made together so the two cannot disagree.
public struct When: Sendable, Equatable {
    public let text: String
    public let condition: Condition

    public init(text: String, condition: Condition) {
        self.text = text
        self.condition = condition
    }

    /// Both must hold: `(self) and (other)`.
    public func and(_ other: When) -> When {
        When(text: "(\(text)) and (\(other.text))", condition: .and(condition, other.condition))
    }
}
