/// A JSON document as a tree of values.
///
/// Numbers keep their source text instead of being converted to `Double`, so that identifiers,
/// amounts and other large integers survive a round trip without losing digits; the caller
/// converts the text to whatever numeric type it expects.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)

    /// The number's text exactly as written, e.g. `-0.5e10`.
    ///
    /// The parser only produces text that matches the JSON number grammar. The writer copies the
    /// text verbatim, so a value built in code must hold valid number text too.
    case number(String)

    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}
