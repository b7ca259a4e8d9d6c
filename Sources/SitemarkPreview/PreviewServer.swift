import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SitemarkKit
import Synchronization

/// `sitemark serve`: builds the site into the preview folder, serves it on loopback, watches
/// the sources and rebuilds on every save, and tells open pages to reload.
public struct PreviewServer: Sendable {
    public let configuration: PreviewConfiguration
    public let console: PreviewConsole

    public init(configuration: PreviewConfiguration, console: PreviewConsole = .standard) {
        self.configuration = configuration
        self.console = console
    }

    /// The running server, handed to `run`'s `onRunning`.
    public struct Running: Sendable {
        /// The port actually bound (the one asked for, or the system's pick for port 0).
        public let port: Int
        public let url: String
        fileprivate let group: GroupReference

        /// Stops as Ctrl-C does: open event streams end, requests in flight finish.
        public func stop() async { await group.value?.triggerGracefulShutdown() }
    }

    /// Builds once, then serves until Ctrl-C / SIGTERM (`handleSignals`) or `Running.stop()`.
    /// Throws when the port cannot be bound or the folders cannot be watched.
    public func run(handleSignals: Bool = true, onRunning: @escaping @Sendable (Running) async -> Void = { _ in }) async throws {
        let host = configuration.host
        if !HostSafety.isLoopback(host) { console.warn(HostSafety.exposureWarning(host: host, drafts: configuration.includeDrafts)) }
        try FileManager.default.createDirectory(at: configuration.layout.cache, withIntermediateDirectories: true)
        let lock = try PreviewLock(configuration.layout.cache.appendingPathComponent("preview.lock"))
        defer { withExtendedLifetime(lock) {} }
        let port = try StartupChecks.reservePort(host: host, port: configuration.port)

        let configuration = configuration
        let updates = LiveUpdates(status: BuildStatus.starting)
        let fresh = FreshPages()
        let rebuilder = Rebuilder(
            build: { needsSnapshot in
                await Self.runOffThePool { SiteBuilder().build(configuration.buildOptions(port: port, needsSnapshot: needsSnapshot)) }
            },
            updates: updates, layout: configuration.layout, console: console,
            quietPeriod: configuration.quietPeriod, maximumDelay: configuration.maximumDelay,
            fresh: fresh, output: configuration.output, catchUpDelay: configuration.catchUpDelay)
        // Watching starts before the first build and before the server listens: a save made
        // while the first build runs, or the moment the URL appears, is never missed.
        let watcher = try FileWatcher(folders: configuration.watchedFolders, parent: configuration.layout.root)
        watcher.start()
        defer { watcher.stop() }
        // A large site takes a while the first time; say what is happening.
        console.say("Building the preview of \(configuration.layout.displayPath(configuration.layout.pages))/ ...")
        _ = await rebuilder.buildFirst()
        let watching = WatchService(watcher: watcher, rebuilder: rebuilder, updates: updates)

        var logger = Logger(label: "sitemark-preview")
        // Quiet unless asked (LOG_LEVEL=debug shows Hummingbird's and the lifecycle's own logs).
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        let group = GroupReference()
        let console = console
        let app = Application(
            responder: PreviewResponder(files: SiteFiles(output: configuration.output, fresh: fresh), updates: updates),
            configuration: .init(address: .hostname(host, port: port), serverName: "sitemark"),
            onServerRunning: { _ in
                let running = Running(port: port, url: configuration.siteAddress(port: port), group: group)
                console.say(Self.startupMessage(running.url, configuration))
                await onRunning(running)
            },
            logger: logger)

        var groupConfiguration = ServiceGroupConfiguration(
            services: [.init(service: app), .init(service: watching)],
            gracefulShutdownSignals: handleSignals ? [.sigterm, .sigint] : [],
            logger: logger)
        // Whatever does not stop by then is cancelled.
        groupConfiguration.maximumGracefulShutdownDuration = .seconds(3)
        let serviceGroup = ServiceGroup(configuration: groupConfiguration)
        group.set(serviceGroup)
        do {
            try await serviceGroup.run()
        } catch let error as IOError {
            // Lost a race for the port after the check above, or another socket error.
            throw PreviewFailure(description: "cannot listen on \(host):\(port): \(error)")
        }
        console.say("Preview stopped.")
    }

    static func startupMessage(_ url: String, _ configuration: PreviewConfiguration) -> String {
        let layout = configuration.layout
        let drafts = configuration.includeDrafts ? "drafts shown with a banner" : "drafts hidden"
        return """
        Sitemark preview at \(url)  (\(drafts))
          watching \(configuration.watchedFolders.map { layout.displayPath($0) + "/" }.joined(separator: ", ")); \
        serving \(layout.displayPath(configuration.output))/
          Press Ctrl-C to stop.
        """
    }

    /// SiteBuilder (and PageRefresh) are synchronous, and the builder spreads its work over all
    /// cores itself; run them on a Dispatch thread so they never tie up the threads that serve
    /// requests and events.
    static func runOffThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }
}

public struct PreviewFailure: Error, CustomStringConvertible {
    public var description: String
}

/// The service group, known only once it exists; `Running.stop()` needs it.
final class GroupReference: Sendable {
    private let group = Mutex<ServiceGroup?>(nil)
    func set(_ value: ServiceGroup) { group.withLock { $0 = value } }
    var value: ServiceGroup? { group.withLock { $0 } }
}

/// Feeds the watcher's changes to the rebuilder for the life of the server and keeps event
/// streams alive. On shutdown it stops the watcher, lets a rebuild in progress
/// finish, and ends every event stream so the HTTP server can close.
struct WatchService: Service {
    let watcher: FileWatcher
    let rebuilder: Rebuilder
    let updates: LiveUpdates
    static let pingInterval: Duration = .seconds(15)

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                try await withThrowingDiscardingTaskGroup { group in
                    group.addTask {
                        for await batch in watcher.signals { await rebuilder.record(batch) }
                    }
                    group.addTask {
                        while true {
                            try await Task.sleep(for: Self.pingInterval)
                            await updates.send(.ping)
                        }
                    }
                }
            }
        } catch is CancellationError {
            // Graceful shutdown: expected.
        }
        watcher.stop()
        await rebuilder.stop()
        await updates.finishAll()
    }
}
