import Foundation
import Testing
import Emit
import RunbookCore

/// Strict manifest decoding: each invalid manifest is rejected with a clear message.
@Suite struct ManifestTests {
    func committedManifest() throws -> String {
        try #require(TestSupport.read(TestSupport.packageRoot + "/generated/webapp-upgrade.manifest.json"))
    }

    func messages(_ text: String) -> [String] {
        do {
            _ = try ManifestReader.decode(text, path: "m.json")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func theCommittedManifestDecodesAndRoundTrips() throws {
        let text = try committedManifest()
        let manifest = try ManifestReader.decode(text, path: "m.json")
        #expect(ManifestBuilder.json(manifest) == text)
        let problems = ManifestReader.verifyFiles(manifest, path: "m.json", docsRoot: TestSupport.packageRoot + "/docs-src", outDir: TestSupport.packageRoot + "/generated")
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func unknownKeysAreRejectedWithTheirPath() throws {
        let text = try committedManifest().replacingOccurrences(of: "\"depth\" : 1,", with: "\"depth\" : 1, \"colour\" : \"red\",")
        let found = messages(text)
        #expect(found.count >= 1)
        #expect(found.first?.contains("error: unknown key 'colour' at steps[0]") == true, "\(found)")
    }

    @Test func unknownTopLevelKey() throws {
        let text = try committedManifest().replacingOccurrences(of: "{\n  \"generator\"", with: "{\n  \"extra\" : 1,\n  \"generator\"")
        #expect(messages(text) == ["m.json:2:3: error: unknown key 'extra' at top level"])
    }

    @Test func wrongSchemaVersion() throws {
        let text = try committedManifest().replacingOccurrences(of: "\"schemaVersion\" : 1", with: "\"schemaVersion\" : 7")
        #expect(messages(text).count == 1)
        #expect(messages(text).first?.hasSuffix("error: unsupported schema version 7 (this runbook reads version 1)") == true)
    }

    @Test func duplicateStepIds() throws {
        let text = try committedManifest().replacingOccurrences(of: "\"id\" : \"start-the-service\"", with: "\"id\" : \"stop-the-service\"")
        #expect(messages(text).contains { $0.hasSuffix("error: duplicate step id 'stop-the-service'") })
    }

    @Test func rangeOutsideItsSource() throws {
        let text = try committedManifest().replacingOccurrences(of: "\"lines\" : 86", with: "\"lines\" : 20")
        #expect(text != (try committedManifest()))
        #expect(messages(text).contains { $0.contains("has range") && $0.contains("outside its source (20 lines)") })
    }

    @Test func missingKeyWrongTypeAndBadJSON() throws {
        let base = try committedManifest()
        #expect(messages(base.replacingOccurrences(of: "\"skipped\" : false", with: "\"skipped\" : \"no\"")).first?.contains("error: wrong type at steps[0].skipped: expected Bool") == true)
        #expect(messages(base.replacingOccurrences(of: "\"schemaVersion\" : 1,", with: "")).first?.hasSuffix("error: missing key 'schemaVersion' at top level") == true)
        #expect(messages("{ not json").first == "m.json:1:1: error: not valid JSON")
        #expect(messages(base.replacingOccurrences(of: "\"kind\" : \"manual\"", with: "\"kind\" : \"magic\"")).contains { $0.hasSuffix("unknown kind 'magic'") })
    }

    @Test func hashMismatchesAreFound() throws {
        var manifest = try ManifestReader.decode(try committedManifest(), path: "m.json")
        manifest.sources[0].sha256 = String(repeating: "0", count: 64)
        manifest.script.sha256 = String(repeating: "1", count: 64)
        let problems = ManifestReader.verifyFiles(manifest, path: "m.json", docsRoot: TestSupport.packageRoot + "/docs-src", outDir: TestSupport.packageRoot + "/generated")
        #expect(problems.map(\.message).contains { $0.hasSuffix("does not match its recorded sha256") })
        #expect(problems.map(\.message).contains { $0.hasSuffix("it was edited by hand") })
    }
}
