// `llmwb download gpt2 [--size 124M|355M|774M|1558M]`: OpenAI's GPT-2 weights as Hugging Face
// publishes them (model.safetensors + config.json) into a cache folder that lesson 07 reads.

import ArgumentParser
import Foundation

/// A problem `llmwb download` reports in one message (and exit status 1).
struct DownloadError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One published GPT-2 size: where it lives on Hugging Face and what its config must say.
struct GPT2Checkpoint {
    let size: String        // "124M"
    let repository: String  // "openai-community/gpt2"
    let embeddingDim: Int, layerCount: Int, headCount: Int
    /// The sha256 and byte count of model.safetensors where they are known independently of the
    /// server (used when the server states none, and offline); the server's statement wins.
    let knownSHA256: String?
    let knownBytes: Int64?

    static let all: [GPT2Checkpoint] = [
        // openai-community/gpt2 at revision 607a30d783dfa663caf39e06633721c8d4cfcd7e.
        GPT2Checkpoint(size: "124M", repository: "openai-community/gpt2", embeddingDim: 768, layerCount: 12, headCount: 12,
                       knownSHA256: "248dfc3911869ec493c76e65bf2fcf7f615828b0254c12b473182f0f81d3a707", knownBytes: 548_105_171),
        GPT2Checkpoint(size: "355M", repository: "openai-community/gpt2-medium", embeddingDim: 1024, layerCount: 24, headCount: 16,
                       knownSHA256: nil, knownBytes: nil),
        GPT2Checkpoint(size: "774M", repository: "openai-community/gpt2-large", embeddingDim: 1280, layerCount: 36, headCount: 20,
                       knownSHA256: nil, knownBytes: nil),
        GPT2Checkpoint(size: "1558M", repository: "openai-community/gpt2-xl", embeddingDim: 1600, layerCount: 48, headCount: 25,
                       knownSHA256: nil, knownBytes: nil),
    ]

    /// "124M", "124m" or "124"; nil for anything else.
    static func named(_ text: String) -> GPT2Checkpoint? {
        let key = text.uppercased().hasSuffix("M") ? text.uppercased() : text.uppercased() + "M"
        return all.first { $0.size == key }
    }

    /// `ENDPOINT/openai-community/gpt2/resolve/main/FILE`.
    func url(of file: String, endpoint: String) -> URL? {
        let base = endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
        return URL(string: "\(base)/\(repository)/resolve/main/\(file)")
    }

    /// The folder the lesson looks in: `~/.cache/llmwb/gpt2-124M`.
    static func defaultFolder(size: String) -> String {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return (home as NSString).appendingPathComponent(".cache/llmwb/gpt2-\(size)")
    }
}

struct Download: ParsableCommand {
    @OptionGroup var sandbox: SandboxOptions

    static let configuration = CommandConfiguration(
        abstract: "Download OpenAI's GPT-2 weights (Hugging Face safetensors) for lesson 07.",
        discussion: """
            Fetches model.safetensors and config.json from huggingface.co/openai-community/gpt2[-medium|-large|-xl] \
            into ~/.cache/llmwb/gpt2-SIZE, resuming an interrupted download and checking the sha256 the server states. \
            HF_ENDPOINT overrides the server (a mirror).
            """)

    @ArgumentParser.Argument(help: "The model to download: gpt2.")
    var model: String

    @Option(help: "The GPT-2 size: 124M, 355M, 774M or 1558M.")
    var size: String = "124M"

    @Option(help: "The folder to put the files in (default: ~/.cache/llmwb/gpt2-SIZE).")
    var dir: String?

    @Option(help: .hidden)
    var timeout: Double = 60

    func run() throws {
        guard model.lowercased() == "gpt2" else {
            throw ValidationError("unknown model '\(model)'; llmwb downloads gpt2 (sizes \(GPT2Checkpoint.all.map(\.size).joined(separator: ", ")))")
        }
        guard let checkpoint = GPT2Checkpoint.named(size) else {
            throw ValidationError("GPT-2 comes in sizes \(GPT2Checkpoint.all.map(\.size).joined(separator: ", ")), not '\(size)'")
        }
        let endpoint = ProcessInfo.processInfo.environment["HF_ENDPOINT"].flatMap { $0.isEmpty ? nil : $0 } ?? "https://huggingface.co"
        let folder = dir ?? GPT2Checkpoint.defaultFolder(size: checkpoint.size)
        let command = "llmwb download gpt2 --size \(checkpoint.size)" + (dir.map { " --dir \($0)" } ?? "")
        let downloader = CheckpointDownloader(checkpoint: checkpoint, endpoint: endpoint, folder: folder,
                                              command: command, timeout: timeout)
        do {
            try downloader.run()
            Output.flush()
        } catch let error as DownloadError {
            Output.flush()
            FileHandle.standardError.write(Data("llmwb: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Fetches one checkpoint's files, each through `NAME.partial`, and checks them.
struct CheckpointDownloader {
    let checkpoint: GPT2Checkpoint
    let endpoint: String
    let folder: String
    /// How the user would run this download again (for messages).
    let command: String
    let timeout: TimeInterval

    static let files = ["config.json", "model.safetensors"]

    func run() throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw DownloadError("cannot create the folder \(folder): \(error.localizedDescription)")
        }
        for file in CheckpointDownloader.files { try obtain(file) }
        let weights = (folder as NSString).appendingPathComponent("model.safetensors")
        let bytes = fileSize(weights) ?? 0
        say("GPT-2 \(checkpoint.size) is ready in \(folder) (model.safetensors, \(DownloadProgress.readable(bytes))).")
        say("Lesson 07's last step loads it (`llmwb run 07`, or `open 7` in the shell).")
    }

    private func say(_ text: String) { Output.write(text + "\n") }

    private func path(_ file: String) -> String { (folder as NSString).appendingPathComponent(file) }

    /// The file in the folder, checked; fetched (or its fetch resumed) if it is not there yet.
    private func obtain(_ file: String) throws {
        let final = path(file)
        if FileManager.default.fileExists(atPath: final), let verdict = try checkLocal(file) {
            if verdict { say("\(file): already here, checked"); return }
            say("\(file): the copy in \(folder) does not check out; fetching it again")
            try? FileManager.default.removeItem(atPath: final)
        }
        guard let url = checkpoint.url(of: file, endpoint: endpoint) else {
            throw DownloadError("HF_ENDPOINT \(endpoint) does not make a valid URL")
        }
        let remote: RemoteFile
        do {
            remote = try HTTPTransfer.probe(url, timeout: timeout)
        } catch let failure as ConnectionFailure {
            if FileManager.default.fileExists(atPath: final) {
                say("\(file): here, but its sha256 cannot be checked without \(URL(string: endpoint)?.host ?? endpoint) (\(failure.reason))")
                return
            }
            throw offline(failure.reason)
        }
        if FileManager.default.fileExists(atPath: final) {
            // Here but not checkable offline: compare with what the server states now.
            if let sha = remote.sha256, try SHA256.hexDigest(ofFile: final) == sha {
                recordChecksum(sha, for: file)
                say("\(file): already here, sha256 matches the server's")
                return
            }
            try? FileManager.default.removeItem(atPath: final)
        }
        try fetch(file, remote)
    }

    /// Whether the file in the folder is right, when that can be told without the server:
    /// config.json describes this size; model.safetensors has the sha256 recorded when it was
    /// downloaded, or else the known one. nil when there is nothing to check against.
    private func checkLocal(_ file: String) throws -> Bool? {
        if file == "config.json" { return configMatches(path(file)) }
        let expected: String
        if let recorded = recordedChecksum(for: file) {
            expected = recorded
        } else if let known = checkpoint.knownSHA256 {
            if let bytes = checkpoint.knownBytes, fileSize(path(file)) != bytes { return false }
            expected = known
        } else {
            return nil
        }
        say("\(file): checking the sha256 of the copy already there")
        return try SHA256.hexDigest(ofFile: path(file)) == expected
    }

    private func fetch(_ file: String, _ remote: RemoteFile) throws {
        let partial = path(file) + ".partial"
        let already = fileSize(partial) ?? 0
        let total = remote.size ?? (file == "model.safetensors" ? checkpoint.knownBytes : nil)
        if already > 0 {
            say("\(file): resuming at \(DownloadProgress.readable(already)) of \(total.map(DownloadProgress.readable) ?? "?")")
        } else {
            say("\(file): fetching \(total.map(DownloadProgress.readable) ?? "it") from \(remote.downloadURL.host ?? endpoint)")
        }
        let progress = DownloadProgress(name: file)
        var result: FetchResult
        do {
            result = try HTTPTransfer.fetch(remote.downloadURL, into: partial, timeout: timeout) { progress.update($0, $1) }
            progress.finish()
        } catch let failure as ConnectionFailure {
            progress.finish()
            let got = fileSize(partial) ?? 0
            throw DownloadError("the download of \(file) stopped at \(DownloadProgress.readable(got)) (\(failure.reason)); "
                                + "run the same command again to resume from there")
        }
        if result.rangeRefused {
            // The partial file is already complete (or longer than the file): check it as it is.
            result = FetchResult(bytes: fileSize(partial) ?? 0, sha256: try SHA256.hexDigest(ofFile: partial), rangeRefused: true)
        }
        if let total, result.bytes != total {
            if result.bytes > total { try? FileManager.default.removeItem(atPath: partial) }
            throw DownloadError("\(file): got \(result.bytes) bytes, the server stated \(total)"
                                + (result.bytes > total ? "; the partial file was removed, run the command again" : "; run the command again to resume"))
        }
        let expected = remote.sha256 ?? (file == "model.safetensors" ? checkpoint.knownSHA256 : nil)
        if let expected, result.sha256 != expected {
            try? FileManager.default.removeItem(atPath: partial)
            throw DownloadError("\(file): sha256 \(result.sha256) does not match the expected \(expected); "
                                + "the damaged download was removed, run the command again")
        }
        if file == "config.json", !configMatches(partial) {
            try? FileManager.default.removeItem(atPath: partial)
            throw DownloadError("config.json from \(remote.downloadURL.absoluteString) does not describe GPT-2 \(checkpoint.size)")
        }
        do {
            try FileManager.default.moveItem(atPath: partial, toPath: path(file))
        } catch {
            throw DownloadError("cannot move \(partial) into place: \(error.localizedDescription)")
        }
        if let expected {
            recordChecksum(expected, for: file)
            say("\(file): \(DownloadProgress.readable(result.bytes)), sha256 \(expected) ok")
        } else {
            say("\(file): \(DownloadProgress.readable(result.bytes))" + (file == "config.json" ? ", describes GPT-2 \(checkpoint.size)" : " (the server stated no checksum)"))
        }
    }

    /// The message for a server that cannot be reached: what to fetch, and where to put it.
    func offline(_ reason: String) -> DownloadError {
        let urls = CheckpointDownloader.files.compactMap { checkpoint.url(of: $0, endpoint: endpoint)?.absoluteString }
        let host = URL(string: endpoint)?.host ?? endpoint
        return DownloadError("""
            cannot reach \(host) (\(reason)). To install GPT-2 \(checkpoint.size) by hand, download
              \(urls.joined(separator: "\n  "))
            into \(folder)/ (keeping the file names), then run `\(command)` again to check them.
            """)
    }

    /// config.json parses and states this size's width, depth and heads.
    private func configMatches(_ file: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: file),
              let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else { return false }
        return object["n_embd"] as? Int == checkpoint.embeddingDim && object["n_layer"] as? Int == checkpoint.layerCount
            && object["n_head"] as? Int == checkpoint.headCount
    }

    /// `NAME.sha256`, in `sha256sum` format, so a later run (or `sha256sum -c`) can check offline.
    private func recordChecksum(_ sha: String, for file: String) {
        try? "\(sha)  \(file)\n".write(toFile: path(file) + ".sha256", atomically: true, encoding: .utf8)
    }

    private func recordedChecksum(for file: String) -> String? {
        guard let text = try? String(contentsOfFile: path(file) + ".sha256", encoding: .utf8) else { return nil }
        return text.split(separator: " ").first.map(String.init).flatMap(HTTPTransfer.sha256FromETag)
    }

    private func fileSize(_ file: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value
    }
}

/// The progress line on stderr (only when it is a terminal): percent, bar, MB, speed, time left.
final class DownloadProgress {
    let name: String
    private let interactive = isatty(STDERR_FILENO) == 1
    private let start = Date()
    private var startBytes: Int64?
    private var lastDraw = Date.distantPast
    private var last: (Int64, Int64?) = (0, nil)

    init(name: String) { self.name = name }

    func update(_ bytes: Int64, _ total: Int64?) {
        if startBytes == nil { startBytes = bytes }
        last = (bytes, total)
        let now = Date()
        guard interactive, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        FileHandle.standardError.write(Data(("\r" + line(bytes, total, elapsed: now.timeIntervalSince(start)) + "\u{1B}[K").utf8))
    }

    func finish() {
        guard interactive, startBytes != nil else { return }
        FileHandle.standardError.write(Data(("\r" + line(last.0, last.1, elapsed: Date().timeIntervalSince(start)) + "\u{1B}[K\n").utf8))
    }

    /// `  model.safetensors  37% |██████▋           | 203.1/548.1 MB  21.4 MB/s  00:16 left`
    func line(_ bytes: Int64, _ total: Int64?, elapsed: TimeInterval) -> String {
        let rate = elapsed > 0 ? Double(bytes - (startBytes ?? 0)) / elapsed : 0
        let speed = String(format: "%.1f MB/s", rate / 1e6)
        guard let total, total > 0 else { return "  \(name)  \(DownloadProgress.megabytes(bytes)) MB  \(speed)" }
        let fraction = min(max(Double(bytes) / Double(total), 0), 1)
        let width = 20
        let eighths = Int(fraction * Double(width * 8))
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar += String(Array(" ▏▎▍▌▋▊▉")[eighths % 8]) }
        bar += String(repeating: " ", count: max(0, width - bar.count))
        let left = rate > 0 ? DownloadProgress.clock(Double(total - bytes) / rate) + " left" : "--:-- left"
        let percent = String(format: "%3.0f%%", fraction * 100)
        return "  \(name) \(percent) |\(bar)| \(DownloadProgress.megabytes(bytes))/\(DownloadProgress.megabytes(total)) MB  \(speed)  \(left)"
    }

    static func megabytes(_ bytes: Int64) -> String { String(format: "%.1f", Double(bytes) / 1e6) }

    /// "92 bytes" below a megabyte, else "548.1 MB".
    static func readable(_ bytes: Int64) -> String { bytes < 1_000_000 ? "\(bytes) bytes" : megabytes(bytes) + " MB" }

    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        let s = Int(seconds)
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60) : String(format: "%02d:%02d", s / 60, s % 60)
    }
}
