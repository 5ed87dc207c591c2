internal import CMicroHTTPD

/// The state of one request between libmicrohttpd's calls of the access
/// handler: the head as first seen, the body as it arrives, and the
/// responder once the handler has been called.
final class Exchange {
    var request: HTTPRequest
    var responder: HTTPResponder?
    private var receivedBytes = 0

    init(request: HTTPRequest) {
        self.request = request
    }

    /// Appends upload data, dropping it once the limit is passed so an
    /// oversized body never grows memory. False once `discardLimit` bytes
    /// have gone by: the client is then cut off rather than read further.
    func appendBody(_ bytes: UnsafeRawBufferPointer, limit: Int, discardLimit: Int) -> Bool {
        receivedBytes += bytes.count
        guard !request.bodyExceedsLimit else { return receivedBytes <= discardLimit }
        if request.body.count + bytes.count > limit {
            request.bodyExceedsLimit = true
            request.body = []
        } else {
            request.body.append(contentsOf: bytes)
        }
        return true
    }
}
