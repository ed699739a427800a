// End to end (issue #9): a session of mistakes typed into the shell (syntax and name
// errors, wrong shapes, huge allocations, bad commands and values, a missing file,
// an interrupted loop), after which everything made before them is still there.
// The Ctrl-C and --timeout checks drive the real `llmwb` executable.
import Foundation
import Shell
import Testing

/// Runs `lines` through a fresh shell (no terminal) and returns everything printed.
private func pipedSession(_ lines: [String]) -> String {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
    return text
}

@Test func aSessionOfMistakesKeepsEveryVariable() {
    let before = ["open 3", "next", "next", "next",
                  "mine = inputs.sum(dim=0)", "notes = {'k': [1, 2]}", "count = 7"]
    let mistakes: [(lines: [String], answer: String)] = [
        (["def broken(:", ""], "SyntaxError: invalid syntax"),
        (["count +"], "SyntaxError: invalid syntax"),
        (["undefined_name + 1"], "NameError: name 'undefined_name' is not defined"),
        (["inputs @ inputs"], "RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (6x3 and 6x3)"),
        (["mine.view(7)"], "RuntimeError: shape '[7]' is invalid for input of size 3"),
        (["count = 1 / 0"], "ZeroDivisionError: division by zero"),
        (["notes = notes['missing']"], "KeyError: 'missing'"),
        (["torch.zeros(10**6, 10**6)"], "RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes."),
        (["[0] * 10**12"], "MemoryError: cannot allocate 21.8 TiB: this machine has "),
        (["opne 4"], "no command opne; did you mean open?"),
        (["open 99"], "no lesson 99 ("),
        (["goto 99"], "03_attention has steps 1 to 13"),
        (["set d_out 0"], "d_out must be from 1 to 16; got 0"),
        (["set d_out banana"], "d_out takes a whole number from 1 to 16; got banana"),
        (["set nope 1"], "03_attention has no parameter nope"),
        (["heatmap inputs --bogus"], "heatmap has no option --bogus (options: --labels EXPR, --xlabels EXPR, --values, --min N, --max N, --save FILE)"),
        (["open('no-such-file.txt').read()"], "FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.txt'"),
        (["import subprocess"], "ModuleNotFoundError: No module named 'subprocess'"),
        (["def down(n): return down(n + 1)", "", "down(0)"], "RecursionError: maximum recursion depth exceeded"),
        // What Ctrl-C raises inside a running loop (the real signal is tested below).
        (["for i in range(10**12):", "    if i == 5: raise KeyboardInterrupt", ""], "KeyboardInterrupt"),
    ]
    let after = ["count", "notes", "mine", "inputs.shape", "attn_scores_2.shape", "i"]
    var lines = before
    for mistake in mistakes { lines += mistake.lines }
    let out = pipedSession(lines + after)
    for mistake in mistakes {
        #expect(out.contains(mistake.answer), "no `\(mistake.answer)` for \(mistake.lines)")
    }
    #expect(out.hasSuffix("""
        7
        {'k': [1, 2]}
        tensor([2.5900, 3.5000, 3.1700])
        torch.Size([6, 3])
        torch.Size([6])
        5

        """), "\(out.suffix(400))")
}

/// An executable of this package built beside the test bundle (swift test builds every product).
func builtExecutable(_ name: String) -> String? {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [beside.appendingPathComponent(name).path, root.appendingPathComponent(".build/release/" + name).path]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}

private let llmwb = builtExecutable("llmwb")

/// A running `llmwb` (or another of the package's executables) with pipes on all three streams.
final class Child {
    let process = Process()
    let input = Pipe(), output = Pipe(), error = Pipe()

    init?(_ arguments: [String], environment: [String: String] = [:], executable: String? = llmwb) {
        guard let executable else { return nil }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        (process.standardInput, process.standardOutput, process.standardError) = (input, output, error)
        do { try process.run() } catch { return nil }
    }

    func type(_ text: String) { input.fileHandleForWriting.write(Data(text.utf8)) }

    /// Closes stdin, waits (then kills it), returns (status, stdout, stderr).
    func finish(within seconds: Double = 60) -> (Int32, String, String) {
        try? input.fileHandleForWriting.close()
        // Read stderr alongside stdout, so neither pipe can fill up and stall the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box(), done = DispatchSemaphore(value: 0)
        let errorHandle = error.fileHandleForReading
        DispatchQueue.global().async {
            errors.data = errorHandle.readDataToEndOfFile()
            done.signal()
        }
        let out = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        let err = errors.data
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}

@Test func ctrlCStopsALoopAndThePromptLivesOn() throws {
    let flag = NSTemporaryDirectory() + "llmwb-loop-started-\(getpid())"
    try? FileManager.default.removeItem(atPath: flag)
    defer { try? FileManager.default.removeItem(atPath: flag) }
    let child = try #require(Child(["--allow-path", flag]), "the llmwb executable should be built beside the tests")
    child.type("kept = [1, 2, 3]\n")
    // The loop says when it is running; only then comes Ctrl-C.
    child.type("for i in range(10**12):\n    if i == 0: open(\"\(flag)\", \"w\").close()\n\n")
    let deadline = Date().addingTimeInterval(60)
    while !FileManager.default.fileExists(atPath: flag) && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
    #expect(FileManager.default.fileExists(atPath: flag), "the loop never started")
    kill(child.process.processIdentifier, SIGINT)
    child.type("kept\ni > 0\n")
    let (status, out, _) = child.finish()
    #expect(status == 0)
    #expect(out.contains("\nKeyboardInterrupt\n"), "\(out)")
    #expect(out.hasSuffix("[1, 2, 3]\nTrue\n"), "\(out)")
}

@Test func execStopsAtItsTimeout() throws {
    let child = try #require(Child(["exec", "--timeout", "1", "-"]), "the llmwb executable should be built beside the tests")
    child.type("x = 0\nwhile True:\n    x += 1\n")
    let (status, out, err) = child.finish()
    #expect(status == 1)
    #expect(out == "")
    #expect(err.hasPrefix("Traceback (most recent call last):\n  File \"<stdin>\", line "), "\(err)")
    #expect(err.hasSuffix("\nKeyboardInterrupt\nllmwb: stopped after --timeout 1 seconds\n"), "\(err)")
}

@Test func runStopsALessonAtItsTimeout() throws {
    let child = try #require(Child(["run", "7", "--timeout", "0.5"], environment: ["LLMWB_LESSONS": CatalogueFiles.lessons]),
                             "the llmwb executable should be built beside the tests")
    let (status, out, err) = child.finish()
    #expect(status == 1)
    #expect(out.contains("07_loop · step 2 of 2"), "\(out)")
    #expect(out.hasSuffix("\nKeyboardInterrupt\n"), "\(out)")
    #expect(err == "llmwb: stopped after --timeout 0.5 seconds\n")
}

@Test(arguments: ["0", "-3", "nan"])
func timeoutMustBePositive(_ value: String) throws {
    let child = try #require(Child(["exec", "--timeout=\(value)", "-"]), "the llmwb executable should be built beside the tests")
    let (status, _, err) = child.finish()
    #expect(status == 64)
    #expect(err.hasPrefix("Error: --timeout takes a number of seconds above 0, got "), "\(err)")
}

@Test func aNarrowTerminalGetsProseWrappedToItsWidth() {
    var out = ""
    let narrow = Terminal(isInteractive: true, colors: .none, width: 40)
    let workbench = Workbench(terminal: narrow, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { out += $0 }
    // A real terminal is measured before each command; with no tty the width stays as given.
    Shell(workbench: workbench, reader: PlainLineReader(lines: ["open 3", "next"]), interactive: false).run()
    // The step's prose: from under its title rule to its code.
    let lines = out.components(separatedBy: "\n")
    let start = (lines.firstIndex { $0.hasPrefix("──") } ?? 0) + 1
    let prose = lines[start...].prefix { !$0.contains("│") }
    #expect(prose.count > 10)
    #expect(prose.allSatisfy { $0.count <= 40 }, "\(prose.filter { $0.count > 40 })")
    #expect(out.contains("1. attention with no weights at all,\n   just dot products;"))
    #expect(prose.joined(separator: " ").contains("Every matrix here is small enough to print."))
}
