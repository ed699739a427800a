// `llmwb download gpt2`, run as a process against a loopback server that answers like
// Hugging Face: a fresh download, resuming a .partial file, a dropped connection, a wrong
// checksum, and the message when the server cannot be reached.

import Foundation
import Testing

/// The test's stand-in checkpoint: 300,000 bytes with a fixed pattern, and a config.json for 355M.
enum FakeCheckpoint {
    static let weights: [UInt8] = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 / 256) }
    /// python3 -c "import hashlib; print(hashlib.sha256(bytes((i*31 + i//256) & 0xFF for i in range(300000))).hexdigest())"
    static let sha256 = "7746f603692a686cd64102485f55a005fd9521e026974d885676c0a486c0b2ae"
    static let config = Array(#"{"n_embd": 1024, "n_head": 16, "n_layer": 24, "n_positions": 1024, "vocab_size": 50257}"#.utf8)
    static let repository = "/openai-community/gpt2-medium/resolve/main/"

    /// Hugging Face's behaviour: the large file redirects to a CDN path with its sha256 and size
    /// in X-Linked-* headers; the CDN path honours `Range: bytes=N-`.
    static func respond(_ request: LoopbackRequest, statedSHA: String = sha256, dropAfter: Int? = nil) -> LoopbackResponse {
        switch request.path {
        case repository + "config.json":
            return LoopbackResponse(status: 200, headers: [("ETag", "\"0123456789abcdef0123456789abcdef01234567\"")], body: config)
        case repository + "model.safetensors":
            return LoopbackResponse(status: 302, headers: [("Location", "/cdn/model.safetensors?signed=1"),
                                                          ("X-Linked-Etag", "\"\(statedSHA)\""),
                                                          ("X-Linked-Size", String(weights.count))])
        case "/cdn/model.safetensors?signed=1":
            guard let range = request.headers["range"], range.hasPrefix("bytes="), range.hasSuffix("-"),
                  let start = Int(range.dropFirst(6).dropLast()) else {
                return LoopbackResponse(status: 200, body: weights, dropAfter: dropAfter)
            }
            guard start < weights.count else {
                return LoopbackResponse(status: 416, headers: [("Content-Range", "bytes */\(weights.count)")])
            }
            return LoopbackResponse(status: 206, headers: [("Content-Range", "bytes \(start)-\(weights.count - 1)/\(weights.count)")],
                                    body: Array(weights[start...]), dropAfter: dropAfter)
        default:
            return LoopbackResponse(status: 404, body: Array("Entry not found".utf8))
        }
    }
}

/// Runs the built `llmwb` with `arguments`, `HF_ENDPOINT` set; returns its exit status and output.
func runLlmwb(_ arguments: [String], endpoint: String) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = try llmwbExecutable()
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["HF_ENDPOINT"] = endpoint
    process.environment = environment
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
}

/// The `llmwb` built beside this test bundle (swift test builds every product).
func llmwbExecutable() throws -> URL {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("llmwb")
    let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for candidate in [beside, repository.appendingPathComponent(".build/release/llmwb"), repository.appendingPathComponent(".build/debug/llmwb")]
    where FileManager.default.isExecutableFile(atPath: candidate.path) {
        return candidate
    }
    throw LoopbackError("llmwb is not built next to the tests (looked in \(beside.path)); run swift build first")
}

/// A fresh folder for one test's download, removed afterwards by the caller.
func makeDownloadFolder() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmwb-download-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

/// True the first time only.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var used = false
    func take() -> Bool { lock.withLock { defer { used = true }; return !used } }
}

func bytes(at path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { Array($0) } }

@Suite("llmwb download")
struct DownloadCommandTests {
    @Test func downloadsAndChecksAFreshCheckpoint() throws {
        let server = try LoopbackHTTPServer { FakeCheckpoint.respond($0) }
        defer { server.stop() }
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let run = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: server.baseURL)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(bytes(at: folder + "/model.safetensors") == FakeCheckpoint.weights)
        #expect(bytes(at: folder + "/config.json") == FakeCheckpoint.config)
        #expect(!FileManager.default.fileExists(atPath: folder + "/model.safetensors.partial"))
        #expect(try String(contentsOfFile: folder + "/model.safetensors.sha256", encoding: .utf8)
                == "\(FakeCheckpoint.sha256)  model.safetensors\n")
        #expect(run.stdout.contains("model.safetensors: 300000 bytes, sha256 \(FakeCheckpoint.sha256) ok"))
        #expect(run.stdout.contains("config.json: \(FakeCheckpoint.config.count) bytes, describes GPT-2 355M"))
        // HEAD first (redirects not followed), then the GET goes to the CDN path.
        let paths = server.requests.map { "\($0.method) \($0.path)" }
        #expect(paths.contains("HEAD \(FakeCheckpoint.repository)model.safetensors"))
        #expect(paths.contains("GET /cdn/model.safetensors?signed=1"))

        // A second run finds the files and checks them without fetching anything.
        let before = server.requests.count
        let again = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: server.baseURL)
        #expect(again.status == 0, "stderr: \(again.stderr)")
        #expect(again.stdout.contains("model.safetensors: already here, checked"))
        #expect(server.requests.count == before)
    }

    @Test func resumesAPartialFileWithARangeRequest() throws {
        let server = try LoopbackHTTPServer { FakeCheckpoint.respond($0) }
        defer { server.stop() }
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(FakeCheckpoint.weights.prefix(100_000)).write(to: URL(fileURLWithPath: folder + "/model.safetensors.partial"))

        let run = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: server.baseURL)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("model.safetensors: resuming at 100000 bytes of 300000 bytes"))
        #expect(server.requests.contains { $0.path.hasPrefix("/cdn/") && $0.headers["range"] == "bytes=100000-" })
        #expect(bytes(at: folder + "/model.safetensors") == FakeCheckpoint.weights)
    }

    @Test func aDroppedConnectionLeavesAPartialFileTheNextRunResumes() throws {
        let firstBody = Once()
        let server = try LoopbackHTTPServer { request in
            // The first body sent stops after 120,000 bytes, as a lost connection would.
            let drop = request.path.hasPrefix("/cdn/") && request.method == "GET" && firstBody.take()
            return FakeCheckpoint.respond(request, dropAfter: drop ? 120_000 : nil)
        }
        defer { server.stop() }
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let first = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder, "--timeout", "10"], endpoint: server.baseURL)
        #expect(first.status == 1)
        #expect(first.stderr.hasPrefix("llmwb: the download of model.safetensors stopped at 120000 bytes ("))
        #expect(first.stderr.hasSuffix("); run the same command again to resume from there\n"))
        #expect(bytes(at: folder + "/model.safetensors.partial") == Array(FakeCheckpoint.weights.prefix(120_000)))

        let second = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: server.baseURL)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(server.requests.contains { $0.path.hasPrefix("/cdn/") && $0.headers["range"] == "bytes=120000-" })
        #expect(bytes(at: folder + "/model.safetensors") == FakeCheckpoint.weights)
    }

    @Test func aChecksumMismatchRemovesTheDownload() throws {
        let wrong = String(repeating: "ab", count: 32)
        let server = try LoopbackHTTPServer { FakeCheckpoint.respond($0, statedSHA: wrong) }
        defer { server.stop() }
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let run = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: server.baseURL)
        #expect(run.status == 1)
        #expect(run.stderr == "llmwb: model.safetensors: sha256 \(FakeCheckpoint.sha256) does not match the expected \(wrong); "
                + "the damaged download was removed, run the command again\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/model.safetensors"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/model.safetensors.partial"))
    }

    @Test func offlineItSaysWhatToFetchAndWhereToPutIt() throws {
        // A port nothing listens on: bind one, note it, close it.
        let closed = try LoopbackHTTPServer { _ in LoopbackResponse(status: 500) }
        let endpoint = closed.baseURL
        closed.stop()
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let run = try runLlmwb(["download", "gpt2", "--dir", folder], endpoint: endpoint)
        #expect(run.status == 1)
        #expect(run.stderr == """
            llmwb: cannot reach 127.0.0.1 (the connection was refused). To install GPT-2 124M by hand, download
              \(endpoint)/openai-community/gpt2/resolve/main/config.json
              \(endpoint)/openai-community/gpt2/resolve/main/model.safetensors
            into \(folder)/ (keeping the file names), then run `llmwb download gpt2 --size 124M --dir \(folder)` again to check them.

            """)
    }

    @Test func offlineFilesPutThereByHandAreAcceptedWithANote() throws {
        let closed = try LoopbackHTTPServer { _ in LoopbackResponse(status: 500) }
        let endpoint = closed.baseURL
        closed.stop()
        let folder = try makeDownloadFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(FakeCheckpoint.config).write(to: URL(fileURLWithPath: folder + "/config.json"))
        try Data(FakeCheckpoint.weights).write(to: URL(fileURLWithPath: folder + "/model.safetensors"))

        let run = try runLlmwb(["download", "gpt2", "--size", "355M", "--dir", folder], endpoint: endpoint)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("config.json: already here, checked"))
        #expect(run.stdout.contains("model.safetensors: here, but its sha256 cannot be checked without 127.0.0.1 (the connection was refused)"))
    }

    @Test(arguments: [
        (["download", "gpt2", "--size", "200M"], "Error: GPT-2 comes in sizes 124M, 355M, 774M, 1558M, not '200M'"),
        (["download", "gpt3"], "Error: unknown model 'gpt3'; llmwb downloads gpt2 (sizes 124M, 355M, 774M, 1558M)"),
    ])
    func rejectsWhatItCannotDownload(arguments: [String], message: String) throws {
        let run = try runLlmwb(arguments, endpoint: "http://127.0.0.1:9")
        #expect(run.status != 0)
        #expect(run.stderr.hasPrefix(message), "stderr: \(run.stderr)")
    }
}
