// `llmwb exec` and `llmwb run` as processes (issue #14): Ctrl-C gives CPython's
// KeyboardInterrupt traceback, flushed output and exit status 130;
// `sys.exit(n)` ends with n; a script that is not UTF-8 gets CPython's SyntaxError.

import Foundation
import Testing

/// A folder holding `files` (name → bytes), removed by the caller.
private func scriptFolder(_ files: [String: [UInt8]]) throws -> String {
    let folder = NSTemporaryDirectory() + "llmwb-signals-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder + "/lessons", withIntermediateDirectories: true)
    for (name, bytes) in files { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes)) }
    return folder
}

/// How a run of `llmwb` ended, and what it printed.
private struct Finished {
    var status: Int32
    var bySignal: Bool
    var stdout: String
    var stderr: String
}

/// Runs `llmwb ARGUMENTS` in `folder`, feeding `input`; when `interruptWhenExists` names a
/// file, sends SIGINT (`times` times, while it runs) once the script has made it (or after 60 s).
private func runLlmwb(_ arguments: [String], in folder: String, input: [UInt8] = [],
                      interruptWhenExists marker: String? = nil, times: Int = 1) throws -> Finished {
    let process = Process()
    process.executableURL = try llmwbExecutable()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["LLMWB_LESSONS"] = folder + "/lessons"
    environment["HOME"] = folder + "/home"  // lessons run in $HOME/.llmwb/work: keep it in the test's folder
    process.environment = environment
    let inPipe = Pipe(), out = Pipe(), err = Pipe()
    (process.standardInput, process.standardOutput, process.standardError) = (inPipe, out, err)
    try process.run()
    inPipe.fileHandleForWriting.write(Data(input))
    try inPipe.fileHandleForWriting.close()
    // Read both pipes on their own threads so a full pipe never blocks the child.
    let outBox = DataBox(), errBox = DataBox()
    let group = DispatchGroup()
    for (pipe, box) in [(out, outBox), (err, errBox)] {
        group.enter()
        DispatchQueue.global().async {
            box.data = pipe.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
    }
    if let marker {
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: folder + "/" + marker) && Date() < deadline && process.isRunning {
            Thread.sleep(forTimeInterval: 0.05)
        }
        // Ctrl-C, again every 0.3 s (up to `times` in all) while the process is still running.
        for _ in 0..<times where process.isRunning {
            Thread.sleep(forTimeInterval: 0.2)
            kill(process.processIdentifier, SIGINT)
            Thread.sleep(forTimeInterval: 0.1)
        }
        // One that does not end within 30 s is killed, and the test sees SIGKILL.
        let killAt = Date().addingTimeInterval(30)
        while process.isRunning && Date() < killAt { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
    group.wait()
    process.waitUntilExit()
    return Finished(status: process.terminationStatus, bySignal: process.terminationReason == .uncaughtSignal,
                    stdout: String(decoding: outBox.data, as: UTF8.self), stderr: String(decoding: errBox.data, as: UTF8.self))
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}

@Suite("Signals and exit codes")
struct SignalExitTests {
    @Test func ctrlCInALoopPrintsTheTracebackFlushesAndExits130() throws {
        let script = """
            f = open('out.txt', 'w')
            f.write("written before Ctrl-C\\n")
            print("started")
            open('ready', 'w').close()
            n = 0
            while True:
                n += 1

            """
        let folder = try scriptFolder(["loop.py": Array(script.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["exec", "loop.py"], in: folder, interruptWhenExists: "ready")
        // Status 130 after the traceback: what a shell reports for CPython, killed by SIGINT.
        #expect(!run.bySignal && run.status == 130, "status \(run.status), by signal: \(run.bySignal)")
        #expect(run.stdout == "started\n", "stdout is flushed although it is a pipe")
        #expect(run.stderr == """
            Traceback (most recent call last):
              File "loop.py", line 6, in <module>
                while True:
            KeyboardInterrupt

            """)
        // The file left open is whole: flushed and closed on the way out.
        #expect((try? String(contentsOfFile: folder + "/out.txt", encoding: .utf8)) == "written before Ctrl-C\n")
    }

    @Test func aSecondCtrlCEndsTheProcessWhileTheFirstIsPending() throws {
        // The script swallows every KeyboardInterrupt; its long native op does not look at
        // the flag, so the second Ctrl-C arrives while the first is still pending.
        let script = """
            import torch
            x = torch.randn(4000, 4000)
            open('ready', 'w').close()
            while True:
                try:
                    y = x.exp()
                except KeyboardInterrupt:
                    pass

            """
        let folder = try scriptFolder(["swallow.py": Array(script.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let started = Date()
        let run = try runLlmwb(["exec", "swallow.py"], in: folder, interruptWhenExists: "ready", times: 20)
        #expect(run.bySignal && run.status == SIGINT, "status \(run.status)")
        #expect(Date().timeIntervalSince(started) < 60)
    }

    @Test func ctrlCInSleepShowsEveryFrame() throws {
        let script = "import time\nprint(\"hello\")\ndef wait():\n    open('ready', 'w').close()\n    time.sleep(100)\nwait()\n"
        let folder = try scriptFolder(["sleep.py": Array(script.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["exec", "sleep.py"], in: folder, interruptWhenExists: "ready")
        #expect(!run.bySignal && run.status == 130)
        #expect(run.stdout == "hello\n")
        #expect(run.stderr == """
            Traceback (most recent call last):
              File "sleep.py", line 6, in <module>
                wait()
              File "sleep.py", line 5, in wait
                time.sleep(100)
            KeyboardInterrupt

            """)
    }

    @Test func ctrlCDuringALessonRunExits130() throws {
        let lesson = "# %% [markdown]\n# # Loop\n# %%\nimport time\nopen('ready', 'w').close()\nwhile True:\n    time.sleep(0.01)\n"
        let folder = try scriptFolder(["lessons/01_loop.py": Array(lesson.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The lesson runs in the work folder, so the marker appears there.
        let run = try runLlmwb(["run", "1"], in: folder, interruptWhenExists: "home/.llmwb/work/ready")
        #expect(!run.bySignal && run.status == 130, "status \(run.status)")
        #expect(run.stdout.contains("\nKeyboardInterrupt\n"), "\(run.stdout)")
    }

    @Test(arguments: [
        ("import sys\nsys.exit(3)\n", Int32(3), ""),
        ("import sys\nsys.exit('msg')\n", 1, "msg\n"),
        ("raise SystemExit(3)\n", 3, ""),
        ("import sys\nsys.exit()\n", 0, ""),
        ("# %%\nimport sys\n# %%\nsys.exit(4)\n# %%\nprint('not reached')\n", 4, ""),
    ])
    func systemExitGivesItsStatus(_ script: String, _ status: Int32, _ stderr: String) throws {
        let folder = try scriptFolder(["exit.py": Array(script.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try runLlmwb(["exec", "exit.py"], in: folder)
        #expect(file.status == status && !file.bySignal && file.stderr == stderr && file.stdout == "", "\(file)")
        let stdin = try runLlmwb(["exec", "-"], in: folder, input: Array(script.utf8))
        #expect(stdin.status == status && stdin.stderr == stderr, "\(stdin)")
    }

    @Test func sysExitEndsALessonRunWithItsStatus() throws {
        let lesson = "# %% [markdown]\n# # Exit\n# %%\nimport sys\nsys.exit(3)\n# %%\nprint('after')\n"
        let folder = try scriptFolder(["lessons/01_exit.py": Array(lesson.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["run", "1"], in: folder)
        #expect(run.status == 3, "\(run)")
        #expect(!run.stdout.contains("after"))
    }

    @Test(arguments: [
        (Array("x = 1\nprint(\"caf".utf8) + [0xE9] + Array("\")\n".utf8), "\\xe9", 2),
        (Array("# a comment\n\n\nx = 1\n".utf8) + [0x80], "\\x80", 5),
        (Array("print(\"".utf8) + [0xC3, 0x28] + Array("\")\n".utf8), "\\xc3", 1),
        (Array("x = 1\n".utf8) + [0xED, 0xA0, 0x80], "\\xed", 2),
        (Array("x = 1\n".utf8) + [0xF4, 0x90, 0x80, 0x80], "\\xf4", 2),
    ])
    func notUTF8IsCPythonsSyntaxError(_ bytes: [UInt8], _ byte: String, _ line: Int) throws {
        let folder = try scriptFolder(["bad.py": bytes])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try runLlmwb(["exec", "bad.py"], in: folder)
        #expect(file.status == 1 && file.stdout == "")
        #expect(file.stderr == "SyntaxError: Non-UTF-8 code starting with '\(byte)' in file bad.py on line \(line), "
                + "but no encoding declared; see https://peps.python.org/pep-0263/ for details\n")
        let stdin = try runLlmwb(["exec", "-"], in: folder, input: bytes)
        #expect(stdin.status == 1)
        #expect(stdin.stderr == "SyntaxError: Non-UTF-8 code starting with '\(byte)' in file <stdin> on line \(line), "
                + "but no encoding declared; see https://peps.python.org/pep-0263/ for details\n")
    }

    @Test func aMissingScriptIsNamedAsPythonNamesIt() throws {
        let folder = try scriptFolder([:])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["exec", "nope.py"], in: folder)
        #expect(run.status == 2 && run.stdout == "")
        #expect(run.stderr == "llmwb: can't open file 'nope.py': [Errno 2] No such file or directory\n")
    }

    @Test func execSaysWhichShowLinesItSkipped() throws {
        let script = "# %%\nx = [1, 2]\nprint(x)\n# @show plot x\n# %%\n# @show heatmap y --labels t\n"
        let folder = try scriptFolder(["shows.py": Array(script.utf8)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["exec", "shows.py"], in: folder)
        #expect(run.status == 0 && run.stdout == "[1, 2]\n", "stdout stays the script's own")
        #expect(run.stderr == """
            llmwb exec: skipped 2 `# @show` lines (shell commands, drawn by `llmwb run` and the shell):
              line 4: plot x
              line 6: heatmap y --labels t

            """)
    }

    @Test func aLatin1DeclarationIsHonoured() throws {
        let bytes = Array("# -*- coding: latin-1 -*-\nprint(\"caf".utf8) + [0xE9] + Array("\")\n".utf8)
        let folder = try scriptFolder(["latin.py": bytes])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try runLlmwb(["exec", "latin.py"], in: folder)
        #expect(run.status == 0 && run.stdout == "café\n", "\(run)")
    }
}
