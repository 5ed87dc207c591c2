import Foundation
import Testing

@testable import KomsAPI

@Suite("The OpenAPI document and the route table")
struct OpenAPIDocumentTests {
    func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.bytes)) as? [String: Any])
    }

    @Test("every route is documented, and every documented operation is a route")
    func sameOperations() throws {
        let paths = try #require(try document()["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let routed = Set(
            (Endpoint.routes + [Endpoint.metricsRoute]).flatMap { route in
                route.methods.map { "\($0.method) \(route.path)" }
            }
        )
        #expect(documented == routed)
    }

    @Test("it is OpenAPI 3.1, and every response it names is described, shared ones by a reference that exists")
    func shape() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        let shared = (document["components"] as? [String: Any])?["responses"] as? [String: [String: Any]] ?? [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(method) \(path)")
                #expect(!responses.isEmpty)
                for (status, response) in responses {
                    // A shared response is named by reference, and must exist.
                    let reference = (response["$ref"] as? String)?.split(separator: "/").last.map(String.init)
                    let described = reference.map { shared[$0] } ?? response
                    #expect(described?["description"] is String, "\(method) \(path) \(status)")
                }
            }
        }
    }
}
