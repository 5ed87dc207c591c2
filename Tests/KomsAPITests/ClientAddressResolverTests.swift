import HTTPServer
import Testing

@testable import KomsAPI

@Suite("The client address behind trusted proxies")
struct ClientAddressResolverTests {
    let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "2001:db8::/32"].compactMap(IPNetwork.init))

    func address(from peer: String, forwardedFor fields: [String]) -> String {
        resolver.address(
            of: HTTPRequest(
                method: "POST",
                path: "/session",
                headers: fields.map { ("X-Forwarded-For", $0) },
                remoteAddress: peer
            )
        )
    }

    @Test("a trusted peer's header names the client, read from the right past every trusted hop")
    func trusted() {
        #expect(address(from: "10.1.2.3", forwardedFor: ["203.0.113.7"]) == "203.0.113.7")
        #expect(address(from: "10.1.2.3", forwardedFor: ["198.51.100.1, 203.0.113.7, 10.9.9.9"]) == "203.0.113.7")
        #expect(address(from: "10.1.2.3", forwardedFor: ["198.51.100.1", "203.0.113.7"]) == "203.0.113.7")
        #expect(address(from: "2001:db8::1", forwardedFor: ["[2001:db9::5]:443"]) == "2001:db9::5")
    }

    @Test("an untrusted peer, a missing header or a garbled hop leave the peer's own address")
    func untrusted() {
        #expect(address(from: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9")
        #expect(address(from: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(address(from: "10.1.2.3", forwardedFor: ["unknown"]) == "10.1.2.3")
        #expect(address(from: "10.1.2.3", forwardedFor: ["10.0.0.1, 10.0.0.2"]) == "10.0.0.1", "only proxies")
    }
}
