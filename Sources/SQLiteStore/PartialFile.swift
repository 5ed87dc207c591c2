import Foundation
import Glibc

/// The file a backup is written to: beside the target, under a name of its
/// own, and given the target's name only once complete and synced. A crash
/// midway leaves a stray `.partial-` file, never half a backup under the
/// name an operator would restore from.
struct PartialFile {
    let path: String
    let target: String

    /// Creates the file empty. mkstemp picks a name no other backup is
    /// using, and makes the file readable by its owner alone, as a file of
    /// password hashes should be.
    init(beside target: String) throws(BackupError) {
        var template = Array("\(target).partial-XXXXXX".utf8CString)
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw Self.failure(errno, "cannot create a file beside \(target)") }
        // SQLite opens the file itself. A descriptor left open here would,
        // once closed, drop the POSIX locks SQLite holds on the file.
        close(descriptor)
        path = String(decoding: template.dropLast().map(UInt8.init(bitPattern:)), as: UTF8.self)
        self.target = target
    }

    /// Makes the written data durable, once SQLite has closed the file; the
    /// file's size in bytes.
    func sync() throws(BackupError) -> Int {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(errno, "cannot open \(path)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure(errno, "cannot sync \(path)") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Self.failure(errno, "cannot read the size of \(path)") }
        return Int(status.st_size)
    }

    /// Gives the file the target's name and makes that name durable.
    /// link, unlike rename, refuses a name that is taken, so a file that
    /// appeared at the target during the copy is never replaced.
    func publish() throws(BackupError) {
        guard link(path, target) == 0 else {
            throw errno == EEXIST ? .targetExists(target) : Self.failure(errno, "cannot name the copy \(target)")
        }
        // The copy has both names now; should this fail, the spare one
        // holds no extra space and harms nothing.
        unlink(path)

        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Self.failure(errno, "cannot open \(folder)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw Self.failure(errno, "cannot sync \(folder)") }
    }

    /// Removes the file and whatever SQLite left beside it.
    func discard() {
        for suffix in ["", "-journal", "-wal", "-shm"] {
            unlink(path + suffix)
        }
    }

    /// `code` comes first, so that it is read before the message is built.
    private static func failure(_ code: Int32, _ what: String) -> BackupError {
        .file("\(what): \(String(cString: strerror(code)))")
    }
}
