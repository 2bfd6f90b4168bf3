import StepAST

/// Pass archive-formats: one block that unpacks the same release as a `.zip`
/// and as a `.tar.gz` (`unzip app-1.2.zip -d /srv/app`, then "the tar.gz file
/// extracts with:" `tar -xvf app-1.2.tar.gz -C /srv/app`) offers the operator
/// the format they downloaded: one choice, ARCHIVE, never both. Lines that
/// unpack nothing run in either format; a line written again for the second
/// format (`mkdir` before each) belongs to the format it comes before.
extension ExtractionContext {
    func archiveFormats(_ text: String, firstLine: Int) -> BlockWays? {
        guard passes.contains(.archiveFormats) else { return nil }
        var lines: [(number: Int, text: String)] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasSuffix("\\") { return nil }
            lines.append((firstLine + offset, line))
        }
        let unpacked = lines.map { Self.unpacked($0.text) }
        let archives = unpacked.compactMap { $0 }
        guard archives.count >= 2, Set(archives.map(\.format)).count == archives.count,
              Set(archives.map(\.release)).count == 1 else { return nil }
        let ways: [String?] = lines.indices.map { index in
            if let archive = unpacked[index] { return archive.format }
            // Written once: common. Written again: each copy goes with the next unpacking.
            guard lines.filter({ $0.text == lines[index].text }).count > 1 else { return nil }
            return unpacked[index...].lazy.compactMap { $0 }.first?.format
        }
        return BlockWays(choice: "ARCHIVE", groups: zip(lines, ways).map { line, way in
            (ConsoleTranscript.Line(text: line.text, firstLine: line.number, lastLine: line.number), way)
        }, pass: .archiveFormats, reason: "the block unpacks one release in two formats: the one downloaded")
    }

    /// The release a line unpacks and its format: `unzip -o app-1.2.zip …`
    /// (`app-1.2`, `zip`), `tar -xvf app-1.2.tar.gz …` (`app-1.2`, `tar-gz`).
    static func unpacked(_ line: String) -> (release: String, format: String)? {
        let words = ShellWords.afterSudo(Substring(line))
        guard let program = words.first else { return nil }
        let suffixes: [String]
        switch program {
        case "unzip": suffixes = [".zip"]
        case "tar" where words.dropFirst().contains(where: { $0.hasPrefix("-") ? $0.contains("x") : $0.first == "x" }):
            suffixes = [".tar.gz", ".tgz", ".tar.xz", ".tar.bz2", ".tar.zst"]
        default: return nil
        }
        for word in words.dropFirst() {
            if let suffix = suffixes.first(where: { word.hasSuffix($0) }) {
                return (String(word.dropLast(suffix.count)), StepIdentifier.slug(String(suffix.dropFirst())))
            }
        }
        return nil
    }
}
