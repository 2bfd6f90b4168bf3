import Dispatch

extension Array where Element: Sendable {
    /// `map` over every core: each element's result in its own slot, the
    /// order kept. For independent work only (compiling one doc each).
    public func parallelMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        guard count > 1 else { return map(transform) }
        let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        // Each iteration writes only its own slot.
        nonisolated(unsafe) let shared = slots
        self.withUnsafeBufferPointer { elements in
            nonisolated(unsafe) let input = elements
            DispatchQueue.concurrentPerform(iterations: count) { index in
                shared[index] = transform(input[index])
            }
        }
        return slots.map { $0! }
    }
}
