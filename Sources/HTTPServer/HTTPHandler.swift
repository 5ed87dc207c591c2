/// What the server calls for every request.
///
/// - Important: `handle` runs on one of libmicrohttpd's event threads. Work
///   that takes long (a password hash) must move elsewhere and answer through
///   `responder` later, so that the thread goes back to serving others.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest, responder: HTTPResponder)
}
