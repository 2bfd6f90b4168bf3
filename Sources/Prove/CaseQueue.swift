import Foundation

/// The cases of a proof handed out to the workers that run them, and their
/// results collected; each world that ends is told to `progress` with the
/// time so far and an estimate of the rest. Shared by the worker threads, so
/// every access holds the lock.
final class CaseQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let jobs: Int
    private let started = Date()
    private let progress: @Sendable (String) -> Void
    private var next = 0
    private var finished = 0
    /// Seconds of the worlds that ended, the clean run's included: their mean times the worlds left is the estimate.
    private var worldSeconds: Double
    private var slots: [CaseResult?]

    /// COUNT cases after the clean run, which took FIRSTWORLD seconds.
    init(count: Int, jobs: Int, firstWorld: Double, progress: @escaping @Sendable (String) -> Void) {
        self.count = count
        self.jobs = jobs
        self.worldSeconds = firstWorld
        self.progress = progress
        self.slots = Array(repeating: nil, count: count)
    }

    /// The next case to run, or nil when every case is taken.
    func take() -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func finish(_ slot: Int, _ result: CaseResult, label: String) {
        lock.withLock {
            slots[slot] = result
            finished += 1
            worldSeconds += result.seconds
            let left = count - finished
            let estimate = left == 0 ? "" : ", about \(ProofReport.duration(worldSeconds / Double(finished + 1) * Double(left) / Double(jobs))) left"
            // World 1 is the clean run.
            progress("[\(finished + 1)/\(count + 1)] \(label): \(result.verdict.label) (\(Prover.seconds(result.seconds)); "
                + "\(ProofReport.duration(Date().timeIntervalSince(started))) elapsed\(estimate))")
        }
    }

    /// In the order of the cases given.
    var results: [CaseResult] { lock.withLock { slots.compactMap { $0 } } }
}
