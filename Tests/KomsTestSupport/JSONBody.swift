internal import Foundation

/// Encodes a JSON request body with sorted keys, so the bytes sent (and any
/// failure message quoting them) are the same on every run.
///
/// A value JSONSerialization cannot encode is a bug in the test itself, so
/// it stops the test at that line instead of sending something else.
public func jsonBody(_ object: [String: Any]) -> [UInt8] {
    guard JSONSerialization.isValidJSONObject(object) else {
        preconditionFailure("jsonBody: \(object) cannot be encoded as JSON")
    }
    do {
        return [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    } catch {
        preconditionFailure("jsonBody: \(error)")
    }
}

/// The header to send alongside `jsonBody(_:)`.
public let jsonContentType = ("Content-Type", "application/json")
