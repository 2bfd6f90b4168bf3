import Foundation
import RunbookCore
import Extraction

/// What lets `runbook check` answer "in sync" without compiling anything, as
/// `git diff` answers from its index: after a check found no drift, the
/// status (device, inode, size, modification and change times in
/// nanoseconds) of every file it depended on: the runbook executable itself,
/// `runbook.json`, every file under the docs root and every file in the
/// output folder. When a later check finds all of them as they were, nothing
/// can have changed its answer, so it gives it again. Any difference (a file
/// written, even with the same bytes or an old time put back, which the
/// change time still shows; a file added or removed; another build of
/// runbook) means a check; when the same files are there and only procedure
/// docs or their outputs changed (one doc edited, the pre-commit case), only
/// those procedures are compiled and compared (`changesSinceInSync`). Any file
/// added or removed, a fragment or a doc that includes one changed, another
/// runbook or `runbook.json` means a full check. The cache is the user's own
/// (`$XDG_CACHE_HOME/runbook/`, else `~/.cache/runbook/`), one file per
/// project folder; `--no-cache` skips it. Not seen: a file that a doc
/// includes from outside the docs root.
public struct CheckCache {
    let file: String
    let key: String
    /// The newest modification or change time among the files, in nanoseconds.
    let newest: Int64

    public init?(docsRoot: String, outDir: String, settingsPath: String = ProjectSettings.fileName) {
        let environment = ProcessInfo.processInfo.environment
        guard let base = environment["XDG_CACHE_HOME"].flatMap({ $0.isEmpty ? nil : $0 })
                ?? environment["HOME"].map({ $0 + "/.cache" }) else { return nil }
        let project = FileManager.default.currentDirectoryPath
        file = base + "/runbook/check-" + String(SHA256.hex(of: project + "\u{0}" + docsRoot + "\u{0}" + outDir).prefix(24))
        guard let (state, newest) = Self.state(docsRoot: docsRoot, outDir: outDir, settingsPath: settingsPath) else { return nil }
        (key, self.newest) = (state, newest)
    }

    /// What the last check in sync knew besides the files' status.
    public struct Remembered: Equatable, Sendable {
        /// Procedure name → its doc, relative to the docs root.
        public var procedures: [String: String]
        public var fragments: Set<String>
        public var includers: Set<String>

        public init(procedures: [String: String], fragments: Set<String>, includers: Set<String>) {
            (self.procedures, self.fragments, self.includers) = (procedures, fragments, includers)
        }
    }

    static let separator = "--\n"

    /// The last check in sync: the files' status, then what it remembered.
    func stored() -> (status: Substring, remembered: Substring)? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\n" + Self.separator) else { return (text[...], "") }
        return (text[..<split.lowerBound] + "\n", text[split.upperBound...])
    }

    /// Whether the last check that found everything in sync saw exactly these files.
    public var answersInSync: Bool { stored()?.status == Substring(key) }

    /// The files whose status changed since the last check in sync, when
    /// nothing else did (the same files, the same runbook and settings), with
    /// what that check remembered; nil when only a full check can answer.
    public func changesSinceInSync() -> (changed: [String], remembered: Remembered)? {
        guard let (status, rememberedText) = stored(), !rememberedText.isEmpty else { return nil }
        func files(_ text: Substring) -> [String: Substring]? {
            var files: [String: Substring] = [:]
            for line in text.split(separator: "\n") {
                if line.hasPrefix("folder ") { continue }
                if line.hasPrefix("runbook ") || line.hasPrefix("settings ") { files[String(line)] = ""; continue }
                // PATH dev ino size mtime ctime: the path may hold spaces.
                var end = line.endIndex
                for _ in 0..<5 { guard let space = line[..<end].lastIndex(of: " ") else { return nil }; end = space }
                files[String(line[..<end])] = line[end...]
            }
            return files
        }
        guard let before = files(status), let now = files(Substring(key)), Set(before.keys) == Set(now.keys) else { return nil }
        var remembered = Remembered(procedures: [:], fragments: [], includers: [])
        for line in rememberedText.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2).map(String.init)
            switch (parts.first, parts.count) {
            case ("procedure", 3): remembered.procedures[parts[1]] = parts[2]
            case ("fragment", 2): remembered.fragments.insert(parts[1])
            case ("includer", 2): remembered.includers.insert(parts[1])
            default: return nil
            }
        }
        return (now.keys.filter { now[$0] != before[$0] }.sorted(), remembered)
    }

    /// After a check found no drift. Written atomically; a failure only costs the next check its speed.
    /// Not when a file changed in the last two seconds: a write in the same
    /// clock tick as the check could leave its times as they were (git's
    /// "racily clean" files), so such a tree gets a full check next time.
    /// RUNBOOK_CHECK_SETTLE_SECONDS changes the two seconds (the tests use 0
    /// rather than wait).
    public func recordInSync(_ remembered: Remembered) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let settle = ProcessInfo.processInfo.environment["RUNBOOK_CHECK_SETTLE_SECONDS"].flatMap(Double.init) ?? 2
        guard Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - newest > Int64(settle * 1_000_000_000) else { return }
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        var text = key + Self.separator
        for (name, doc) in remembered.procedures.sorted(by: { $0.key < $1.key }) { text += "procedure\t\(name)\t\(doc)\n" }
        for fragment in remembered.fragments.sorted() { text += "fragment\t\(fragment)\n" }
        for includer in remembered.includers.sorted() { text += "includer\t\(includer)\n" }
        try? AtomicFileWriter.write(text, to: file)
    }

    public func forget() { try? FileManager.default.removeItem(atPath: file) }

    /// One line per file: its path and status; the executable's first.
    static func state(docsRoot: String, outDir: String, settingsPath: String) -> (String, Int64)? {
        var lines: [String] = []
        var newest: Int64 = 0
        func status(_ path: String) -> String? {
            guard let (line, times) = Self.status(path) else { return nil }
            newest = max(newest, times)
            return line
        }
        guard let executable = status("/proc/self/exe") else { return nil }
        lines.append("runbook " + executable)
        lines.append("settings " + (status(settingsPath) ?? "none"))
        for root in [docsRoot, outDir] {
            lines.append("folder " + root + " " + (status(root) ?? "none"))
            let files = (FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []).sorted()
            for relative in files {
                let path = root + "/" + relative
                guard let line = status(path) else { continue }
                lines.append(path + " " + line)
            }
        }
        return (lines.joined(separator: "\n") + "\n", newest)
    }

    /// `dev ino size mtime ctime` (nanoseconds), following a symbolic link as reading the file would.
    static func status(_ path: String) -> (String, Int64)? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let mtime = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        let ctime = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        return ("\(info.st_dev) \(info.st_ino) \(info.st_size) \(mtime) \(ctime)", max(mtime, ctime))
    }
}
