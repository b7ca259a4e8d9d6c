/// The latest build status and the pages listening for changes. Each open page holds one
/// Server-Sent Events connection; every event goes to all of them.
actor LiveUpdates {
    private(set) var status: BuildStatus
    private var listeners: [Int: AsyncStream<LiveEvent>.Continuation] = [:]
    private var nextID = 0

    init(status: BuildStatus) { self.status = status }


    /// A stream for one connection, starting with `hello` and the current status.
    func subscribe() -> AsyncStream<LiveEvent> {
        // A slow page never holds the server up: it keeps only the newest events, and the
        // newest one always says everything it needs (reload, or the whole status).
        let (stream, continuation) = AsyncStream.makeStream(of: LiveEvent.self, bufferingPolicy: .bufferingNewest(8))
        let id = nextID
        nextID += 1
        listeners[id] = continuation
        continuation.onTermination = { _ in Task { await self.remove(id) } }
        continuation.yield(.hello(status))
        return stream
    }

    /// Records the new status, then tells every page (`event` nil: nothing visible changed).
    func publish(_ newStatus: BuildStatus, event: LiveEvent?) {
        status = newStatus
        if let event { send(event) }
    }

    func send(_ event: LiveEvent) {
        for continuation in listeners.values { continuation.yield(event) }
    }

    /// Ends every connection (shutdown).
    func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    private func remove(_ id: Int) { listeners[id] = nil }
}
