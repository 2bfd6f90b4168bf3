extension String {
    /// The text without the spaces and tabs at its end.
    public func trimmingTrailingBlanks() -> String {
        // Most text ends in neither: answered from the last byte.
        guard let last = utf8.last, last == 0x20 || last == 0x09 else { return self }
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
