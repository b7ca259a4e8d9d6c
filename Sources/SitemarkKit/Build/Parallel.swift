import Dispatch

extension Array where Element: Sendable {
    /// `map` across all cores, results in input order. Used for the parse and render stages,
    /// where each element's work is independent.
    func parallelMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        return parallelMap(chunkSize: 1, scratch: {}) { _, element in transform(element) }
    }

    /// `parallelMap` in runs of `chunkSize` neighbouring elements, each run sharing one scratch
    /// value made by `makeScratch` (a memo that pays off over many elements, such as the words
    /// a site's pages keep using). The scratch never crosses threads, so it needs no lock; the
    /// results must not depend on what it already holds.
    func parallelMap<T: Sendable, Scratch>(chunkSize: Int, scratch makeScratch: @Sendable () -> Scratch,
                                            _ transform: @Sendable (inout Scratch, Element) -> T) -> [T] {
        let chunkSize = Swift.max(1, chunkSize)
        let chunks = (count + chunkSize - 1) / chunkSize
        let results = ResultSlots<T>(count: count)
        self.withUnsafeBufferPointer { input in
            let items = UnsafeSendable(input)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var scratch = makeScratch()
                for index in (chunk * chunkSize)..<Swift.min(count, (chunk + 1) * chunkSize) {
                    results.store(transform(&scratch, items.value[index]), at: index)
                }
            }
        }
        return results.collect()
    }
}

/// Write-once slots filled from many threads. Safe because each index is written by exactly one
/// iteration of `concurrentPerform`, and read only after it has returned (which orders memory).
/// The slots are one fixed allocation, not an array property: `withUnsafeMutableBufferPointer`
/// on the property is a modifying access to it for the whole closure, so threads storing at
/// once made overlapping modifying accesses, a data race (crashes seen under load in debug
/// builds). Writing through a `let` buffer pointer modifies no property.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    func store(_ value: T, at index: Int) { slots[index] = value }
    func collect() -> [T] { slots.map { $0! } }
}

/// A read-only buffer shared with `concurrentPerform`'s iterations, which only read from it
/// while the caller's `withUnsafeBufferPointer` keeps it alive.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
