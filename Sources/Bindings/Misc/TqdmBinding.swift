// The `tqdm` module: progress bars around training loops. Iterating is transparent; the bar
// is drawn on stderr only when stderr is a terminal, so headless transcripts stay clean.
// Book chapter 6 and 7 (fine-tuning loops) and appendix scripts.
import Foundation
import Python

/// Whether `tqdm` draws progress bars: by default when stderr is a terminal. Tests and
/// other hosts whose error sink is not the terminal turn it off.
public enum ProgressBars {
    nonisolated(unsafe) public static var enabled = isatty(STDERR_FILENO) != 0
}

enum TqdmBinding {
    static let tqdmClass = NativeClass(name: "tqdm", module: "tqdm.std")

    static let installed: Void = {
        let c = tqdmClass
        c.setConstructor(signature: """
            iterable=None, desc=None, total=None, leave=True, file=None, ncols=None, mininterval=0.1, \
            maxinterval=10.0, miniters=None, ascii=None, disable=False, unit='it', unit_scale=False, \
            dynamic_ncols=False, smoothing=0.3, bar_format=None, initial=0, position=None, postfix=None, \
            unit_divisor=1000, write_bytes=False, lock_args=None, nrows=None, colour=None, delay=0.0, gui=False, **kwargs
            """) { _, args in .object(try TqdmObject(args)) }
        c.addMethod("update", signature: "n=1") { this, args in
            let bar = try receiver(this)
            bar.n += try args.double("n")
            bar.draw(force: false)
            return .bool(true)
        }
        c.addMethod("set_postfix", signature: "ordered_dict=None, refresh=True, **kwargs") { this, args in
            let bar = try receiver(this)
            var items: [(String, Value)] = []
            if let d = args["ordered_dict"].asObject as? PyDict { items += try d.entries.map { (try Python.str($0.0), $0.1) } }
            items += args.extraKeywords
            bar.postfix = try items.map { key, value in "\(key)=\(try TqdmObject.formatPostfix(value).trimmingCharacters(in: .whitespaces))" }
                .joined(separator: ", ")
            if try args.bool("refresh") { bar.draw(force: true) }
            return .none
        }
        c.addMethod("set_postfix_str", signature: "s='', refresh=True") { this, args in
            let bar = try receiver(this)
            bar.postfix = try args.string("s")
            if try args.bool("refresh") { bar.draw(force: true) }
            return .none
        }
        c.addMethod("set_description", signature: "desc=None, refresh=True") { this, args in
            let bar = try receiver(this)
            bar.desc = try args.optionalString("desc") ?? ""
            if try args.bool("refresh") { bar.draw(force: true) }
            return .none
        }
        c.addMethod("refresh", signature: "nolock=False, lock_args=None") { this, _ in
            try receiver(this).draw(force: true)
            return .none
        }
        c.addMethod("reset", signature: "total=None") { this, args in
            let bar = try receiver(this)
            bar.n = 0
            if !args.isNone("total") { bar.total = try args.double("total") }
            bar.start = Date()
            bar.draw(force: true)
            return .none
        }
        c.addMethod("close", signature: "") { this, _ in
            try receiver(this).close()
            return .none
        }
        // `tqdm.write` prints to the running interpreter's output.
        c.pyClass.dict["write"] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: "write") { args in
            let s = try Python.str(args.positional.first ?? .str(""))
            let end = try args.keyword("end").map { try $0.asString("end") } ?? "\n"
            BindingsContext.current.write(s + end)
            return .none
        })))
        c.addMethod("__enter__", signature: "") { this, _ in this }
        c.addMethod("__exit__", signature: "*args") { this, _ in
            try receiver(this).close()
            return .false
        }
    }()

    static func receiver(_ value: Value) throws -> TqdmObject {
        guard let o = value.asObject as? TqdmObject else { throw PyException.typeError("expected a tqdm object, not \(value.typeName)") }
        return o
    }

    /// The module under one of its names; bars go to the running interpreter's error sink,
    /// `tqdm.write` to its output (see BindingsContext).
    static func makeModule(name: String) -> PyModule {
        _ = installed
        let m = NativeModule(name: name)
        m.add("__version__", .str(version))
        m.addClass(tqdmClass)
        tqdmClass.pyClass.moduleName = "tqdm.std"
        m.addFunction("trange", signature: "*args, **kwargs") { args in
            let range = try callValue(.object(BuiltinTypes.range), Arguments(args.extraPositional, []))
            return try callValue(.object(tqdmClass.pyClass), Arguments([range], args.extraKeywords))
        }
        return m.module
    }

    /// The tqdm release whose behaviour the module follows (`tqdm.__version__`).
    static let version = "4.70.1"

    static func register() {
        Interpreter.setPackageVersion("tqdm", version)
        for name in ["tqdm", "tqdm.auto", "tqdm.notebook", "tqdm.std"] {
            let module = makeModule(name: name)
            Interpreter.registerNativeModule(name) { _ in module }
        }
    }
}

/// One progress bar: counts, description, postfix, and its terminal line.
final class TqdmObject: PyObject {
    let iterable: Value
    var total: Double?
    var n: Double
    var desc: String
    var postfix = ""
    let unit: String
    let leave: Bool
    let disabled: Bool
    var start = Date()
    private var lastDraw = Date.distantPast
    private var closed = false

    init(_ args: BoundArguments) throws {
        iterable = args["iterable"]
        if !args.isNone("total") {
            total = try args.double("total")
        } else if !iterable.isNone, let count = try? Python.length(iterable) {
            total = Double(count)
        }
        n = try args.double("initial")
        desc = try args.optionalString("desc") ?? ""
        unit = try args.string("unit")
        leave = try args.bool("leave")
        let disable = args.isNone("disable") ? false : try args.bool("disable")
        disabled = !ProgressBars.enabled || disable
        super.init()
        if !args.isNone("postfix") { postfix = try TqdmObject.formatPostfix(args["postfix"]) }
        draw(force: true)
    }

    override var pyClass: PyClass { TqdmBinding.tqdmClass.pyClass }

    override func makeIterator() throws -> PyIterator? {
        guard !iterable.isNone else { throw PyException.typeError("'NoneType' object is not iterable") }
        return TqdmIterator(self, try Python.makeIterator(iterable))
    }

    override func length() throws -> Int? {
        if let total, total.isFinite, abs(total) < 1e18 { return Int(total) }
        return try Python.length(iterable)
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "n": return TqdmObject.numberValue(n)
        case "total": return total.map(TqdmObject.numberValue) ?? Value.none
        case "desc": return .str(desc)
        case "iterable": return iterable
        case "disable": return .bool(disabled)
        default: return nil
        }
    }

    override func repr() throws -> String { line(width: nil) }

    /// tqdm's number format for postfix values: `{:.3g}` when shorter than `str()`.
    static func formatPostfix(_ value: Value) throws -> String {
        switch value {
        case .int, .float:
            let plain = try Python.str(value)
            var short = try formatValue(value, ".3g")
            short = short.replacingOccurrences(of: "+0", with: "+").replacingOccurrences(of: "-0", with: "-")
            return short.count < plain.count ? short : plain
        default:
            return try Python.str(value)
        }
    }

    /// Redraws the line (at most every 0.1 s unless forced), only on a terminal.
    func draw(force: Bool) {
        guard !disabled, !closed else { return }
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        BindingsContext.current.writeError("\r" + line(width: TqdmObject.terminalWidth()))
    }

    func close() {
        guard !closed else { return }
        if !disabled {
            lastDraw = .distantPast
            draw(force: true)
            BindingsContext.current.writeError(leave ? "\n" : "\r\u{1B}[K")
        }
        closed = true
    }

    /// `desc: 45%|████▌     | 45/100 [00:01<00:02, 30.50it/s, loss=1.2]`.
    func line(width: Int?) -> String {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 && n > 0 ? n / elapsed : nil
        let rateText = rate.map { $0 >= 1 || $0 == 0 ? String(format: "%5.2f\(unit)/s", $0) : String(format: "%5.2fs/\(unit)", 1 / $0) } ?? "?\(unit)/s"
        let post = postfix.isEmpty ? "" : ", " + postfix
        let prefix = desc.isEmpty ? "" : desc + ": "
        let count = TqdmObject.number(n)
        guard let total, total > 0 else {
            return "\(prefix)\(count)\(unit) [\(TqdmObject.clock(elapsed)), \(rateText)\(post)]"
        }
        let ratio = n / total
        let fraction = ratio.isFinite ? min(max(ratio, 0), 1) : 0
        let remaining = rate.map { TqdmObject.clock((total - n) / $0) } ?? "?"
        let left = prefix + String(format: "%3.0f%%|", fraction * 100)
        let right = "| \(count)/\(TqdmObject.number(total)) [\(TqdmObject.clock(elapsed))<\(remaining), \(rateText)\(post)]"
        let barWidth = max(1, (width ?? (left.count + right.count + 10)) - left.count - right.count)
        let eighths = Int(fraction * Double(barWidth * 8))
        var bar = String(repeating: "█", count: eighths / 8)
        if eighths % 8 > 0 { bar += String(Array(" ▏▎▍▌▋▊▉")[eighths % 8]) }
        bar += String(repeating: " ", count: max(0, barWidth - bar.count))
        return left + bar + right
    }

    /// An int when the count is whole (as tqdm keeps it), else a float.
    static func numberValue(_ x: Double) -> Value {
        x.isFinite && x == x.rounded() && abs(x) < 1e18 ? .int(Int(x)) : .float(x)
    }

    static func number(_ x: Double) -> String { x.isFinite && x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x) }

    /// `mm:ss`, or `h:mm:ss` past an hour.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(seconds)
        let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60)
        return h > 0 ? String(format: "%d:%02d:%02d", h, m, sec) : String(format: "%02d:%02d", m, sec)
    }

    static func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// `for x in tqdm(iterable)`: the iterable's items, counting and redrawing as they pass.
final class TqdmIterator: PyIterator {
    let bar: TqdmObject
    let inner: PyIterator
    private var started = false

    init(_ bar: TqdmObject, _ inner: PyIterator) { (self.bar, self.inner) = (bar, inner) }

    override func next() throws -> Value? {
        if started {
            bar.n += 1
            bar.draw(force: false)
        }
        started = true
        guard let item = try inner.next() else {
            bar.close()
            return nil
        }
        return item
    }
}
