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

    @Test("it is OpenAPI 3.1, and every response it names is described with a body or none")
    func shape() throws {
        let document = try document()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: [String: [String: Any]]])
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = try #require(operation["responses"] as? [String: [String: Any]], "\(method) \(path)")
                #expect(!responses.isEmpty)
                for (status, response) in responses {
                    #expect(response["description"] is String, "\(method) \(path) \(status)")
                }
            }
        }
    }
}
