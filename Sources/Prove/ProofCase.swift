import RunbookCore

/// What `prove` does to a run at a step: the three faults a real run meets,
/// and a resume after the worst of them.
public enum FaultCase: String, CaseIterable, Sendable, Codable {
    /// The step fails after its commands ran: the script rolls back (exit 3).
    case fail
    /// The run's process group gets SIGKILL; `--rollback` follows.
    case kill
    /// The run gets SIGTERM: it stops and rolls back (exit 130).
    case term
    /// The run gets SIGKILL; `--resume` follows and must reach the clean run's world.
    case resume
}

/// How one case ended, from the fingerprints before and after.
public enum Verdict: Sendable, Equatable {
    /// fail, kill, term: the world is the one before the run, byte for byte.
    case restored
    /// resume: the world is the one a clean run leaves.
    case reached
    /// The world differs, and steps that ran have no undo: expected, unless --strict.
    case keptNoUndo(steps: [String], diff: String)
    /// The world differs, and every step that ran has an undo (an undo is wrong
    /// or missing something), or --strict counts the steps without one, named here.
    case differs(diff: String, withoutUndo: [String] = [])
    /// The run ended without reaching the step (its condition was false in this world).
    case notReached
    /// A run ended in a way its case does not allow (rollback failed, timed out, wrong status).
    case runFailed(String)

    public var label: String {
        switch self {
        case .restored: "restored"
        case .reached: "reached"
        case .keptNoUndo: "no undo"
        case .differs: "DIFFERS"
        case .notReached: "not reached"
        case .runFailed: "FAILED"
        }
    }
}

public struct CaseResult: Sendable {
    public var stepIndex: Int
    public var stepID: String
    public var line: Int
    public var faultCase: FaultCase
    public var verdict: Verdict
    public var seconds: Double
    /// False for a step the clean run did not reach: no world was built for it.
    public var builtWorld = true
}

/// The clean run: the world it leaves is what --resume must reach.
public struct CleanRun: Sendable {
    public var verdict: Verdict
    public var seconds: Double
    /// The fingerprint saw no change: a proof with it shows nothing.
    public var fingerprintBlind: Bool
}
