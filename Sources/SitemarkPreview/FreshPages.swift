import NIOCore
import SitemarkKit
import Synchronization

/// Pages re-rendered by `PageRefresh` since the last full build, served in place of their
/// files in the output folder. Kept in memory rather than written there so that a full build
/// running at the same moment (the catch-up) owns the folder alone: no two writers, and
/// nothing on disk that its manifest does not know about.
final class FreshPages: Sendable {
    private struct State {
        /// Counts `put` calls, so a build can drop exactly what it was started after.
        var generation = 0
        var pages: [String: (generation: Int, bytes: ByteBuffer)] = [:]
    }

    private let state = Mutex(State())

    /// Stores the pages by output path; returns their generation.
    @discardableResult
    func put(_ files: [RenderedFile]) -> Int {
        state.withLock { state in
            state.generation += 1
            for file in files { state.pages[file.path] = (state.generation, ByteBuffer(bytes: file.bytes)) }
            return state.generation
        }
    }

    /// The page to serve for an output path (`conditions/sciatica.html`), if one is fresher
    /// than the file on disk.
    func bytes(for outputPath: String) -> ByteBuffer? {
        state.withLock { $0.pages[outputPath]?.bytes }
    }

    var generation: Int { state.withLock { $0.generation } }

    var isEmpty: Bool { state.withLock { $0.pages.isEmpty } }

    /// A full build that read the sources after generation `generation` wrote these pages to
    /// disk itself: forget them. Pages stored later stay until the next build.
    func drop(upTo generation: Int) {
        state.withLock { state in state.pages = state.pages.filter { $0.value.generation > generation } }
    }
}
