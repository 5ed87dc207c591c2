/// Why the server could not start.
public enum HTTPServerError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidAddress(String)
    case startFailed(host: String, port: UInt16)

    public var description: String {
        switch self {
        case .invalidAddress(let host):
            "cannot resolve listen address \(host)"
        case .startFailed(let host, let port):
            "cannot listen on \(host):\(port) (address in use, or not permitted)"
        }
    }
}
