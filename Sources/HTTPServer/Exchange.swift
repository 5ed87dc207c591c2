internal import CMicroHTTPD

/// The state of one request between libmicrohttpd's calls of the access
/// handler: the head as first seen, the body as it arrives, and whether the
/// handler has it yet. It is also the request's responder, so that a request
/// costs one object rather than two.
///
/// Only the event thread that owns the connection reads or writes these
/// properties, and it stops writing them once the handler has the request;
/// other threads reach the exchange only as a responder, whose state is
/// behind its lock.
final class Exchange: HTTPResponder, @unchecked Sendable {
    var request: HTTPRequest
    var isDispatched = false
    private var receivedBytes = 0

    init(request: HTTPRequest, connection: ConnectionHandle) {
        self.request = request
        super.init(connection: connection)
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
