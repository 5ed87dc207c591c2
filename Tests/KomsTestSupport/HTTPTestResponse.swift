internal import Foundation

/// One complete response as the server sent it, headers kept in order and
/// with duplicates, so tests can check exactly what went over the wire.
public struct HTTPTestResponse: Sendable {
    public var status: Int
    public var reason: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    /// The first value of the header `name`, compared case-insensitively as
    /// HTTP field names are.
    public func header(_ name: String) -> String? {
        headers(named: name).first
    }

    /// Every value of the header `name`, in the order received.
    public func headers(named name: String) -> [String] {
        let wanted = name.lowercased()
        return headers.filter { $0.name.lowercased() == wanted }.map(\.value)
    }

    /// The body as UTF-8, with invalid bytes replaced rather than failing.
    public var text: String {
        String(decoding: body, as: UTF8.self)
    }

    /// The body as a JSON object; nil when it is not one, so a test can
    /// `#expect(response.json?["error"] ...)` without a throwing step.
    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}
