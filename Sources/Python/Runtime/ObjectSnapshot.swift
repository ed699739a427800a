// Saving what an object holds and putting it back in place, for the workbench's step
// snapshots (`back` without replaying). Native types plug in through `ObjectSnapshot.register`.

/// What one object held when it was saved: the values it refers to (saved in turn) and
/// how to put its own state back.
public struct SavedObjectState {
    /// Values the object refers to; the snapshot saves them too.
    public var references: [Value]
    /// Puts the saved state back into the object.
    public var restore: () -> Void
    /// Memory whose bytes the snapshot must copy (a tensor's storage); the caller knows its type.
    public var contents: [AnyObject]
    /// For objects with no attributes to show (iterators): their state by name, so that two
    /// can be compared (`position`, the list iterated).
    public var fields: [(String, Value)]

    public init(references: [Value], contents: [AnyObject] = [], fields: [(String, Value)] = [], restore: @escaping () -> Void) {
        self.references = references
        self.contents = contents
        self.fields = fields
        self.restore = restore
    }

    /// An object with no state of its own that changes, only references (a tuple).
    public static func referencing(_ values: [Value]) -> SavedObjectState { SavedObjectState(references: values, restore: {}) }
}

/// An object whose state a snapshot cannot save (a generator suspended mid-body, an open file).
public struct UnsavableObject: Error, CustomStringConvertible {
    public let typeName: String
    public init(typeName: String) { self.typeName = typeName }
    public var description: String { "a \(typeName) object cannot be saved" }
}

public enum ObjectSnapshot {
    /// Saves a native object's state; nil when the object is not yours.
    public typealias Saver = (PyObject) throws -> SavedObjectState?

    nonisolated(unsafe) private static var savers: [Saver] = []

    /// Registers a saver for native objects (the bindings call it once at start-up).
    public static func register(saver: @escaping Saver) { savers.append(saver) }

    /// The state of `o`, or nil when it holds nothing that changes and refers to nothing
    /// that does (functions' code, classes, modules, ranges). Throws `UnsavableObject`.
    public static func save(_ o: PyObject) throws -> SavedObjectState? {
        for saver in savers { if let s = try saver(o) { return s } }
        if o is PyClass || o is PyModule || o is PyBuiltinFunction || o is PyBytes || o is PyRange || o is PySlice
            || o is PyProperty || o === NotImplementedObject.shared || o === EllipsisObject.shared || o is PyException
            || o is PyStaticMethod || o is PyClassMethod { return nil }
        if let f = o as? PyFunction {
            let (defaults, keywords) = (f.defaults, f.keywordDefaults)
            return SavedObjectState(references: defaults + Array(keywords.values) + f.closure.map { .object($0) }) {
                f.defaults = defaults
                f.keywordDefaults = keywords
            }
        }
        if let cell = o as? PyCell {
            let value = cell.value
            return SavedObjectState(references: value.map { [$0] } ?? []) { cell.value = value }
        }
        // A closed file holds nothing more; a file open for reading, its position.
        if let file = o as? PyFile, file.closed || !file.writable {
            let (closed, position) = (file.closed, file.position)
            return closed ? nil : SavedObjectState(references: []) { (file.closed, file.position) = (closed, position) }
        }
        if let m = o as? PyBoundMethod { return .referencing([m.receiver, m.function]) }
        if let t = o as? PyTuple { return .referencing(t.items) }
        if let l = o as? PyList {
            let items = l.items
            return SavedObjectState(references: items) { l.items = items }
        }
        if let d = o as? PyDict {
            let storage = d.storage
            let attributes = (d as? DictSubclassObject)?.attributes
            let references = storage.entries.flatMap { [$0.0, $0.1] } + (attributes.map { Array($0.values) } ?? [])
            return SavedObjectState(references: references) {
                d.storage = storage
                if let attributes { (d as? DictSubclassObject)?.attributes = attributes }
            }
        }
        if let s = o as? PySet {
            let storage = s.storage
            return SavedObjectState(references: s.elements) { s.storage = storage }
        }
        if let r = o as? RandomObject {
            let (generator, gaussNext) = (r.generator, r.gaussNext)
            return SavedObjectState(references: []) {
                r.generator = generator
                r.gaussNext = gaussNext
            }
        }
        if let i = o as? ListIterator {
            let position = i.position
            return SavedObjectState(references: [.object(i.list)], fields: [("list", .object(i.list)), ("position", .int(position))]) {
                i.position = position
            }
        }
        if let i = o as? ArrayIterator {
            let position = i.position
            return SavedObjectState(references: i.items, fields: [("items", .list(i.items)), ("position", .int(position))]) {
                i.position = position
            }
        }
        if let i = o as? RangeIterator {
            let (current, remaining) = (i.current, i.remaining)
            return SavedObjectState(references: [], fields: [("current", .int(current)), ("remaining", .int(remaining))]) {
                i.current = current
                i.remaining = remaining
            }
        }
        if let i = o as? DictIterator {
            let position = i.position
            let source = [i.dict.map { Value.object($0) }, i.set.map { .object($0) }].compactMap { $0 }
            return SavedObjectState(references: source, fields: source.map { ("source", $0) } + [("position", .int(position))]) {
                i.position = position
            }
        }
        if let instance = o as? PyInstance {
            let attributes = instance.attributes
            return SavedObjectState(references: attributes.map(\.value)) { instance.attributes = attributes }
        }
        throw UnsavableObject(typeName: o.pyClass.name)
    }
}

extension Interpreter {
    /// A module this interpreter has imported (`random`), nil if it has not.
    public func loadedModule(_ name: String) -> PyModule? { modules[name] }
}
