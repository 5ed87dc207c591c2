/// An HTTP/1.1 client over a plain POSIX socket, so tests decide every byte
/// that reaches the server.
///
/// URLSession would rewrite headers, pool connections and pick its own
/// source address. This client sends what the test wrote, keeps a single
/// connection alive between requests and can bind to a chosen 127.0.0.N so
/// one process looks like several clients. It is not thread-safe: use one
/// per task or thread.
public final class HTTPTestClient {
    private let remote: IPv4Endpoint
    private let local: IPv4Endpoint?
    private let hostHeader: String
    private let timeoutSeconds: Double

    private var connection: LoopbackSocket?
    /// Bytes received and not yet consumed by a response, kept across reads
    /// (and after the server hangs up) until a whole response is there.
    private var received: [UInt8] = []
    private var peerEnded = false
    /// The server answered with `Connection: close`; the socket stays open
    /// until the next request so `waitForClose` can still see the real close.
    private var peerAnnouncedClose = false
    private var awaitingResponse = false
    private var methodAwaitingResponse: String?

    /// How many connections this client has opened, so tests can tell a
    /// reused keep-alive connection from a silent reconnect.
    public private(set) var connectionCount = 0

    /// Connects at once, so a server that is not listening fails here.
    public init(
        host: String = "127.0.0.1",
        port: UInt16,
        sourceAddress: String? = nil,
        timeoutSeconds: Double = 10
    ) throws(HTTPTestClientError) {
        guard timeoutSeconds > 0, timeoutSeconds.isFinite else {
            throw HTTPTestClientError(.invalidArgument, "timeout must be a positive number of seconds")
        }
        remote = try IPv4Endpoint(host: host, port: port)
        if let sourceAddress {
            local = try IPv4Endpoint(host: sourceAddress, port: 0)
        } else {
            local = nil
        }
        hostHeader = "\(host):\(port)"
        self.timeoutSeconds = timeoutSeconds
        try reconnect()
    }

    /// Sends one request on the kept-alive connection (reconnecting first if
    /// the server closed it) and reads the whole response. Adds Host and,
    /// when body is non-nil, Content-Length, unless the caller already gave
    /// them (or gave Transfer-Encoding, choosing its own framing).
    ///
    /// A connection that still owes a response or holds unread bytes is
    /// replaced too, so each call's response belongs to its own request.
    /// A request that fails is not retried: a retry could hide a server bug.
    public func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: [UInt8]? = nil
    ) throws(HTTPTestClientError) -> HTTPTestResponse {
        let reusable = !awaitingResponse && received.isEmpty && connection?.idleState() == .quiet
        if !reusable || peerAnnouncedClose {
            try reconnect()
        }

        let request = RequestEncoder.encode(method: method, path: path, headers: headers, body: body, host: hostHeader)
        try write(request)
        methodAwaitingResponse = method
        return try readResponse()
    }

    /// Convenience: body from a String.
    public func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: String
    ) throws(HTTPTestClientError) -> HTTPTestResponse {
        try send(method, path, headers: headers, body: Array(body.utf8))
    }

    /// Writes raw bytes on the connection (connecting if needed), for
    /// malformed-request tests.
    ///
    /// The response that follows is framed as one to a non-HEAD request.
    public func writeRaw(_ bytes: [UInt8]) throws(HTTPTestClientError) {
        if connection == nil || peerAnnouncedClose || connection?.idleState() == .closed {
            try reconnect()
        }
        try write(bytes)
        methodAwaitingResponse = nil
    }

    /// Reads one response from the connection; throws on timeout or if the
    /// peer closes before a full response.
    ///
    /// Interim 1xx responses are skipped. After a timeout the bytes read so
    /// far are kept, so calling again continues the same response.
    public func readResponse() throws(HTTPTestClientError) -> HTTPTestResponse {
        while true {
            let parser = ResponseParser(requestMethod: methodAwaitingResponse, atEndOfStream: peerEnded)
            if case .complete(let response, let byteCount, let closes) = try parser.parse(received) {
                received.removeFirst(byteCount)
                awaitingResponse = false
                methodAwaitingResponse = nil
                peerAnnouncedClose = peerAnnouncedClose || closes
                return response
            }

            guard let connection else {
                guard peerEnded else {
                    throw HTTPTestClientError(.notConnected, "no connection to read a response from")
                }
                throw HTTPTestClientError(
                    .closedByPeer,
                    "server closed the connection after \(received.count) bytes, before a full response"
                )
            }
            switch try connection.receive(appendingTo: &received) {
            case .bytes:
                continue
            case .endOfStream:
                peerHungUp()
            case .timedOut:
                throw .timedOut("waiting for a response (\(received.count) bytes so far)", after: timeoutSeconds)
            }
        }
    }

    /// True when the server has closed the connection (a read returns 0 /
    /// EOF within `timeoutSeconds`).
    ///
    /// Bytes that arrive before the close (often an error response) are kept
    /// for `readResponse()`. A reset counts as a close.
    public func waitForClose(timeoutSeconds: Double) -> Bool {
        let deadline = ContinuousClock.now + .seconds(max(timeoutSeconds, 0))
        while let connection {
            guard connection.waitUntilReadable(within: max(deadline - .now, .zero)) else { return false }
            if (try? connection.receive(appendingTo: &received)) != .bytes {
                peerHungUp()
            }
        }
        return true
    }

    public func close() {
        connection?.close()
        connection = nil
        received = []
        peerEnded = false
        peerAnnouncedClose = false
        awaitingResponse = false
        methodAwaitingResponse = nil
    }

    /// Whether the next request can go out on the current connection: it is
    /// open, the server has not announced a close, and it has not hung up.
    public var isConnected: Bool {
        guard let connection, !peerAnnouncedClose else { return false }
        return connection.idleState() != .closed
    }

    private func reconnect() throws(HTTPTestClientError) {
        close()
        connection = try LoopbackSocket.connect(to: remote, from: local, timeoutSeconds: timeoutSeconds)
        connectionCount += 1
    }

    private func write(_ bytes: [UInt8]) throws(HTTPTestClientError) {
        guard let connection else { throw HTTPTestClientError(.notConnected, "no connection to write to") }
        try connection.sendAll(bytes)
        awaitingResponse = true
    }

    /// Drops a connection the server ended, keeping what it sent and what
    /// is still expected, so `readResponse()` can finish or report it.
    private func peerHungUp() {
        connection?.close()
        connection = nil
        peerEnded = true
    }
}

@available(*, unavailable)
extension HTTPTestClient: Sendable {}
