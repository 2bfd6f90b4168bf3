import RunbookCore

/// Turns a flat run of blocks, where headings are bare `.section` nodes, into
/// nested sections: each heading owns what follows up to the next heading of
/// the same or a higher level. Readers whose format has flat headings use it.
public enum SectionNester {
    public static func nest(_ flat: [Node]) -> [Node] {
        var root: [Node] = []
        var open: [Node] = []

        func close() {
            var section = open.removeLast()
            if let last = section.children.last { section.range.end = max(section.range.end, last.range.end) }
            if open.isEmpty { root.append(section) } else { open[open.count - 1].children.append(section) }
        }

        for node in flat {
            if case .section(_, let level) = node.kind {
                while let top = open.last, case .section(_, let openLevel) = top.kind, openLevel >= level { close() }
                open.append(node)
            } else if open.isEmpty {
                root.append(node)
            } else {
                open[open.count - 1].children.append(node)
            }
        }
        while !open.isEmpty { close() }
        return root
    }
}
