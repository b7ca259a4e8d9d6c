import Foundation
import Synchronization
@testable import SitemarkPreview
import Testing

/// The inotify watcher on a real temporary folder.
@Suite("File watcher", .serialized, .timeLimit(.minutes(1)))
struct FileWatcherTests {
    /// What the watcher reported so far, filled by a task reading its stream.
    final class SignalLog: Sendable {
        let signals = Mutex<[WatchSignal]>([])
        let ended = Mutex(false)
    }

    final class Folder: Sendable {
        let root: URL
        let watcher: FileWatcher
        let log = SignalLog()

        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("sitemark-watch-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("Pages/guide"), withIntermediateDirectories: true)
            watcher = try FileWatcher(folders: [root.appendingPathComponent("Pages")], parent: root)
            // Watches are in place when `start` returns: what is written next is seen.
            watcher.start()
            Task { [watcher, log] in
                for await batch in watcher.signals { log.signals.withLock { $0 += batch } }
                log.ended.withLock { $0 = true }
            }
        }

        func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

        func write(_ relative: String, _ text: String = "x") throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(relative))
        }

        /// Waits (bounded) until `signal` was reported; then everything reported so far.
        func waitFor(_ signal: WatchSignal, seconds: Double = 5) async throws -> [WatchSignal] {
            let deadline = ContinuousClock.now + .seconds(seconds)
            while ContinuousClock.now < deadline {
                let seen = log.signals.withLock { $0 }
                if seen.contains(signal) { return seen }
                try await Task.sleep(for: .milliseconds(10))
            }
            return log.signals.withLock { $0 }
        }

        deinit {
            watcher.stop()
            try? FileManager.default.removeItem(at: root)
        }
    }

    @Test("a file written right after start is seen")
    func writeAfterStart() async throws {
        let folder = try Folder()
        try folder.write("Pages/guide/a.md")
        let target = folder.path("Pages/guide/a.md")
        #expect(try await folder.waitFor(.written(target)).contains(.written(target)))
    }

    @Test("folders created later are watched, files in them seen")
    func newFolders() async throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.path("Pages/new/deeper"), withIntermediateDirectories: true)
        #expect(try await folder.waitFor(.folder(folder.path("Pages/new"))).contains(.folder(folder.path("Pages/new"))))
        try folder.write("Pages/new/deeper/b.md")
        let target = folder.path("Pages/new/deeper/b.md")
        #expect(try await folder.waitFor(.written(target)).contains(.written(target)))
    }

    @Test("a .well-known folder and an .htaccess are watched, since Public/ publishes them; other hidden names are not")
    func publishedHiddenNames() async throws {
        let folder = try Folder()
        try FileManager.default.createDirectory(atPath: folder.path("Pages/.well-known"), withIntermediateDirectories: true)
        #expect(try await folder.waitFor(.folder(folder.path("Pages/.well-known"))).contains(.folder(folder.path("Pages/.well-known"))))
        try folder.write("Pages/.well-known/security.txt")
        let target = folder.path("Pages/.well-known/security.txt")
        #expect(try await folder.waitFor(.written(target)).contains(.written(target)))
        #expect(!FileWatcher.isIgnored(".htaccess") && FileWatcher.isIgnored(".env") && FileWatcher.isIgnored(".page.md.swp"))
    }

    @Test("saves through a temporary file arrive as the rename; hidden temporaries are not reported")
    func temporaryFiles() async throws {
        let folder = try Folder()
        let target = folder.path("Pages/guide/c.md")
        // Foundation's atomic write: a hidden temporary file, renamed over the target.
        try Data("one".utf8).write(to: URL(fileURLWithPath: target), options: .atomic)
        let atomic = try await folder.waitFor(.written(target))
        #expect(atomic.contains(.written(target)))
        #expect(!atomic.contains { if case .written(let p) = $0 { return p != target } else { return false } })

        // sed -i: a visible temporary file, written, then renamed over the target.
        try folder.write("Pages/guide/sedAB12", "two")
        try FileManager.default.removeItem(atPath: target)
        rename(folder.path("Pages/guide/sedAB12"), target)
        let sed = WatchSignal.renamed(from: folder.path("Pages/guide/sedAB12"), to: target)
        #expect(try await folder.waitFor(sed).contains(sed))

        try FileManager.default.removeItem(atPath: target)
        #expect(try await folder.waitFor(.removed(target)).contains(.removed(target)))
    }

    @Test("stop ends the stream of changes")
    func stopEnds() async throws {
        let folder = try Folder()
        folder.watcher.stop()
        folder.watcher.stop()  // twice is harmless
        let deadline = ContinuousClock.now + .seconds(5)
        while !folder.log.ended.withLock({ $0 }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(folder.log.ended.withLock { $0 })
    }
}
