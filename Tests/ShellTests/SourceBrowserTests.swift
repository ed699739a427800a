// `source NAME` reads the sources packed into the shell's resource bundle, so it works
// from any folder: here from /tmp, through the llmwb executable built beside the tests.
import Foundation
import Shell
import Testing

/// Everything `llmwb` prints for `input` when started in `folder`.
private func llmwb(_ input: String, in folder: String) throws -> String {
    let executable = Bundle.main.bundleURL.appendingPathComponent("llmwb")
    try #require(FileManager.default.isExecutableFile(atPath: executable.path), "llmwb is built beside the tests")
    let process = Process()
    process.executableURL = executable
    process.currentDirectoryURL = URL(fileURLWithPath: folder)
    var environment = ProcessInfo.processInfo.environment
    environment["HOME"] = NSTemporaryDirectory()
    process.environment = environment
    let (stdin, stdout) = (Pipe(), Pipe())
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let data = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

@Test func sourceWorksFromAnyFolder() throws {
    let out = try llmwb("source softmax\nsource nn.Linear\nsource tiktoken\n", in: "/tmp")
    #expect(out.hasPrefix("Sources/Tensor/Ops/Tensor+Softmax.swift:"), "\(out.prefix(200))")
    #expect(out.contains("public func softmax(dim: Int) throws -> Tensor {"))
    #expect(out.contains("\nSources/NN/Layers.swift:"))
    #expect(out.contains("public final class Linear: Module {"))
    #expect(out.contains("\nSources/Tokenizers/Encoding.swift\n"))
}

@Test(arguments: [
    ("source cross_entropy", "Sources/NN/Functional+Loss.swift:", "public static func crossEntropy("),
    ("source Tensor+Softmax", "Sources/Tensor/Ops/Tensor+Softmax.swift\n", "func softmaxRow("),
    ("source gemm", "Sources/Tensor/Kernels/GEMM.swift\n", "import CKernels"),
    ("source gpt", "lessons/gpt.py\n", "class MultiHeadAttention(nn.Module):"),
])
func sourceFindsDeclarationsFilesAndLessonModules(command: String, header: String, content: String) {
    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { out += $0 }
    workbench.handle(command)
    #expect(out.hasPrefix(header), "\(out.prefix(200))")
    #expect(out.contains(content))
}

@Test func sourceNamesTheFileNeighboursAndRefusesUnknownNames() {
    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: nil, state: nil) { out += $0 }
    workbench.handle("source softmax")
    #expect(out.contains("also in Sources/Tensor/Ops/Tensor+Softmax.swift: logSoftmax, softmaxFamily, softmaxRow"))
    #expect(out.hasSuffix("(`source NAME` shows one, `source Tensor+Softmax` the whole file)\n"))
    out = ""
    workbench.handle("source no_such_thing")
    #expect(out == "no Swift declaration of no_such_thing found (try a function or type name such as softmax, Linear, GEMM, or a file such as Tensor+Softmax)\n")
}

/// Operators (`static func +`) have no name to list among a file's other declarations.
@Test func neighboursListNoEmptyNames() {
    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: nil, state: nil) { out += $0 }
    workbench.handle("source masked_fill")
    #expect(out.contains("also in "), "\(out.suffix(300))")
    #expect(!out.contains(": , ") && !out.contains(", , "), "\(out.suffix(300))")
}

/// A standard-library module is its file: `source collections` shows the module.
@Test func aStandardLibraryModuleIsItsFile() {
    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: nil, state: nil) { out += $0 }
    workbench.handle("source math")
    #expect(out.hasPrefix("Sources/Python/StandardLibrary/math.swift\n\n// Python's `math` module"), "\(out.prefix(200))")
}
