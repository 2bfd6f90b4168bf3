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
        /// Worlds built and run at once, when they are independent (see `sharedPaths`).
        public var jobs = 1

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

    /// Runs the proof; `progress` hears of each world as it ends. Steps the
    /// clean run did not reach get no world; the others' worlds run `jobs` at
    /// a time unless the world names a path outside its folder.
    public func prove(progress: @escaping @Sendable (String) -> Void = { _ in }) throws -> ProofReport {
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

        // The clean run first: the world it leaves is what a resume must reach,
        // and its log says which steps a run gets to; its setup failing is bad
        // input, not a finding.
        let clean = try cleanRun(worlds: worlds, runner: runner)
        let planned = steps.flatMap { index in configuration.cases.map { PlannedCase(stepIndex: index, faultCase: $0) } }
        let (toRun, unreached) = planned.partitioned { clean.reaches(procedure.steps[$0.stepIndex - 1]) }
        progress("[1/\(1 + toRun.count)] clean run: \(clean.run.verdict.label) (\(Self.seconds(clean.run.seconds)))")
        var results: [CaseResult] = []
        if case .reached = clean.run.verdict {
            if !unreached.isEmpty {
                let ids = Set(unreached.map(\.stepIndex)).sorted().map { procedure.steps[$0 - 1].id }
                progress("not reached by the clean run, no world built: " + ids.joined(separator: ", "))
            }
            let ran = Dictionary(uniqueKeysWithValues: zip(toRun, runCases(toRun, clean: clean, worlds: worlds, runner: runner, progress: progress)))
            results = planned.map { ran[$0] ?? result(for: $0, verdict: .notReached, seconds: 0, builtWorld: false) }
        }
        return ProofReport(procedure: procedure, clean: clean.run, cases: results, steps: steps, cases_: configuration.cases,
                           seconds: Date().timeIntervalSince(started))
    }

    struct PlannedCase: Hashable {
        var stepIndex: Int
        var faultCase: FaultCase
    }

    /// The cases' worlds, `jobs` at a time when the worlds are independent.
    func runCases(_ cases: [PlannedCase], clean: CleanOutcome, worlds: WorldMaker, runner: ScriptRunner,
                  progress: @escaping @Sendable (String) -> Void) -> [CaseResult] {
        let jobs = clean.sharedPaths.isEmpty ? max(1, configuration.jobs) : 1
        if configuration.jobs > 1 && jobs == 1 {
            progress("worlds run one at a time: they share " + clean.sharedPaths.joined(separator: ", ") + ", outside the world's folder")
        }
        let depths = cases.map { Double($0.stepIndex) / Double(max(1, procedure.steps.count)) }
        let queue = CaseQueue(depths: depths, jobs: jobs, firstWorld: clean.run.seconds, progress: progress)
        DispatchQueue.concurrentPerform(iterations: min(jobs, max(1, cases.count))) { _ in
            while let slot = queue.take() {
                let planned = cases[slot], started = Date()
                let verdict = runCase(planned.faultCase, at: planned.stepIndex, number: slot + 2, clean: clean, worlds: worlds, runner: runner)
                let result = result(for: planned, verdict: verdict, seconds: Date().timeIntervalSince(started))
                queue.finish(slot, result, label: "\(planned.faultCase.rawValue) at \(result.stepID)")
            }
        }
        return queue.results
    }

    func result(for planned: PlannedCase, verdict: Verdict, seconds: Double, builtWorld: Bool = true) -> CaseResult {
        let step = procedure.steps[planned.stepIndex - 1]
        return CaseResult(stepIndex: planned.stepIndex, stepID: step.id, line: step.range.start.line, faultCase: planned.faultCase,
                          verdict: verdict, seconds: seconds, builtWorld: builtWorld)
    }

    /// What the clean run tells the rest of the proof.
    struct CleanOutcome {
        var run: CleanRun
        var initial: String
        var target: String
        /// The ids of the steps it ran (nil when its log could not be read: every step counts as reached).
        var reached: Set<String>?
        /// Parameters the world gives as a path outside its folder: worlds sharing it cannot run at once.
        var sharedPaths: [String]

        func reaches(_ step: Step) -> Bool { reached?.contains(step.id) ?? true }
    }

    func cleanRun(worlds: WorldMaker, runner: ScriptRunner) throws -> CleanOutcome {
        let started = Date()
        let world = try worlds.make(1)
        defer { worlds.remove(world) }
        let initial = try worlds.describe(world)
        let run = try runner.run(world, fault: nil)
        let shared = world.sharedPaths
        guard run.status == 0 else {
            return CleanOutcome(run: CleanRun(verdict: .runFailed(ScriptRunner.explain(run, expected: "exit 0")), seconds: Date().timeIntervalSince(started),
                                              fingerprintBlind: false), initial: initial, target: "", reached: nil, sharedPaths: shared)
        }
        let target = try worlds.describe(world)
        return CleanOutcome(run: CleanRun(verdict: .reached, seconds: Date().timeIntervalSince(started), fingerprintBlind: target == initial),
                            initial: initial, target: target, reached: world.stepsRun(), sharedPaths: shared)
    }

    func runCase(_ faultCase: FaultCase, at index: Int, number: Int, clean: CleanOutcome,
                 worlds: WorldMaker, runner: ScriptRunner) -> Verdict {
        let (initial, target) = (clean.initial, clean.target)
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
            let kept = keptWithoutUndo(upTo: index, clean: clean)
            if !kept.isEmpty && !configuration.strict { return .keptNoUndo(steps: kept, diff: diff) }
            return .differs(diff: diff, withoutUndo: kept)
        } catch {
            return .runFailed("\(error)")
        }
    }

    /// The steps up to INDEX, among those a run reaches, that change something
    /// and that no undo reverses: a world that differs after a fault there is
    /// what the doc asked for.
    func keptWithoutUndo(upTo index: Int, clean: CleanOutcome) -> [String] {
        procedure.steps[..<index].filter { step in
            !step.skipped && step.kind == .command && !step.changesNothing && !step.isReversible && clean.reaches(step)
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

extension Array {
    /// The elements that satisfy BELONGS, and the others, each in order.
    func partitioned(by belongs: (Element) -> Bool) -> ([Element], [Element]) {
        var yes: [Element] = [], no: [Element] = []
        for element in self { if belongs(element) { yes.append(element) } else { no.append(element) } }
        return (yes, no)
    }
}
