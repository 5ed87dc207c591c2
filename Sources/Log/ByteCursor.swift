/// Writes bytes one after another into memory sized beforehand. A log
/// line is written for every request; appending its dozens of pieces to an
/// array checks capacity and uniqueness at each one, which cost more than
/// counting the line's length first and copying each piece once.
struct ByteCursor {
    private let memory: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ memory: UnsafeMutableBufferPointer<UInt8>) {
        self.memory = memory
    }

    /// The bytes written so far.
    var written: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: memory[..<count])
    }

    mutating func write(_ byte: UInt8) {
        precondition(count < memory.count, "a log line outgrew the length counted for it")
        memory[count] = byte
        count += 1
    }

    mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        precondition(bytes.count <= memory.count - count, "a log line outgrew the length counted for it")
        (memory.baseAddress! + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func write(_ text: String) {
        text.withUTF8Bytes { write($0) }
    }
}

extension String {
    /// The UTF-8 bytes where the string keeps them, without the copy that
    /// `withUTF8` makes of a string it may not mutate. Native and small
    /// strings, which are all Linux has, keep contiguous UTF-8.
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) {
            return result
        }
        var copy = self
        return copy.withUTF8(body)
    }
}
