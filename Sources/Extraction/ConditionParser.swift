import StepAST

/// Parses `when` expressions:
///
///     expr  := and ("or" and)*
///     and   := unary ("and" unary)*
///     unary := "not" unary | "(" expr ")" | operand (op operand)?
///     operand := NAME | 'text' | "text" | a bare literal such as 0.11.0
///
/// A bare word that starts with a letter or `_` is a name; anything else bare is a literal.
public enum ConditionParser {
    public struct Failure: Error, Equatable {
        /// 0-based character offset in the expression.
        public var offset: Int
        public var message: String
    }

    enum Token: Equatable {
        case word(String), quoted(String), op(String), open, close
    }

    public static func parse(_ text: String) -> Result<Condition, Failure> {
        switch tokenize(text) {
        case .failure(let failure): return .failure(failure)
        case .success(let tokens):
            var parser = Parser(tokens: tokens, length: text.count)
            do {
                let condition = try parser.expression()
                if parser.index < tokens.count {
                    throw Failure(offset: tokens[parser.index].1, message: "unexpected '\(describe(tokens[parser.index].0))'")
                }
                return .success(condition)
            } catch let failure as Failure {
                return .failure(failure)
            } catch {
                return .failure(Failure(offset: 0, message: "\(error)"))
            }
        }
    }

    static func describe(_ token: Token) -> String {
        switch token {
        case .word(let w): return w
        case .quoted(let q): return "'\(q)'"
        case .op(let o): return o
        case .open: return "("
        case .close: return ")"
        }
    }

    static func tokenize(_ text: String) -> Result<[(Token, Int)], Failure> {
        let chars = Array(text)
        var tokens: [(Token, Int)] = []
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let start = i
            if c == "(" { tokens.append((.open, start)); i += 1; continue }
            if c == ")" { tokens.append((.close, start)); i += 1; continue }
            if "<>=!".contains(c) {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["<=", ">=", "==", "!="].contains(two) { tokens.append((.op(two), start)); i += 2; continue }
                if c == "<" || c == ">" { tokens.append((.op(String(c)), start)); i += 1; continue }
                return .failure(Failure(offset: start, message: "'\(c)' is not an operator (use ==, !=, <, <=, >, >=)"))
            }
            if c == "'" || c == "\"" {
                guard let end = chars[(i + 1)...].firstIndex(of: c) else {
                    return .failure(Failure(offset: start, message: "unterminated quoted text"))
                }
                tokens.append((.quoted(String(chars[(i + 1)..<end])), start))
                i = end + 1
                continue
            }
            var word = ""
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || "._-+:~".contains(chars[i]) { word.append(chars[i]); i += 1 }
            if word.isEmpty { return .failure(Failure(offset: start, message: "unexpected '\(c)'")) }
            tokens.append((.word(word), start))
        }
        return .success(tokens)
    }

    struct Parser {
        let tokens: [(Token, Int)]
        let length: Int
        var index = 0

        var peek: Token? { index < tokens.count ? tokens[index].0 : nil }
        var offset: Int { index < tokens.count ? tokens[index].1 : length }

        mutating func keyword(_ word: String) -> Bool {
            guard peek == .word(word) else { return false }
            index += 1
            return true
        }

        mutating func expression() throws -> Condition {
            var left = try conjunction()
            while keyword("or") { left = .or(left, try conjunction()) }
            return left
        }

        mutating func conjunction() throws -> Condition {
            var left = try unary()
            while keyword("and") { left = .and(left, try unary()) }
            return left
        }

        mutating func unary() throws -> Condition {
            if keyword("not") { return .not(try unary()) }
            if peek == .open {
                index += 1
                let inner = try expression()
                guard peek == .close else { throw Failure(offset: offset, message: "expected ')'") }
                index += 1
                return inner
            }
            let left = try operand()
            guard case .op(let symbol)? = peek, let comparison = Condition.Comparison(rawValue: symbol) else {
                guard case .name(let name) = left else { throw Failure(offset: offset, message: "expected a comparison after a literal") }
                return .isSet(name)
            }
            index += 1
            return .compare(left, comparison, try operand())
        }

        mutating func operand() throws -> Condition.Operand {
            guard let token = peek else { throw Failure(offset: offset, message: "expression ends too soon") }
            switch token {
            case .quoted(let text): index += 1; return .literal(text)
            case .word(let word) where !["and", "or", "not"].contains(word):
                index += 1
                return ShellName.isValid(word) ? .name(word) : .literal(word)
            default:
                throw Failure(offset: offset, message: "expected a name or a value, found '\(ConditionParser.describe(token))'")
            }
        }
    }
}
