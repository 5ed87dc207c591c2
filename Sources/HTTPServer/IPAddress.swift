import Glibc

/// An IPv4 or IPv6 address, kept as 16 bytes with IPv4 in its IPv6-mapped
/// form, so that one comparison serves both families.
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    private let bytes: [UInt8]

    /// Parses `192.0.2.1`, `2001:db8::1`, and the forms a forwarding header
    /// may carry: `192.0.2.1:8080`, `[2001:db8::1]` and `[2001:db8::1]:8080`.
    public init?(_ text: some StringProtocol) {
        var host = String(text.filter { $0 != " " && $0 != "\t" })
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            host = String(host[host.index(after: host.startIndex)..<close])
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }

        var ipv4 = in_addr()
        if inet_pton(AF_INET, host, &ipv4) == 1 {
            bytes = Array(repeating: 0, count: 10) + [0xFF, 0xFF] + withUnsafeBytes(of: ipv4) { Array($0) }
            return
        }
        var ipv6 = in6_addr()
        guard inet_pton(AF_INET6, host, &ipv6) == 1 else { return nil }
        bytes = withUnsafeBytes(of: ipv6) { Array($0) }
    }

    var isIPv4: Bool {
        bytes.prefix(10).allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
    }

    public var description: String {
        if isIPv4 {
            return bytes.suffix(4).map(String.init).joined(separator: ".")
        }
        var address = in6_addr()
        withUnsafeMutableBytes(of: &address) { $0.copyBytes(from: bytes) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Whether the first `prefixLength` bits of both addresses agree.
    func sharesPrefix(with other: IPAddress, length prefixLength: Int) -> Bool {
        let wholeBytes = prefixLength / 8
        guard bytes.prefix(wholeBytes) == other.bytes.prefix(wholeBytes) else { return false }
        let remainingBits = prefixLength % 8
        guard remainingBits > 0 else { return true }
        let mask = UInt8(0xFF) << (8 - remainingBits)
        return bytes[wholeBytes] & mask == other.bytes[wholeBytes] & mask
    }
}

/// An address range in CIDR notation (`10.0.0.0/8`, `fd00::/8`), or a
/// single address.
public struct IPNetwork: Sendable, CustomStringConvertible {
    private let base: IPAddress
    /// Counted over the 128 bits of the stored form.
    private let prefixLength: Int
    public let description: String

    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, let base = IPAddress(first) else { return nil }
        let offset = base.isIPv4 ? 96 : 0
        let maximum = base.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let given = Int(parts[1]), (0...maximum).contains(given) else { return nil }
            length = given
        }
        self.base = base
        prefixLength = offset + length
        description = String(text)
    }

    public func contains(_ address: IPAddress) -> Bool {
        base.sharesPrefix(with: address, length: prefixLength)
    }
}
