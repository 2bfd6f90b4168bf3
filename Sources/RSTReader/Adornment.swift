import DocumentTree
import Foundation
import RunbookCore

/// Section titles: an underline, or an overline and an underline of the same
/// character. Levels follow the order in which styles first appear.
enum Adornment {
    /// Whether the byte is printable ASCII punctuation, which adornments are made of.
    static func isPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte) || (0x7B...0x7E).contains(byte)
    }

    /// Two or more of one punctuation character, then only blanks. Asked of
    /// nearly every line, so answered from the bytes.
    static func isAdornment(_ line: RSTLine) -> Bool {
        let first = line.firstByte
        guard isPunctuation(first) else { return false }
        let bytes = line.bytes
        var count = 0
        while count < bytes.count, bytes[count] == first { count += 1 }
        for index in count..<bytes.count where bytes[index] != 0x20 && bytes[index] != 0x09 { return false }
        return count >= 2
    }
}

extension RSTBlockParser {
    mutating func sectionTitle(_ lines: [RSTLine], _ i: inout Int) -> Node? {
        let line = lines[i]
        // Overline, title, underline.
        if Adornment.isAdornment(line), i + 2 < lines.count, !lines[i + 1].isBlank,
           Adornment.isAdornment(lines[i + 2]), lines[i + 2].firstByte == line.firstByte,
           !Adornment.isAdornment(lines[i + 1]) || lines[i + 1].firstByte != line.firstByte {
            let title = lines[i + 1].text.trimmingSpaces()
            // An adornment is ASCII, so its bytes are its characters.
            if line.trimmedLength < lines[i + 1].trimmingTrailingBlanks().text.count {
                warn(line, "title overline too short")
            }
            let node = section(title: title, style: "o" + String(UnicodeScalar(line.firstByte)), lines[i...(i + 2)])
            i += 3
            return node
        }
        // Title, underline: the title is not itself an adornment, and is one line.
        guard i + 1 < lines.count, !line.isBlank, line.indent == 0, Adornment.isAdornment(lines[i + 1]),
              !Adornment.isAdornment(line) else { return nil }
        let underline = lines[i + 1].trimmedLength
        let title = line.trimmingTrailingBlanks().text
        // Characters are never more than bytes: count them only when the bytes say the underline may be short.
        if underline < title.utf8.count, underline < title.count {
            guard underline >= 4 else { return nil }
            warn(lines[i + 1], "title underline too short")
        }
        let node = section(title: String(title), style: "u" + String(UnicodeScalar(lines[i + 1].firstByte)), lines[i...(i + 1)])
        i += 2
        return node
    }

    mutating func section(title: String, style: String, _ lines: ArraySlice<RSTLine>) -> Node {
        if !sectionStyles.contains(style) { sectionStyles.append(style) }
        let level = sectionStyles.firstIndex(of: style)! + 1
        return Node(.section(title: inline.plain(title), level: level), range(lines))
    }
}
