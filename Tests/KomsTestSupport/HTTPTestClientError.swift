internal import Glibc

/// Why an exchange with the server failed, worded for a failed test's log.
///
/// `kind` lets a test assert how an exchange failed (a timeout is not a
/// hang-up) without matching on the description's wording.
public struct HTTPTestClientError: Error, CustomStringConvertible {
    /// The broad cause of a failure.
    public enum Kind: Sendable, Equatable {
        /// An address or timeout given to the client was not usable.
        case invalidArgument
        /// A socket call failed for a reason other than the ones below.
        case socket
        /// Nothing, or not enough, arrived (or could be sent) in time.
        case timedOut
        /// The server closed or reset the connection mid-exchange.
        case closedByPeer
        /// The server's bytes are not an HTTP/1.1 response.
        case malformedResponse
        /// A response was read while no connection was open.
        case notConnected
    }

    public var kind: Kind
    public var description: String

    init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func systemCall(_ name: String, errno code: Int32) -> Self {
        Self(.socket, "\(name) failed: \(String(cString: strerror(code))) (errno \(code))")
    }

    static func timedOut(_ activity: String, after seconds: Double) -> Self {
        Self(.timedOut, "timed out after \(seconds) s \(activity)")
    }

    static func malformed(_ detail: String) -> Self {
        Self(.malformedResponse, "malformed response: \(detail)")
    }
}
