import Foundation

/// What is checked before the first build, so a preview that cannot run says why at once
/// instead of after building (and without disturbing a preview that is already running).
enum StartupChecks {
    /// Binds `host:port` and lets go, to learn before building whether the server will be
    /// able to listen, and on which port (the system's pick for port 0: the first build needs
    /// the address, see `PreviewConfiguration.siteAddress`).
    static func reservePort(host: String, port: Int) throws(PreviewFailure) -> Int {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &found)
        guard lookup == 0, let address = found else {
            throw PreviewFailure(description: "cannot listen on \(host): \(String(cString: gai_strerror(lookup)))")
        }
        defer { freeaddrinfo(found) }
        let fd = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
        guard fd >= 0 else { throw PreviewFailure(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var yes: Int32 = 1
        // As the server will (SO_REUSEADDR): a port in TIME_WAIT from a previous run is free.
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(fd, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
            let code = errno
            if code == EADDRINUSE {
                throw PreviewFailure(description: "port \(port) on \(host) is already in use; pass --port with another number")
            }
            throw PreviewFailure(description: "cannot listen on \(host):\(port): \(String(cString: strerror(code)))")
        }
        guard port == 0 else { return port }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw PreviewFailure(description: "cannot learn the port chosen for \(host)") }
        return withUnsafeBytes(of: bound) { bytes in
            // sin_port and sin6_port sit at the same offset, in network byte order.
            Int(UInt16(bigEndian: bytes.load(fromByteOffset: 2, as: UInt16.self)))
        }
    }
}

/// One preview per project: two would rebuild into, and swap, the same folder on every save.
/// An advisory lock on a file in the cache folder, released when the process ends however it
/// ends (the kernel drops it with the descriptor).
final class PreviewLock: Sendable {
    private let fd: Int32

    init(_ file: URL) throws(PreviewFailure) {
        fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw PreviewFailure(description: "cannot create \(file.path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw PreviewFailure(description: "another 'sitemark serve' is already previewing this project; stop it first (Ctrl-C in its terminal)")
        }
    }

    deinit { close(fd) }
}
