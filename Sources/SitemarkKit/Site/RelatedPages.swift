/// "Related" for each article: the pages its `related:` front matter names, in the order
/// written, then the articles sharing the most glossary terms and tags with it, up to `limit`
/// in all. Ties go by title, then path (`SortKey`), so the list never depends on hashing.
///
/// Cost: an inverted index (term or tag -> articles) means each article only meets the
/// articles it shares something with, not every other article. A term or tag on more than
/// `commonCap` articles is skipped when scoring: it says nothing about which pages belong
/// together (every page of an ozone site mentions ozone), and it is what would make the work
/// grow with the square of the page count.
struct RelatedPages {
    var limit = 5
    /// Fixed floor so small sites keep all their signal; a tenth of the articles on large ones.
    static func commonCap(articleCount: Int) -> Int { max(50, articleCount / 10) }

    /// `articles`: article paths in a stable order; `explicit`: each page's `related:` targets.
    func compute(articles: [String], pages: [String: SitePage], explicit: [String: [String]]) -> [String: [String]] {
        let named = explicit.mapValues { Self.unique($0) }
        guard limit > 0, articles.count > 1 else { return named }

        // Features: "t:" + glossary slug, "#" + tag; articles numbered in `articles` order.
        let features: [[String]] = articles.map { path in
            let page = pages[path]!
            return Self.unique(page.parsed.termMentions.map { "t:" + $0 } + page.metadata.tags.map { "#" + $0 })
        }
        let postings = Self.invertedIndex(features)
        let cap = Self.commonCap(articleCount: articles.count)
        let titles = articles.map { SortKey.of(title: pages[$0]!.title, path: $0) }

        let chunkSize = max(64, articles.count / 8)
        let chunks = stride(from: 0, to: articles.count, by: chunkSize).map { $0..<min($0 + chunkSize, articles.count) }
        let scored: [[(Int, [String])]] = chunks.parallelMap { chunk in
            var scores = [Int](repeating: 0, count: articles.count)
            var touched: [Int] = []
            var out: [(Int, [String])] = []
            for number in chunk {
                let path = articles[number]
                let already = named[path] ?? []
                let room = limit - already.count
                guard room > 0 else { continue }
                for feature in features[number] {
                    guard let list = postings[feature], list.count <= cap else { continue }
                    for other in list where other != number {
                        if scores[other] == 0 { touched.append(other) }
                        scores[other] += 1
                    }
                }
                // The best `room` candidates by one pass (a full sort would cost t·log t per page).
                func ranksBefore(_ a: Int, _ b: Int) -> Bool {
                    if scores[a] != scores[b] { return scores[a] > scores[b] }
                    return titles[a] < titles[b]
                }
                let excluded = Set(already)
                var best: [Int] = []
                for candidate in touched where !excluded.contains(articles[candidate]) {
                    if best.count == room, let last = best.last, !ranksBefore(candidate, last) { continue }
                    let at = best.firstIndex { ranksBefore(candidate, $0) } ?? best.count
                    best.insert(candidate, at: at)
                    if best.count > room { best.removeLast() }
                }
                for other in touched { scores[other] = 0 }
                touched.removeAll(keepingCapacity: true)
                if !best.isEmpty { out.append((number, best.map { articles[$0] })) }
            }
            return out
        }
        var result = named
        for (number, best) in scored.joined() { result[articles[number], default: []] += best }
        return result
    }

    /// Feature -> the articles (numbers, ascending) that have it.
    private static func invertedIndex(_ features: [[String]]) -> [String: [Int]] {
        var postings: [String: [Int]] = [:]
        for (number, list) in features.enumerated() {
            for feature in list { postings[feature, default: []].append(number) }
        }
        return postings
    }

    private static func unique(_ items: [String]) -> [String] {
        var seen: Set<String> = []
        return items.filter { seen.insert($0).inserted }
    }
}

import Foundation
