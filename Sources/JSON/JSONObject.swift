/// The members of a JSON object: each key once, in source order.
///
/// Lookups go through a dictionary because request handlers read fields by name, while the key
/// list keeps the order so that serialising a parsed object reproduces it. Two objects are equal
/// only when they hold the same members in the same order.
public struct JSONObject: Equatable, Sendable {
    /// The keys in the order they were written.
    public private(set) var keys: [String]

    private var values: [String: JSONValue]

    /// Creates an object from members in the order given.
    ///
    /// - Precondition: No key appears twice.
    public init(_ members: [(String, JSONValue)]) {
        keys = members.map(\.0)
        values = Dictionary(members) { _, _ in
            preconditionFailure("JSONObject built with a duplicate key")
        }
    }

    /// The value stored under `key`, or `nil` when the object has no such member.
    public subscript(key: String) -> JSONValue? {
        values[key]
    }

    /// Adds a member the caller has already checked is new; the parser reports duplicates itself.
    mutating func appendNew(_ key: String, _ value: JSONValue) {
        keys.append(key)
        values[key] = value
    }

    /// Calls `body` with each member in key order.
    func forEachMember(_ body: (String, JSONValue) -> Void) {
        for key in keys {
            // Every key in the list has a value: both are only ever extended together.
            body(key, values[key]!)
        }
    }
}
