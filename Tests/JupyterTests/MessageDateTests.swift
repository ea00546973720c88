import Foundation
import Testing
@testable import Jupyter

struct MessageDateTests {
    @Test(arguments: [0.0, 1.5, 1_795_000_000.123456, 1_795_000_000.999999, 4_102_444_799.25])
    func timestampsReadBackToTheSameInstant(seconds: Double) throws {
        let date = Date(timeIntervalSince1970: seconds)
        let parsed = try #require(MessageHeader.date(from: MessageHeader.timestamp(date)))
        #expect(abs(parsed.timeIntervalSince1970 - seconds) < 2e-6)
    }

    @Test func zoneOffsetsAndMissingFractionsAreUnderstood() throws {
        let utc = try #require(MessageHeader.date(from: "2026-11-24T20:00:00Z"))
        #expect(MessageHeader.date(from: "2026-11-24T21:00:00+01:00") == utc)
        #expect(MessageHeader.date(from: "2026-11-24T20:00:00.500000+00:00")?.timeIntervalSince(utc) == 0.5)
        #expect(MessageHeader.date(from: "yesterday") == nil)
    }
}
