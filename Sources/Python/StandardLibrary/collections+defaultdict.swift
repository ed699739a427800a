// `collections.defaultdict`: a dict calling `default_factory` for missing keys.

final class DefaultDictObject: DictSubclassObject {
    var defaultFactory: Value = .none

    override func missing(_ key: Value) throws -> Value {
        if defaultFactory.isNone { throw PyException.keyError(key) }
        let value = try callValue(defaultFactory, Arguments())
        try storage.setChecked(key, value)
        return value
    }

    override func nativeRepr() throws -> String {
        "\(className)(\(try Python.repr(defaultFactory)), \(try entriesRepr()))"
    }

    override func getAttribute(_ name: String) throws -> Value? {
        if name == "default_factory" { return defaultFactory }
        return try super.getAttribute(name)
    }

    override func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        if name == "default_factory" {
            defaultFactory = value
            return true
        }
        return try super.setAttribute(name, value)
    }
}

extension CollectionsModule {
    static func makeDefaultDict() -> NativeClass {
        let native = dictSubclass("defaultdict", make: { DefaultDictObject(cls: $0) }) { d, args in
            guard let dd = d as? DefaultDictObject else { return }
            var rest = args.positional
            if let first = rest.first {
                if case .object(let o) = first, o.isCallable {} else if !first.isNone {
                    throw PyException.typeError("first argument must be callable or None")
                }
                dd.defaultFactory = first
                rest.removeFirst()
            }
            if rest.count > 1 { throw PyException.typeError("dict expected at most 1 argument, got \(rest.count)") }
            try DictMethods.update(dd, rest.first, args.keywords)
        }
        native.addRawMethod("__missing__") { args in
            let d = try receiver(args, DefaultDictObject.self, "defaultdict", "__missing__")
            return try d.missing(args[1])
        }
        native.addRawMethod("copy") { args in
            let d = try receiver(args, DefaultDictObject.self, "defaultdict", "copy")
            let copy = DefaultDictObject(cls: d.cls)
            copy.defaultFactory = d.defaultFactory
            copy.storage = d.storage
            return .object(copy)
        }
        return native
    }
}
