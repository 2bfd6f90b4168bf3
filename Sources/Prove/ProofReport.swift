import Foundation
import RunbookCore
import StepAST

/// What a proof found: the table of steps × cases, and the same as findings
/// at the steps' doc lines for the machine formats.
public struct ProofReport: Sendable {
    public var procedure: Procedure
    public var clean: CleanRun
    public var cases: [CaseResult]
    public var steps: [Int]
    public var faultCases: [FaultCase]
    public var seconds: Double

    init(procedure: Procedure, clean: CleanRun, cases: [CaseResult], steps: [Int], cases_ faultCases: [FaultCase], seconds: Double) {
        self.procedure = procedure
        self.clean = clean
        self.cases = cases
        self.steps = steps
        self.faultCases = faultCases
        self.seconds = seconds
    }

    /// True when nothing failed: every case restored, reached, not reached, or kept without undo (unless --strict).
    public var passed: Bool { findings(docPath: "").allSatisfy { $0.severity != .error } }

    public var worlds: Int { 1 + cases.filter(\.builtWorld).count }

    /// One line per step, one column per case, then what went wrong in detail.
    public func table(docPath: String) -> String {
        var out = "runbook prove \(docPath): \(steps.count) steps × \(faultCases.map(\.rawValue).joined(separator: ", ")); \(worlds) worlds in \(Self.duration(seconds))\n"
        out += "clean run: \(clean.verdict.label)\n"
        if case .runFailed(let why) = clean.verdict { return out + Self.indent(why) + "\n" }
        if clean.fingerprintBlind {
            out += "warning: the clean run changed nothing the fingerprint shows: this proof shows nothing\n"
        }
        let width = max(4, steps.map { procedure.steps[$0 - 1].id.count }.max() ?? 4)
        out += "step".padding(toLength: width + 4, withPad: " ", startingAt: 0) + " line  "
            + faultCases.map { $0.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) }.joined().trimmingTrailingSpaces() + "\n"
        for index in steps {
            let step = procedure.steps[index - 1]
            let number = String(index).leftPadded(to: 3)
            out += number + " " + step.id.padding(toLength: width, withPad: " ", startingAt: 0) + String(step.range.start.line).leftPadded(to: 5) + "  "
            for faultCase in faultCases {
                let label = cases.first { $0.stepIndex == index && $0.faultCase == faultCase }?.verdict.label ?? "-"
                out += label.padding(toLength: 12, withPad: " ", startingAt: 0)
            }
            out = out.trimmingTrailingSpaces() + "\n"
        }
        for result in cases {
            let place = "\(docPath):\(result.line): step '\(result.stepID)', \(result.faultCase.rawValue)"
            switch result.verdict {
            case .differs(let diff, _): out += "\n\(place): \(Self.differsMessage(result))\n" + diff
            case .keptNoUndo(let kept, let diff):
                out += "\n\(place): no undo: the world after a failure here keeps the changes of \(kept.joined(separator: ", "))\n" + diff
            case .runFailed(let why): out += "\n\(place): \(why)\n"
            case .notReached where !result.builtWorld:
                // Said once per step, at its first case.
                if result.faultCase == faultCases.first {
                    out += "\n\(docPath):\(result.line): step '\(result.stepID)': not reached: the clean run did not get to it (a condition false, or done-when held), so no world was built for it\n"
                }
            case .notReached: out += "\n\(place): not reached: the run ended without getting to this step (its condition was false?)\n"
            case .restored, .reached: break
            }
        }
        let counts = Dictionary(grouping: cases, by: \.verdict.label).mapValues(\.count)
        out += "\n" + ["restored", "reached", "no undo", "not reached", "DIFFERS", "FAILED"].compactMap { label in
            counts[label].map { "\($0) \(label)" }
        }.joined(separator: ", ") + "\n"
        return out
    }

    static func differsMessage(_ result: CaseResult) -> String {
        if result.faultCase == .resume {
            return "after a kill here, --resume did not reach the world of a clean run (it runs this step again: its commands must give the same world when run twice)"
        }
        let start = "after a fault here (\(result.faultCase.rawValue)) the rollback did not restore the world; "
        guard case .differs(_, let withoutUndo) = result.verdict, !withoutUndo.isEmpty else {
            return start + "every step that ran has an undo, so one of them is wrong"
        }
        return start + "steps that ran have no undo (\(withoutUndo.joined(separator: ", "))), which --strict counts as a failure"
    }

    /// Findings at the steps' doc lines, for --format json|github|sarif|gitlab.
    public func findings(docPath: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let start = SourcePosition(line: 1, column: 1)
        switch clean.verdict {
        case .runFailed(let why):
            return [Diagnostic(.error, docPath, start, "the clean run failed: \(why)", code: DiagnosticCode.proveRunFailed.code)]
        default: break
        }
        if clean.fingerprintBlind {
            out.append(Diagnostic(.warning, docPath, start, "the clean run changed nothing the fingerprint shows: this proof shows nothing",
                                  code: DiagnosticCode.proveFingerprintBlind.code, fix: "make --fingerprint describe what the procedure changes"))
        }
        for result in cases {
            let at = SourcePosition(line: result.line, column: 1)
            let step = "step '\(result.stepID)', \(result.faultCase.rawValue)"
            switch result.verdict {
            case .restored, .reached: break
            case .differs(let diff, _):
                out.append(Diagnostic(.error, docPath, at, "\(step): \(Self.differsMessage(result))\n\(diff)",
                                      code: (result.faultCase == .resume ? DiagnosticCode.proveResumeDiffers : .proveNotRestored).code))
            case .keptNoUndo(let kept, _):
                out.append(Diagnostic(.warning, docPath, at, "\(step): no undo: the world after a failure here keeps the changes of \(kept.joined(separator: ", "))",
                                      code: DiagnosticCode.proveNoUndo.code, fix: "give those steps an undo (or undone-by), if the world must come back"))
            case .runFailed(let why):
                out.append(Diagnostic(.error, docPath, at, "\(step): \(why)", code: DiagnosticCode.proveRunFailed.code))
            case .notReached:
                out.append(Diagnostic(.note, docPath, at, "\(step): not reached: the run ended without getting to this step",
                                      code: DiagnosticCode.proveNotReached.code))
            }
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60 ? String(format: "%.1f s", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
