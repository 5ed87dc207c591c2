import Glibc
import Testing

@testable import HTTPServer

@Suite("Peer addresses as text")
struct PeerAddressTests {
    @Test("IPv4 addresses read as inet_ntop writes them", arguments: [0, 1, 9, 10, 99, 100, 199, 200, 255])
    func ipv4(octet: UInt32) {
        for address in [
            octet << 24 | 0x00_02_01, 0x7F_00_00_00 | octet, 0x0A_00_00_01 | octet << 8, octet * 0x01_01_01_01,
        ] {
            var bytes = in_addr(s_addr: address.bigEndian)
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            _ = inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
            let written = text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            #expect(dottedQuad(address) == String(decoding: written, as: UTF8.self))
        }
    }

    @Test("IPv6 peers in their canonical form")
    func ipv6() {
        var address = sockaddr_in6()
        address.sin6_family = sa_family_t(AF_INET6)
        _ = inet_pton(AF_INET6, "2001:db8:0:0:0:0:0:1", &address.sin6_addr)
        let text = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { addressText($0) }
        }
        #expect(text == "2001:db8::1")
    }
}
