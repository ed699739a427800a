// itertools' islice, groupby and tee: the iterators that share or skip their source, written
// after CPython's itertoolsmodule.c so they consume the source exactly as it does.

extension ItertoolsModule {
    static func addIslice(_ m: NativeModule) {
        let cls = iteratorClass("islice", module: "itertools")
        m.module.globals["islice"] = .object(cls)
        cls.constructor = { c, args in
            try args.expectNoKeywords("islice")
            let p = args.positional
            guard p.count >= 2 && p.count <= 4 else {
                throw PyException.typeError(p.count < 2 ? "islice expected at least 2 arguments, got \(p.count)" : "islice expected at most 4 arguments, got \(p.count)")
            }
            func bound(_ v: Value, _ message: String) throws -> Int? {
                if v.isNone { return nil }
                guard let i = try indexValue(v), i >= 0 else { throw PyException.valueError(message) }
                return i
            }
            let stopMessage = "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            let indexMessage = "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize."
            var start = 0, stop: Int?, step = 1
            if p.count == 2 {
                stop = try bound(p[1], stopMessage)
            } else {
                start = try bound(p[1], indexMessage) ?? 0
                stop = try bound(p[2], stopMessage)
                if p.count == 4 {
                    step = try bound(p[3], "Step for islice() must be a positive integer or None.") ?? 1
                    if step == 0 { throw PyException.valueError("Step for islice() must be a positive integer or None.") }
                }
            }
            let source = try makeIterator(p[0])
            var count = 0
            var next = start
            return .object(LazyIterator(c) {
                while count < next {
                    guard try source.next() != nil else { return nil }
                    count += 1
                }
                if let s = stop, count >= s { return nil }
                guard let item = try source.next() else { return nil }
                count += 1
                let old = next
                next += step
                if next < old { next = stop ?? Int.max }
                if let s = stop, next > s { next = s }
                return item
            })
        }
    }

    /// groupby's shared state: the source, the current key/value and the group being served.
    final class GroupState {
        let source: PyIterator
        let key: Value
        var currentKey: Value?
        var currentValue: Value?
        var targetKey: Value?
        var currentGroup: AnyObject?

        init(source: PyIterator, key: Value) {
            self.source = source
            self.key = key
        }

        /// Advances the source; false when exhausted.
        func step() throws -> Bool {
            guard let v = try source.next() else { return false }
            currentKey = key.isNone ? v : try callValue(key, Arguments([v]))
            currentValue = v
            return true
        }
    }

    static func addGroupby(_ m: NativeModule) {
        let grouperClass = iteratorClass("_grouper", module: "itertools")
        _ = add(m, "groupby", "iterable, key=None") { cls, args in
            let state = GroupState(source: try makeIterator(args["iterable"]), key: args["key"])
            return LazyIterator(cls) {
                // Skip to the next key.
                while true {
                    if state.currentKey == nil {
                        guard try state.step() else { return nil }
                    } else if let target = state.targetKey, let k = state.currentKey {
                        if !(try equals(target, k)) { break }
                        guard try state.step() else { return nil }
                    } else {
                        break
                    }
                }
                guard let k = state.currentKey else { return nil }
                state.targetKey = k
                let marker = GroupToken()
                state.currentGroup = marker
                let grouper = LazyIterator(grouperClass) {
                    guard state.currentGroup === marker else { return nil }
                    if state.currentValue == nil {
                        guard try state.step() else { return nil }
                    }
                    guard let target = state.targetKey, let ck = state.currentKey, try equals(target, ck) else { return nil }
                    let v = state.currentValue
                    state.currentValue = nil
                    return v
                }
                return .tuple([k, .object(grouper)])
            }
        }
    }

    final class GroupToken {}

    /// tee's shared buffer: values read from the source, and how many each copy consumed.
    final class TeeBuffer {
        let source: PyIterator
        var values: [Value] = []
        var offset = 0
        init(source: PyIterator) { self.source = source }
    }

    static func addTee(_ m: NativeModule) {
        let teeClass = iteratorClass("_tee", module: "itertools")
        m.addFunction("tee", signature: "iterable, n=2") { args in
            let n = try args.int("n")
            if n < 0 { throw PyException.valueError("n must be >= 0") }
            let buffer = TeeBuffer(source: try makeIterator(args["iterable"]))
            var positions = [Int](repeating: 0, count: n)
            var copies: [Value] = []
            for i in 0..<n {
                copies.append(.object(LazyIterator(teeClass) {
                    let p = positions[i]
                    if p - buffer.offset >= buffer.values.count {
                        guard let v = try buffer.source.next() else { return nil }
                        buffer.values.append(v)
                    }
                    let v = buffer.values[p - buffer.offset]
                    positions[i] = p + 1
                    // Drop values every copy has seen.
                    let low = positions.min() ?? 0
                    if low - buffer.offset > 64 {
                        buffer.values.removeFirst(low - buffer.offset)
                        buffer.offset = low
                    }
                    return v
                }))
            }
            return .tuple(copies)
        }
    }
}
