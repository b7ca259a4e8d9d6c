import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately small HTTP/1.1 client over a real loopback socket. It sends the request
/// target byte for byte (URL types would normalise `..` away before a traversal test could
/// send it) and every wait has a deadline, so no test can hang on a silent server.
/// Calls block; tests run them through `offThePool` so the server's tasks keep running.
struct LoopbackClient {
    let port: Int
    var timeout: TimeInterval = 10

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    /// One request on its own connection (`Connection: close`).
    func request(_ target: String, method: String = "GET") throws -> Reply {
        let connection = try Connection(port: port, deadline: Date().addingTimeInterval(timeout))
        defer { connection.close() }
        try connection.send("\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        let (status, headers) = try connection.readHead()
        var body: [UInt8] = []
        if method != "HEAD", status != 304, status != 204 {
            if headers["transfer-encoding"]?.lowercased() == "chunked" {
                while let chunk = try connection.readChunk() { body += chunk }
            } else if let length = headers["content-length"].flatMap(Int.init) {
                body = try connection.read(count: length)
            } else {
                body = try connection.readToEnd()
            }
        }
        return Reply(status: status, headers: headers, body: body)
    }

    /// Opens `/__sitemark/events` and returns a reader for its events.
    func events() throws -> EventStream {
        let connection = try Connection(port: port, deadline: Date().addingTimeInterval(timeout))
        try connection.send("GET /__sitemark/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let (status, headers) = try connection.readHead()
        guard status == 200, headers["content-type"]?.hasPrefix("text/event-stream") == true else {
            connection.close()
            throw Failure(description: "events answered \(status) \(headers["content-type"] ?? "")")
        }
        return EventStream(connection: connection)
    }
}

/// Server-Sent Events from one connection, decoded as they arrive (chunked transfer).
final class EventStream: @unchecked Sendable {
    // @unchecked: used by one test at a time, from one thread at a time (each call runs to
    // completion on a Dispatch thread before the test continues).
    struct Event: Equatable { var name: String; var data: String }

    private let connection: Connection
    private var text = ""
    private(set) var ended = false

    fileprivate init(connection: Connection) { self.connection = connection }

    /// The next named event (comments and `retry:` skipped), or nil when none arrives within
    /// `timeout` seconds or the server ends the stream.
    func next(timeout: TimeInterval = 10) -> Event? {
        connection.deadline = Date().addingTimeInterval(timeout)
        while true {
            if let range = text.range(of: "\n\n") {
                let block = text[..<range.lowerBound]
                text.removeSubrange(..<range.upperBound)
                var name = "message", data: [Substring] = []
                for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                    if line.hasPrefix("event: ") { name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(line.dropFirst(6)) }
                }
                if data.isEmpty { continue }
                return Event(name: name, data: data.joined(separator: "\n"))
            }
            guard let chunk = try? connection.readChunk() else {
                ended = true
                return nil
            }
            text += String(decoding: chunk, as: UTF8.self)
        }
    }

    /// True when the server closes the stream within `timeout` seconds.
    func endsWithin(_ timeout: TimeInterval) -> Bool {
        connection.deadline = Date().addingTimeInterval(timeout)
        while true {
            do {
                guard try connection.readChunk() != nil else { return true }
            } catch let failure as LoopbackClient.Failure where failure.description == "closed" {
                return true
            } catch {
                return false
            }
        }
    }

    func close() { connection.close() }
}

/// A TCP connection to 127.0.0.1 with a deadline on every read.
final class Connection: @unchecked Sendable {
    // @unchecked: see EventStream; never used from two threads at once.
    private var fd: Int32
    private var buffer: [UInt8] = []
    var deadline: Date

    init(port: Int, deadline: Date) throws {
        self.deadline = deadline
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackClient.Failure(description: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            Glibc.close(fd)
            throw LoopbackClient.Failure(description: "connect to 127.0.0.1:\(port) failed: \(String(cString: strerror(errno)))")
        }
    }

    func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    func send(_ text: String) throws {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw LoopbackClient.Failure(description: "send failed") }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// Reads more bytes into the buffer; false at end of stream.
    private func fill() throws -> Bool {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw LoopbackClient.Failure(description: "timed out") }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Int32(min(remaining * 1000, 60_000)) + 1)
        if ready == 0 { throw LoopbackClient.Failure(description: "timed out") }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count < 0 { throw LoopbackClient.Failure(description: "recv failed: \(String(cString: strerror(errno)))") }
        if count == 0 { return false }
        buffer += chunk[..<count]
        return true
    }

    func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[..<index]
                buffer.removeSubrange(...index)
                return String(decoding: line, as: UTF8.self).trimmingCharacters(in: .init(charactersIn: "\r"))
            }
            guard try fill() else { throw LoopbackClient.Failure(description: "closed") }
        }
    }

    func readHead() throws -> (Int, [String: String]) {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else {
            throw LoopbackClient.Failure(description: "bad status line: \(statusLine)")
        }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return (status, headers)
    }

    func read(count: Int) throws -> [UInt8] {
        while buffer.count < count {
            guard try fill() else { throw LoopbackClient.Failure(description: "closed") }
        }
        defer { buffer.removeFirst(count) }
        return Array(buffer[..<count])
    }

    func readToEnd() throws -> [UInt8] {
        while try fill() {}
        defer { buffer.removeAll() }
        return buffer
    }

    /// One chunk of a chunked body; nil for the last (empty) chunk.
    func readChunk() throws -> [UInt8]? {
        let sizeLine = try readLine()
        guard let sizeText = sizeLine.split(separator: ";").first, let size = Int(sizeText, radix: 16) else {
            throw LoopbackClient.Failure(description: "bad chunk size: \(sizeLine)")
        }
        let chunk = try read(count: size)
        _ = try readLine()
        return size == 0 ? nil : chunk
    }
}

/// Runs blocking client calls on a Dispatch thread, never on the cooperative pool the
/// server's own tasks need.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
