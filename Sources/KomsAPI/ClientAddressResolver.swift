import HTTPServer

/// The address a request really comes from. Behind a reverse proxy every
/// peer is the proxy, so the proxy's `X-Forwarded-For` is believed, but only
/// from the configured proxies: anyone else could write that header.
struct ClientAddressResolver: Sendable {
    let trustedProxies: [IPNetwork]

    /// Walks the forwarding chain from the nearest hop outwards and stops at
    /// the first address that is not a trusted proxy: the hops to its left
    /// were written by the client and prove nothing.
    func address(of request: HTTPRequest) -> String {
        guard !trustedProxies.isEmpty, let peer = IPAddress(request.remoteAddress), isTrusted(peer) else {
            return request.remoteAddress
        }
        let hops = request.headers(named: .xForwardedFor).flatMap { $0.split(separator: ",") }
        var client = peer
        for hop in hops.reversed() {
            guard let address = IPAddress(hop) else { break }
            client = address
            if !isTrusted(address) { break }
        }
        return client.description
    }

    private func isTrusted(_ address: IPAddress) -> Bool {
        trustedProxies.contains { $0.contains(address) }
    }
}
