import JSON

/// Parses the UTF-8 bytes of `text`.
func parse(_ text: String, maxDepth: Int = 32) throws(JSONParseError) -> JSONValue {
    try JSONParser.parse(Array(text.utf8), maxDepth: maxDepth)
}

/// The error that parsing `bytes` throws, or `nil` when it succeeds.
func parseError(_ bytes: [UInt8], maxDepth: Int = 32) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, maxDepth: maxDepth)
        return nil
    } catch {
        return error
    }
}

/// The error that parsing the UTF-8 bytes of `text` throws, or `nil` when it succeeds.
func parseError(_ text: String, maxDepth: Int = 32) -> JSONParseError? {
    parseError(Array(text.utf8), maxDepth: maxDepth)
}

/// The writer's output for `value`, read back as text.
func serialized(_ value: JSONValue) -> String {
    String(decoding: JSONWriter.serialize(value), as: UTF8.self)
}

/// A string value wrapped in quotes around raw bytes, for inputs that are not valid UTF-8.
func quoted(_ bytes: [UInt8]) -> [UInt8] {
    [0x22] + bytes + [0x22]
}

/// An object value with `members` in the order given.
func object(_ members: (String, JSONValue)...) -> JSONValue {
    .object(JSONObject(members))
}
