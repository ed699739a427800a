// `llmwb-fuzz`: feeds mutated lesson-language scripts to the lexer, parser and
// interpreter for a bounded time; any crash or hang ends the run with the input.
// The test suite runs it for 90 s (Tests/ShellTests/FuzzRunTests.swift), seeded with
// lessons/*.py and Tests/FuzzCorpus/.

import Foundation
import Python

/// Options: `[--seconds N] [--inputs N] [--seed N] PATH...` (files or folders of .py files).
struct FuzzOptions {
    var seconds: Double = 60
    var inputs = Int.max
    var seed: UInt64 = 1
    var paths: [String] = []

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            func value() throws -> String {
                guard let v = rest.popFirst() else { throw FuzzUsageError("\(argument) needs a value") }
                return v
            }
            switch argument {
            case "--seconds": seconds = try Double(value()).orThrow("--seconds takes a number")
            case "--inputs": inputs = try Int(value()).orThrow("--inputs takes a whole number")
            case "--seed": seed = try UInt64(value()).orThrow("--seed takes a whole number")
            default:
                if argument.hasPrefix("-") { throw FuzzUsageError("unknown option \(argument)") }
                paths.append(argument)
            }
        }
        if paths.isEmpty { throw FuzzUsageError("give the seed files or folders, e.g. lessons Tests/FuzzCorpus") }
    }
}

struct FuzzUsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Optional {
    func orThrow(_ message: String) throws -> Wrapped {
        guard let value = self else { throw FuzzUsageError(message) }
        return value
    }
}

/// The seeds, grouped by file: every file, and for percent-format lessons each run of
/// cells 1…k, so mutations start from scripts whose later cells have the variables they need.
func loadSeeds(_ paths: [String]) throws -> [[[UInt8]]] {
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FuzzUsageError("no such file or folder: \(path)")
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.filter { $0.hasSuffix(".py") }.sorted().map { (path as NSString).appendingPathComponent($0) }
        } else {
            files.append(path)
        }
    }
    var groups: [[[UInt8]]] = []
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else { continue }
        let text = String(decoding: data, as: UTF8.self)
        let cells = NotebookRunner.cells(text).filter { !$0.isMarkdown }
        var prefix: [String] = []
        groups.append(cells.count < 2 ? [Array(data)] : cells.map { cell in
            prefix.append(cell.source.trimmingCharacters(in: .newlines))
            return Array(prefix.joined(separator: "\n\n").utf8)
        })
    }
    return groups
}

#if !LIBFUZZER
@main
enum FuzzMain {
    static func main() {
        // Tensors past 256 MiB are refused with MemoryError, as a huge allocation is for a
        // learner; set before anything reads the limit.
        setenv("LLMWB_ALLOCATION_LIMIT", "\(256 << 20)", 1)
        do {
            try fuzz(FuzzOptions(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("llmwb-fuzz: \(error)\n".utf8))
            exit(64)
        }
    }

    static func fuzz(_ options: FuzzOptions) throws {
        let paths = options.paths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let seeds = try loadSeeds(paths)
        let scratch = NSTemporaryDirectory() + "llmwb-fuzz-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch + "/data", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The lessons read data/the-verdict.txt; give them a copy inside the scratch folder.
        for folder in paths {
            let verdict = (folder as NSString).appendingPathComponent("data/the-verdict.txt")
            if FileManager.default.fileExists(atPath: verdict) {
                try? FileManager.default.copyItem(atPath: verdict, toPath: scratch + "/data/the-verdict.txt")
            }
        }
        let harness = try FuzzHarness(scratch: scratch, searchPaths: [scratch] + paths)
        let start = Date()
        var counts: [FuzzOutcome: Int] = [:]
        var total = 0

        // Every seed once (a lesson up to the cell that first runs past the budget); the
        // quick ones, and later the mutants that parse, are mutated.
        var pool: [[UInt8]] = []
        for group in seeds {
            for seed in group {
                let began = Date()
                let outcome = harness.run(seed)
                counts[outcome, default: 0] += 1
                total += 1
                if outcome == .interrupted { break }
                if Date().timeIntervalSince(began) < 0.25 { pool.append(seed) }
            }
        }
        let seedCount = total
        var mutator = Mutator(seed: options.seed, pool: pool)
        while total < options.inputs, Date().timeIntervalSince(start) < options.seconds, !pool.isEmpty {
            let parent = pool[Int.random(in: 0..<pool.count, using: &mutator.random)]
            let child = mutator.mutate(parent)
            let began = Date()
            let outcome = harness.run(child)
            counts[outcome, default: 0] += 1
            total += 1
            // Keep mutants that get past the parser and run quickly: they reach deeper code.
            if outcome != .syntaxError && outcome != .interrupted && Date().timeIntervalSince(began) < 0.1 {
                if pool.count < 4000 { pool.append(child) } else { pool[Int.random(in: 0..<pool.count, using: &mutator.random)] = child }
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let breakdown = FuzzOutcome.allCases.compactMap { o in counts[o].map { "\($0) \(o.rawValue)" } }
        print(String(format: "llmwb-fuzz: %d inputs (%d seeds, seed %llu) in %.0f s, no crash or hang: ",
                     total, seedCount, options.seed, seconds) + breakdown.joined(separator: ", "))
    }
}
#else
/// libFuzzer's entry point, for a coverage-guided run by hand (a separate, instrumented build
/// of every module: too slow for CI on a small machine):
///     swift build -c release --sanitize=fuzzer -Xswiftc -DLIBFUZZER --scratch-path .build-fuzzer --product llmwb-fuzz
///     .build-fuzzer/release/llmwb-fuzz -max_total_time=300 NEW_CORPUS_DIR lessons Tests/FuzzCorpus
nonisolated(unsafe) private var libFuzzerHarness: FuzzHarness?

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if libFuzzerHarness == nil {
        setenv("LLMWB_ALLOCATION_LIMIT", "\(256 << 20)", 1)
        let scratch = NSTemporaryDirectory() + "llmwb-libfuzzer-\(getpid())"
        try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        libFuzzerHarness = try? FuzzHarness(scratch: scratch, searchPaths: [scratch])
    }
    _ = libFuzzerHarness?.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#endif
