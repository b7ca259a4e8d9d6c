import Hummingbird
import NIOCore
import SitemarkKit

/// What the preview answers for a page while no build has succeeded yet (the project was
/// already broken when `sitemark serve` started): there is no last good site to show, so,
/// instead of a bare 404, the build's errors, with the reload script, which shows them in the
/// usual overlay and loads the page once a save fixes the build. Listed in the page itself too,
/// so they can be read with scripts off.
enum NoSitePage {
    static func response(for status: BuildStatus) -> Response {
        Response(status: .serviceUnavailable,
                 headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: html(for: status))))
    }

    static func html(for status: BuildStatus) -> String {
        let problems = status.problems.map { problem in
            "<li><code>\(HTML.escape(problem.location))</code>: \(HTML.escape(problem.severity)): \(HTML.escape(problem.message))"
                + (problem.hint.map { "<br><small>hint: \(HTML.escape($0))</small>" } ?? "") + "</li>"
        }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Build failed: Sitemark preview</title>
        \(LiveReloadScript.headTag)
        </head>
        <body>
        <main>
        <h1>The site has not built yet</h1>
        <p>\(HTML.escape(status.summary)) Save a fix and this page loads by itself.</p>
        <ol>
        \(problems)
        </ol>
        </main>
        </body>
        </html>

        """
    }
}
