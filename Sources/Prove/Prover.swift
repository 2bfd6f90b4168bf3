import Foundation
import Pipeline
import StepAST

/// Proves a procedure's rollback: for each chosen step and each case, a fresh
/// world, a run of the generated script with a fault at that step, and the
/// world's fingerprint compared with the one before the run (or, for resume,
/// with the one a clean run leaves).
public struct Prover: Sendable {
    public struct Configuration: Sendable {
        public var setup: String
        public var fingerprint: String
        public var teardown: String?
        /// NAME=VALUE, given to every run with --set.
        public var settings: [String] = []
        /// Step ids; empty: every step a run goes through (commands and manual steps).
        public var steps: [String] = []
        public var cases: [FaultCase] = FaultCase.allCases
        public var strict = false
        /// Seconds for each command (setup, fingerprint, teardown, a run).
        public var timeout = 900
        public var keepWorlds = false

        public init(setup: String, fingerprint: String) {
            self.setup = setup
            self.fingerprint = fingerprint
        }
    }

    public let procedure: Procedure
    public let script: String
    public let configuration: Configuration

    public init(procedure: Procedure, script: String, configuration: Configuration) {
        self.procedure = procedure
        self.script = script
        self.configuration = configuration
    }

    /// The steps a fault is put at, as 1-based indices into the procedure's steps.
    public func chosenSteps() throws -> [Int] {
        if configuration.steps.isEmpty {
            return procedure.steps.indices.filter { index in
                let step = procedure.steps[index]
                return !step.skipped && (step.kind == .command || step.kind == .manual)
            }.map { $0 + 1 }
        }
        return try configuration.steps.map { id in
            guard let index = procedure.steps.firstIndex(where: { $0.id == id }) else {
                throw WorldError(description: "--steps: no step '\(id)' (the ids are those of 'runbook plan')")
            }
            guard !procedure.steps[index].skipped else { throw WorldError(description: "--steps: step '\(id)' is skipped: a run never goes through it") }
            return index + 1
        }
    }

    /// Runs the proof; `progress` hears of each world as it ends.
    public func prove(progress: (String) -> Void = { _ in }) throws -> ProofReport {
        let steps = try chosenSteps()
        let root = try Self.scratchRoot()
        defer { if !configuration.keepWorlds { try? FileManager.default.removeItem(atPath: root) } }
        let scriptPath = root + "/\(procedure.name).sh"
        try Data(script.utf8).write(to: URL(fileURLWithPath: scriptPath))
        let shell = WorldShell(timeout: configuration.timeout, scratchDirectory: root)
        let worlds = WorldMaker(setup: configuration.setup, fingerprint: configuration.fingerprint, teardown: configuration.teardown,
                                shell: shell, root: root, keepWorlds: configuration.keepWorlds)
        let runner = ScriptRunner(script: scriptPath, settings: configuration.settings, shell: shell)
        let started = Date()
        let total = 1 + steps.count * configuration.cases.count

        // The clean run first: the world it leaves is what a resume must reach;
        // its setup failing is bad input, not a finding.
        let (clean, initial, target) = try cleanRun(worlds: worlds, runner: runner)
        progress("[1/\(total)] clean run: \(clean.verdict.label) (\(Self.seconds(clean.seconds)))")
        var results: [CaseResult] = []
        if case .runFailed = clean.verdict {
            return ProofReport(procedure: procedure, clean: clean, cases: [], steps: steps, cases_: configuration.cases, seconds: Date().timeIntervalSince(started))
        }
        var number = 1
        for index in steps {
            for faultCase in configuration.cases {
                number += 1
                let caseStarted = Date()
                let verdict = runCase(faultCase, at: index, number: number, initial: initial, target: target, worlds: worlds, runner: runner)
                let step = procedure.steps[index - 1]
                let result = CaseResult(stepIndex: index, stepID: step.id, line: step.range.start.line, faultCase: faultCase,
                                        verdict: verdict, seconds: Date().timeIntervalSince(caseStarted))
                results.append(result)
                progress("[\(number)/\(total)] \(faultCase.rawValue) at \(step.id): \(verdict.label) (\(Self.seconds(result.seconds)))")
            }
        }
        return ProofReport(procedure: procedure, clean: clean, cases: results, steps: steps, cases_: configuration.cases,
                           seconds: Date().timeIntervalSince(started))
    }

    func cleanRun(worlds: WorldMaker, runner: ScriptRunner) throws -> (CleanRun, String, String) {
        let started = Date()
        let world = try worlds.make(1)
        defer { worlds.remove(world) }
        let initial = try worlds.describe(world)
        let run = try runner.run(world, fault: nil)
        guard run.status == 0 else {
            return (CleanRun(verdict: .runFailed(ScriptRunner.explain(run, expected: "exit 0")), seconds: Date().timeIntervalSince(started),
                             fingerprintBlind: false), initial, "")
        }
        let target = try worlds.describe(world)
        return (CleanRun(verdict: .reached, seconds: Date().timeIntervalSince(started), fingerprintBlind: target == initial), initial, target)
    }

    func runCase(_ faultCase: FaultCase, at index: Int, number: Int, initial: String, target: String,
                 worlds: WorldMaker, runner: ScriptRunner) -> Verdict {
        let step = procedure.steps[index - 1]
        let world: World
        do { world = try worlds.make(number) } catch { return .runFailed("\(error)") }
        defer { worlds.remove(world) }
        do {
            let before = try worlds.describe(world)
            guard before == initial else {
                return .runFailed("--setup is not reproducible: this world's fingerprint differs from the first world's\n"
                    + Self.firstDifferences(initial, before))
            }
            let fault = faultCase == .resume ? "kill" : faultCase.rawValue
            let run = try runner.run(world, fault: "\(fault):\(step.id)")
            if run.status == 0 { return .notReached }
            let expected: Int32 = switch faultCase { case .fail: 3; case .term: 130; case .kill, .resume: 137 }
            guard run.status == expected, !run.timedOut else {
                return .runFailed(ScriptRunner.explain(run, expected: "exit \(expected)"))
            }
            if faultCase == .kill || faultCase == .resume {
                let after = try runner.run(world, fault: nil, mode: faultCase == .kill ? "--rollback" : "--resume")
                guard after.status == 0 else {
                    return .runFailed(ScriptRunner.explain(after, expected: "\(faultCase == .kill ? "--rollback" : "--resume") to exit 0"))
                }
            }
            let now = try worlds.describe(world)
            if faultCase == .resume {
                return now == target ? .reached : .differs(diff: Self.firstDifferences(target, now, old: "after a clean run", new: "after a kill and --resume"))
            }
            if now == initial { return .restored }
            let diff = Self.firstDifferences(initial, now, old: "before the run", new: "after the rollback")
            let kept = keptWithoutUndo(upTo: index)
            if !kept.isEmpty && !configuration.strict { return .keptNoUndo(steps: kept, diff: diff) }
            return .differs(diff: diff, withoutUndo: kept)
        } catch {
            return .runFailed("\(error)")
        }
    }

    /// The steps up to INDEX that change something and that no undo reverses:
    /// a world that differs after a fault there is what the doc asked for.
    func keptWithoutUndo(upTo index: Int) -> [String] {
        procedure.steps[..<index].filter { step in
            !step.skipped && step.kind == .command && !step.changesNothing && !step.isReversible
        }.map(\.id)
    }

    /// The first lines where two fingerprints differ, as a unified diff.
    static func firstDifferences(_ old: String, _ new: String, old oldName: String = "first world", new newName: String = "this world",
                                 lines: Int = 24) -> String {
        let diff = UnifiedDiff.diff(old, new, oldName: oldName, newName: newName)
        let kept = diff.split(separator: "\n", omittingEmptySubsequences: false)
        guard kept.count > lines else { return diff }
        return kept.prefix(lines).joined(separator: "\n") + "\n… (\(kept.count - lines) more lines)\n"
    }

    static func scratchRoot() throws -> String {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        let path = base + "/runbook-prove-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func seconds(_ value: Double) -> String { String(format: "%.1f s", value) }
}
