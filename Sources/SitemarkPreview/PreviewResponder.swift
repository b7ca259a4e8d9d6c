import Hummingbird
import NIOCore
import ServiceLifecycle

/// Answers every request: the preview's own endpoints under `/__sitemark/`, the built site
/// for everything else. A plain switch rather than a Router: there are three fixed routes and
/// one fallback, and the fallback needs the raw path (see `ServedFolder`).
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let files: SiteFiles
    let updates: LiveUpdates

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix(LiveReloadScript.prefix) else {
            let response = await files.respond(to: request)
            // Nothing to fall back on: no build has succeeded yet. Say why, not just 404.
            if response.status == .notFound, !files.hasSite, case let status = await updates.status, status.state == .failed {
                let page = NoSitePage.response(for: status)
                return request.method == .head ? page.createHeadResponse() : page
            }
            return response
        }
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let response: Response
        switch path {
        case LiveReloadScript.eventsPath:
            guard request.method == .get else {
                return Response(status: .ok, headers: [.contentType: "text/event-stream; charset=utf-8"])
            }
            return await events()
        case LiveReloadScript.statusPath:
            response = Self.text(await updates.status.json, type: "application/json; charset=utf-8")
        case LiveReloadScript.scriptPath:
            response = Self.text(LiveReloadScript.source, type: "text/javascript; charset=utf-8")
        default:
            response = SiteFiles.plain(.notFound, "404 Not Found\n")
        }
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// One page's Server-Sent Events stream. It ends when the page goes away (the next write
    /// fails), or on Ctrl-C: without `cancelOnGracefulShutdown` an open page would keep the
    /// server from stopping until the browser closed it (stack-findings).
    private func events() async -> Response {
        let stream = await updates.subscribe()
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody { writer in
                // Reconnect quickly after a restart of the server.
                try await writer.write(ByteBuffer(string: "retry: 500\n\n"))
                for await event in stream.cancelOnGracefulShutdown() {
                    try await writer.write(ByteBuffer(string: event.wireFormat))
                }
                try await writer.finish(nil)
            })
    }

    private static func text(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-store"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
