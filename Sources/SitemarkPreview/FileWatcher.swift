#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SitemarkKit
import Synchronization

/// One thing the watcher saw. Paths are absolute.
enum WatchSignal: Sendable, Hashable {
    /// A file was written and closed, or renamed into place under this name.
    case written(String)
    /// A file was deleted or renamed away (to a name outside the watch, or an ignored one).
    case removed(String)
    /// A file was renamed within the watched folders (`sed -i`, some editors: write a
    /// temporary file, then rename it over the real one).
    case renamed(from: String, to: String)
    /// A folder appeared, moved or went: anything below it may have changed.
    case folder(String)
    /// The kernel's event queue overflowed: anything may have changed.
    case overflow
}

public struct WatchFailure: Error, CustomStringConvertible {
    public var description: String
}

/// Watches folders and everything below them with inotify, which watches single folders only:
/// each subfolder gets its own watch, and folders created (or moved in) later get theirs when
/// they appear. Editors' temporary files are ignored; their saves arrive as the final rename.
///
/// A dedicated thread blocks in `poll` on the inotify descriptor and a stop pipe; all mutable
/// state (the watch table) lives on that thread, so nothing here needs a lock but `stopped`.
final class FileWatcher: Sendable {
    /// One element per batch the kernel delivered.
    let signals: AsyncStream<[WatchSignal]>
    private let continuation: AsyncStream<[WatchSignal]>.Continuation
    private let folders: [String]
    private let parent: String
    private let inotify: Int32
    private let stopPipe: (read: Int32, write: Int32)
    private let stopped = Mutex(false)

    /// `folders` are watched recursively; their `parent` (the project root) only for one of
    /// them appearing later (a project started without `Public/`).
    init(folders: [URL], parent: URL) throws {
        self.folders = folders.map { $0.standardizedFileURL.path }
        self.parent = parent.standardizedFileURL.path
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard inotify >= 0 else {
            throw WatchFailure(description: "cannot watch for changes: inotify_init1 failed (\(String(cString: strerror(errno))))")
        }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(inotify)
            throw WatchFailure(description: "cannot watch for changes: pipe failed (\(String(cString: strerror(errno))))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        stopPipe = (ends[0], ends[1])
        (signals, continuation) = AsyncStream.makeStream(of: [WatchSignal].self, bufferingPolicy: .unbounded)
    }

    /// Adds the watches (before returning, so no change after `start` is missed), then reads
    /// events on a thread of its own until `stop`.
    func start() {
        var table = WatchTable(inotify: inotify, folders: folders, parent: parent)
        table.resync()
        let watching = table
        let thread = Thread { [self] in readLoop(watching) }
        thread.name = "sitemark-watch"
        thread.start()
    }

    func stop() {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(stopPipe.write, &byte, 1)
    }

    private func readLoop(_ watching: WatchTable) {
        var table = watching
        let bufferSize = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferSize, alignment: MemoryLayout<inotify_event>.alignment)
        defer {
            buffer.deallocate()
            close(inotify)
            close(stopPipe.read)
            close(stopPipe.write)
            continuation.finish()
        }
        var descriptors = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stopPipe.read, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || descriptors[1].revents != 0 { return }
            guard descriptors[0].revents & Int16(POLLIN) != 0 else { continue }
            let count = read(inotify, buffer, bufferSize)
            if count <= 0 { continue }
            let batch = table.interpret(UnsafeRawBufferPointer(start: buffer, count: count))
            if !batch.isEmpty { continuation.yield(batch) }
        }
    }

    /// Names that are never site content, whose changes are noise: the build's own rule
    /// (hidden files, `~` backups, swap files, Emacs autosaves) plus Vim's `4913` probe. The
    /// hidden files Public/ publishes (`.well-known/`, `.htaccess`) are content.
    static func isIgnored(_ name: String) -> Bool {
        name == "4913" || (SourceTree.isEditorTemporary(name) && !SourceTree.isPublishedHidden(name))
    }
}

/// Which inotify watch is which folder. Owned by the watcher's thread.
private struct WatchTable: Sendable {
    let inotify: Int32
    let folders: [String]
    let parent: String
    private var paths: [Int32: String] = [:]
    private var parentWatch: Int32 = -1

    init(inotify: Int32, folders: [String], parent: String) {
        self.inotify = inotify
        self.folders = folders
        self.parent = parent
    }

    private static let folderMask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
        | IN_DELETE_SELF | IN_MOVE_SELF) | UInt32(IN_ONLYDIR) | UInt32(IN_DONT_FOLLOW)
    private static let parentMask = UInt32(IN_CREATE | IN_MOVED_TO) | UInt32(IN_ONLYDIR)

    /// Makes the watches match the folders on disk: every folder below the roots watched
    /// (adding an existing watch again just returns it), watches of folders that left removed.
    /// Run at start, after any folder was created, moved or deleted, and after an overflow.
    mutating func resync() {
        if parentWatch < 0 { parentWatch = inotify_add_watch(inotify, parent, Self.parentMask) }
        var current: [Int32: String] = [:]
        for folder in folders {
            for path in [folder] + Self.subfolders(of: folder) {
                let watch = inotify_add_watch(inotify, path, Self.folderMask)
                if watch >= 0 { current[watch] = path }
            }
        }
        for (watch, _) in paths where current[watch] == nil && watch != parentWatch {
            inotify_rm_watch(inotify, watch)
        }
        paths = current
    }

    /// Decodes one `read` worth of events into signals; resyncs the watches when folders moved.
    mutating func interpret(_ bytes: UnsafeRawBufferPointer) -> [WatchSignal] {
        var signals: [WatchSignal] = []
        var foldersChanged = false
        var movesAway: [UInt32: Int] = [:]
        let header = MemoryLayout<inotify_event>.size
        var offset = 0
        while offset + header <= bytes.count {
            let event = bytes.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
            let nameBytes = bytes[(offset + header)..<min(bytes.count, offset + header + Int(event.len))]
            let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
            offset += header + Int(event.len)

            let mask = event.mask
            if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                signals.append(.overflow)
                foldersChanged = true
                continue
            }
            if mask & UInt32(IN_IGNORED) != 0 { paths[event.wd] = nil; continue }
            if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 { foldersChanged = true; continue }
            let isFolder = mask & UInt32(IN_ISDIR) != 0

            if event.wd == parentWatch {
                // Only a watched folder appearing (Public/ created after start) matters here.
                let path = parent + "/" + name
                if isFolder && folders.contains(path) {
                    foldersChanged = true
                    signals.append(.folder(path))
                }
                continue
            }
            guard let folder = paths[event.wd], !name.isEmpty, !FileWatcher.isIgnored(name) else { continue }
            let path = folder + "/" + name
            if isFolder {
                foldersChanged = true
                signals.append(.folder(path))
            } else if mask & UInt32(IN_MOVED_FROM) != 0 {
                movesAway[event.cookie] = signals.count
                signals.append(.removed(path))
            } else if mask & UInt32(IN_MOVED_TO) != 0 {
                // The two halves of a rename share a cookie and arrive together.
                if let index = movesAway.removeValue(forKey: event.cookie), case .removed(let source) = signals[index] {
                    signals[index] = .renamed(from: source, to: path)
                } else {
                    signals.append(.written(path))
                }
            } else if mask & UInt32(IN_DELETE) != 0 {
                signals.append(.removed(path))
            } else if mask & UInt32(IN_CLOSE_WRITE) != 0 {
                // A new file counts when it is closed after writing, not when it is created
                // empty: building a half-written page would flash an error.
                signals.append(.written(path))
            }
        }
        if foldersChanged { resync() }
        return signals
    }

    /// Every folder below `root`, not following symlinks, skipping hidden ones (but not the
    /// `.well-known/` Public/ publishes).
    private static func subfolders(of root: String) -> [String] {
        guard let enumerator = FileManager.default.enumerator(
            at: URL(fileURLWithPath: root, isDirectory: true), includingPropertiesForKeys: [.isDirectoryKey, .isSymbolicLinkKey]) else { return [] }
        var found: [String] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isSymbolicLinkKey])
            guard values?.isDirectory == true, values?.isSymbolicLink != true else { continue }
            if FileWatcher.isIgnored(url.lastPathComponent) {
                enumerator.skipDescendants()
                continue
            }
            found.append(url.path)
        }
        return found
    }
}
