/// A strict RFC 8259 parser for request bodies.
///
/// Anything the RFC leaves to the implementation is refused rather than guessed at: a byte-order
/// mark, invalid UTF-8, unpaired surrogate escapes, duplicate keys and data after the value are
/// all errors, so every component that reads the same body sees the same document.
public enum JSONParser {
    /// Parses `bytes` as exactly one JSON value, optionally surrounded by whitespace.
    ///
    /// Keys are compared as Swift strings, that is by canonical equivalence, so two spellings of
    /// the same key (such as a precomposed and a decomposed `é`) count as a duplicate: an object
    /// could not hold both under distinct names anyway.
    ///
    /// - Parameters:
    ///   - bytes: The body as received; it is read in place, not copied.
    ///   - maxDepth: How many arrays and objects may be nested inside one another. Parsing never
    ///     recurses, but comparing, serialising and releasing a value do, so the limit is what keeps
    ///     those safe on hostile input.
    /// - Throws: `JSONParseError` naming the first problem and its byte offset.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = 32) throws(JSONParseError) -> JSONValue {
        var parser = Parser(bytes: bytes, maxDepth: maxDepth)
        return try parser.parseDocument()
    }
}
