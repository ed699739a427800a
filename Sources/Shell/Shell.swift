// The interactive loop: read a line (readline on a terminal, plain lines from a
// pipe), gather multi-line blocks, hand them to the workbench, keep going.

import Foundation
import Lessons
import Python

public final class Shell {
    let workbench: Workbench
    let reader: LineReader
    let interactive: Bool

    public init(workbench: Workbench, reader: LineReader, interactive: Bool) {
        (self.workbench, self.reader, self.interactive) = (workbench, reader, interactive)
        workbench.onStop = { [unowned self] stop in self.debug(stop) }
    }

    /// Ctrl-C during a step raises KeyboardInterrupt in the script; the prompt survives.
    /// On a terminal, reads are not restarted after it, so Ctrl-C at the prompt ends the
    /// line being typed (ReadlineReader); from a pipe they are, so no input is lost.
    public static func installInterruptHandler(interactive: Bool) {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interpreter.interruptRequested = true
            Shell.interruptedSinceInput = true
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = interactive ? 0 : Int32(SA_RESTART)
        sigaction(SIGINT, &action, nil)
        // A parent may have blocked SIGINT (some process runners do); threads made from
        // here on inherit this thread's mask, so unblock it once, here.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// Ctrl-C (or `abort`) came while the current input ran: breakpoints stay quiet until
    /// the next input, so the KeyboardInterrupt on its way out is not stopped again.
    nonisolated(unsafe) static var interruptedSinceInput = false

    public func run() {
        if interactive {
            workbench.sayFitted("LLM Workbench — learn how a GPT works, one matrix at a time.")
            workbench.sayFitted("Type `lessons` to see the lessons, `open 1` to start, `help` for commands, Ctrl-D to leave.")
        }
        while let input = readInput() {
            Interpreter.interruptRequested = false
            Shell.interruptedSinceInput = false
            if !workbench.handle(input) { break }
        }
        workbench.saveState()
    }

    /// The `(debug)` prompt at a breakpoint: commands and code as usual, with the stopped
    /// function's variables visible; `continue` (or Ctrl-D) goes on, `abort` (or `quit`)
    /// raises KeyboardInterrupt in the stopped call.
    func debug(_ stop: Stop) {
        while let input = readInput(prompt: interactive ? "(debug) " : "") {
            Interpreter.interruptRequested = false
            Shell.interruptedSinceInput = false
            switch input.trimmingCharacters(in: .whitespaces) {
            case "continue", "c": return
            case "abort", "quit", "exit":
                workbench.say("stopping \(stop.function)")
                Interpreter.interruptRequested = true
                Shell.interruptedSinceInput = true
                return
            default: workbench.handle(input)
            }
            Shell.interruptedSinceInput = false  // Ctrl-C here only cancelled a line or an expression
        }
    }

    /// One command or code block: continues after a line ending in `:` or `\`, or
    /// while brackets are open, until the block ends with an empty line.
    func readInput(prompt: String? = nil) -> String? {
        let prompt = prompt ?? (interactive ? mainPrompt : "")
        let continuation = interactive ? String(repeating: ".", count: 3) + String(repeating: " ", count: max(prompt.count - 3, 1)) : ""
        guard let first = reader.readLine(prompt: prompt) else { return nil }
        if reader.takeInterrupt() || interruptedWhileReading() { return "" }
        var lines = [first]
        var needsBlankLine = first.trimmingCharacters(in: .whitespaces).hasSuffix(":")
        while Shell.bracketDepth(lines.joined(separator: "\n")) > 0 || lines.last?.hasSuffix("\\") == true || needsBlankLine {
            guard let more = reader.readLine(prompt: continuation) else { break }
            if reader.takeInterrupt() || interruptedWhileReading() { return "" }  // Ctrl-C drops the whole block
            // An empty line always ends the input; unfinished code then reports its SyntaxError.
            if more.trimmingCharacters(in: .whitespaces).isEmpty { break }
            lines.append(more)
            if more.trimmingCharacters(in: .whitespaces).hasSuffix(":") { needsBlankLine = true }
        }
        let input = lines.joined(separator: "\n")
        reader.addHistory(input)
        return input
    }

    /// Where you are: `03·9> ` in lesson 03 after step 9 (`03·0> ` before its first
    /// step), `llmwb> ` with no lesson open.
    var mainPrompt: String {
        guard let s = workbench.session else { return "llmwb> " }
        return String(format: "%02d", s.lesson.number) + "·\(s.position)> "
    }

    /// Ctrl-C at the prompt drops what was typed (a whole block, at a `...` prompt).
    private func interruptedWhileReading() -> Bool {
        guard Interpreter.interruptRequested else { return false }
        Interpreter.interruptRequested = false
        workbench.say("KeyboardInterrupt")
        return true
    }

    /// Open brackets outside strings and comments.
    static func bracketDepth(_ text: String) -> Int {
        var depth = 0, quote: Character?, escaped = false, comment = false
        for c in text {
            if comment { if c == "\n" { comment = false }; continue }
            if let q = quote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "#": comment = true
            case "(", "[", "{": depth += 1
            case ")", "]", "}": depth -= 1
            default: break
            }
        }
        return depth
    }

    /// Tab completion: commands at the start, a command's flags after `--`, lesson names
    /// after `open`, parameter names after `set`, otherwise variables and attributes after a dot.
    public func complete(line: String, wordStart: Int, word: String) -> [String] {
        let before = String(line.prefix(wordStart)).trimmingCharacters(in: .whitespaces)
        if before.isEmpty && !word.contains(".") { return (CommandCatalog.names + globals()).filter { $0.hasPrefix(word) }.sorted() }
        // A command's flags, from its usage: `heatmap x --<TAB>` offers --labels, --xlabels, ...
        if word.hasPrefix("--"), let name = before.split(separator: " ").first, let command = CommandCatalog.command(String(name)) {
            return command.flags.map(\.name).filter { $0.hasPrefix(word) }
        }
        if before == "open" || before == "help" {
            let names = before == "help" ? CommandCatalog.names
                : ((try? workbench.catalog().paths) ?? []).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
            return names.filter { $0.hasPrefix(word) }.sorted()
        }
        if before == "set", let s = workbench.session { return s.lesson.parameters.map(\.name).filter { $0.hasPrefix(word) } }
        // Keys of a dict being subscripted: trace["trf_blocks.0.a<TAB>
        if before.hasSuffix("[") {
            let base = String(before.dropLast()).split(separator: " ").last.map(String.init) ?? ""
            guard let dict = (try? workbench.interpreter.evaluate(base, filename: "<completion>"))??.asObject as? PyDict,
                  let keys = try? iterateToArray(.object(dict)) else { return [] }
            let quote = word.first == "'" ? "'" : "\""
            let partial = word.drop { $0 == "\"" || $0 == "'" }
            return keys.compactMap { key -> String? in
                guard case .str(let k) = key, k.hasPrefix(partial) else { return nil }
                return quote + k + quote + "]"
            }
        }
        if let dot = word.lastIndex(of: ".") {
            let base = String(word[..<dot]), partial = String(word[word.index(after: dot)...])
            guard let value = try? workbench.interpreter.evaluate(base, filename: "<completion>") else { return [] }
            return attributes(of: value).filter { $0.hasPrefix(partial) && !$0.hasPrefix("_") }.map { base + "." + $0 }.sorted()
        }
        return globals().filter { $0.hasPrefix(word) }.sorted()
    }

    private func globals() -> [String] { workbench.interpreter.globalNames.filter { !$0.hasPrefix("_") } }

    private func attributes(of value: Value) -> [String] {
        var names = Set<String>()
        if case .object(let o) = value, let instance = o as? PyInstance { names.formUnion(instance.attributes.keys) }
        if case .object(let o) = value, let module = o as? PyModule { names.formUnion(module.globals.items().map(\.0)) }
        for cls in value.pyClass.mro { names.formUnion(cls.dict.keys) }
        if let m = value.asObject as? PyInstance, let members = try? lookupAttribute(value, "named_children"),
           let children = try? callValue(members, Arguments([])), let list = try? iterateToArray(children) {
            for item in list { if let pair = try? iterateToArray(item), case .str(let n)? = pair.first { names.insert(n) } }
            _ = m
        }
        return Array(names)
    }
}
