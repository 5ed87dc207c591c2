/// A statement parameter, sent in PostgreSQL's binary format so that token
/// hashes travel as bytes and never pass through an escaping step.
public enum PostgresValue: Sendable {
    case text(String)
    case integer(Int64)
    case bytes([UInt8])
    case boolean(Bool)
    case null

    /// The type OID the server reads the parameter as (`pg_type`).
    var typeOID: UInt32 {
        switch self {
        case .text: 25
        case .integer: 20
        case .bytes: 17
        case .boolean: 16
        case .null: 0
        }
    }

    /// The binary encoding, nil for SQL NULL.
    var encoded: [UInt8]? {
        switch self {
        case .text(let text): Array(text.utf8)
        case .integer(let number): withUnsafeBytes(of: number.bigEndian, Array.init)
        case .bytes(let bytes): bytes
        case .boolean(let flag): [flag ? 1 : 0]
        case .null: nil
        }
    }
}
