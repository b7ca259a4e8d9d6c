import Foundation

/// Maps a request path to a file inside the folder being served, and refuses everything that
/// would reach outside it. Hummingbird's FileMiddleware rejects `..` but follows symlinks out of
/// its root (stack-findings), so the preview resolves real paths itself and checks the prefix.
struct ServedFolder: Sendable {
    /// Real path of the served folder, without a trailing slash. The folder itself may be
    /// missing for a moment while a build swaps it (see `SiteFiles`).
    let root: String

    /// `folder` need not exist yet: its parent is resolved, and its own name appended.
    init(_ folder: URL) {
        let folder = folder.standardizedFileURL
        let parent = Self.realPath(folder.deletingLastPathComponent().path) ?? folder.deletingLastPathComponent().path
        root = (parent == "/" ? "" : parent) + "/" + folder.lastPathComponent
    }

    enum Lookup: Equatable {
        /// A regular file inside the folder, by real path.
        case file(String)
        /// A folder asked for without its trailing slash: send the browser to `location`.
        case redirect(location: String)
        case notFound
        /// The path leads outside the folder (`..`, a symlink out): never served.
        case refused
        /// Not a path at all (bad percent-encoding, NUL).
        case badRequest
    }

    /// `rawPath` is the request target's path, still percent-encoded. Decoding happens once,
    /// before the path is split, so `%2e%2e` and `..%2f` are seen as the `..` they are.
    func lookup(_ rawPath: String) -> Lookup {
        guard let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0") else { return .badRequest }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." { continue }
            if segment == ".." { return .refused }
            // Hidden names are not site content (the build skips them; the output's own marker
            // file is one), except `.well-known/`, which Public/ may ship.
            if segment.hasPrefix("."), segment != ".well-known" { return .notFound }
            segments.append(segment)
        }
        let candidate = segments.isEmpty ? root : root + "/" + segments.joined(separator: "/")
        switch resolve(candidate) {
        case .file(let path):
            return .file(path)
        case .folder(let path):
            // Built from the clean segments, never from the raw path: `//evil.example` must
            // not become a redirect to another site.
            guard decoded.hasSuffix("/") else {
                return .redirect(location: "/" + segments.map { Self.encode($0) }.joined(separator: "/") + "/")
            }
            // The folder's index page, or nothing: never a listing.
            if case .file(let index) = resolve(path + "/index.html") { return .file(index) }
            return .notFound
        case .outside:
            return .refused
        case .missing:
            return .notFound
        }
    }

    private enum Resolved { case file(String), folder(String), outside, missing }

    private func resolve(_ path: String) -> Resolved {
        guard let real = Self.realPath(path) else { return .missing }
        guard real == root || real.hasPrefix(root + "/") else { return .outside }
        var info = stat()
        guard stat(real, &info) == 0 else { return .missing }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file(real)
        case S_IFDIR: return .folder(real)
        default: return .missing
        }
    }

    /// Which folder is at `root` now (device and inode): each build swaps in a new one, and
    /// for a moment there is none (nil).
    var identity: [UInt64]? {
        var info = stat()
        guard stat(root, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Percent-encodes one path segment for a Location header.
    static func encode(_ segment: Substring) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return segment.addingPercentEncoding(withAllowedCharacters: allowed) ?? String(segment)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
