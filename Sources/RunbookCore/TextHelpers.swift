extension String {
    /// The text without the spaces and tabs at its end.
    public func trimmingTrailingBlanks() -> String {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
