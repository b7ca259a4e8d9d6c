import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file without reading it: size, modification time (ns) and
/// inode. A rename keeps the inode; a rewrite changes the time; a hard link shares all three.
public struct FileStamp: Sendable, Hashable, Codable {
    public var size: Int64
    public var modified: Int64
    public var inode: UInt64
}

/// The few POSIX calls the writer and the cache need. Foundation's `Data.write(to:)` calls
/// `fsync` on every file (strace: 1,020 fsyncs for a 1,019-page build, and seconds of waiting on
/// a busy disk); a build's output is regenerated from sources, so it is written without one.
enum FileIO {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func stamp(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return stamp(of: info)
    }

    private static func stamp(of info: stat) -> FileStamp {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return FileStamp(size: Int64(info.st_size), modified: Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec),
                         inode: UInt64(info.st_ino))
    }

    /// Creates or truncates `path` and writes `bytes`; returns the new file's stamp.
    @discardableResult
    static func writeFile<Bytes: ContiguousBytes>(_ bytes: Bytes, to path: String) throws -> FileStamp {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure("cannot create", path) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw failure("cannot write", path)
                }
                offset += written
            }
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot stat", path) }
        return stamp(of: info)
    }

    /// Writes to a temporary name in the same folder, then renames over `path`, so a reader
    /// sees the old file or the new one, never half of one.
    @discardableResult
    static func replaceFile<Bytes: ContiguousBytes>(_ path: String, with bytes: Bytes) throws -> FileStamp {
        let temporary = temporaryPath(beside: path)
        let stamp = try writeFile(bytes, to: temporary)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw failure("cannot replace", path)
        }
        return stamp
    }

    static func temporaryPath(beside path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + ".~" + String(path[slash...]) + ".sitemark-\(getpid())"
    }

    static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            offset += count
        }
        if offset < bytes.count { bytes.removeLast(bytes.count - offset) }
        return bytes
    }

    static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func failure(_ what: String, _ path: String) -> Failure {
        Failure(description: "\(what) \(path): \(String(cString: strerror(errno)))")
    }
}
