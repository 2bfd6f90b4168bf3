import StepAST

/// A parsed `when` condition → a bash test with no `eval`: names expand as
/// quoted variables, literals are single-quoted, comparisons go through `rb_compare`.
enum ConditionCompiler {
    static func shell(_ condition: Condition) -> String {
        switch condition {
        case .compare(let a, let op, let b):
            return "rb_compare \(operand(a)) \(ShellQuoting.singleQuoted(op.rawValue)) \(operand(b))"
        case .isSet(let name):
            return "[[ -n ${\(name)-} ]]"
        case .not(let inner):
            return "! { \(shell(inner)); }"
        case .and(let a, let b):
            return "{ \(shell(a)); } && { \(shell(b)); }"
        case .or(let a, let b):
            return "{ \(shell(a)); } || { \(shell(b)); }"
        }
    }

    static func operand(_ operand: Condition.Operand) -> String {
        switch operand {
        case .name(let name): return "\"${\(name)-}\""
        case .literal(let text): return ShellQuoting.singleQuoted(text)
        }
    }
}
