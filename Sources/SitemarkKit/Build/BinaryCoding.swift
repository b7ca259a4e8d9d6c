/// A compact binary form of any `Codable` value, for the on-disk build cache. Going through the
/// synthesized conformances means a field added to `ParsedPage` (or anything inside it) is
/// stored with no list to keep up to date; a field whose type is not `Codable` does not compile.
///
/// Layout: a keyed container is a run of entries `key, length, value`; an unkeyed container a run
/// of `length, value`; lengths are 32-bit, `0xFFFF_FFFF` standing for nil. A single value is a
/// tag byte (0 nil, 1 present) and its bytes. Strings are raw UTF-8, numbers little-endian. A
/// container's extent is the length recorded by whoever holds it (the whole buffer at the top).
/// The reader never trusts the bytes: a short or malformed record throws, and the cache treats
/// that entry as missing.
enum BinaryCoding {
    static func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let writer = Writer()
        try value.encode(to: BinaryEncoder(writer: writer))
        if writer.unsupported { throw Unsupported() }
        return writer.bytes
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        try decode(type, from: bytes, in: bytes.startIndex..<bytes.endIndex)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], in range: Range<Int>) throws -> Value {
        try bytes.withUnsafeBufferPointer { buffer in
            try Value(from: BinaryDecoder(reader: Reader(buffer: buffer), range: range))
        }
    }

    struct Corrupt: Error {}
    /// The value's `encode(to:)` asked for a nested or super container, whose extent this
    /// format cannot frame; such a value is simply not cached.
    struct Unsupported: Error {}

    static let nilLength = UInt32.max
}

// MARK: Writing

private final class Writer {
    var bytes: [UInt8] = []
    var unsupported = false

    /// Where writes go once the value turned out to be unsupported (they are thrown away).
    func scratch() -> Writer {
        unsupported = true
        return Writer()
    }

    init() { bytes.reserveCapacity(4096) }

    func length(_ value: Int) { withUnsafeBytes(of: UInt32(value).littleEndian) { bytes.append(contentsOf: $0) } }

    func string(_ value: String) {
        length(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    /// Writes a length-prefixed value: reserves the length, writes, then fills it in.
    func framed(_ body: () throws -> Void) rethrows {
        let start = bytes.count
        bytes.append(contentsOf: [0, 0, 0, 0])
        try body()
        let length = UInt32(bytes.count - start - 4).littleEndian
        withUnsafeBytes(of: length) { raw in
            for offset in 0..<4 { bytes[start + offset] = raw[offset] }
        }
    }

    func nilMarker() { length(Int(BinaryCoding.nilLength)) }

    /// The bytes of one primitive, or nil when `value` is not a primitive.
    func primitive<T>(_ value: T) -> Bool {
        switch value {
        case let string as String: bytes.append(contentsOf: string.utf8)
        case let bool as Bool: bytes.append(bool ? 1 : 0)
        case let int as Int: withUnsafeBytes(of: Int64(int).littleEndian) { bytes.append(contentsOf: $0) }
        case let number as UInt64: withUnsafeBytes(of: number.littleEndian) { bytes.append(contentsOf: $0) }
        case let number as Double: withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        case let number as any FixedWidthInteger:
            withUnsafeBytes(of: Int64(truncatingIfNeeded: number).littleEndian) { bytes.append(contentsOf: $0) }
        case let number as Float: withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        default: return false
        }
        return true
    }

    func value<T: Encodable>(_ value: T) throws {
        try framed {
            if !primitive(value) { try value.encode(to: BinaryEncoder(writer: self)) }
        }
    }
}

private struct BinaryEncoder: Encoder {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedWriter<Key>(writer: writer))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedWriter(writer: writer) }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(writer: writer) }
}

private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        writer.string(key.stringValue)
        writer.nilMarker()
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        writer.string(key.stringValue)
        try writer.value(value)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        // Nested containers are filled after this returns, so their length cannot be framed.
        KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer.scratch()))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { UnkeyedWriter(writer: writer.scratch()) }
    mutating func superEncoder() -> any Encoder { BinaryEncoder(writer: writer.scratch()) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { BinaryEncoder(writer: writer.scratch()) }
}

private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }
    var count = 0

    mutating func encodeNil() throws { count += 1; writer.nilMarker() }
    mutating func encode<T: Encodable>(_ value: T) throws { count += 1; try writer.value(value) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedWriter<NestedKey>(writer: writer.scratch()))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedWriter(writer: writer.scratch()) }
    mutating func superEncoder() -> any Encoder { BinaryEncoder(writer: writer.scratch()) }
}

private struct SingleWriter: SingleValueEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.bytes.append(0) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        writer.bytes.append(1)
        if !writer.primitive(value) { try value.encode(to: BinaryEncoder(writer: writer)) }
    }
}

// MARK: Reading

private struct Reader {
    let buffer: UnsafeBufferPointer<UInt8>

    func length(at offset: Int, limit: Int) throws -> UInt32 {
        guard offset + 4 <= limit else { throw BinaryCoding.Corrupt() }
        return UInt32(buffer[offset]) | UInt32(buffer[offset + 1]) << 8 | UInt32(buffer[offset + 2]) << 16 | UInt32(buffer[offset + 3]) << 24
    }

    /// The range of a framed value at `offset`, or nil for the nil marker; `next` is past it.
    func frame(at offset: Int, limit: Int) throws -> (range: Range<Int>?, next: Int) {
        let length = try self.length(at: offset, limit: limit)
        if length == BinaryCoding.nilLength { return (nil, offset + 4) }
        let end = offset + 4 + Int(length)
        guard end <= limit else { throw BinaryCoding.Corrupt() }
        return (offset + 4..<end, end)
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
    }

    func integer(_ range: Range<Int>) throws -> Int64 {
        guard range.count == 8 else { throw BinaryCoding.Corrupt() }
        return Int64(littleEndian: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[range])).loadUnaligned(as: Int64.self))
    }

    func primitive<T>(_ type: T.Type, _ range: Range<Int>) throws -> T? {
        switch type {
        case is String.Type: return string(range) as? T
        case is Bool.Type:
            guard range.count == 1 else { throw BinaryCoding.Corrupt() }
            return (buffer[range.lowerBound] != 0) as? T
        case is Int.Type: return Int(try integer(range)) as? T
        case is UInt64.Type: return UInt64(bitPattern: try integer(range)) as? T
        case is Double.Type: return Double(bitPattern: UInt64(bitPattern: try integer(range))) as? T
        case let integerType as any FixedWidthInteger.Type:
            return integerType.init(truncatingIfNeeded: try integer(range)) as? T
        case is Float.Type:
            guard range.count == 4 else { throw BinaryCoding.Corrupt() }
            return Float(bitPattern: UInt32(try length(at: range.lowerBound, limit: range.upperBound))) as? T
        default: return nil
        }
    }

    func value<T: Decodable>(_ type: T.Type, _ range: Range<Int>) throws -> T {
        if let primitive = try primitive(type, range) { return primitive }
        return try T(from: BinaryDecoder(reader: self, range: range))
    }
}

private struct BinaryDecoder: Decoder {
    let reader: Reader
    let range: Range<Int>
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(try KeyedReader<Key>(reader: reader, range: range))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedReader(reader: reader, range: range) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(reader: reader, range: range) }
}

private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    /// Entries in written order (a struct has a handful; keys are short, compared inline).
    private var entries: [(key: String, value: Range<Int>?)] = []
    var codingPath: [any CodingKey] { [] }

    init(reader: Reader, range: Range<Int>) throws {
        self.reader = reader
        var offset = range.lowerBound
        while offset < range.upperBound {
            let (keyRange, afterKey) = try reader.frame(at: offset, limit: range.upperBound)
            guard let keyRange else { throw BinaryCoding.Corrupt() }
            let (value, next) = try reader.frame(at: afterKey, limit: range.upperBound)
            entries.append((reader.string(keyRange), value))
            offset = next
        }
    }

    var allKeys: [Key] { entries.compactMap { Key(stringValue: $0.key) } }

    private func find(_ key: Key) -> Int? {
        let name = key.stringValue
        return entries.firstIndex { $0.key == name }
    }

    func contains(_ key: Key) -> Bool { entries.contains { $0.key == key.stringValue } }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let index = find(key) else { throw BinaryCoding.Corrupt() }
        return entries[index].value == nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let index = find(key), let range = entries[index].value else { throw BinaryCoding.Corrupt() }
        return try reader.value(type, range)
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let index = find(key), let range = entries[index].value else { return nil }
        return try reader.value(type, range)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        guard let index = find(key), let range = entries[index].value else { throw BinaryCoding.Corrupt() }
        return KeyedDecodingContainer(try KeyedReader<NestedKey>(reader: reader, range: range))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        guard let index = find(key), let range = entries[index].value else { throw BinaryCoding.Corrupt() }
        return try UnkeyedReader(reader: reader, range: range)
    }
    func superDecoder() throws -> any Decoder { throw BinaryCoding.Corrupt() }
    func superDecoder(forKey key: Key) throws -> any Decoder { throw BinaryCoding.Corrupt() }
}

private struct UnkeyedReader: UnkeyedDecodingContainer {
    let reader: Reader
    private var elements: [Range<Int>?] = []
    var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(reader: Reader, range: Range<Int>) throws {
        self.reader = reader
        var offset = range.lowerBound
        while offset < range.upperBound {
            let (value, next) = try reader.frame(at: offset, limit: range.upperBound)
            elements.append(value)
            offset = next
        }
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd else { throw BinaryCoding.Corrupt() }
        if elements[currentIndex] == nil { currentIndex += 1; return true }
        return false
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd, let range = elements[currentIndex] else { throw BinaryCoding.Corrupt() }
        currentIndex += 1
        return try reader.value(type, range)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        guard !isAtEnd, let range = elements[currentIndex] else { throw BinaryCoding.Corrupt() }
        currentIndex += 1
        return KeyedDecodingContainer(try KeyedReader<NestedKey>(reader: reader, range: range))
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard !isAtEnd, let range = elements[currentIndex] else { throw BinaryCoding.Corrupt() }
        currentIndex += 1
        return try UnkeyedReader(reader: reader, range: range)
    }
    mutating func superDecoder() throws -> any Decoder { throw BinaryCoding.Corrupt() }
}

private struct SingleReader: SingleValueDecodingContainer {
    let reader: Reader
    let range: Range<Int>
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { range.isEmpty || reader.buffer[range.lowerBound] == 0 }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !range.isEmpty, reader.buffer[range.lowerBound] == 1 else { throw BinaryCoding.Corrupt() }
        return try reader.value(type, range.lowerBound + 1..<range.upperBound)
    }
}
