// Python's `itertools` module: lazy iterators that pull from their sources on demand, so they
// work on infinite iterators and generators. The combinatoric ones are in itertools+Combinatorics.swift.

enum ItertoolsModule {
    /// An iterator type (`itertools.count`, `_collections._deque_iterator`) with `__next__`/`__iter__`.
    static func iteratorClass(_ name: String, module: String) -> PyClass {
        let c = PyClass(name: name, bases: [BuiltinTypes.object], moduleName: module)
        c.isSubclassable = false
        c.method("__next__") { args in
            guard case .object(let o) = args[0], let it = o as? PyIterator else { return .none }
            guard let v = try it.next() else { throw PyException.stopIteration() }
            return v
        }
        c.method("__iter__") { args in args[0] }
        return c
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "itertools")
        return m.module
    }
}
