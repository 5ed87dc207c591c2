import Testing

@testable import HTTPServer

@Suite("IP addresses and CIDR ranges")
struct IPAddressTests {
    @Test(
        "addresses in the forms a forwarding header carries",
        arguments: [
            ("192.0.2.1", "192.0.2.1"), (" 192.0.2.1 ", "192.0.2.1"), ("192.0.2.1:8080", "192.0.2.1"),
            ("2001:db8::1", "2001:db8::1"), ("[2001:db8::1]", "2001:db8::1"), ("[2001:db8::1]:443", "2001:db8::1"),
            ("::1", "::1"), ("2001:DB8:0:0:0:0:0:1", "2001:db8::1"),
        ]
    )
    func parses(text: String, canonical: String) throws {
        #expect(try #require(IPAddress(text)).description == canonical)
    }

    @Test(
        "text that is no address",
        arguments: ["", "unknown", "256.0.0.1", "1.2.3", "2001:db8:::1", "[::1", "1.2.3.4/8"]
    )
    func refuses(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("an IPv4 address equals its IPv6-mapped form")
    func mappedForm() {
        #expect(IPAddress("::ffff:192.0.2.1") == IPAddress("192.0.2.1"))
    }

    @Test("CIDR ranges contain exactly their addresses")
    func ranges() throws {
        let private10 = try #require(IPNetwork("10.0.0.0/8"))
        #expect(private10.contains(try #require(IPAddress("10.255.1.2"))))
        #expect(!private10.contains(try #require(IPAddress("11.0.0.1"))))

        let odd = try #require(IPNetwork("192.168.0.0/23"))
        #expect(odd.contains(try #require(IPAddress("192.168.1.255"))))
        #expect(!odd.contains(try #require(IPAddress("192.168.2.0"))))

        let single = try #require(IPNetwork("127.0.0.5"))
        #expect(single.contains(try #require(IPAddress("127.0.0.5"))))
        #expect(!single.contains(try #require(IPAddress("127.0.0.6"))))

        let ipv6 = try #require(IPNetwork("fd00::/8"))
        #expect(ipv6.contains(try #require(IPAddress("fd12:3456::1"))))
        #expect(!ipv6.contains(try #require(IPAddress("fe80::1"))))
        #expect(!ipv6.contains(try #require(IPAddress("10.0.0.1"))))

        let everything = try #require(IPNetwork("0.0.0.0/0"))
        #expect(everything.contains(try #require(IPAddress("203.0.113.9"))))
        #expect(!everything.contains(try #require(IPAddress("2001:db8::1"))), "an IPv4 range holds no IPv6 address")
    }

    @Test("malformed ranges are refused", arguments: ["10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "x/8"])
    func badRanges(text: String) {
        #expect(IPNetwork(text) == nil)
    }
}
