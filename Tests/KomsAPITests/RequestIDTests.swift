import HTTPServer
import Testing

@testable import KomsAPI

@Suite("Request ids")
struct RequestIDTests {
    func incoming(_ values: [String]) -> String? {
        RequestIDGenerator.incoming(
            in: HTTPRequest(method: "GET", path: "/", headers: values.map { ("X-Request-Id", $0) })
        )
    }

    @Test(
        "a well-formed incoming id is kept",
        arguments: [
            "f47ac10b-58cc-4372-a567-0e02b2c3d479", "a", "1-67891233:abc_def.9",
            String(repeating: "z", count: 128),
        ]
    )
    func kept(value: String) {
        #expect(incoming([value]) == value)
    }

    @Test(
        "an id with other characters, empty or over 128 bytes is replaced",
        arguments: ["", "a b", "a\"b", "é", "a\\b", "<script>", String(repeating: "z", count: 129)]
    )
    func replaced(value: String) {
        #expect(incoming([value]) == nil)
    }

    @Test("two X-Request-Id fields are no id")
    func twoFields() {
        #expect(incoming(["a", "b"]) == nil)
    }

    @Test("generated ids are a random prefix of the generator, a dash and a count from 1")
    func generated() {
        let generator = RequestIDGenerator()
        let ids = (1...12).map { _ in generator.next() }
        let prefix = ids[0].prefix { $0 != "-" }
        #expect(prefix.count == 8)
        #expect(ids == (1...12).map { "\(prefix)-\($0)" })
        #expect(RequestIDGenerator().next().prefix(8) != prefix)
    }

    @Test("the dash before the count is the only one, whatever the random prefix")
    func oneDash() {
        for _ in 0..<200 {
            let id = RequestIDGenerator().next()
            #expect(id.filter { $0 == "-" }.count == 1, "\(id)")
            #expect(id.hasSuffix("-1"))
        }
    }
}
