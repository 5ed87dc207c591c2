/// The rows of a statement, copied out of libpq's result in binary format.
public struct PostgresRows: Sendable {
    public let rows: [PostgresRow]
    /// Rows an INSERT, UPDATE or DELETE touched.
    public let affectedRows: Int

    public var first: PostgresRow? { rows.first }
}

/// One row; the accessors read the binary format of the column's type and
/// trap on a type the statement did not ask for, which is a bug in the SQL.
public struct PostgresRow: Sendable {
    let columns: [[UInt8]?]

    public func isNull(_ column: Int) -> Bool {
        columns[column] == nil
    }

    public func text(_ column: Int) -> String {
        String(decoding: columns[column] ?? [], as: UTF8.self)
    }

    public func bytes(_ column: Int) -> [UInt8] {
        columns[column] ?? []
    }

    /// int2, int4 or int8, told apart by their width.
    public func integer(_ column: Int) -> Int64 {
        guard let bytes = columns[column] else { return 0 }
        precondition([2, 4, 8].contains(bytes.count), "column \(column) is not an integer")
        var value: Int64 = bytes[0] >= 0x80 ? -1 : 0
        for byte in bytes {
            value = value << 8 | Int64(byte)
        }
        return value
    }

    public func optionalInteger(_ column: Int) -> Int? {
        isNull(column) ? nil : Int(integer(column))
    }

    public func boolean(_ column: Int) -> Bool {
        columns[column]?.first == 1
    }
}
