/// Feeds any `Encodable` value into a `FingerprintHasher`: keys, tagged values, container
/// boundaries, and a marker for every absent optional (the standard `encodeIfPresent` would
/// skip it, making `(nil, "x")` and `("x", nil)` hash alike). Dictionaries and sets are fed in
/// sorted order, since their iteration order changes from one process to the next.
enum FingerprintEncoder {
    static func encode<Value: Encodable>(_ value: Value, into hasher: inout FingerprintHasher) {
        let sink = Sink(hasher)
        sink.value(value)
        hasher = sink.hasher
    }

    final class Sink {
        var hasher: FingerprintHasher
        init(_ hasher: FingerprintHasher) { self.hasher = hasher }

        func value<T: Encodable>(_ value: T) {
            switch value {
            case let string as String: hasher.combine(string)
            case let bool as Bool: hasher.combine(bool)
            case let int as Int: hasher.combine(int)
            case let fingerprint as Fingerprint: hasher.combine(fingerprint)
            case let number as any BinaryInteger: hasher.combine(Int(truncatingIfNeeded: number))
            case let number as Double: hasher.combine(tag: FingerprintHasher.Tag.double); hasher.combine(number.bitPattern)
            case let number as Float: hasher.combine(tag: FingerprintHasher.Tag.double); hasher.combine(Double(number).bitPattern)
            case let dictionary as [String: any Encodable]:
                hasher.combine(tag: FingerprintHasher.Tag.open)
                for key in dictionary.keys.sorted() {
                    hasher.combine(tag: FingerprintHasher.Tag.key)
                    hasher.combine(key)
                    self.value(dictionary[key]!)  // opened: nested dictionaries and sets are sorted too
                }
                hasher.combine(tag: FingerprintHasher.Tag.close)
            case let table as ComparisonTable: table.combine(into: &hasher)
            case let set as Set<String>:
                hasher.combine(tag: FingerprintHasher.Tag.open)
                for element in set.sorted() { hasher.combine(element) }
                hasher.combine(tag: FingerprintHasher.Tag.close)
            default:
                hasher.combine(tag: FingerprintHasher.Tag.open)
                try? value.encode(to: HashingEncoder(sink: self))  // never throws
                hasher.combine(tag: FingerprintHasher.Tag.close)
            }
        }

        func key(_ key: some CodingKey) {
            hasher.combine(tag: FingerprintHasher.Tag.key)
            hasher.combine(key.stringValue)
        }

        func absent() { hasher.combine(tag: FingerprintHasher.Tag.absent) }
    }

    private struct HashingEncoder: Encoder {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(Keyed<Key>(sink: sink))
        }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { Unkeyed(sink: sink) }
        func singleValueContainer() -> any SingleValueEncodingContainer { Single(sink: sink) }
    }

    private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil(forKey key: Key) throws { sink.key(key); sink.absent() }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { sink.key(key); sink.value(value) }

        // Absent optionals leave a mark (the default implementations would skip them).
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try encodeOptional(value, key) }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try encodeOptional(value, key) }

        private func encodeOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
            sink.key(key)
            if let value { sink.value(value) } else { sink.absent() }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            sink.key(key)
            sink.hasher.combine(tag: FingerprintHasher.Tag.open)
            return KeyedEncodingContainer(Keyed<NestedKey>(sink: sink))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            sink.key(key)
            sink.hasher.combine(tag: FingerprintHasher.Tag.open)
            return Unkeyed(sink: sink)
        }
        mutating func superEncoder() -> any Encoder { HashingEncoder(sink: sink) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { sink.key(key); return HashingEncoder(sink: sink) }
    }

    private struct Unkeyed: UnkeyedEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }
        var count = 0

        mutating func encodeNil() throws { count += 1; sink.absent() }
        mutating func encode<T: Encodable>(_ value: T) throws { count += 1; sink.value(value) }
        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            count += 1
            sink.hasher.combine(tag: FingerprintHasher.Tag.open)
            return KeyedEncodingContainer(Keyed<NestedKey>(sink: sink))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            count += 1
            sink.hasher.combine(tag: FingerprintHasher.Tag.open)
            return Unkeyed(sink: sink)
        }
        mutating func superEncoder() -> any Encoder { HashingEncoder(sink: sink) }
    }

    private struct Single: SingleValueEncodingContainer {
        let sink: Sink
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { sink.absent() }
        mutating func encode<T: Encodable>(_ value: T) throws { sink.value(value) }
    }
}

extension ComparisonTable {
    /// Fed by hand, field by field: through `Encodable` each optional cell took about a
    /// microsecond, and every page's tables are hashed twice a build (its render inputs and the
    /// site's fingerprint). A field added to these types must be added here too; a test compares
    /// the fields listed here with the stored properties.
    func combine(into hasher: inout FingerprintHasher) {
        hasher.combine(tag: FingerprintHasher.Tag.open)
        if let caption { hasher.combine(caption) } else { hasher.combine(tag: FingerprintHasher.Tag.absent) }
        hasher.combine(columns.count)
        for column in columns {
            hasher.combine(column.destination)
            hasher.combine(column.title)
        }
        hasher.combine(rows.count)
        for row in rows {
            hasher.combine(row.label)
            hasher.combine(row.values.count)
            for value in row.values {
                if let value { hasher.combine(value) } else { hasher.combine(tag: FingerprintHasher.Tag.absent) }
            }
        }
        hasher.combine(tag: FingerprintHasher.Tag.close)
    }

    /// The stored properties `combine(into:)` feeds, by type, for that test.
    static let fingerprintedFields = ["ComparisonTable": ["caption", "columns", "rows"],
                                      "Column": ["destination", "title"], "Row": ["label", "values"]]
}
