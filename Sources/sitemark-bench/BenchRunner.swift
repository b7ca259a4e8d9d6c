import Foundation
import SitemarkBench
import SitemarkKit

/// One timed run of a command: wall and CPU seconds and peak memory from `/usr/bin/time`, and
/// Sitemark's own stage times from its `--timings` lines.
struct Sample {
    var wall = 0.0
    var cpu = 0.0
    var peakKiB = 0
    var stages: [String: Double] = [:]
    var cacheLine = ""
}

struct BenchRunner {
    var sizes: [Int]
    var runs: Int
    var seed: UInt64
    var sitemark: String
    var hugo: String?
    var work: URL
    var theme: URL
    var keepOutputs: Bool

    static let stageOrder = ["load", "parse", "resolve", "render", "write", "cache"]

    struct SizeResult {
        var pages = 0
        var cold: [Sample] = []
        var noChange: [Sample] = []
        var edit: [Sample] = []
        var serveEdit: [Double] = []
        var hugo: [Sample] = []
        var hugoPages = 0
    }

    func run() throws -> String {
        var results: [(Int, SizeResult)] = []
        for size in sizes {
            results.append((size, try measure(size)))
        }
        return report(results)
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func measure(_ size: Int) throws -> SizeResult {
        let fileManager = FileManager.default
        let base = work.appendingPathComponent("\(size)")
        let project = base.appendingPathComponent("project"), hugoSite = base.appendingPathComponent("hugo")
        let outputs = base.appendingPathComponent("out"), trash = base.appendingPathComponent("trash")
        try? fileManager.removeItem(at: base)
        try fileManager.createDirectory(at: outputs, withIntermediateDirectories: true)
        try fileManager.createDirectory(at: trash, withIntermediateDirectories: true)

        log("[\(size)] generating the corpus (seed \(seed))")
        let generator = CorpusGenerator(seed: seed, articles: size)
        let summary = try generator.write(to: project, hugo: hugo == nil ? nil : hugoSite)
        try ThemeCopier.copy(from: theme, to: project, hugo: hugo == nil ? nil : hugoSite)
        var result = SizeResult()
        result.pages = summary.pages
        let cacheFolder = project.appendingPathComponent(BuildCache.folderName)

        // Cold: no cache, a new output folder each run. Old caches are moved aside, not deleted,
        // so no run writes into space another just freed.
        var lastOutput = outputs
        for run in 1...runs {
            if fileManager.fileExists(atPath: cacheFolder.path) {
                try fileManager.moveItem(at: cacheFolder, to: trash.appendingPathComponent("cache-\(run)"))
            }
            lastOutput = outputs.appendingPathComponent("cold-\(run)")
            let sample = try timeSitemark(project: project, output: lastOutput)
            log("[\(size)] cold \(run): \(format(sample.wall)) s wall, \(format(sample.cpu)) s CPU, \(sample.peakKiB / 1024) MiB")
            result.cold.append(sample)
        }
        for run in 1...runs {
            let sample = try timeSitemark(project: project, output: lastOutput)
            log("[\(size)] no change \(run): \(format(sample.wall)) s  (\(sample.cacheLine))")
            result.noChange.append(sample)
        }
        for run in 1...runs {
            try edit(project: project, article: generator.articlePath(run * 7_919 % generator.articles), run: run)
            let sample = try timeSitemark(project: project, output: lastOutput)
            log("[\(size)] one-page edit \(run): \(format(sample.wall)) s  (\(sample.cacheLine))")
            result.edit.append(sample)
        }
        result.serveEdit = try serveStyleEdits(project: project, output: outputs.appendingPathComponent("serve"), generator: generator)
        log("[\(size)] in-memory one-page edits: \(result.serveEdit.map { format($0 * 1000, digits: 0) + " ms" }.joined(separator: ", "))")

        if let hugo {
            result.hugoPages = summary.pages + summary.glossaryTerms + 1
            for run in 1...runs {
                let sample = try time([hugo, "--source", hugoSite.path, "--destination", outputs.appendingPathComponent("hugo-\(run)").path, "--quiet"])
                log("[\(size)] hugo \(run): \(format(sample.wall)) s wall, \(format(sample.cpu)) s CPU, \(sample.peakKiB / 1024) MiB")
                result.hugo.append(sample)
            }
        }
        if !keepOutputs { try? fileManager.removeItem(at: base) }
        return result
    }

    /// Appends a sentence to one article, a different one each run (a typical small edit).
    private func edit(project: URL, article: String, run: Int) throws {
        let url = project.appendingPathComponent("Pages").appendingPathComponent(article)
        var text = try String(contentsOf: url, encoding: .utf8)
        text += "\nThis paragraph was added by benchmark edit \(run).\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// What `sitemark serve` does on a save: a rebuild in the same process with the cache kept
    /// in memory. One warm-up build, then one edit and rebuild per run; seconds per rebuild.
    private func serveStyleEdits(project: URL, output: URL, generator: CorpusGenerator) throws -> [Double] {
        var options = BuildOptions(layout: ProjectLayout(root: project, output: output))
        options.cache = BuildCache()
        options.cacheFolder = nil
        _ = SiteBuilder().build(options)
        var seconds: [Double] = []
        for run in 1...runs {
            try edit(project: project, article: generator.articlePath(run * 104_729 % generator.articles), run: 100 + run)
            let start = DispatchTime.now().uptimeNanoseconds
            let report = SiteBuilder().build(options)
            seconds.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            guard report.succeeded, report.pagesRendered >= 1 else { throw BenchFailure(description: "in-memory rebuild failed: \(report.summary)") }
        }
        return seconds
    }

    private func timeSitemark(project: URL, output: URL) throws -> Sample {
        try time([sitemark, "build", "--root", project.path, "--output", output.path, "--timings"])
    }

    /// Runs `arguments` under `/usr/bin/time`; fails on a non-zero exit.
    private func time(_ arguments: [String]) throws -> Sample {
        let timeFile = work.appendingPathComponent(".time-\(getpid())")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/time")
        process.arguments = ["-f", "%e %U %S %M", "-o", timeFile.path] + arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchFailure(description: "\(arguments.joined(separator: " ")) failed:\n\(stderr)")
        }
        let fields = try String(contentsOf: timeFile, encoding: .utf8).split(whereSeparator: \.isWhitespace)
        guard fields.count >= 4, let wall = Double(fields[fields.count - 4]), let user = Double(fields[fields.count - 3]),
              let system = Double(fields[fields.count - 2]), let peak = Int(fields[fields.count - 1]) else {
            throw BenchFailure(description: "cannot read /usr/bin/time's output")
        }
        var sample = Sample(wall: wall, cpu: user + system, peakKiB: peak)
        for line in stderr.split(separator: "\n") {
            if line.hasPrefix("Stages: ") {
                for part in line.dropFirst(8).components(separatedBy: ", ") {
                    let words = part.split(separator: " ")
                    if words.count >= 2, let seconds = Double(words[1]) { sample.stages[String(words[0])] = seconds }
                }
            } else if line.hasPrefix("Cache: ") {
                sample.cacheLine = String(line.dropFirst(7))
            }
        }
        return sample
    }

    // MARK: Report

    func report(_ results: [(Int, SizeResult)]) -> String {
        var lines: [String] = []
        lines.append("Sitemark benchmark: seed \(seed), \(runs) runs per figure, medians; \(ProcessInfo.processInfo.activeProcessorCount) cores; \(revision())")
        lines.append("")
        lines.append("| articles | pages | build | wall s | CPU s | ms/page | pages/s | peak MiB | vs cold |")
        lines.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|")
        for (size, result) in results {
            let cold = median(result.cold.map(\.wall))
            func row(_ name: String, _ samples: [Sample], pages: Int, relative: Bool = true) -> String {
                let wall = median(samples.map(\.wall))
                return "| \(size) | \(pages) | \(name) | \(format(wall)) | \(format(median(samples.map(\.cpu)))) | "
                    + "\(format(wall * 1000 / Double(pages), digits: 3)) | \(format(Double(pages) / wall, digits: 0)) | "
                    + "\(format(median(samples.map { Double($0.peakKiB) }) / 1024, digits: 0)) | "
                    + (relative ? "\(format(100 * wall / cold, digits: 1))% |" : " |")
            }
            lines.append(row("sitemark cold", result.cold, pages: result.pages))
            lines.append(row("sitemark no change", result.noChange, pages: result.pages))
            lines.append(row("sitemark one-page edit", result.edit, pages: result.pages))
            let serve = median(result.serveEdit)
            lines.append("| \(size) | \(result.pages) | in-memory one-page edit (serve) | \(format(serve, digits: 3)) | | | | | \(format(100 * serve / cold, digits: 1))% |")
            if !result.hugo.isEmpty { lines.append(row("hugo cold", result.hugo, pages: result.hugoPages, relative: false)) }
        }
        if results.contains(where: { !$0.1.hugo.isEmpty }) {
            lines.append("")
            lines.append("| articles | Sitemark cold s | Hugo cold s | Sitemark/Hugo (wall) | Sitemark/Hugo (CPU) | peak MiB Sitemark / Hugo |")
            lines.append("|---:|---:|---:|---:|---:|---:|")
            for (size, result) in results where !result.hugo.isEmpty {
                let sitemarkWall = median(result.cold.map(\.wall)), hugoWall = median(result.hugo.map(\.wall))
                let sitemarkCPU = median(result.cold.map(\.cpu)), hugoCPU = median(result.hugo.map(\.cpu))
                lines.append("| \(size) | \(format(sitemarkWall)) | \(format(hugoWall)) | \(format(sitemarkWall / hugoWall, digits: 2))x | "
                             + "\(format(sitemarkCPU / hugoCPU, digits: 2))x | "
                             + "\(format(median(result.cold.map { Double($0.peakKiB) }) / 1024, digits: 0)) / "
                             + "\(format(median(result.hugo.map { Double($0.peakKiB) }) / 1024, digits: 0)) |")
            }
        }
        lines.append("")
        lines.append("Cold build by stage (median seconds, and ms per page):")
        lines.append("")
        lines.append("| articles | " + Self.stageOrder.joined(separator: " | ") + " | total |")
        lines.append("|---:|" + String(repeating: "---:|", count: Self.stageOrder.count + 1))
        for (size, result) in results {
            let cells = (Self.stageOrder + ["total"]).map { stage -> String in
                let values = result.cold.compactMap { $0.stages[stage] }
                guard !values.isEmpty else { return "-" }
                let seconds = median(values)
                return "\(format(seconds, digits: 3)) (\(format(seconds * 1000 / Double(result.pages), digits: 3)))"
            }
            lines.append("| \(size) | " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }

    private func revision() -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "describe", "--always", "--dirty"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "commit unknown" }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return "commit " + text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
}

func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func format(_ value: Double, digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }
