import Foundation
import RunbookCore

/// Reads a manifest strictly: every key must be one the schema knows, the
/// schema version must be this tool's, and the content must be consistent.
public enum ManifestReader {
    public static func decode(_ text: String, path: String) throws(DiagnosticList) -> Manifest {
        let data = Data(text.utf8)
        let manifest: Manifest
        do {
            manifest = try JSONDecoder().decode(Manifest.self, from: data)
        } catch let error as DecodingError {
            throw DiagnosticList([.error(path, locate(error.pathKey, in: text), describe(error))])
        } catch {
            throw DiagnosticList([.error(path, SourcePosition(line: 1, column: 1), "cannot read manifest: \(error)")])
        }
        var problems: [Diagnostic] = []
        // Unknown keys: anything in the file that re-encoding the decoded value does not produce.
        if let original = try? JSONSerialization.jsonObject(with: data),
           let encoded = try? JSONSerialization.jsonObject(with: JSONEncoder().encode(manifest)) {
            for (keyPath, key) in unknownKeys(original, known: encoded, at: "") {
                problems.append(.error(path, locate("\"\(key)\"", in: text), "unknown key '\(key)' at \(keyPath.isEmpty ? "top level" : keyPath)"))
            }
        }
        if manifest.schemaVersion != Manifest.currentSchemaVersion {
            problems.append(.error(path, locate("schemaVersion", in: text),
                                   "unsupported schema version \(manifest.schemaVersion) (this runbook reads version \(Manifest.currentSchemaVersion))"))
        }
        var seen: Set<String> = []
        for step in manifest.steps where !seen.insert(step.id).inserted {
            problems.append(.error(path, locate("\"\(step.id)\"", in: text), "duplicate step id '\(step.id)'"))
        }
        for step in manifest.steps where !["command", "manual", "notice"].contains(step.kind) {
            problems.append(.error(path, locate("\"\(step.kind)\"", in: text), "step '\(step.id)' has unknown kind '\(step.kind)'"))
        }
        for step in manifest.steps where !manifest.sources.contains(where: { $0.path == step.source }) {
            problems.append(.error(path, locate(step.id, in: text), "step '\(step.id)' names source '\(step.source)', which the manifest does not list"))
        }
        for step in manifest.steps {
            let lines = manifest.sources.first { $0.path == step.source }?.lines ?? Int.max
            let r = step.range
            if r.start.line < 1 || r.end.line > lines || r.end < r.start || r.start.column < 1 {
                problems.append(.error(path, locate(step.id, in: text),
                                       "step '\(step.id)' has range \(r.start.line)-\(r.end.line) outside its source (\(lines) lines)"))
            }
        }
        guard problems.isEmpty else { throw DiagnosticList(problems) }
        return manifest
    }

    /// Checks the manifest against the files it describes: sources under `docsRoot`, the script under `outDir`.
    public static func verifyFiles(_ manifest: Manifest, path: String, docsRoot: String, outDir: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for source in manifest.sources {
            let file = (docsRoot as NSString).appendingPathComponent(source.path)
            guard let data = FileManager.default.contents(atPath: file) else {
                problems.append(.error(path, SourcePosition(line: 1, column: 1), "source '\(file)' is gone"))
                continue
            }
            if SHA256.hex(of: Array(data)) != source.sha256 {
                problems.append(.error(path, SourcePosition(line: 1, column: 1), "source '\(file)' does not match its recorded sha256"))
            }
        }
        let script = (outDir as NSString).appendingPathComponent(manifest.script.path)
        if let data = FileManager.default.contents(atPath: script) {
            if SHA256.hex(of: Array(data)) != manifest.script.sha256 {
                problems.append(.error(script, SourcePosition(line: 1, column: 1), "script does not match the sha256 in \(path): it was edited by hand"))
            }
        } else {
            problems.append(.error(path, SourcePosition(line: 1, column: 1), "script '\(script)' is missing"))
        }
        return problems
    }

    static func unknownKeys(_ original: Any, known: Any, at path: String) -> [(String, String)] {
        if let object = original as? [String: Any] {
            let knownObject = known as? [String: Any] ?? [:]
            return object.keys.sorted().flatMap { key -> [(String, String)] in
                let here = path.isEmpty ? key : "\(path).\(key)"
                guard let knownValue = knownObject[key] else {
                    return object[key] is NSNull ? [] : [(path, key)]
                }
                return unknownKeys(object[key]!, known: knownValue, at: here)
            }
        }
        if let array = original as? [Any], let knownArray = known as? [Any] {
            return zip(array, knownArray).enumerated().flatMap { index, pair in unknownKeys(pair.0, known: pair.1, at: "\(path)[\(index)]") }
        }
        return []
    }

    static func describe(_ error: DecodingError) -> String {
        func where_(_ path: [CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "top level" : String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key '\(key.stringValue)' at \(where_(context.codingPath))"
        case .typeMismatch(let type, let context): return "wrong type at \(where_(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context): return "missing value at \(where_(context.codingPath)): expected \(type)"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(where_(context.codingPath))"
        @unknown default: return "cannot read manifest"
        }
    }

    /// The line and column of the first occurrence of `needle`, for pointing at a problem.
    static func locate(_ needle: String, in text: String) -> SourcePosition {
        guard !needle.isEmpty else { return SourcePosition(line: 1, column: 1) }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let hit = line.range(of: needle) {
                return SourcePosition(line: index + 1, column: line.utf8.distance(from: line.startIndex, to: hit.lowerBound) + 1)
            }
        }
        return SourcePosition(line: 1, column: 1)
    }
}

extension DecodingError {
    var pathKey: String {
        switch self {
        case .keyNotFound(let key, _): return key.stringValue
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): return c.codingPath.last?.stringValue ?? ""
        @unknown default: return ""
        }
    }
}
