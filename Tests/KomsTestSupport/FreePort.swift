internal import Glibc

/// A loopback TCP port that was free a moment ago: the kernel picks one for
/// a socket bound to port 0, which is then closed so a server can take it.
///
/// Something else may take the port in between, so servers started on it
/// retry with another when the bind fails.
enum FreePort {
    static func pick() throws(PostgresClusterError) -> UInt16 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw failure("socket()") }
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(INADDR_LOOPBACK).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
            }
        }
        guard bound else { throw failure("bind(127.0.0.1:0)") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func failure(_ call: String) -> PostgresClusterError {
        PostgresClusterError(command: call, outcome: String(cString: strerror(errno)), output: "")
    }
}
