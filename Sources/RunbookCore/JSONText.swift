/// JSON text written straight into bytes: the layout of Foundation's
/// JSONSerialization with `.prettyPrinted` and `.sortedKeys` (two-space
/// indent, `"key" : value`), without boxing every value in `Any`, which made
/// `runbook ast --format json` ten times slower than parsing the page.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    /// The text, keys sorted by their bytes, followed by no newline.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The text as UTF-8, for writing out without a copy into a String.
    public var bytes: [UInt8] { bytes(capacity: 1 << 16) }

    /// `capacity`: a guess at the size, so the buffer is not grown (and copied) again and again.
    public func bytes(capacity: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        write(into: &out, indent: 0)
        return out
    }

    public func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { out.append(contentsOf: "{\n\n".utf8); Self.pad(&out, indent); out.append(UInt8(ascii: "}")); return }
            out.append(contentsOf: "{\n".utf8)
            // Keys are ASCII here, where String's order is the bytes' order; most come sorted.
            let inOrder = zip(members, members.dropFirst()).allSatisfy { $0.0 < $1.0 }
            let sorted = inOrder ? members : members.sorted { $0.0 < $1.0 }
            for (index, (key, value)) in sorted.enumerated() {
                Self.pad(&out, indent + 2)
                Self.string(key, into: &out)
                out.append(contentsOf: " : ".utf8)
                value.write(into: &out, indent: indent + 2)
                if index + 1 < sorted.count { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[\n\n".utf8); Self.pad(&out, indent); out.append(UInt8(ascii: "]")); return }
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                Self.pad(&out, indent + 2)
                item.write(into: &out, indent: indent + 2)
                if index + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(0x0A)
            }
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .string(let text): Self.string(text, into: &out)
        case .int(let number): out.append(contentsOf: String(number).utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        }
    }

    public static func pad(_ out: inout [UInt8], _ count: Int) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// Quoted: `"` and `\` escaped, control characters as JSONSerialization writes them, `/` left alone.
    public static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
            case 0x0A: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out += [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
