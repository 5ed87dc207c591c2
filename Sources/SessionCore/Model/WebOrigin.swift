import Foundation

/// A web origin, `scheme://host[:port]` (RFC 6454), in the serialized form
/// browsers send in the `Origin` header: scheme and host in lowercase, the
/// default port left out, no path, no trailing slash. Comparing serialized
/// forms is how an origin is matched.
public struct WebOrigin: Equatable, Sendable {
    public let serialized: String

    public init?(_ text: String) {
        guard let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = components.host?.lowercased(), !host.isEmpty,
            components.user == nil, components.password == nil,
            components.path.isEmpty, components.query == nil, components.fragment == nil
        else { return nil }
        let defaultPort = scheme == "https" ? 443 : 80
        let port = components.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        let bracketed = host.contains(":") ? "[\(host)]" : host
        serialized = "\(scheme)://\(bracketed)\(port)"
    }
}
