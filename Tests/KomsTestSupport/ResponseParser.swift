/// Frames the next response out of the bytes received so far.
///
/// Parsing is a pure function of the bytes: the client calls it again after
/// every read and removes bytes only once a whole response is there, so a
/// timeout mid-response loses nothing and pipelined responses stay queued.
struct ResponseParser {
    enum Outcome {
        case incomplete
        case complete(HTTPTestResponse, byteCount: Int, closesConnection: Bool)
    }

    /// The method of the request being answered, when known; a response to
    /// HEAD has headers describing a body that is never sent.
    var requestMethod: String?
    /// Whether the server has ended the stream, which is what completes a
    /// body that has neither a length nor chunked framing.
    var atEndOfStream: Bool

    func parse(_ bytes: [UInt8]) throws(HTTPTestClientError) -> Outcome {
        var start = 0
        while let head = try ResponseHead.parse(bytes, from: start) {
            if head.isInterim {
                start = head.end
                continue
            }
            return try frameBody(of: head, in: bytes)
        }
        return .incomplete
    }

    /// Finds the body by the precedence of RFC 9112 §6.3.
    private func frameBody(of head: ResponseHead, in bytes: [UInt8]) throws(HTTPTestClientError) -> Outcome {
        let codings = head.tokens("Transfer-Encoding")

        if requestMethod == "HEAD" || head.status < 200 || head.status == 204 || head.status == 304 {
            return complete(head, body: [], end: head.end)
        }
        if codings.last == "chunked" {
            guard let (body, end) = try ChunkedBody.decode(bytes, from: head.end) else { return .incomplete }
            return complete(head, body: body, end: end)
        }
        if codings.isEmpty, let length = try head.contentLength() {
            guard bytes.count >= head.end + length else { return .incomplete }
            return complete(head, body: Array(bytes[head.end..<head.end + length]), end: head.end + length)
        }

        guard atEndOfStream else { return .incomplete }
        let response = response(head, body: Array(bytes[head.end...]))
        return .complete(response, byteCount: bytes.count, closesConnection: true)
    }

    private func complete(_ head: ResponseHead, body: [UInt8], end: Int) -> Outcome {
        .complete(response(head, body: body), byteCount: end, closesConnection: head.closesConnection)
    }

    private func response(_ head: ResponseHead, body: [UInt8]) -> HTTPTestResponse {
        HTTPTestResponse(status: head.status, reason: head.reason, headers: head.headers, body: body)
    }
}
