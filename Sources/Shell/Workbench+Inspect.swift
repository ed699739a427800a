// Looking inside: `vars`, `params`, `code`, `show`, `stats`, `heatmap`, `plot`.

import Foundation
import Lessons
import Script
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
        say(interpreter.repr(try value(of: expression)))
    }

    func showParameters() throws {
        let s = try current()
        guard !s.lesson.parameters.isEmpty else { say("\(s.lesson.name) has no parameters"); return }
        let width = s.lesson.parameters.map(\.name.count).max() ?? 0
        for p in s.lesson.parameters {
            var range = p.kind.rawValue
            if let choices = p.choices { range = "one of " + choices.joined(separator: ", ") }
            else if let lo = p.minimum, let hi = p.maximum { range += " \(LessonParameter.format(lo))…\(LessonParameter.format(hi))" }
            let changed = s.overrides[p.name] != nil ? "  (default \(p.defaultLiteral))" : ""
            say("  \(p.name.padding(toLength: width, withPad: " ", startingAt: 0))  = \(s.value(of: p))\(changed)   \(range), step \(stepNumber(of: p, in: s.lesson))")
        }
        say("change one with `set NAME VALUE`, then `rerun`")
    }

    private func stepNumber(of p: LessonParameter, in lesson: LessonFile) -> Int {
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
        say("step \(number): \(step.title)  (\(s.lesson.path):\(step.firstLine))")
        say(StepView.code(s.code(of: step), terminal: terminal))
    }

    func showVariables() {
        let vars = session?.variables() ?? interpreter.globalNames.sorted().compactMap { name in
            interpreter.global(name).flatMap { LessonSession.summary(name, $0, interpreter) }
        }
        guard !vars.isEmpty else { say("no variables yet"); return }
        let nameWidth = min(vars.map(\.name.count).max() ?? 0, 24)
        let typeWidth = vars.map(\.type.count).max() ?? 0
        for v in vars {
            say("  " + v.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "  "
                + v.type.padding(toLength: typeWidth, withPad: " ", startingAt: 0) + "  " + v.detail)
        }
    }

    func stats(_ expression: String) throws {
        let t = try tensor(of: expression)
        let values = t.floatValues()
        let finite = values.filter(\.isFinite).map(Double.init)
        let mean = finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        let variance = finite.count > 1 ? finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(finite.count - 1) : .nan
        func f(_ x: Double?) -> String { x.map { String(format: "%.6g", $0) } ?? "-" }
        say("shape \(sizeDescription(t.shape))  dtype \(t.dtype.name)  elements \(t.count)")
        say("min \(f(finite.min()))  max \(f(finite.max()))  mean \(f(mean))  std \(f(variance.squareRoot()))")
        let nan = values.filter(\.isNaN).count, inf = values.filter(\.isInfinite).count
        say("NaN \(nan)  inf \(inf)" + (t.requiresGrad ? "  requires_grad" : "") + (t.gradFn.map { "  grad_fn \($0.name)" } ?? ""))
    }

    func heatmap(_ arguments: String) throws {
        var expression = arguments, labelsExpression: String?, showValues = false
        if let r = expression.range(of: "--values") { showValues = true; expression.removeSubrange(r) }
        if let r = expression.range(of: "--labels") {
            labelsExpression = expression[r.upperBound...].trimmingCharacters(in: .whitespaces)
            expression = String(expression[..<r.lowerBound])
            if labelsExpression?.isEmpty == true { throw WorkbenchError("--labels takes a list of strings, e.g. --labels tokens") }
        }
        for option in (expression + " " + (labelsExpression ?? "")).split(separator: " ") where option.hasPrefix("--") {
            throw WorkbenchError("heatmap has no option \(option) (options: --labels EXPR, --values)")
        }
        expression = expression.trimmingCharacters(in: .whitespaces)
        let t = try tensor(of: expression)
        var matrix = t
        while matrix.rank > 2 && matrix.shape[0] == 1 { matrix = try matrix.squeeze(0) }
        if matrix.rank == 1 { matrix = try matrix.unsqueeze(0) }
        guard matrix.rank == 2 else {
            throw WorkbenchError("heatmap draws 2-D tensors; \(expression) has shape \(t.shape). Pick a slice, e.g. heatmap \(expression)[0]")
        }
        let (rows, columns) = (matrix.shape[0], matrix.shape[1])
        let flat = matrix.floatValues()
        let values = (0..<rows).map { r in Array(flat[(r * columns)..<((r + 1) * columns)]) }
        var labels: [String]?
        if let labelsExpression, !labelsExpression.isEmpty {
            let given = try value(of: labelsExpression)
            guard let items = try? iterateToArray(given) else {
                throw WorkbenchError("--labels takes a list of strings, e.g. --labels tokens; `\(labelsExpression)` is \(Workbench.article(given.typeName)) \(given.typeName)")
            }
            labels = items.map { interpreter.str($0) }
        }
        say(Heatmap(values: values, rowLabels: labels.map { Array($0.prefix(rows)) },
                    columnLabels: labels.map { Array($0.prefix(columns)) }, showValues: showValues,
                    title: "\(expression)  \(sizeDescription(t.shape))").render(on: terminal))
    }

    func plot(_ arguments: String) throws {
        let expressions = Workbench.splitExpressions(arguments)
        guard !expressions.isEmpty else { throw WorkbenchError("plot takes one or more series, e.g. plot train_losses val_losses") }
        let series = try expressions.map { e -> (String, [Double]) in
            let t = try tensor(of: e)
            guard t.rank <= 1 else { throw WorkbenchError("plot draws 1-D series; \(e) has shape \(t.shape)") }
            return (e, t.floatValues().map(Double.init))
        }
        say(LinePlot(series: series).render(on: terminal))
    }

    func trace(_ call: String) throws {
        if !call.isEmpty {
            let (_, records) = try TraceRecorder.run(call, in: interpreter)
            interpreter.setGlobal("trace", .object(records))
        }
        guard let records = interpreter.global("trace")?.asObject as? PyDict else {
            throw WorkbenchError("nothing traced yet; try `trace model(x)` with a model call")
        }
        let keys = try iterateToArray(.object(records))
        say("traced \(keys.count) tensors (print one with trace[\"NAME\"]):")
        let names = keys.map { interpreter.str($0) }
        let width = min(names.map(\.count).max() ?? 0, 40)
        // Long traces show each pattern once: trf_blocks.1.norm1 is like trf_blocks.0.norm1.
        var shownPatterns = Set<String>()
        var hidden = 0
        for (key, name) in zip(keys, names) {
            let shape = (try? records.get(key))??.tensorValue.map { sizeDescription($0.shape) } ?? ""
            var parts = name.split(separator: ".").map(String.init)
            if let i = parts.firstIndex(where: { $0.allSatisfy(\.isNumber) }) { parts[i] = "#" }
            let pattern = parts.joined(separator: ".") + shape
            if keys.count > 40 && !shownPatterns.insert(pattern).inserted { hidden += 1; continue }
            say("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + shape)
        }
        if hidden > 0 { say("  … and \(hidden) more of the same kinds in the other numbered blocks") }
    }
}
