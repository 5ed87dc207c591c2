internal import CMicroHTTPD

/// The state of one request between libmicrohttpd's calls of the access
/// handler: the head as first seen, the body as it arrives, and the
/// responder once the handler has been called.
final class Exchange {
    var request: HTTPRequest
    var responder: HTTPResponder?

    init(request: HTTPRequest) {
        self.request = request
    }

    /// Appends upload data, dropping it once the limit is passed so an
    /// oversized body never grows memory.
    func appendBody(_ bytes: UnsafeRawBufferPointer, limit: Int) {
        guard !request.bodyExceedsLimit else { return }
        if request.body.count + bytes.count > limit {
            request.bodyExceedsLimit = true
            request.body = []
        } else {
            request.body.append(contentsOf: bytes)
        }
    }
}
