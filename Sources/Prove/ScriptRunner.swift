import Foundation

/// Runs the generated script in a world, as an operator would, with --yes
/// (manual steps are confirmed) and the proof's --set values.
struct ScriptRunner: Sendable {
    var script: String
    var settings: [String]
    var shell: WorldShell

    /// MODE is empty for a run, or --rollback / --resume; FAULT is CASE:STEP.
    func run(_ world: World, fault: String?, mode: String? = nil) throws -> WorldShell.Outcome {
        var arguments = ["bash", script, "--yes"]
        if let mode { arguments.append(mode) }
        if mode != "--rollback" { for setting in settings { arguments += ["--set", setting] } }
        var environment = world.environment
        if let fault {
            arguments += ["--inject-fault", fault]
            environment["RUNBOOK_FAULT_INJECTION"] = "disposable-world"
        }
        return try shell.run(arguments, in: world.directory, environment: environment).0
    }

    static func explain(_ run: WorldShell.Outcome, expected: String) -> String {
        let how = run.timedOut ? "timed out after \(Int(run.seconds)) s" : "exit \(run.status)"
        return "the script ended with \(how), expected \(expected); its last lines:\n" + WorldMaker.tail(run.output, lines: 12)
    }
}
