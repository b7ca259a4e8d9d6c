import Foundation
import SitemarkKit
@testable import SitemarkPreview
import Testing

/// A small project in a temporary folder, with the repository's real templates and
/// stylesheet, and a preview server running on it on a free loopback port.
final class PreviewFixture: @unchecked Sendable {
    // @unchecked: `running` and `task` are set in `start` and cleared in `stop`, both called
    // by the one test that owns this fixture, never concurrently.
    let root: URL
    private(set) var running: PreviewServer.Running!
    private var task: Task<Void, any Error>?

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(pages: [String: String] = PreviewFixture.defaultPages) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitemark-preview-\(UUID().uuidString)", isDirectory: true)
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["Templates", "Public"] {
            try fileManager.copyItem(at: Self.packageRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        for (path, text) in pages { try write(path, text) }
    }

    static let defaultPages: [String: String] = [
        "Pages/site.yml": "title: Preview Test\nbase_url: https://example.org/\nlanguage: en\nsections: [guide]\n",
        "Pages/index.md": "---\ntitle: Home\n---\n\nWelcome. Read the [first page](guide/first.md).\n",
        "Pages/guide/index.md": "---\ntitle: Guide\n---\n\nThe guide.\n",
        "Pages/guide/first.md": "---\ntitle: First\ndescription: The first page.\n---\n\nOriginal text of the first page.\n",
        "Pages/guide/wip.md": "---\ntitle: Work in progress\ndescription: Not yet published.\ndraft: true\n---\n\nDraft text.\n",
    ]

    var layout: ProjectLayout { ProjectLayout(root: root) }

    /// Writes as editors do: a temporary file, renamed over the real one.
    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url, options: .atomic)
    }

    /// Saves the first page with a link to a page that does not exist, at line 6: the build fails.
    func breakFirstPage() throws {
        try write("Pages/guide/first.md", "---\ntitle: First\ndescription: The first page.\n---\n\nNow see [gone](missing.md).\n")
    }

    func start(_ configure: (inout PreviewConfiguration) -> Void = { _ in }) async throws -> PreviewServer.Running {
        var configuration = PreviewConfiguration(layout: layout)
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configure(&configuration)
        let server = PreviewServer(configuration: configuration, console: .silent)
        let (started, continuation) = AsyncStream.makeStream(of: PreviewServer.Running.self)
        task = Task {
            defer { continuation.finish() }
            try await server.run(handleSignals: false) { continuation.yield($0) }
        }
        let running = try await withDeadline(seconds: 60) { await started.first { _ in true } }
        guard let running else {
            try await task?.value
            throw LoopbackClient.Failure(description: "the server stopped before it listened")
        }
        self.running = running
        return running
    }

    var client: LoopbackClient { LoopbackClient(port: running.port) }

    func get(_ target: String, method: String = "GET") async throws -> LoopbackClient.Reply {
        let client = client
        return try await offThePool { try client.request(target, method: method) }
    }

    /// The build status the preview reports to pages (`/__sitemark/status`).
    func buildStatus() async throws -> BuildStatus {
        try JSONDecoder().decode(BuildStatus.self, from: Data(try await get(LiveReloadScript.statusPath).body))
    }

    func events() async throws -> EventStream {
        let client = client
        return try await offThePool { try client.events() }
    }

    /// Starts the server and opens an event stream, past its `hello`.
    func startListening(_ configure: (inout PreviewConfiguration) -> Void = { _ in }) async throws -> EventStream {
        _ = try await start(configure)
        let events = try await events()
        let hello = try await events.nextEvent()
        #expect(hello?.name == "hello")
        return events
    }

    /// Stops the server as Ctrl-C would and waits (bounded) for `run` to return.
    func stop() async throws {
        guard let task else { return }
        await running?.stop()
        try await withDeadline(seconds: 15) { try await task.value }
        self.task = nil
    }

    deinit {
        task?.cancel()
        try? FileManager.default.removeItem(at: root)
    }
}

extension EventStream {
    /// The next event, awaited off the cooperative pool.
    func nextEvent(timeout: TimeInterval = 15) async throws -> Event? {
        try await offThePool { self.next(timeout: timeout) }
    }

    /// Skips events until one named `name` (a rebuild may report several), bounded.
    func waitFor(_ name: String, timeout: TimeInterval = 20) async throws -> Event? {
        let deadline = Date().addingTimeInterval(timeout)
        while deadline.timeIntervalSinceNow > 0 {
            guard let event = try await nextEvent(timeout: deadline.timeIntervalSinceNow) else { return nil }
            if event.name == name { return event }
        }
        return nil
    }
}

struct DeadlineExceeded: Error {}

/// Runs `operation`, failing if it takes longer than `seconds`.
func withDeadline<T: Sendable>(seconds: Double, _ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            throw DeadlineExceeded()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
