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
    /// How far into the procedure each case's fault stands (its step over the
    /// steps, 0 to 1): a world runs the steps before it, so later ones take longer.
    private let depths: [Double]
    /// (depth, seconds) of the worlds that ended, the clean run's (depth 1) included.
    private var timings: [(depth: Double, seconds: Double)]
    private var slots: [CaseResult?]

    /// Cases at DEPTHS after the clean run, which took FIRSTWORLD seconds.
    init(depths: [Double], jobs: Int, firstWorld: Double, progress: @escaping @Sendable (String) -> Void) {
        self.count = depths.count
        self.depths = depths
        self.jobs = jobs
        self.timings = [(1, firstWorld)]
        self.progress = progress
        self.slots = Array(repeating: nil, count: depths.count)
    }

    /// Seconds left: each unfinished world's time from the line that fits the
    /// worlds so far (seconds against depth; their mean while they all stand
    /// at one depth), shared among the jobs.
    static func estimate(_ timings: [(depth: Double, seconds: Double)], left: [Double], jobs: Int) -> Double {
        let n = Double(timings.count)
        let meanDepth = timings.map(\.depth).reduce(0, +) / n, meanSeconds = timings.map(\.seconds).reduce(0, +) / n
        let spread = timings.map { ($0.depth - meanDepth) * ($0.depth - meanDepth) }.reduce(0, +)
        let slope = spread == 0 ? 0 : timings.map { ($0.depth - meanDepth) * ($0.seconds - meanSeconds) }.reduce(0, +) / spread
        return left.map { max(0, meanSeconds + slope * ($0 - meanDepth)) }.reduce(0, +) / Double(jobs)
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
            timings.append((depths[slot], result.seconds))
            let left = depths.indices.filter { slots[$0] == nil }.map { depths[$0] }
            let estimate = left.isEmpty ? "" : ", about \(ProofReport.duration(Self.estimate(timings, left: left, jobs: jobs))) left"
            // World 1 is the clean run.
            progress("[\(finished + 1)/\(count + 1)] \(label): \(result.verdict.label) (\(Prover.seconds(result.seconds)); "
                + "\(ProofReport.duration(Date().timeIntervalSince(started))) elapsed\(estimate))")
        }
    }

    /// In the order of the cases given.
    var results: [CaseResult] { lock.withLock { slots.compactMap { $0 } } }
}
