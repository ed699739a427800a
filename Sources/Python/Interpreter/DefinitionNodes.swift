// Definitions and imports: decorators and name binding for def/class, class-body
// execution, `import` and `from ... import`.

/// `def` and `class` bind their object to a name after applying decorators.
final class BindStmt: StmtNode {
    let value: ExprNode
    let decorators: [ExprNode]
    let target: TargetNode
    init(_ value: ExprNode, decorators: [ExprNode], target: TargetNode, _ range: SourceRange) {
        self.value = value
        self.decorators = decorators
        self.target = target
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let decoratorValues = try decorators.map { try $0.eval(f) }
        var v = try value.eval(f)
        for (i, d) in decoratorValues.enumerated().reversed() {
            do { v = try callValue(d, Arguments([v])) } catch { throw noted(error, decorators[i].range) }
        }
        try target.assign(v, f)
        return .normal
    }
}

/// Runs a class body and creates the class.
final class MakeClassNode: ExprNode {
    let name: String
    let qualifiedName: String
    let bases: [ExprNode]
    let body: CodeInfo
    let closureSlots: [Int]
    let freeSlots: [Int]
    /// `metaclass=M`: `type`, or a stand-in naming the base it amounts to (`M.__metaclass_base__`).
    var metaclass: ExprNode?
    init(name: String, qualifiedName: String, bases: [ExprNode], body: CodeInfo, closureSlots: [Int], freeSlots: [Int], _ range: SourceRange) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.bases = bases
        self.body = body
        self.closureSlots = closureSlots
        self.freeSlots = freeSlots
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var baseClasses: [PyClass] = []
        for b in bases {
            let v = try b.eval(f)
            guard case .object(let o) = v, let c = o as? PyClass else {
                throw noted(PyException.typeError("bases must be types"), b.range)
            }
            if !c.isSubclassable {
                throw noted(PyException.typeError("type '\(c.name)' is not an acceptable base type"), b.range)
            }
            if c.isBuiltinType, c !== BuiltinTypes.object, !c.isSubclass(of: BuiltinTypes.baseException) {
                throw noted(PyException.notImplemented("subclassing the builtin type '\(c.name)' is not supported in the lesson language"), b.range)
            }
            baseClasses.append(c)
        }
        if let m = metaclass {
            let value = try m.eval(f)
            if case .object(let o) = value, let meta = o as? PyClass, meta !== BuiltinTypes.type {
                guard case .object(let b)? = meta.dict["__metaclass_base__"], let base = b as? PyClass else {
                    throw noted(PyException.notImplemented("metaclasses (class \(name)(metaclass=...)) are not supported in the lesson language"), range)
                }
                if !baseClasses.contains(where: { $0.isSubclass(of: base) }) { baseClasses.append(base) }
            }
        }
        if baseClasses.isEmpty { baseClasses = [BuiltinTypes.object] }
        let frame = Frame(code: body, function: nil)
        let namespace = PyDict()
        frame.classNamespace = namespace
        for (i, s) in freeSlots.enumerated() {
            if case .object(let o)? = f.slots[closureSlots[i]], o is PyCell { frame.slots[s] = f.slots[closureSlots[i]] }
        }
        try namespace.set(.str("__module__"), body.globals["__name__"] ?? .str("__main__"))
        try namespace.set(.str("__qualname__"), .str(qualifiedName))
        do {
            _ = try execBlock(body.body, frame)
        } catch let e as PyException {
            e.leaveFrame(filename: body.filename, functionName: name, source: body.source)
            throw e
        }
        let moduleName: String
        if case .str(let m)? = try namespace.get(.str("__module__")) { moduleName = m } else { moduleName = "__main__" }
        let cls = PyClass(name: name, bases: baseClasses, moduleName: moduleName)
        if case .str(let q)? = try namespace.get(.str("__qualname__")) { cls.qualname = q }
        // A class defining `__eq__` without `__hash__` is unhashable (its `__hash__` is None).
        if try namespace.get(.str("__eq__")) != nil, try namespace.get(.str("__hash__")) == nil {
            try namespace.set(.str("__hash__"), .none)
        }
        for (k, v) in namespace.entries {
            guard case .str(let key) = k else { continue }
            cls.dict[key] = v
            cls.definitionOrder.append(key)
            markDefiningClass(v, cls)
        }
        cls.dict["__qualname__"] = nil    // kept as `qualname`, as CPython keeps it out of `__dict__`
        cls.refreshFlags()
        // `__init_subclass__` of the nearest base defining it (an implicit classmethod).
        for base in cls.mro.dropFirst() {
            guard let hook = base.dict["__init_subclass__"] else { continue }
            var function = hook
            if case .object(let o) = hook, let cm = o as? PyClassMethod { function = cm.function }
            if case .object(let o) = function, o is PyFunction {
                do { _ = try callValue(function, Arguments([.object(cls)])) } catch { throw noted(error, range) }
            }
            break
        }
        return .object(cls)
    }

    private func markDefiningClass(_ v: Value, _ cls: PyClass) {
        guard case .object(let o) = v else { return }
        if let fn = o as? PyFunction { fn.definingClass = cls }
        if let sm = o as? PyStaticMethod { markDefiningClass(sm.function, cls) }
        if let cm = o as? PyClassMethod { markDefiningClass(cm.function, cls) }
        if let p = o as? PyProperty {
            markDefiningClass(p.getter, cls)
            markDefiningClass(p.setter, cls)
        }
    }
}

final class ImportStmt: StmtNode {
    let module: String
    let target: TargetNode
    let bindsTop: Bool
    init(module: String, target: TargetNode, bindsTop: Bool, _ range: SourceRange) {
        self.module = module
        self.target = target
        self.bindsTop = bindsTop
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interpreter = f.code.interpreter
        do {
            let m = try interpreter.importModule(module)
            if bindsTop, let top = module.split(separator: ".").first {
                try target.assign(.object(try interpreter.importModule(String(top))), f)
            } else {
                try target.assign(.object(m), f)
            }
        } catch { throw noted(error, range) }
        return .normal
    }
}

final class ImportFromStmt: StmtNode {
    let relativeModule: String
    /// The number of leading dots (0 for an absolute import).
    let level: Int
    let names: [(String, TargetNode)]
    let star: Bool
    init(module: String, level: Int, names: [(String, TargetNode)], star: Bool, _ range: SourceRange) {
        self.relativeModule = module
        self.level = level
        self.names = names
        self.star = star
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interpreter = f.code.interpreter
        do {
            let module = level == 0 ? relativeModule
                : try interpreter.resolveRelative(relativeModule, level: level, globals: f.code.globals)
            let m = try interpreter.importModule(module)
            if star {
                for (k, v) in m.globals.items() where !k.hasPrefix("_") { f.code.globals[k] = v }
                return .normal
            }
            for (name, target) in names {
                if let v = m.globals[name] {
                    try target.assign(v, f)
                } else if let sub = try? interpreter.importModule(module + "." + name) {
                    try target.assign(.object(sub), f)
                } else {
                    let location: String
                    if case .str(let file)? = m.globals["__file__"] { location = file } else { location = "unknown location" }
                    let e = PyException(BuiltinTypes.importError, "cannot import name '\(name)' from '\(module)' (\(location))")
                    throw e
                }
            }
        } catch { throw noted(error, range) }
        return .normal
    }
}
