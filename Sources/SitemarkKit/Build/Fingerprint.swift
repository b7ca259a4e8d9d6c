/// A 128-bit content hash, stable across processes and machines, used as the build cache's key.
/// (Swift's `Hasher` is seeded per process; FNV-64 is slow and its 64 bits are thin for a key
/// whose collision would give a wrong page.) MurmurHash3 x64-128: 16 bytes per step, about
/// 1 ms for 10,000 pages' worth of 9 KB.
public struct Fingerprint: Sendable, Hashable, Codable, CustomStringConvertible {
    public var low: UInt64
    public var high: UInt64

    public init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    public static let zero = Fingerprint(low: 0, high: 0)

    public static func of<Bytes: Collection>(_ bytes: Bytes, seed: UInt64 = 0) -> Fingerprint where Bytes.Element == UInt8 {
        if let result = bytes.withContiguousStorageIfAvailable({ murmur3(UnsafeRawBufferPointer($0), seed: seed) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { murmur3($0, seed: seed) }
    }

    public static func of(_ text: String) -> Fingerprint {
        var text = text
        return text.withUTF8 { murmur3(UnsafeRawBufferPointer($0), seed: 0) }
    }

    public var description: String {
        String(low, radix: 16).leftPadded(to: 16) + String(high, radix: 16).leftPadded(to: 16)
    }

    static func murmur3(_ data: UnsafeRawBufferPointer, seed: UInt64) -> Fingerprint {
        let c1: UInt64 = 0x87c3_7b91_1142_53d5, c2: UInt64 = 0x4cf5_ad43_2745_937f
        var h1 = seed, h2 = seed
        let count = data.count
        let blocks = count / 16
        for block in 0..<blocks {
            var k1 = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: block * 16, as: UInt64.self))
            var k2 = UInt64(littleEndian: data.loadUnaligned(fromByteOffset: block * 16 + 8, as: UInt64.self))
            k1 = k1 &* c1; k1 = k1.rotatedLeft(31); k1 = k1 &* c2; h1 ^= k1
            h1 = h1.rotatedLeft(27); h1 = h1 &+ h2; h1 = h1 &* 5 &+ 0x52dc_e729
            k2 = k2 &* c2; k2 = k2.rotatedLeft(33); k2 = k2 &* c1; h2 ^= k2
            h2 = h2.rotatedLeft(31); h2 = h2 &+ h1; h2 = h2 &* 5 &+ 0x3849_5ab5
        }
        let tail = blocks * 16
        let rest = count - tail
        var k1: UInt64 = 0, k2: UInt64 = 0
        if rest > 8 {
            for index in stride(from: rest - 1, through: 8, by: -1) { k2 ^= UInt64(data[tail + index]) << UInt64((index - 8) * 8) }
            k2 = k2 &* c2; k2 = k2.rotatedLeft(33); k2 = k2 &* c1; h2 ^= k2
        }
        if rest > 0 {
            for index in stride(from: min(rest, 8) - 1, through: 0, by: -1) { k1 ^= UInt64(data[tail + index]) << UInt64(index * 8) }
            k1 = k1 &* c1; k1 = k1.rotatedLeft(31); k1 = k1 &* c2; h1 ^= k1
        }
        h1 ^= UInt64(count); h2 ^= UInt64(count)
        h1 = h1 &+ h2; h2 = h2 &+ h1
        h1 = fmix(h1); h2 = fmix(h2)
        h1 = h1 &+ h2; h2 = h2 &+ h1
        return Fingerprint(low: h1, high: h2)
    }

    private static func fmix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33; k = k &* 0xff51_afd7_ed55_8ccd
        k ^= k >> 33; k = k &* 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }
}

/// Collects typed values into one canonical byte string and fingerprints it. Every value is
/// tagged and strings are length-prefixed, so ("ab", "c") and ("a", "bc") differ.
public struct FingerprintHasher: Sendable {
    private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(512) }

    public mutating func combine(_ string: String) {
        bytes.append(Tag.string)
        combineLength(string.utf8.count)
        bytes.append(contentsOf: string.utf8)
    }

    public mutating func combine(_ value: Int) {
        bytes.append(Tag.int)
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func combine(_ value: UInt64) {
        bytes.append(Tag.uint)
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    public mutating func combine(_ value: Bool) {
        bytes.append(value ? Tag.yes : Tag.no)
    }

    public mutating func combine(_ fingerprint: Fingerprint) {
        bytes.append(Tag.fingerprint)
        withUnsafeBytes(of: fingerprint.low.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: fingerprint.high.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A structural marker (start or end of a container, an absent value).
    mutating func combine(tag: UInt8) { bytes.append(tag) }

    /// Any `Encodable` value, through its (synthesized) conformance: a field added to the type
    /// is hashed with no list to update. Dictionaries and sets are hashed in sorted order.
    public mutating func combine<Value: Encodable>(encoding value: Value) {
        FingerprintEncoder.encode(value, into: &self)
    }

    public func finalize() -> Fingerprint { Fingerprint.of(bytes) }

    private mutating func combineLength(_ length: Int) {
        withUnsafeBytes(of: UInt32(truncatingIfNeeded: length).littleEndian) { bytes.append(contentsOf: $0) }
    }

    enum Tag {
        static let string: UInt8 = 1, int: UInt8 = 2, uint: UInt8 = 3, yes: UInt8 = 4, no: UInt8 = 5
        static let fingerprint: UInt8 = 6, double: UInt8 = 7, absent: UInt8 = 8
        static let open: UInt8 = 9, close: UInt8 = 10, key: UInt8 = 11
    }
}

extension UInt64 {
    @inline(__always)
    func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
