import Foundation
import Testing
@testable import SitemarkKit

/// Builds `Tests/Fixtures/basic-site` and compares every output file with
/// `Tests/Fixtures/basic-site.expected`. After a deliberate change to the output, regenerate with
/// `SITEMARK_UPDATE_GOLDEN=1 swift test --filter GoldenOutputTests` and review the diff.
@Suite struct GoldenOutputTests {
    static let fixture = Repository.fixtures.appendingPathComponent("basic-site")
    static let expected = Repository.fixtures.appendingPathComponent("basic-site.expected")

    @Test func fixtureSiteMatchesGoldenOutput() throws {
        let project = try FixtureProject(copying: Self.fixture)
        defer { project.cleanUp() }
        let report = project.build()
        #expect(report.diagnostics.isEmpty, "\(report.messages())")

        var actual = project.snapshot()
        actual.removeValue(forKey: OutputWriter.markerName)
        if ProcessInfo.processInfo.environment["SITEMARK_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.removeItem(at: Self.expected)
            for (path, data) in actual {
                let url = Self.expected.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let golden = project.snapshot(of: Self.expected)
        #expect(Set(actual.keys) == Set(golden.keys))
        for (path, data) in golden.sorted(by: { $0.key < $1.key }) {
            #expect(actual[path] == data, "\(path) differs from the golden file")
        }
    }
}
