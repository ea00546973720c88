import Foundation
import Synchronization

/// The digests of the most recent authenticated messages, so that a captured
/// message sent again — byte for byte, with its valid signature — is refused
/// instead of run twice. jupyter_client's `Session` does the same with its
/// `digest_history`.
///
/// Bounded: it remembers the last `capacity` digests (oldest forgotten first),
/// so a replay of a message older than that is not caught. The default,
/// 65 536, is `Session.digest_history_size`; at 32 bytes a digest the full
/// history costs about 5 MB. Shared by every channel of one kernel, since a
/// message captured on one channel can be replayed on another.
public final class SignatureHistory: Sendable {
    public static let defaultCapacity = 1 << 16

    /// An HMAC-SHA256 digest as one fixed-size value: no allocation per entry.
    private struct Digest: Hashable {
        var words: SIMD4<UInt64>

        /// Nil unless `bytes` is exactly 32 bytes long.
        init?(_ bytes: Data) {
            guard bytes.count == 32 else { return nil }
            var words = SIMD4<UInt64>()
            for (index, byte) in bytes.enumerated() {
                words[index / 8] |= UInt64(byte) << UInt64((index % 8) * 8)
            }
            self.words = words
        }
    }

    private struct Ring {
        var seen = Set<Digest>()
        var order: [Digest] = []
        var oldest = 0
    }

    public let capacity: Int
    private let ring = Mutex(Ring())

    public init(capacity: Int = SignatureHistory.defaultCapacity) {
        self.capacity = max(1, capacity)
    }

    /// Records the digest of an authenticated message (its signature decoded
    /// from hex, so the same digest in either letter case is the same entry).
    /// Returns false when it is already remembered: the message is a replay.
    /// A digest that is not 32 bytes is never a valid signature here and is
    /// refused too.
    public func insert(_ digest: Data) -> Bool {
        guard let digest = Digest(digest) else { return false }
        let capacity = self.capacity
        return ring.withLock { ring in
            guard !ring.seen.contains(digest) else { return false }
            if ring.order.count < capacity {
                ring.order.append(digest)
            } else {
                ring.seen.remove(ring.order[ring.oldest])
                ring.order[ring.oldest] = digest
                ring.oldest = (ring.oldest + 1) % capacity
            }
            ring.seen.insert(digest)
            return true
        }
    }

    /// How many digests are remembered now (at most `capacity`).
    public var count: Int { ring.withLock { $0.order.count } }
}
