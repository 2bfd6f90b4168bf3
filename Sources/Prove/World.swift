import Foundation

/// A proof failed to build or read a world: the user's --setup or
/// --fingerprint did not work, so nothing can be concluded.
public struct WorldError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// One disposable world: a fresh folder the --setup command ran in, and the
/// variables it printed, which the script, the fingerprint and the teardown get.
struct World: Sendable {
    let number: Int
    let directory: String
    /// The state and log folder of the script's runs: outside the world, so
    /// that a fingerprint listing the world's files does not see the journal.
    let stateDirectory: String
    let environment: [String: String]
    /// The NAME=VALUE lines --setup printed.
    var printed: [String: String] = [:]

    /// The parameters (RUNBOOK_NAME) given as a path outside this world's
    /// folder: the script changes what they name, which every world would share.
    var sharedPaths: [String] {
        printed.filter { name, value in
            name.hasPrefix("RUNBOOK_") && value.hasPrefix("/") && !(value == directory || value.hasPrefix(directory + "/"))
        }.map { "\($0.key)=\($0.value)" }.sorted()
    }

    /// The ids of the steps a run in this world ran, from the logs in its
    /// state folder (`=== [k/n] ID (doc:line)`); nil when there is no log.
    func stepsRun() -> Set<String>? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: stateDirectory).filter({ $0.hasSuffix(".log") }),
              !names.isEmpty else { return nil }
        var ids = Set<String>()
        for name in names {
            guard let text = try? String(contentsOfFile: stateDirectory + "/" + name, encoding: .utf8) else { return nil }
            for line in text.split(separator: "\n") where line.hasPrefix("=== [") {
                let words = line.split(separator: " ")
                if words.count >= 3 { ids.insert(String(words[2])) }
            }
        }
        return ids
    }
}

/// Builds, describes and removes worlds with the user's three commands.
struct WorldMaker: Sendable {
    var setup: String
    var fingerprint: String
    var teardown: String?
    var shell: WorldShell
    /// The proof's own folder: worlds, state folders and the script live under it.
    var root: String
    var keepWorlds: Bool

    func make(_ number: Int) throws -> World {
        let directory = root + "/world-\(number)", state = root + "/state-\(number)"
        for folder in [directory, state] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["RUNBOOK_FAULT_INJECTION"] = nil
        environment["RUNBOOK_PROVE_WORLD"] = directory
        let (outcome, errors) = try shell.shell(setup, in: directory, environment: environment, separateErrors: true)
        guard outcome.status == 0 else {
            throw WorldError(description: "--setup failed (exit \(outcome.status)\(outcome.timedOut ? ", timed out" : "")): \(Self.tail(errors + outcome.output))")
        }
        var printed: [String: String] = [:]
        for line in outcome.output.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let equals = line.firstIndex(of: "="), Self.isName(line[..<equals]) else {
                throw WorldError(description: "--setup printed '\(line)': it may print only NAME=VALUE lines, the variables of the world")
            }
            printed[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        environment.merge(printed) { $1 }
        environment["RUNBOOK_STATE_DIR"] = state
        environment["RUNBOOK_LOG_DIR"] = state
        return World(number: number, directory: directory, stateDirectory: state, environment: environment, printed: printed)
    }

    func describe(_ world: World) throws -> String {
        let (outcome, errors) = try shell.shell(fingerprint, in: world.directory, environment: world.environment, separateErrors: true)
        guard outcome.status == 0 else {
            throw WorldError(description: "--fingerprint failed (exit \(outcome.status)): \(Self.tail(errors + outcome.output))")
        }
        return outcome.output
    }

    /// Always runs, even after a failed case; what it prints is not kept.
    func remove(_ world: World) {
        if let teardown {
            _ = try? shell.shell(teardown, in: world.directory, environment: world.environment)
        }
        guard !keepWorlds else { return }
        try? FileManager.default.removeItem(atPath: world.directory)
        try? FileManager.default.removeItem(atPath: world.stateDirectory)
    }

    static func isName(_ text: Substring) -> Bool {
        guard let first = text.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// The last lines of a command's output, for a message.
    static func tail(_ text: String, lines: Int = 8) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines + 1)
        return kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
