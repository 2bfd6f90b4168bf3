@testable import Prove
import Testing

/// prove's "about T left": a world runs the steps before its fault, so the
/// estimate weighs each world left by how far into the procedure its fault is.
@Suite struct ProofEstimateTests {
    @Test func laterFaultsAreEstimatedLongerThanEarlierOnes() {
        // Worlds so far: 10 s at a quarter of the steps, 20 s at half, the clean run 40 s at the end.
        let timings: [(depth: Double, seconds: Double)] = [(0.25, 10), (0.5, 20), (1, 40)]
        #expect(abs(CaseQueue.estimate(timings, left: [0.75, 1], jobs: 1) - 70) < 0.001)
        #expect(abs(CaseQueue.estimate(timings, left: [0.75, 1], jobs: 2) - 35) < 0.001)
        // The mean of the worlds so far (about 23 s) would say 46 s for the same two.
        #expect(CaseQueue.estimate(timings, left: [0.75, 1], jobs: 1) > 2 * (70.0 / 3))
    }

    @Test func worldsAtOneDepthGiveTheirMean() {
        let timings: [(depth: Double, seconds: Double)] = [(1, 30), (1, 10)]
        #expect(CaseQueue.estimate(timings, left: [0.1, 0.9], jobs: 1) == 40)
    }

    @Test func aLineThatFallsBelowZeroCountsNothing() {
        let timings: [(depth: Double, seconds: Double)] = [(0.5, 1), (1, 30)]
        #expect(CaseQueue.estimate(timings, left: [0], jobs: 1) == 0)
    }
}
