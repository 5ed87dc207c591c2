internal import Glibc

/// An IPv4 address and port in the form connect(2) and bind(2) take.
///
/// Only dotted-quad addresses and "localhost" are accepted: the client talks
/// to a server on loopback, so name resolution would only add a way to fail.
struct IPv4Endpoint: CustomStringConvertible {
    private var address = sockaddr_in()
    let description: String

    init(host: String, port: UInt16) throws(HTTPTestClientError) {
        let numeric = host == "localhost" ? "127.0.0.1" : host
        guard inet_pton(AF_INET, numeric, &address.sin_addr) == 1 else {
            throw HTTPTestClientError(.invalidArgument, "\(host) is not an IPv4 address")
        }
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        description = "\(numeric):\(port)"
    }

    /// Calls `body` with the address as the generic `sockaddr` the socket
    /// calls expect, plus its length.
    func withSocketAddress<Result>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> Result) -> Result {
        withUnsafePointer(to: address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                body($0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
}
