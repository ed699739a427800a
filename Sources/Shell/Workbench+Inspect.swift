// Looking inside: `vars`, `params`, `code`, `show`, `stats`, `heatmap`, `plot`, `trace`.

import Foundation
import Lessons
import Bindings
import Python
import Tensor

extension Workbench {
    /// Evaluates an expression typed after a command.
    func value(of expression: String) throws -> Value {
        guard !expression.isEmpty else { throw WorkbenchError("expected an expression, e.g. attn_weights") }
        guard let v = try interpreter.evaluate(expression, filename: "<stdin>") else {
            throw WorkbenchError("`\(expression)` has no value")
        }
        return v
    }

    func tensor(of expression: String) throws -> Tensor {
        let v = try value(of: expression)
        if let t = v.tensorValue { return t }
        if case .object(let o) = v, o is PyList || o is PyTuple,
           let numbers = try? iterateToArray(v).map({ try $0.asDouble("element") }) {
            return try Tensor(floats: numbers.map(Float.init), shape: [numbers.count])
        }
        let what = v.typeName == "list" || v.typeName == "tuple" ? "a tensor or a list of numbers" : "a tensor"
        throw WorkbenchError("`\(expression)` is \(Workbench.article(v.typeName)) \(v.typeName), not \(what)")
    }

    /// `a b[0, 1] [1, 2]` → three expressions: split at spaces outside brackets and quotes.
    static func splitExpressions(_ text: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0, quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if "([{".contains(c) {
                depth += 1
            } else if ")]}".contains(c) {
                depth -= 1
            } else if c == " " && depth <= 0 {
                if !current.isEmpty { parts.append(current) }
                current = ""
                continue
            }
            current.append(c)
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// "a list", "an int".
    static func article(_ word: String) -> String { "aeiou".contains(word.first ?? "x") ? "an" : "a" }

    func show(_ expression: String) throws {
        page(interpreter.repr(try value(of: expression)))
    }

    func showParameters() throws {
        let s = try current()
        guard !s.lesson.parameters.isEmpty else { say("\(s.lesson.name) has no parameters"); return }
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let rows = s.lesson.parameters.map { p -> (name: String, value: String, range: String, note: String) in
            var range = p.kind.rawValue
            if let lo = p.minimum, let hi = p.maximum { range += " \(LessonParameter.format(lo))…\(LessonParameter.format(hi))" }
            let changed = s.overrides[p.name] != nil ? ", default \(p.defaultLiteral)" : ""
            return (p.name, s.value(of: p), range, "step \(stepNumber(of: p, in: s.lesson))\(changed)")
        }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let valueWidth = min(rows.map(\.value.count).max() ?? 0, 10)
        let rangeWidth = rows.map(\.range.count).max() ?? 0
        var lines: [String] = []
        func add(_ line: String) { lines.append(line) }
        for (p, row) in zip(s.lesson.parameters, rows) {
            let full = "  \(pad(row.name, nameWidth)) = \(pad(row.value, valueWidth))  \(pad(row.range, rangeWidth))  (\(row.note))"
            if full.count <= terminal.width {
                add(full)
            } else {
                // Too wide: the value on its own (continued under itself), then range and note.
                let under = String(repeating: " ", count: nameWidth + 5)
                for piece in StepView.broken(StyledText("  \(pad(row.name, nameWidth)) = \(row.value)"), width: terminal.width, hanging: under.count) {
                    add(piece.plain)
                }
                add(StyledText(under + "\(row.range)  (\(row.note))").truncated(to: terminal.width).plain)
            }
            // The choices below, as many to a line as fit, never split.
            let indent = String(repeating: " ", count: nameWidth + 5)
            var line = p.choices == nil ? "" : "one of:"
            for choice in p.choices ?? [] {
                if !line.isEmpty && indent.count + line.count + choice.count + 2 > terminal.width {
                    add(indent + line + ",")
                    line = ""
                }
                line += (line.isEmpty ? "" : line == "one of:" ? " " : ", ") + choice
            }
            if !line.isEmpty { add(indent + line) }
        }
        add("change one with `set NAME VALUE`, then `rerun`")
        page(lines.joined(separator: "\n"))
    }

    func stepNumber(of p: LessonParameter, in lesson: LessonFile) -> Int {
        lesson.steps.lastIndex { $0.firstLine <= p.line }.map { $0 + 1 } ?? 1
    }

    func showCode(_ argument: String) throws {
        let s = try current()
        guard argument.isEmpty || Int(argument) != nil else { throw WorkbenchError("code takes a step number, e.g. code 3") }
        let number = Int(argument) ?? max(s.position, 1)
        guard number >= 1 && number <= s.lesson.steps.count else {
            throw WorkbenchError("\(s.lesson.name) has steps 1 to \(s.lesson.steps.count)")
        }
        let step = s.lesson.steps[number - 1]
        let title = "step \(number): \(step.title)  (\(s.lesson.path):\(step.firstLine))"
        let heading = title.count <= terminal.width ? title
            : StyledText(title).wrapped(width: terminal.width, rest: StyledText("  ")).map(\.plain).joined(separator: "\n")
        page(heading + "\n" + StepView.code(s.code(of: step), terminal: terminal))
    }

    /// One row per variable: name, type, then its shape or the first line of its repr,
    /// each row cut with `…` to the terminal's width.
    func showVariables() {
        let vars = session?.variables() ?? LessonSession.variables(of: interpreter)
        guard !vars.isEmpty else { say("no variables yet"); return }
        func cell(_ text: String, _ width: Int) -> String {
            let cut = StyledText(text).truncated(to: width).plain
            return cut + String(repeating: " ", count: max(0, width - cut.count))
        }
        let nameWidth = min(vars.map(\.name.count).max() ?? 0, max(terminal.width / 3, 12))
        let typeWidth = min(vars.map(\.type.count).max() ?? 0, max(terminal.width / 4, 10))
        let rows = vars.map { v -> String in
            // A multi-line repr (a module's) shows its first line, with … for the rest.
            let lines = v.detail.split(separator: "\n", omittingEmptySubsequences: true)
            var detail = (lines.first.map(String.init) ?? "") + (lines.count > 1 ? " …" : "")
            let start = "  " + cell(v.name, nameWidth) + "  " + cell(v.type, typeWidth) + "  "
            // A tensor too wide for its row: `[6, 2] float32` instead of `torch.Size([6, 2]) torch.float32`.
            if start.count + detail.count > terminal.width, let t = interpreter.global(v.name)?.tensorValue {
                detail = "[" + t.shape.map(String.init).joined(separator: ", ") + "] " + String(describing: t.dtype)
            }
            return StyledText(start + detail).truncated(to: terminal.width).trimmingTrailingSpaces().plain
        }
        page(rows.joined(separator: "\n"))
    }

    func stats(_ expression: String) throws {
        let t = try tensor(of: expression)
        let values = t.floatValues()
        let finite = values.filter(\.isFinite).map(Double.init)
        let mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        let variance = finite.count > 1 ? finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1) : .nan
        func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "-" }
        say("shape \(sizeDescription(t.shape))  dtype \(t.dtype.name)  elements \(t.count)")
        // min and max as torch gives them (an -inf is the min); mean and std of the finite values.
        let ordered = values.filter { !$0.isNaN }.map(Double.init)
        let nan = values.filter(\.isNaN).count, inf = values.filter(\.isInfinite).count
        let ofFinite = inf > 0 ? " (of the finite values)" : ""
        say("min \(f(ordered.min()))  max \(f(ordered.max()))  mean \(f(mean))  std \(f(variance.squareRoot()))\(ofFinite)")
        say("NaN \(nan)  inf \(inf)" + (t.requiresGrad ? "  requires_grad" : "") + (t.gradFn.map { "  grad_fn \($0.name)" } ?? ""))
    }

    /// `heatmap EXPR [--labels EXPR] [--xlabels EXPR] [--values] [--min N] [--max N] [--save FILE]`.
    func heatmap(_ arguments: String) throws {
        let arguments = try CommandArguments(arguments, for: Workbench.catalogued("heatmap"), examples: [
            "--labels": "a list of strings, e.g. --labels tokens", "--xlabels": "a list of strings, e.g. --xlabels classes",
            "--min": "a number, e.g. --min 0", "--max": "a number, e.g. --max 1",
            "--save": "a file ending in .svg, .png or .pdf, e.g. --save attention.svg",
        ])
        let target = try saveTarget(arguments, example: "attention.svg")
        let expression = arguments.expression
        let t = try tensor(of: expression)
        var matrix = t
        while matrix.rank > 2 && matrix.shape[0] == 1 { matrix = try matrix.squeeze(0) }
        if matrix.rank == 1 { matrix = try matrix.unsqueeze(0) }
        guard matrix.rank == 2 else {
            let index = Array(repeating: "0", count: t.rank - 2).joined(separator: ", ")
            throw WorkbenchError("heatmap draws 2-D tensors; \(expression) has shape \(t.shape). Pick a slice, e.g. heatmap \(expression)[\(index)]")
        }
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let flat = matrix.floatValues()
        let values = (0..<rows).map { r in Array(flat[(r * columns)..<((r + 1) * columns)]) }
        let low = try arguments.value("--min").map { try number($0, for: "--min") }
        let high = try arguments.value("--max").map { try number($0, for: "--max") }
        if let low, let high, low >= high { throw WorkbenchError("--min must be below --max (got \(low) and \(high))") }

        // --labels names the rows, and the columns too when their count matches (a token
        // attending to tokens). It is remembered (a lesson's `# @show heatmap ... --labels tokens`
        // too) for later heatmaps, on each side whose count it matches; `--labels none` forgets it.
        var rowLabels: [String]?, columnLabels: [String]?, notes: [String] = []
        var title = "\(expression)  \(sizeDescription(t.shape))"
        if let given = arguments.value("--labels") {
            heatmapLabels = given == "none" ? nil : given
            if let e = heatmapLabels {
                let labels = try strings(e, for: "--labels", clearing: true)
                if labels.count == rows { rowLabels = labels } else {
                    notes.append("--labels \(e) has \(labels.count) strings for \(rows) rows: the rows are numbered")
                }
                if labels.count == columns { columnLabels = labels }
            }
        } else if let e = heatmapLabels, let labels = try? strings(e, for: "--labels", clearing: false),
                  labels.count == rows || labels.count == columns {
            rowLabels = labels.count == rows ? labels : nil
            columnLabels = labels.count == columns ? labels : nil
            title += "  (labels: \(e))"
        }
        if let e = arguments.value("--xlabels") {
            let labels = try strings(e, for: "--xlabels", clearing: false)
            if labels.count == columns { columnLabels = labels } else {
                columnLabels = nil
                notes.append("--xlabels \(e) has \(labels.count) strings for \(columns) columns: the columns are numbered")
            }
        }
        let heatmap = Heatmap(values: values, rowLabels: rowLabels, columnLabels: columnLabels, showValues: arguments.has("--values"),
                              title: title, low: low, high: high)
        if let target, let limit = Heatmap.pictureLimit(rows: rows, columns: columns, format: target.format) {
            throw WorkbenchError("\(expression) has \(rows)×\(columns) cells, too many to save as \(target.format.rawValue.uppercased()) (\(limit.reason)); "
                                 + "save a slice, e.g. heatmap \(expression)[:\(limit.rows), :\(limit.columns)] --save FILE")
        }
        say(heatmap.render(on: terminal))
        for note in notes { say(note) }
        if let target, let picture = heatmap.picture() { try save(picture, of: "heatmap", to: target) }
    }

    /// The strings of a list given to `flag`; `clearing` forgets the remembered labels when it is not one.
    private func strings(_ expression: String, for flag: String, clearing: Bool) throws -> [String] {
        let given = try value(of: expression)
        guard case .object = given, let items = try? iterateToArray(given) else {
            if clearing { heatmapLabels = nil }
            throw WorkbenchError("\(flag) takes a list of strings, e.g. \(flag) tokens; `\(expression)` is \(Workbench.article(given.typeName)) \(given.typeName)")
        }
        return items.map { interpreter.str($0) }
    }

    /// A number given to `flag`: a Python number or a one-element tensor.
    private func number(_ expression: String, for flag: String) throws -> Double {
        let v = try value(of: expression)
        if let t = v.tensorValue, t.count == 1, let x = t.floatValues().first { return Double(x) }
        guard let x = try? v.asDouble(flag), x.isFinite else {
            throw WorkbenchError("\(flag) takes a number, e.g. \(flag) 0; `\(expression)` is \(Workbench.article(v.typeName)) \(v.typeName)")
        }
        return x
    }

    /// `plot Y [Y ...] [--x X] [--logx] [--logy] [--save FILE]`.
    func plot(_ arguments: String) throws {
        let arguments = try CommandArguments(arguments, for: Workbench.catalogued("plot"), examples: [
            "--x": "the x values, e.g. plot y_gelu y_relu --x x",
            "--save": "a file ending in .svg, .png or .pdf, e.g. --save losses.svg",
        ])
        let target = try saveTarget(arguments, example: "losses.svg")
        guard !arguments.expressions.isEmpty else { throw WorkbenchError("plot takes one or more series, e.g. plot train_losses val_losses") }
        func series(_ e: String) throws -> [Double] {
            let t = try tensor(of: e)
            guard t.rank <= 1 else { throw WorkbenchError("plot draws 1-D series; \(e) has shape \(t.shape)") }
            return t.floatValues().map(Double.init)
        }
        let all = try arguments.expressions.map { ($0, try series($0)) }
        var x: [Double]?
        if let e = arguments.value("--x") {
            let values = try series(e)
            let longest = all.map(\.1.count).max() ?? 0
            guard values.count >= longest else {
                throw WorkbenchError("--x \(e) has \(values.count) values, fewer than the \(longest) of \(all.first { $0.1.count == longest }?.0 ?? "the series")")
            }
            x = values
        }
        let plot = LinePlot(series: all, x: x, xName: arguments.value("--x"), logX: arguments.has("--logx"),
                            logY: arguments.has("--logy"))
        say(plot.render(on: terminal))
        guard let target else { return }
        guard let picture = plot.picture(title: arguments.expressions.joined(separator: ", ")) else {
            throw WorkbenchError("nothing to save: \(arguments.expressions.joined(separator: ", ")) has no finite values to plot")
        }
        try save(picture, of: "plot", to: target)
    }

    /// A command of the catalogue, by name (the ones this file handles are always there).
    static func catalogued(_ name: String) -> ShellCommand {
        CommandCatalog.command(name) ?? ShellCommand(name: name, aliases: [], usage: name, summary: "", details: "")
    }

    /// `trace CALL` records a call; `trace` lists the record; `trace TEXT` lists the names containing TEXT.
    func trace(_ argument: String) throws {
        var filter = ""
        if argument.contains("(") {
            let (_, records, error) = try TraceRecorder.run(argument, in: interpreter)
            if let error {
                report(error)
                guard records.count > 0 else { return }
                say("the call failed; `trace` keeps the \(records.count == 1 ? "tensor" : "\(records.count) tensors") computed before the error")
            }
            interpreter.setGlobal("trace", .object(records))
        } else {
            filter = argument
        }
        guard let records = interpreter.global("trace")?.asObject as? PyDict else {
            throw WorkbenchError("nothing traced yet; try `trace model(x)` with a model call")
        }
        let entries = records.entries.map { (interpreter.str($0.0), $0.1.tensorValue.map { sizeDescription($0.shape) } ?? $0.1.typeName) }
        let shown = filter.isEmpty ? entries : entries.filter { $0.0.contains(filter) }
        guard !shown.isEmpty else { throw WorkbenchError("no traced name contains \(filter); `trace` lists them all") }
        say(filter.isEmpty ? "traced \(entries.count) tensors (print one with trace[\"NAME\"]):"
                           : "\(shown.count) of the \(entries.count) traced tensors contain \(filter):")
        // A long list shows each pattern once: trf_blocks.1.norm1 is like trf_blocks.0.norm1.
        var patterns = Set<String>()
        let listed = filter.isEmpty && shown.count > 60 ? shown.filter { name, shape in
            var parts = name.split(separator: ".").map(String.init)
            if let i = parts.firstIndex(where: { $0.allSatisfy(\.isNumber) }) { parts[i] = "#" }
            return patterns.insert(parts.joined(separator: ".") + shape).inserted
        } : shown
        let hidden = shown.count - listed.count
        let width = min(listed.map(\.0.count).max() ?? 0, 40)
        for (name, shape) in listed {
            say("  " + name + String(repeating: " ", count: max(0, width - name.count)) + "  " + shape)
        }
        if hidden > 0 { say("  … and \(hidden) more of the same kinds in the other numbered blocks (`trace attn_weights` lists one kind)") }
    }
}
