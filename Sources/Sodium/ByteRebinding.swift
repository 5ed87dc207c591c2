/// libsodium takes passwords, hash strings and base64 text as `char`, while
/// this module keeps bytes as `UInt8`. The two share a layout, so the memory
/// is lent under the other type without copying.
///
/// Both helpers go through Swift's array-to-pointer conversion because it
/// never yields NULL, not even for an empty array; libsodium marks these
/// parameters `nonnull`.
extension Array where Element == UInt8 {
    func withCChars<Result>(_ body: (UnsafePointer<CChar>) -> Result) -> Result {
        let count = count
        func lend(_ bytes: UnsafePointer<UInt8>) -> Result {
            bytes.withMemoryRebound(to: CChar.self, capacity: count, body)
        }
        return lend(self)
    }

    mutating func withMutableCChars<Result>(_ body: (UnsafeMutablePointer<CChar>) -> Result) -> Result {
        let count = count
        func lend(_ bytes: UnsafeMutablePointer<UInt8>) -> Result {
            bytes.withMemoryRebound(to: CChar.self, capacity: count, body)
        }
        return lend(&self)
    }
}
