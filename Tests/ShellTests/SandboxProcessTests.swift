// The sandbox and the file semantics seen from outside (issue #14), with the built llmwb
// in a folder of its own: writes and reads outside fail and touch nothing, a file left
// open is whole after exit, an error, --timeout and a piped session, and a killed
// torch.save leaves the previous checkpoint loadable.
import Foundation
import Lessons
import Python
import Testing

/// A fresh folder with `work/` (the current folder), `home/` ($HOME) and `outside/`.
private struct Scene {
    let root = NSTemporaryDirectory() + "llmwb-sandbox-run-\(UUID().uuidString)"
    var work: String { root + "/work" }
    var outside: String { root + "/outside" }

    init() throws {
        for folder in ["work", "home", "outside"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }

    /// Runs `llmwb ARGUMENTS` in `work/` with `input` on stdin (through `sh -c` when `prefix`
    /// gives a command to run first, such as a ulimit), killed after `killAfter` seconds if
    /// given. Returns (status, stdout, stderr).
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:], prefix: String? = nil,
             killAfter: Double? = nil) throws -> (Int32, String, String) {
        let executable = try llmwbExecutable().path
        let process = Process()
        if let prefix {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", prefix + "; exec \"$0\" \"$@\"", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: work)
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = root + "/home"
        process.environment = environment.merging(extra) { $1 }
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        (process.standardInput, process.standardOutput, process.standardError) = (stdin, stdout, stderr)
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try? stdin.fileHandleForWriting.close()
        if let killAfter {
            Thread.sleep(forTimeInterval: killAfter)
            kill(process.processIdentifier, SIGKILL)
        }
        final class Box: @unchecked Sendable { var data = Data() }
        let errors = Box(), done = DispatchSemaphore(value: 0)
        let errorHandle = stderr.fileHandleForReading
        DispatchQueue.global().async {
            errors.data = errorHandle.readDataToEndOfFile()
            done.signal()
        }
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: errors.data, as: UTF8.self))
    }

    /// The shape of the tensor `w` in `work/ck.pt`, as torch.load in a new llmwb reads it.
    func checkpointShape() throws -> String {
        try write("load.py", "import torch\nprint(list(torch.load('ck.pt')['w'].shape))\n")
        let (status, out, err) = try run(["exec", "load.py"])
        return status == 0 ? out : "failed: " + err
    }

    func write(_ name: String, _ text: String) throws { try text.write(toFile: work + "/" + name, atomically: false, encoding: .utf8) }
    func read(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }
}

@Suite("Sandbox, seen from outside", .serialized)
struct SandboxProcessTests {
    @Test func writesAndReadsOutsideFailAndTouchNothing() throws {
        let scene = try Scene()
        defer { scene.remove() }
        let secret = scene.outside + "/secret.txt"
        try "secret\n".write(toFile: secret, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: scene.work + "/link", withDestinationPath: scene.outside)
        try scene.write("escape.py", """
            import os, shutil, torch
            from safetensors.torch import save_file
            attempts = [
                lambda: open("\(scene.outside)/new.txt", "w"),
                lambda: open("\(secret)", "a").write("more"),
                lambda: open("\(secret)").read(),
                lambda: open("link/secret.txt").read(),
                lambda: open("../outside/secret.txt", "w"),
                lambda: os.remove("\(secret)"),
                lambda: os.rename("\(secret)", "moved.txt"),
                lambda: shutil.rmtree("\(scene.outside)"),
                lambda: shutil.copyfile("\(secret)", "copy.txt"),
                lambda: torch.save({"a": torch.ones(2)}, "\(scene.outside)/c.pt"),
                lambda: save_file({"a": torch.ones(2)}, "link/c.safetensors"),
                lambda: os.makedirs("\(scene.outside)/made/deep"),
                lambda: os.listdir("\(scene.outside)"),
            ]
            for attempt in attempts:
                try:
                    attempt()
                    print("allowed")
                except PermissionError as e:
                    print(e)
            open("inside.txt", "w").write("fine")
            """)
        let (status, out, err) = try scene.run(["exec", "escape.py"])
        #expect(status == 0, "\(err)")
        let lines = out.split(separator: "\n")
        #expect(lines.count == 13 && lines.allSatisfy { $0.hasPrefix("[Errno 13] Permission denied: ") }, "\(out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scene.outside) == ["secret.txt"])
        #expect(scene.read(secret) == "secret\n")
        #expect(scene.read(scene.work + "/inside.txt") == "fine")
        #expect(!FileManager.default.fileExists(atPath: scene.work + "/copy.txt"))
        // --allow-path widens it: the same write then lands.
        try scene.write("allowed.py", "open('\(scene.outside)/new.txt', 'w').write('ok')\n")
        let (allowedStatus, _, allowedErr) = try scene.run(["exec", "--allow-path", scene.outside, "allowed.py"])
        #expect(allowedStatus == 0, "\(allowedErr)")
        #expect(scene.read(scene.outside + "/new.txt") == "ok")
        // Before the subcommand too, and in the shell as a command.
        try scene.write("allowed2.py", "open('\(scene.outside)/second.txt', 'w').write('ok')\n")
        let (hoistedStatus, _, hoistedErr) = try scene.run(["--allow-path", scene.outside, "exec", "allowed2.py"])
        #expect(hoistedStatus == 0, "\(hoistedErr)")
        #expect(scene.read(scene.outside + "/second.txt") == "ok")
        let typed = "open('\(scene.outside)/third.txt', 'w')\nallow-path \(scene.outside)\nopen('\(scene.outside)/third.txt', 'w').write('typed')\n"
        let (shellStatus, shellOut, _) = try scene.run([], input: typed)
        #expect(shellStatus == 0)
        #expect(shellOut.contains("PermissionError: [Errno 13] Permission denied: '\(scene.outside)/third.txt'\n"), "\(shellOut)")
        #expect(shellOut.hasSuffix("scripts may now read and write \(scene.outside)\n5\n"), "\(shellOut)")
        #expect(scene.read(scene.outside + "/third.txt") == "typed")
    }

    @Test func aLessonReadsItsDataAndWritesOnlyInTheWorkFolder() throws {
        let scene = try Scene()
        defer { scene.remove() }
        let lessons = scene.root + "/lessons"
        try FileManager.default.createDirectory(atPath: lessons + "/data", withIntermediateDirectories: true)
        try "hello data\n".write(toFile: lessons + "/data/d.txt", atomically: false, encoding: .utf8)
        try """
            # %%
            import os
            print(open("data/d.txt").read().strip())
            open("out.txt", "w").write("written")
            print(os.getcwd() == os.path.expanduser("~/.llmwb/work"))
            for target in [os.path.join(os.environ["LLMWB_LESSONS"], "new.txt"), "data/new.txt"]:
                try:
                    open(target, "w")
                except PermissionError as e:
                    print(type(e).__name__)

            """.write(toFile: lessons + "/01_files.py", atomically: false, encoding: .utf8)
        let (status, out, err) = try scene.run(["run", "1"], environment: ["LLMWB_LESSONS": lessons])
        #expect(status == 0, "\(err)")
        #expect(out.hasSuffix("hello data\nTrue\nPermissionError\nPermissionError\n"), "\(out)")
        #expect(scene.read(scene.root + "/home/.llmwb/work/out.txt") == "written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: lessons).sorted() == ["01_files.py", "data"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: lessons + "/data") == ["d.txt"])
    }

    /// Folders and files made, copied, moved and removed inside the sandbox; the expected
    /// text is what python3 (CPython 3.11) printed for the same script.
    @Test func filesAndFoldersInsideTheSandboxBehaveAsInCPython() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("tree.py", #"""
            import os, shutil
            from pathlib import Path
            os.makedirs("a/b/c")
            os.makedirs("a/b/c", exist_ok=True)
            with open("a/b/c/f.txt", "w") as f:
                f.write("one\n")
            print(shutil.copy("a/b/c/f.txt", "a"), shutil.copyfile("a/f.txt", "g.txt"))
            print(shutil.move("g.txt", "a/b"), sorted(os.listdir("a/b")))
            os.rename("a/b/g.txt", "h.txt")
            os.replace("h.txt", "i.txt")
            print(open("i.txt").read(), end="")
            p = Path("p") / "q"
            p.mkdir(parents=True)
            (p / "t.txt").write_text("two")
            print(sorted(x.name for x in Path("p").iterdir()), (p / "t.txt").read_text(), (p / "t.txt").exists())
            (p / "t.txt").unlink()
            p.rmdir()
            shutil.rmtree("a")
            os.remove("i.txt")
            os.rmdir("p")
            print(sorted(n for n in os.listdir(".") if not n.endswith(".txt")))
            with open("log.txt", "a") as f:
                f.write("x")
            with open("log.txt", "a") as f:
                f.write("y")
            print(open("log.txt").read(), os.path.getsize("log.txt"))
            os.unlink("log.txt")
            """#)
        let (status, out, err) = try scene.run(["exec", "tree.py"])
        #expect(status == 0, "\(err)")
        #expect(out == """
            a/f.txt g.txt
            a/b/g.txt ['c', 'g.txt']
            one
            ['q'] two True
            ['tree.py']
            xy 2

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scene.work) == ["tree.py"])
    }

    /// With its folder gone, a script has no folder of its own (not the whole disk).
    @Test func aScriptThatRemovesItsFolderIsStillKeptIn() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try "secret\n".write(toFile: scene.outside + "/secret.txt", atomically: false, encoding: .utf8)
        try scene.write("gone.py", """
            import os, shutil
            shutil.rmtree(os.getcwd())
            for attempt in [lambda: open("\(scene.outside)/secret.txt").read(), lambda: open("/tmp/x.txt", "w"), os.getcwd]:
                try:
                    attempt()
                except OSError as e:
                    print(type(e).__name__, e.strerror)
            """)
        let (status, out, err) = try scene.run(["exec", "gone.py"])
        #expect(status == 0, "\(err)")
        #expect(out == "PermissionError Permission denied\nPermissionError Permission denied\nFileNotFoundError No such file or directory\n")
        #expect(scene.read(scene.outside + "/secret.txt") == "secret\n")
    }

    @Test func theDeniedPathIsNamedWithHowToAllowIt() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("read.py", "open('\(scene.outside)/x.txt')\n")
        let (status, _, err) = try scene.run(["exec", "read.py"])
        #expect(status == 1)
        #expect(err.hasSuffix("""
            PermissionError: [Errno 13] Permission denied: '\(scene.outside)/x.txt'
            \(scene.outside)/x.txt is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); \
            allow it with `llmwb --allow-path \(scene.outside)/x.txt`, or `allow-path \(scene.outside)/x.txt` in the shell

            """), "\(err)")
    }

    /// More than the 64 KiB buffered before a write reaches the file, then no close().
    private static let leftOpen = "f = open('log.txt', 'w')\nf.write('x' * 100000)\nf.write('end')\n"

    @Test func aFileLeftOpenIsWholeAfterExitAndAfterAnError() throws {
        let scene = try Scene()
        defer { scene.remove() }
        for (name, tail, expected) in [("ends.py", "", Int32(0)), ("fails.py", "1 / 0\n", Int32(1)), ("exits.py", "import sys; sys.exit(3)\n", Int32(3))] {
            try? FileManager.default.removeItem(atPath: scene.work + "/log.txt")
            try scene.write(name, Self.leftOpen + tail)
            let (status, _, _) = try scene.run(["exec", name])
            #expect(status == expected)
            #expect(scene.read(scene.work + "/log.txt") == String(repeating: "x", count: 100000) + "end", "\(name)")
        }
    }

    @Test func aFileLeftOpenIsWholeAfterTimeout() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("loop.py", Self.leftOpen + "while True:\n    pass\n")
        let (status, _, err) = try scene.run(["exec", "--timeout", "1", "loop.py"])
        #expect(status == 1)
        #expect(err.hasSuffix("llmwb: stopped after --timeout 1 seconds\n"), "\(err)")
        #expect(scene.read(scene.work + "/log.txt") == String(repeating: "x", count: 100000) + "end")
    }

    @Test func aFileLeftOpenIsWholeAtTheEndOfAPipedSession() throws {
        let scene = try Scene()
        defer { scene.remove() }
        let (status, _, _) = try scene.run([], input: "f = open('log.txt', 'w')\nf.write('typed')\n")
        #expect(status == 0)
        #expect(scene.read(scene.work + "/log.txt") == "typed")
    }

    @Test func openForWritingKeepsTheFileItselfItsLinksAndItsPermissions() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("target.txt", "old")
        chmod(scene.work + "/target.txt", 0o640)
        try FileManager.default.createSymbolicLink(atPath: scene.work + "/alias.txt", withDestinationPath: "target.txt")
        var before = stat()
        stat(scene.work + "/target.txt", &before)
        try scene.write("w.py", "with open('alias.txt', 'w') as f:\n    f.write('new')\n")
        let (status, _, err) = try scene.run(["exec", "w.py"])
        #expect(status == 0, "\(err)")
        #expect(scene.read(scene.work + "/target.txt") == "new")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: scene.work + "/alias.txt")) == "target.txt")
        var after = stat()
        stat(scene.work + "/target.txt", &after)
        #expect(after.st_ino == before.st_ino, "written in place, not replaced")
        #expect(after.st_mode & 0o777 == 0o640)
        // A read-only file: PermissionError, as open(2) gives it (root may write anyway, as in CPython).
        chmod(scene.work + "/target.txt", 0o444)
        try scene.write("ro.py", "try:\n    open('target.txt', 'w').write('x')\n    print('written')\nexcept PermissionError as e:\n    print(e)\n")
        let (_, out, _) = try scene.run(["exec", "ro.py"])
        #expect(out == (geteuid() == 0 ? "written\n" : "[Errno 13] Permission denied: 'target.txt'\n"))
    }

    /// The old checkpoint is 8 floats; the new one 2M floats (8 MB), written under a file-size
    /// limit of 1 MB, so the kernel kills the save (SIGXFSZ) halfway through writing it.
    @Test func aSaveKilledHalfwayLeavesThePreviousCheckpoint() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("old.py", "import torch\ntorch.save({'w': torch.arange(8.0)}, 'ck.pt')\n")
        let (oldStatus, _, oldErr) = try scene.run(["exec", "old.py"])
        #expect(oldStatus == 0, "\(oldErr)")
        try scene.write("new.py", "import torch\ntorch.save({'w': torch.ones(2_000_000)}, 'ck.pt')\nprint('saved')\n")
        let (status, out, _) = try scene.run(["exec", "new.py"], prefix: "ulimit -f 2048")
        #expect(status != 0 && out.isEmpty, "the save should have been killed")
        #expect(try scene.checkpointShape() == "[8]\n")
        // A save that fails (an object torch.save cannot store) leaves it as well.
        try scene.write("bad.py", "import torch\ntorch.save({'w': torch.ones(3), 'f': print}, 'ck.pt')\n")
        let (badStatus, _, badErr) = try scene.run(["exec", "bad.py"])
        #expect(badStatus == 1 && badErr.contains("TypeError: torch.save in the workbench stores tensors"), "\(badErr)")
        #expect(try scene.checkpointShape() == "[8]\n")
    }

    @Test func aSaveKilledAtRandomMomentsAlwaysLeavesALoadableCheckpoint() throws {
        let scene = try Scene()
        defer { scene.remove() }
        try scene.write("loop.py", "import torch\nfor i in range(1000):\n    torch.save({'w': torch.full((500_000,), float(i))}, 'ck.pt')\n")
        for delay in [0.6, 0.9, 1.3] {
            _ = try scene.run(["exec", "loop.py"], killAfter: delay)
            guard FileManager.default.fileExists(atPath: scene.work + "/ck.pt") else { continue }
            #expect(try scene.checkpointShape() == "[500000]\n", "after a kill at \(delay) s")
        }
    }
}

/// A lesson's interpreter replaced (`rerun`, `reset`) with a file still open: what it wrote
/// is in the file before the replay starts.
@Test func aFileLeftOpenIsWrittenOutWhenTheLessonStartsOver() throws {
    let folder = NSTemporaryDirectory() + "llmwb-rerun-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let name = "left-open-\(UUID().uuidString).txt"
    let written = Sandbox.workFolder + "/" + name
    defer { try? FileManager.default.removeItem(atPath: written) }
    try "# %%\nf = open('\(name)', 'a')\nf.write('abc')\n".write(toFile: folder + "/01_open.py", atomically: false, encoding: .utf8)
    let session = LessonSession(lesson: try LessonFile.load(path: folder + "/01_open.py")) { _ in }
    let step = try #require(session.runNext())
    #expect(step.error == nil)
    _ = session.restore(to: 0)
    #expect(FileManager.default.contents(atPath: written) == Data("abc".utf8))
}
