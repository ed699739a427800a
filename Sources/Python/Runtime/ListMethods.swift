// list and tuple methods (append, extend, sort with key/reverse, index, ...) and the
// stable merge sort shared with `sorted()`.

/// Python's `a < b` as a Swift Bool, with fast paths for homogeneous ints/floats/strs.
@inline(__always) func lessThan(_ a: Value, _ b: Value) throws -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y
    case (.float(let x), .float(let y)): return x < y
    case (.str(let x), .str(let y)): return compareStrings(x, .less, y)
    default: return try isTruthy(compareValues(a, .less, b))
    }
}

/// Stable merge sort with a throwing comparison (Python's `list.sort` semantics).
func stableSort(_ items: inout [Value], keys: [Value]?, reverse: Bool) throws {
    let n = items.count
    if n < 2 { return }
    let sortKeys = keys ?? items
    var order = Array(0..<n)
    var buffer = order
    func before(_ i: Int, _ j: Int) throws -> Bool {
        reverse ? try lessThan(sortKeys[j], sortKeys[i]) : try lessThan(sortKeys[i], sortKeys[j])
    }
    var width = 1
    // Insertion-sort runs of 8 first.
    let run = 8
    var start = 0
    while start < n {
        let end = min(start + run, n)
        var i = start + 1
        while i < end {
            let x = order[i]
            var j = i - 1
            while j >= start, try before(x, order[j]) {
                order[j + 1] = order[j]
                j -= 1
            }
            order[j + 1] = x
            i += 1
        }
        start = end
    }
    width = run
    while width < n {
        var lo = 0
        while lo < n {
            let mid = min(lo + width, n), hi = min(lo + 2 * width, n)
            var i = lo, j = mid, k = lo
            while i < mid && j < hi {
                if try before(order[j], order[i]) {
                    buffer[k] = order[j]
                    j += 1
                } else {
                    buffer[k] = order[i]
                    i += 1
                }
                k += 1
            }
            while i < mid { buffer[k] = order[i]; i += 1; k += 1 }
            while j < hi { buffer[k] = order[j]; j += 1; k += 1 }
            lo = hi
        }
        swap(&order, &buffer)
        width *= 2
    }
    items = order.map { items[$0] }
}

/// Sorts with optional `key` callable and `reverse` flag.
func sortValues(_ items: inout [Value], key: Value?, reverse: Bool) throws {
    var keys: [Value]?
    if let k = key, !k.isNone {
        keys = try items.map { try callValue(k, Arguments([$0])) }
    }
    try stableSort(&items, keys: keys, reverse: reverse)
}

enum ListMethods {
    static func selfList(_ args: Arguments, _ name: String) throws -> PyList {
        guard case .object(let o)? = args.positional.first, let list = o as? PyList else {
            throw PyException.typeError("descriptor '\(name)' for 'list' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
        }
        return list
    }

    static func argument(_ args: Arguments, _ name: String, count: Int) throws {
        if args.count - 1 != count {
            if count == 1 {
                throw PyException.typeError("list.\(name)() takes exactly one argument (\(args.count - 1) given)")
            }
            throw PyException.typeError("\(name)() takes exactly \(count) arguments (\(args.count - 1) given)")
        }
    }

    static func installList(_ c: PyClass) {
        c.constructor = { _, args in
            try args.expectNoKeywords("list")
            try args.expectCount("list", 0...1)
            guard let v = args.positional.first else { return .list([]) }
            return .list(try iterateToArray(v))
        }
        c.method("append") { args in
            let list = try selfList(args, "append")
            try argument(args, "append", count: 1)
            list.items.append(args[1])
            return .none
        }
        c.method("extend") { args in
            let list = try selfList(args, "extend")
            try argument(args, "extend", count: 1)
            list.items.append(contentsOf: try iterateToArray(args[1]))
            return .none
        }
        c.method("insert") { args in
            let list = try selfList(args, "insert")
            try argument(args, "insert", count: 2)
            guard let i = try indexValue(args[1]) else {
                throw PyException.typeError("'\(args[1].typeName)' object cannot be interpreted as an integer")
            }
            let n = list.items.count
            let position = i < 0 ? max(0, i + n) : min(i, n)
            list.items.insert(args[2], at: position)
            return .none
        }
        c.method("pop") { args in
            let list = try selfList(args, "pop")
            if list.items.isEmpty { throw PyException.indexError("pop from empty list") }
            var i = list.items.count - 1
            if args.count > 1 {
                guard let index = try indexValue(args[1]) else {
                    throw PyException.typeError("'\(args[1].typeName)' object cannot be interpreted as an integer")
                }
                guard let j = normalizedIndex(index, count: list.items.count) else { throw PyException.indexError("pop index out of range") }
                i = j
            }
            return list.items.remove(at: i)
        }
        c.method("remove") { args in
            let list = try selfList(args, "remove")
            try argument(args, "remove", count: 1)
            for (i, item) in list.items.enumerated() where try equals(item, args[1]) {
                list.items.remove(at: i)
                return .none
            }
            throw PyException.valueError("list.remove(x): x not in list")
        }
        c.method("index") { args in
            let list = try selfList(args, "index")
            guard args.count >= 2 else { throw PyException.typeError("index expected at least 1 argument, got 0") }
            let (lo, hi) = StringMethods.bounds(list.items.count, try StringMethods.argInt(args, 2), try StringMethods.argInt(args, 3))
            if lo < hi {
                for i in lo..<hi where try equals(list.items[i], args[1]) { return .int(i) }
            }
            throw PyException.valueError("\(try repr(args[1])) is not in list")
        }
        c.method("count") { args in
            let list = try selfList(args, "count")
            try argument(args, "count", count: 1)
            var n = 0
            for item in list.items where try equals(item, args[1]) { n += 1 }
            return .int(n)
        }
        c.method("clear") { args in
            try selfList(args, "clear").items.removeAll()
            return .none
        }
        c.method("copy") { args in .list(try selfList(args, "copy").items) }
        c.method("reverse") { args in
            try selfList(args, "reverse").items.reverse()
            return .none
        }
        c.method("sort") { args in
            let list = try selfList(args, "sort")
            if args.count > 1 { throw PyException.typeError("sort() takes no positional arguments") }
            var items = list.items
            try sortValues(&items, key: args.keyword("key"), reverse: try isTruthy(args.keyword("reverse") ?? .false))
            list.items = items
            return .none
        }
        c.method("__len__") { args in .int(try selfList(args, "__len__").items.count) }
        c.method("__getitem__") { args in try getItem(args[0], args.positional.count > 1 ? args[1] : .none) }
        c.method("__setitem__") { args in
            try setItem(args[0], args[1], args[2])
            return .none
        }
        c.method("__contains__") { args in .bool(try contains(args[0], args[1])) }
        c.method("__iter__") { args in .object(try makeIterator(args[0])) }
    }

    static func installTuple(_ c: PyClass) {
        c.constructor = { _, args in
            try args.expectNoKeywords("tuple")
            try args.expectCount("tuple", 0...1)
            guard let v = args.positional.first else { return .tuple([]) }
            if case .object(let o) = v, type(of: o) == PyTuple.self { return v }
            return .tuple(try iterateToArray(v))
        }
        c.method("index") { args in
            guard case .object(let o) = args[0], let t = o as? PyTuple, args.count >= 2 else { return .none }
            for (i, item) in t.items.enumerated() where try equals(item, args[1]) { return .int(i) }
            throw PyException.valueError("tuple.index(x): x not in tuple")
        }
        c.method("count") { args in
            guard case .object(let o) = args[0], let t = o as? PyTuple else { return .none }
            guard args.count == 2 else { throw PyException.typeError("tuple.count() takes exactly one argument (\(args.count - 1) given)") }
            var n = 0
            for item in t.items where try equals(item, args[1]) { n += 1 }
            return .int(n)
        }
        c.method("__len__") { args in .int(try length(args[0])) }
        c.method("__getitem__") { args in try getItem(args[0], args[1]) }
    }
}
