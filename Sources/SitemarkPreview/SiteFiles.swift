import Foundation
import Hummingbird
import NIOCore

/// Serves the preview's output folder: files with their content types, a folder's index.html,
/// the site's own 404 page, and nothing outside the folder.
struct SiteFiles: Sendable {
    let folder: ServedFolder
    let fresh: FreshPages

    init(output: URL, fresh: FreshPages = FreshPages()) {
        folder = ServedFolder(output)
        self.fresh = fresh
    }

    /// A build has written the output folder (it is missing until the first success).
    var hasSite: Bool { folder.identity != nil }

    func respond(to request: Request) async -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let response = await response(for: request.uri.path, query: request.uri.query)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func response(for path: String, query: String?) async -> Response {
        // Each rebuild swaps the output folder with two renames. A request that falls between
        // them finds no folder, or finds a file gone; it tries again (the swap takes
        // microseconds) instead of answering 404 for a page that exists. A path is only
        // missing when the same folder was there before and after looking.
        for _ in 0..<Self.swapRetries {
            let before = folder.identity
            switch folder.lookup(path) {
            case .file(let file):
                if let bytes = fresh.bytes(for: String(file.dropFirst(folder.root.count + 1))) {
                    return Self.ok(bytes, contentType: ContentType.forPath(file))
                }
                if let bytes = Self.read(file) { return Self.ok(bytes, contentType: ContentType.forPath(file)) }
            case .redirect(let location):
                return .redirect(to: location + (query.map { "?" + $0 } ?? ""), type: .permanent)
            case .refused:
                return Self.plain(.forbidden, "403 Forbidden: this path is outside the site.\n")
            case .badRequest:
                return Self.plain(.badRequest, "400 Bad Request\n")
            case .notFound:
                if before != nil, before == folder.identity { return notFound() }
            }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return notFound()
    }

    /// The site's own 404 page when the build made one, else a plain one; status 404 either way.
    private func notFound() -> Response {
        if case .file(let page) = folder.lookup("/404.html"), let bytes = Self.read(page) {
            var response = Self.ok(bytes, contentType: ContentType.html)
            response.status = .notFound
            return response
        }
        return Self.plain(.notFound, "404 Not Found\n")
    }

    static let swapRetries = 50

    /// The whole file, from one open descriptor, so the length sent is the length read even if
    /// a rebuild replaces the file meanwhile. nil when it vanished (a swap) or is unreadable.
    static func read(_ path: String) -> ByteBuffer? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var buffer = ByteBufferAllocator().buffer(capacity: Int(info.st_size))
        while true {
            var failure: Int32 = 0
            let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 64 * 1024) { target in
                let count = Glibc.read(fd, target.baseAddress, target.count)
                if count < 0 { failure = errno; return 0 }
                return count
            }
            if failure == EINTR { continue }
            if failure != 0 { return nil }
            if count == 0 { return buffer }
        }
    }

    static func ok(_ bytes: ByteBuffer, contentType: String) -> Response {
        Response(status: .ok, headers: [
            .contentType: contentType,
            // Always fresh: a preview is about seeing the last save, and loopback is cheap.
            .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
        ], body: ResponseBody(byteBuffer: bytes))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: [.contentType: ContentType.plainText, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
