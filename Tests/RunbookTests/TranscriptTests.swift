import Foundation
import Pipeline
import Testing

/// What `plan`, `lint`, `build` and `check` print, as a person reads it: each
/// file under Transcripts/ holds commands (`%%% …`) run in turn in a copy of
/// Transcripts/project/, each with its exit status, standard output and
/// standard error. A change of output fails here until the files are
/// re-blessed (`script/accept-transcripts`) and the diff reviewed.
@Suite struct TranscriptTests {
    static let folder = TestSupport.packageRoot + "/Tests/RunbookTests/Transcripts"
    static let marker = "%%% "

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// The commands of a transcript, in order.
    static func commands(in transcript: String) -> [String] {
        transcript.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix(marker) }.map { String($0.dropFirst(marker.count)) }
    }

    @Test(arguments: files)
    func theOutputIsAsReviewed(file: String) throws {
        let path = Self.folder + "/" + file
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        let project = try TestSupport.temporaryDirectory("transcript")
        defer { try? FileManager.default.removeItem(atPath: project) }
        try FileManager.default.removeItem(atPath: project)
        try FileManager.default.copyItem(atPath: Self.folder + "/project", toPath: project)
        let binaries = (TestSupport.runbookBinary as NSString).deletingLastPathComponent
        var rendered = ""
        for command in Self.commands(in: expected) {
            let result = try TestSupport.run("bash", ["-c", command], in: project, environment: [
                "PATH": binaries + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
                "XDG_CACHE_HOME": project + "/.cache", "NO_COLOR": "1", "COLUMNS": "100",
            ])
            rendered += Self.marker + command + "\n[exit \(result.status)]\n" + Self.terminated(result.stdout)
            if !result.stderr.isEmpty { rendered += "[stderr]\n" + Self.terminated(result.stderr) }
        }
        if ProcessInfo.processInfo.environment["RUNBOOK_ACCEPT"] == "1" {
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
        } else {
            #expect(rendered == expected, "\(file) differs (script/accept-transcripts re-blesses it):\n\(UnifiedDiff.diff(expected, rendered, oldName: file, newName: "now"))")
        }
    }

    static func terminated(_ text: String) -> String { text.isEmpty || text.hasSuffix("\n") ? text : text + "\n" }

    @Test func everyTranscriptRunsSomething() {
        #expect(Self.files.count >= 4)
        for file in Self.files {
            let text = (try? String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8)) ?? ""
            #expect(!Self.commands(in: text).isEmpty, "\(file)")
        }
    }
}
