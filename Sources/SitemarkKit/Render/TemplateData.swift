import Mustache

/// Turns a template context into dictionaries and arrays, once per page, before Mustache sees it.
///
/// swift-mustache looks up every `{{name}}` of a plain struct with `Mirror`, which lists and
/// demangles all of the struct's fields on each lookup: profiling a 1,000-page build showed
/// 75% of the render stage there. A `[String: Any]` is a `MustacheParent`, looked up by hashing.
/// The conversion goes through the context's synthesized `Encodable` conformance; a field
/// whose type is not `Encodable` does not compile.
///
/// Values of the view types that look their fields up directly (`MustacheParent`, in
/// MustacheLookup.swift) stay as they are: a field added to one of those must also be added to
/// its `child(named:)` list, which MustacheLookupTests checks.
///
/// Semantics match the reflected struct: `nil` optionals are absent (sections skip them and
/// lookups climb the context stack, as before), arrays stay arrays (sections iterate them),
/// `Bool`, numbers and strings stay themselves.
enum TemplateData {
    static func make<Value: Encodable>(_ value: Value) -> Any {
        // Our encoders never throw; a context that failed would render as nothing.
        (try? treeValue(value)) ?? [String: Any]()
    }
}

/// Where one encoded value lands: a leaf, or a container box that Mustache reads directly
/// (no second pass to turn boxes into dictionaries and arrays).
private final class TreeSlot {
    var value: Any?
}

/// A keyed container, read by Mustache as a `MustacheParent` (by name, hashed).
private final class KeyedBox: MustacheParent {
    var values: [String: Any] = [:]
    func child(named name: String) -> Any? { values[name] }
}

/// An unkeyed container, read by Mustache as a sequence (sections iterate it; empty is false).
private final class UnkeyedBox: MustacheSequence {
    var values: [Any] = []
    func makeIterator() -> IndexingIterator<[Any]> { values.makeIterator() }
}

private struct TreeEncoder: Encoder {
    let slot: TreeSlot
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let box = (slot.value as? KeyedBox) ?? KeyedBox()
        slot.value = box
        return KeyedEncodingContainer(KeyedTree<Key>(box: box))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let box = (slot.value as? UnkeyedBox) ?? UnkeyedBox()
        slot.value = box
        return UnkeyedTree(box: box)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleTree(slot: slot) }
}

/// Leaves are stored as themselves; anything else is encoded into a box. Containers are filled
/// before `encode(to:)` returns (synthesized and standard-library conformances all do), so the
/// box is complete when it is stored.
private func treeValue<T: Encodable>(_ value: T) throws -> Any? {
    switch value {
    case let string as String: return string
    case let bool as Bool: return bool
    case let int as Int: return int
    case let number as any BinaryInteger: return number
    case let number as any BinaryFloatingPoint: return number
    // The view types with direct lookups (`MustacheLookup.swift`, checked field by field by
    // MustacheLookupTests) are read as they are: no box to build for every link of a list.
    case let parent as any MustacheParent: return parent
    default:
        let slot = TreeSlot()
        try value.encode(to: TreeEncoder(slot: slot))
        return slot.value
    }
}

private struct KeyedTree<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: KeyedBox
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { box.values[key.stringValue] = try treeValue(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox()
        box.values[key.stringValue] = nested
        return KeyedEncodingContainer(KeyedTree<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox()
        box.values[key.stringValue] = nested
        return UnkeyedTree(box: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let nested = KeyedBox()
        box.values[key.stringValue] = nested
        let slot = TreeSlot()
        slot.value = nested
        return TreeEncoder(slot: slot)
    }
}

private struct UnkeyedTree: UnkeyedEncodingContainer {
    let box: UnkeyedBox
    var codingPath: [any CodingKey] { [] }
    var count: Int { box.values.count }

    mutating func encodeNil() throws {}
    mutating func encode<T: Encodable>(_ value: T) throws {
        if let element = try treeValue(value) { box.values.append(element) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = KeyedBox()
        box.values.append(nested)
        return KeyedEncodingContainer(KeyedTree<NestedKey>(box: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = UnkeyedBox()
        box.values.append(nested)
        return UnkeyedTree(box: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let nested = KeyedBox()
        box.values.append(nested)
        let slot = TreeSlot()
        slot.value = nested
        return TreeEncoder(slot: slot)
    }
}

private struct SingleTree: SingleValueEncodingContainer {
    let slot: TreeSlot
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { slot.value = nil }
    mutating func encode<T: Encodable>(_ value: T) throws { slot.value = try treeValue(value) }
}
