// Python's `heapq` module: CPython's _siftdown/_siftup on a list (so ties and the heap's
// layout match), and nlargest/nsmallest following heapq.py's decorate-with-order algorithm.

enum HeapqModule {
    static func list(_ v: Value, _ function: String) throws -> PyList {
        guard case .object(let o) = v, let l = o as? PyList else {
            throw PyException.typeError("\(function)() argument 1 must be list, not \(v.typeName)")
        }
        return l
    }

    /// `_siftdown(heap, startpos, pos)`: move the item at pos up towards the root.
    static func siftDown(_ heap: inout [Value], _ start: Int, _ position: Int) throws {
        var pos = position
        let item = heap[pos]
        while pos > start {
            let parentPos = (pos - 1) >> 1
            let parent = heap[parentPos]
            if try lessThan(item, parent) {
                heap[pos] = parent
                pos = parentPos
                continue
            }
            break
        }
        heap[pos] = item
    }

    /// `_siftup(heap, pos)`: bubble the smaller child up, then sift the item down.
    static func siftUp(_ heap: inout [Value], _ position: Int) throws {
        var pos = position
        let end = heap.count, start = pos
        let item = heap[pos]
        var child = 2 * pos + 1
        while child < end {
            let right = child + 1
            if right < end, !(try lessThan(heap[child], heap[right])) { child = right }
            heap[pos] = heap[child]
            pos = child
            child = 2 * pos + 1
        }
        heap[pos] = item
        try siftDown(&heap, start, pos)
    }

    static func heapify(_ heap: inout [Value]) throws {
        var i = heap.count / 2 - 1
        while i >= 0 {
            try siftUp(&heap, i)
            i -= 1
        }
    }

    static func pop(_ heap: inout [Value]) throws -> Value {
        guard let last = heap.popLast() else { throw PyException.indexError("index out of range") }
        if heap.isEmpty { return last }
        let top = heap[0]
        heap[0] = last
        try siftUp(&heap, 0)
        return top
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "heapq")
        func add(_ name: String, _ signature: String, _ style: ClinicStyle, _ body: @escaping (BoundArguments) throws -> Value) {
            let sig = Signature(name: name, signature)
            m.addFunction(name) { args in try body(try sig.bind(args, style: style)) }
        }
        add("heappush", "heap, item", .exact) { args in
            let l = try list(args["heap"], "heappush")
            l.items.append(args["item"])
            try siftDown(&l.items, 0, l.items.count - 1)
            return .none
        }
        add("heappop", "heap", .single("_heapq.heappop")) { args in
            let l = try list(args["heap"], "heappop")
            return try pop(&l.items)
        }
        add("heapify", "x", .single("_heapq.heapify")) { args in
            let l = try list(args["x"], "heapify")
            try heapify(&l.items)
            return .none
        }
        add("heapreplace", "heap, item", .exact) { args in
            let l = try list(args["heap"], "heapreplace")
            guard !l.items.isEmpty else { throw PyException.indexError("index out of range") }
            let top = l.items[0]
            l.items[0] = args["item"]
            try siftUp(&l.items, 0)
            return top
        }
        add("heappushpop", "heap, item", .exact) { args in
            let l = try list(args["heap"], "heappushpop")
            var item = args["item"]
            if let first = l.items.first, try lessThan(first, item) {
                (item, l.items[0]) = (first, item)
                try siftUp(&l.items, 0)
            }
            return item
        }
        m.addFunction("nlargest", signature: "n, iterable, key=None") { args in
            try select(n: try args.int("n"), args["iterable"], key: args["key"], largest: true)
        }
        m.addFunction("nsmallest", signature: "n, iterable, key=None") { args in
            try select(n: try args.int("n"), args["iterable"], key: args["key"], largest: false)
        }
        m.addFunction("merge", signature: "*iterables, key=None, reverse=False") { args in
            var all: [Value] = []
            for it in args.extraPositional { all += try iterateToArray(it) }
            try sortValues(&all, key: args.isNone("key") ? nil : args["key"], reverse: try args.bool("reverse"))
            return .object(ArrayIterator(all))
        }
        return m.module
    }

    /// heapq.py's nlargest/nsmallest: the first n in sorted order, earlier items first among ties.
    static func select(n: Int, _ iterable: Value, key: Value, largest: Bool) throws -> Value {
        if n <= 0 { return .list([]) }
        let items = try iterateToArray(iterable)
        let keys = key.isNone ? items : try items.map { try callValue(key, Arguments([$0])) }
        if n == 1 {
            guard !items.isEmpty else { return .list([]) }
            var best = 0
            for i in 1..<items.count where try largest ? lessThan(keys[best], keys[i]) : lessThan(keys[i], keys[best]) { best = i }
            return .list([items[best]])
        }
        // sorted(iterable, key=key, reverse=largest)[:n] is what heapq returns in every branch.
        var order = items.indices.map { Value.int($0) }
        let orderKeys = keys
        try stableSort(&order, keys: orderKeys, reverse: largest)
        return .list(order.prefix(n).map { v in
            if case .int(let i) = v { return items[i] }
            return .none
        })
    }
}
