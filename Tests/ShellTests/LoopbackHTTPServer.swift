// A tiny HTTP/1.1 server on 127.0.0.1 for the `llmwb download` tests: it plays Hugging Face
// (a redirect with X-Linked-Etag, Range requests, a connection dropped halfway). Loopback only.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A request as the server saw it: method, path and header fields (names lowercased).
struct LoopbackRequest: Sendable {
    let method: String
    let path: String
    let headers: [String: String]
}

/// What to send back. `dropAfter` sends only that many body bytes, then closes the connection.
struct LoopbackResponse: Sendable {
    var status: Int
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var dropAfter: Int?
}

/// Serves one connection at a time on a thread until `stop()`.
final class LoopbackHTTPServer: @unchecked Sendable {
    let port: UInt16
    private let listener: Int32
    private let handler: @Sendable (LoopbackRequest) -> LoopbackResponse
    private let lock = NSLock()
    private var seen: [LoopbackRequest] = []
    private let finished = DispatchSemaphore(value: 0)

    /// Every request served so far, in order.
    var requests: [LoopbackRequest] { lock.withLock { seen } }

    init(handler: @escaping @Sendable (LoopbackRequest) -> LoopbackResponse) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw LoopbackError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 8) == 0 else { close(fd); throw LoopbackError("bind/listen failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Stops accepting and waits for the serving thread. The socket is closed only after the
    /// thread has finished with it, so its descriptor cannot be reused under the thread.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        finished.wait()
        close(listener)
    }

    private func serve() {
        defer { finished.signal() }
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 { return }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Keep-alive: serve requests on this connection until the client closes it.
        var buffer: [UInt8] = []
        while true {
            while !buffer.containsHeaderEnd {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = recv(connection, &chunk, chunk.count, 0)
                if n <= 0 { return }
                buffer += chunk[0..<n]
            }
            let end = buffer.headerEnd
            let head = String(decoding: buffer[0..<end], as: UTF8.self)
            buffer.removeFirst(end + 4)
            let lines = head.components(separatedBy: "\r\n")
            let parts = lines[0].split(separator: " ")
            guard parts.count >= 2 else { return }
            var headers: [String: String] = [:]
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            let request = LoopbackRequest(method: String(parts[0]), path: String(parts[1]), headers: headers)
            lock.withLock { seen.append(request) }
            let response = handler(request)
            var text = "HTTP/1.1 \(response.status) \(response.status < 400 ? "OK" : "Error")\r\n"
            var fields = response.headers
            if !fields.contains(where: { $0.0.lowercased() == "content-length" }) {
                fields.append(("Content-Length", String(response.body.count)))
            }
            for (name, value) in fields { text += "\(name): \(value)\r\n" }
            text += "\r\n"
            var bytes = Array(text.utf8)
            if request.method != "HEAD" { bytes += response.body.prefix(response.dropAfter ?? response.body.count) }
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return }
                sent += n
            }
            if response.dropAfter != nil { return }
        }
    }
}

struct LoopbackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

private extension Array where Element == UInt8 {
    var headerEnd: Int {
        guard count >= 4 else { return -1 }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 { return i }
        return -1
    }
    var containsHeaderEnd: Bool { headerEnd >= 0 }
}
