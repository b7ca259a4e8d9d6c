import Testing
@testable import SitemarkKit

@Suite("parallelMap")
struct ParallelMapTests {
    /// Many small transforms finishing at once are what raced on the shared result slots
    /// (a crash, not a wrong answer, so the test's job is to survive and stay in order).
    @Test func manyThreadsStoringAtOnceKeepEveryResultInOrder() {
        let input = Array(0..<200_000)
        for _ in 0..<5 {
            let output = input.parallelMap { String($0) }
            #expect(output.count == input.count)
            #expect(output.enumerated().allSatisfy { $0.element == String($0.offset) })
        }
    }

    @Test func chunksShareTheirScratchAndStillReturnInInputOrder() {
        let input = Array(0..<10_000)
        let output = input.parallelMap(chunkSize: 64, scratch: { [Int]() }) { seen, element in
            seen.append(element)
            return element * 2 + (seen.count > 64 ? 1 : 0)
        }
        #expect(output == input.map { $0 * 2 })
    }
}
