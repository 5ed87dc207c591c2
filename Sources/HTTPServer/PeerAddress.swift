import Glibc

/// A peer's address in text form, `192.0.2.1` or `2001:db8::1`; empty for
/// other families.
func addressText(_ address: UnsafePointer<sockaddr>) -> String {
    switch Int32(address.pointee.sa_family) {
    case AF_INET:
        let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_addr.s_addr }
        return dottedQuad(UInt32(bigEndian: bytes))
    case AF_INET6:
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
            var bytes = ipv6.pointee.sin6_addr
            _ = inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    default:
        return ""
    }
}

/// `192.0.2.1` from an address in host order. Every request needs its
/// peer's address as text, and inet_ntop formats IPv4 through sprintf; at
/// most 15 bytes, the text fits in a string that needs no heap.
func dottedQuad(_ address: UInt32) -> String {
    String(unsafeUninitializedCapacity: 15) { text in
        var length = 0
        func put(_ byte: UInt8) {
            text[length] = byte
            length += 1
        }
        for shift in stride(from: 24, through: 0, by: -8) {
            let octet = UInt8(truncatingIfNeeded: address >> UInt32(shift))
            if octet >= 100 { put(UInt8(ascii: "0") + octet / 100) }
            if octet >= 10 { put(UInt8(ascii: "0") + octet / 10 % 10) }
            put(UInt8(ascii: "0") + octet % 10)
            if shift > 0 { put(UInt8(ascii: ".")) }
        }
        return length
    }
}
