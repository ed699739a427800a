// The HTTP side of `llmwb download`: asking Hugging Face what a file is (size, sha256) and
// fetching it into a `.partial` file that a later run resumes with a Range request.

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// What the server states about a file before it is fetched.
struct RemoteFile {
    /// Where the bytes are: the redirect target (Hugging Face's CDN), or the URL itself.
    let downloadURL: URL
    /// `X-Linked-Size` (large files), else `Content-Length`.
    let size: Int64?
    /// `X-Linked-Etag`, which Hugging Face sets to the sha256 of large (LFS) files.
    let sha256: String?
}

/// How a fetch ended.
struct FetchResult {
    /// Bytes in the `.partial` file now.
    let bytes: Int64
    /// SHA-256 of the whole `.partial` file (earlier bytes included).
    let sha256: String
    /// The server could not serve the range asked for (the partial file is as long as the file, or longer).
    let rangeRefused: Bool
}

/// A failure to talk to the server at all (no network, refused, timed out).
struct ConnectionFailure: Error {
    let reason: String
}

/// Synchronous HTTP requests over URLSession, one at a time.
enum HTTPTransfer {
    /// HEAD `url` without following redirects: Hugging Face answers a large file with a
    /// redirect carrying `X-Linked-Etag` (sha256) and `X-Linked-Size`.
    static func probe(_ url: URL, timeout: TimeInterval) throws -> RemoteFile {
        var request = URLRequest(url: url)
        request.httpMethod = "HEAD"
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        let task = TransferTask(followRedirects: false)
        let response = try task.run(request, timeout: timeout)
        let headers = HeaderLookup(response)
        let status = response.statusCode
        var target = url
        if (300..<400).contains(status) {
            guard let location = headers["Location"], let next = URL(string: location, relativeTo: url)?.absoluteURL else {
                throw DownloadError("\(url.absoluteString) answered HTTP \(status) without a Location to go to")
            }
            target = next
        } else if status == 401 || status == 403 || status == 404 {
            throw DownloadError("\(url.absoluteString) answered HTTP \(status): the file is not there")
        } else if !(200..<300).contains(status) {
            throw DownloadError("\(url.absoluteString) answered HTTP \(status)")
        }
        let size = headers["X-Linked-Size"].flatMap { Int64($0) } ?? ((200..<300).contains(status) ? headers["Content-Length"].flatMap { Int64($0) } : nil)
        return RemoteFile(downloadURL: target, size: size, sha256: headers["X-Linked-Etag"].flatMap(sha256FromETag))
    }

    /// `"<64 hex digits>"` (quotes, a `W/` prefix and case ignored), else nil.
    static func sha256FromETag(_ etag: String) -> String? {
        var text = etag.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("W/") { text.removeFirst(2) }
        text = text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
        return text.count == 64 && text.allSatisfy(\.isHexDigit) ? text : nil
    }

    /// GETs `url` into `partialPath`, asking only for the bytes after those already there.
    /// A server that ignores the range (HTTP 200) gets the file rewritten from the start.
    /// `progress` receives (bytes in the file, total bytes if known) as data arrives.
    static func fetch(_ url: URL, into partialPath: String, timeout: TimeInterval,
                      progress: @escaping (Int64, Int64?) -> Void) throws -> FetchResult {
        if !FileManager.default.fileExists(atPath: partialPath) {
            guard FileManager.default.createFile(atPath: partialPath, contents: nil) else {
                throw DownloadError("cannot create \(partialPath)")
            }
        }
        let existing = (try? FileManager.default.attributesOfItem(atPath: partialPath)[.size] as? NSNumber)?.int64Value ?? 0
        var hasher = SHA256()
        if existing > 0 {
            // Hash what is already there, so the digest covers the whole file at the end.
            guard let handle = FileHandle(forReadingAtPath: partialPath) else { throw DownloadError("cannot read \(partialPath)") }
            while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hasher.update(chunk) }
            try? handle.close()
        }
        guard let output = FileHandle(forWritingAtPath: partialPath) else { throw DownloadError("cannot write \(partialPath)") }
        defer { try? output.close() }
        try output.seekToEnd()

        var request = URLRequest(url: url)
        request.setValue("identity", forHTTPHeaderField: "Accept-Encoding")
        if existing > 0 { request.setValue("bytes=\(existing)-", forHTTPHeaderField: "Range") }
        let sink = FetchSink(output: output, hasher: hasher, written: existing, progress: progress)
        let task = TransferTask(followRedirects: true, sink: sink)
        let response: HTTPURLResponse
        do {
            response = try task.run(request, timeout: timeout)
        } catch let failure as ConnectionFailure {
            try? output.synchronize()
            throw failure
        }
        if let error = sink.error { throw error }
        try output.synchronize()
        return FetchResult(bytes: sink.written, sha256: sink.hasher.hexDigest(), rangeRefused: response.statusCode == 416)
    }
}

/// Case-insensitive access to a response's header fields.
struct HeaderLookup {
    private let fields: [String: String]
    init(_ response: HTTPURLResponse) {
        var fields: [String: String] = [:]
        for (key, value) in response.allHeaderFields {
            if let k = key as? String, let v = value as? String { fields[k.lowercased()] = v }
        }
        self.fields = fields
    }
    subscript(_ name: String) -> String? { fields[name.lowercased()] }
}

/// Where a GET's body goes: appended to the partial file and hashed on the way.
final class FetchSink {
    let output: FileHandle
    var hasher: SHA256
    var written: Int64
    var expectedTotal: Int64?
    let progress: (Int64, Int64?) -> Void
    var error: Error?

    init(output: FileHandle, hasher: SHA256, written: Int64, progress: @escaping (Int64, Int64?) -> Void) {
        (self.output, self.hasher, self.written, self.progress) = (output, hasher, written, progress)
    }

    /// Decides from the status what the body means; false stops the transfer.
    func begin(_ response: HTTPURLResponse) -> Bool {
        let headers = HeaderLookup(response)
        let length = headers["Content-Length"].flatMap { Int64($0) }
        switch response.statusCode {
        case 206:
            // "bytes START-END/TOTAL": the body must continue exactly where the file ends.
            let range = headers["Content-Range"] ?? ""
            let numbers = range.split(whereSeparator: { !$0.isNumber }).compactMap { Int64($0) }
            guard numbers.first == written else {
                error = DownloadError("the server sent bytes from another offset (\(range)) than asked (\(written)-)")
                return false
            }
            expectedTotal = numbers.count >= 3 ? numbers[2] : length.map { $0 + written }
        case 200:
            // The whole file (the server ignored the range): start the partial file over.
            do {
                try output.truncate(atOffset: 0)
            } catch {
                self.error = error
                return false
            }
            hasher = SHA256()
            written = 0
            expectedTotal = length
        case 416:
            return false
        default:
            error = DownloadError("\(response.url?.absoluteString ?? "the server") answered HTTP \(response.statusCode)")
            return false
        }
        progress(written, expectedTotal)
        return true
    }

    func receive(_ data: Data) {
        guard error == nil else { return }
        do {
            try output.write(contentsOf: data)
        } catch {
            self.error = DownloadError("cannot write the download: \(error.localizedDescription)")
            return
        }
        hasher.update(data)
        written += Int64(data.count)
        progress(written, expectedTotal)
    }
}

/// One request run to completion on its own session, the caller waiting.
final class TransferTask: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let followRedirects: Bool
    private let sink: FetchSink?
    private let done = DispatchSemaphore(value: 0)
    private var response: HTTPURLResponse?
    private var failure: Error?

    init(followRedirects: Bool, sink: FetchSink? = nil) {
        (self.followRedirects, self.sink) = (followRedirects, sink)
    }

    /// The final response. Throws `ConnectionFailure` when no response came.
    func run(_ request: URLRequest, timeout: TimeInterval) throws -> HTTPURLResponse {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = 1
        let session = URLSession(configuration: configuration, delegate: self, delegateQueue: queue)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        if failure == nil, let response { return response }
        throw ConnectionFailure(reason: TransferTask.describe(failure))
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(followRedirects ? request : nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        guard let http = response as? HTTPURLResponse else {
            completionHandler(.cancel)
            return
        }
        self.response = http
        if let sink, !sink.begin(http) {
            completionHandler(.cancel)
            return
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        sink?.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        if response == nil, let http = task.response as? HTTPURLResponse { response = http }
        // A transfer we cancelled on purpose (416, an error already noted) is not a failure.
        if let error = error as? URLError, error.code == .cancelled, response != nil {
            failure = nil
        } else {
            failure = error
        }
        done.signal()
    }

    /// A short human reason for a network error.
    static func describe(_ error: Error?) -> String {
        guard let error else { return "no response" }
        if let e = error as? URLError {
            switch e.code {
            case .notConnectedToInternet: return "no network connection"
            case .cannotFindHost, .dnsLookupFailed: return "the host name could not be resolved"
            case .cannotConnectToHost: return "the connection was refused"
            case .timedOut: return "the connection timed out"
            case .networkConnectionLost: return "the connection was lost"
            case .secureConnectionFailed: return "the secure connection failed"
            default: return e.localizedDescription
            }
        }
        return error.localizedDescription
    }
}
