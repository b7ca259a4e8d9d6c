/// A hash table keyed by short runs of bytes (words), looked up straight from a buffer: no
/// String is made for a key already in the table. The parse stage's readability memo and the
/// search index's word counts and the glossary matcher's vocabulary look up every word of the
/// site through one of these, where a `[String: Value]` cost a String and a SipHash per word.
///
/// Open addressing over FNV-1a hashes (`StableHash`), keys compared byte for byte on a hash hit.
struct ByteKeyedTable<Value> {
    private struct Slot: Sendable {
        /// 0: empty.
        var hash: UInt64
        var entry: Int32
    }

    private var keyBytes: [UInt8] = []
    private var keyRanges: [Range<Int>] = []
    private var slots: [Slot] = []
    /// By entry number, in order of first insertion.
    private(set) var values: [Value] = []

    var count: Int { values.count }

    /// The entry number of `key`, made with `makeValue` if the key is new.
    mutating func entry(for key: UnsafeBufferPointer<UInt8>, makeValue: () -> Value) -> Int {
        if (values.count + 1) * 2 > slots.count { grow() }
        let (found, slot, hash) = probe(key)
        if let found { return found }
        let start = keyBytes.count
        keyBytes.append(contentsOf: key)
        keyRanges.append(start..<keyBytes.count)
        values.append(makeValue())
        slots[slot] = Slot(hash: hash, entry: Int32(values.count - 1))
        return values.count - 1
    }

    /// The entry number of `key`, if it is in the table.
    func entry(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        slots.isEmpty ? nil : probe(key).found
    }

    /// Where `key` is, or the empty slot where it would go (there is always one: the table is
    /// kept at most half full).
    private func probe(_ key: UnsafeBufferPointer<UInt8>) -> (found: Int?, slot: Int, hash: UInt64) {
        let hash = StableHash.of(key) | 1  // 0 marks an empty slot
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot].hash != 0 {
            let candidate = slots[slot]
            if candidate.hash == hash, matches(keyRanges[Int(candidate.entry)], key) {
                return (Int(candidate.entry), slot, hash)
            }
            slot = (slot + 1) & mask
        }
        return (nil, slot, hash)
    }

    subscript(entry: Int) -> Value {
        get { values[entry] }
        set { values[entry] = newValue }
    }

    /// The key of an entry, as text.
    func key(_ entry: Int) -> String { String(decoding: keyBytes[keyRanges[entry]], as: UTF8.self) }

    private func matches(_ stored: Range<Int>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        guard stored.count == key.count else { return false }
        guard let base = key.baseAddress, !key.isEmpty else { return true }
        return keyBytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + stored.lowerBound, base, key.count) == 0 }
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(hash: 0, entry: 0), count: max(256, old.count * 2))
        let mask = slots.count - 1
        for entry in old where entry.hash != 0 {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot].hash != 0 { slot = (slot + 1) & mask }
            slots[slot] = entry
        }
    }
}

extension ByteKeyedTable: Sendable where Value: Sendable {}

import Foundation
