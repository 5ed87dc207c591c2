internal import CSQLite
import Glibc

/// Where the database stands: SQLite's commit counter, the WAL's last
/// frame and the checksum of the WAL-index header. Any commit by any
/// process changes it.
struct WALStamp: Equatable, Sendable {
    var counters: UInt64
    var checksum: UInt64

    /// The commit counter alone, which each commit raises by one.
    var commitCount: UInt32 { UInt32(truncatingIfNeeded: counters) }
}

/// The WAL index that every connection to the database shares (the `-shm`
/// file), read without a lock or a transaction: only its header, to see
/// whether anything was committed since a stamp was taken.
///
/// It maps the file itself, read-only, rather than borrow SQLite's mapping,
/// so that the memory stays valid for as long as this object lives. Read
/// it only while a connection of this process is open: the first process
/// to open a database with no open connection empties the file.
///
/// Its descriptor of the file stays open while it lives. Closing any
/// descriptor of a file drops every POSIX lock the process holds on it
/// (fcntl(2)), among them the lock by which SQLite tells other processes
/// that the file is in use. Without it, the next process to open the
/// database, such as `koms client` or `koms backup`, takes itself for the
/// first, and truncates the file under this process's mappings (SIGBUS).
final class WALIndex: Sendable {
    private static let headerBytes = 4096
    private let descriptor: Int32
    /// Unchecked: memory that only SQLite writes.
    private nonisolated(unsafe) let header: UnsafeMutableRawPointer

    /// The index of the database at `databasePath`, which must be open in
    /// WAL mode; nil when there is no index file to map.
    init?(databasePath: String) {
        // Reading a mapped page past the end of the file would raise SIGBUS.
        var status = stat()
        guard stat(databasePath + "-shm", &status) == 0, status.st_size >= Self.headerBytes else { return nil }
        descriptor = open(databasePath + "-shm", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        // On failure the descriptor is left open, for the reason above; a
        // read-only mapping of one page fails only when memory runs out.
        let mapped = mmap(nil, Self.headerBytes, PROT_READ, MAP_SHARED, descriptor, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        header = mapped
    }

    /// The store lets go of its index only after closing its connections,
    /// so the locks this drops are no longer SQLite's.
    deinit {
        munmap(header, Self.headerBytes)
        close(descriptor)
    }

    /// The current stamp, or nil while a commit is writing the header.
    func stamp() -> WALStamp? {
        var words: (UInt64, UInt64) = (0, 0)
        let consistent = withUnsafeMutableBytes(of: &words) { buffer in
            CSQLite_wal_stamp(header, buffer.baseAddress!.assumingMemoryBound(to: UInt64.self))
        }
        return consistent == 1 ? WALStamp(counters: words.0, checksum: words.1) : nil
    }
}
