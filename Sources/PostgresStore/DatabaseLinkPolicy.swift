import Postgres

/// A PostgreSQL server on another machine is reached only over TLS with its
/// certificate and name verified (`sslmode=verify-full`): libpq's default,
/// `prefer`, falls back to cleartext and accepts any certificate, so anyone
/// on the path could read token hashes and password hashes, or pose as the
/// database (OWASP ASVS 5.0, 12.3.1). A server on this machine, over a
/// socket or a loopback address, needs no TLS.
public enum DatabaseLinkPolicy {
    /// Why the link is refused, or nil when it is acceptable.
    public static func refusal(for settings: PostgresLinkSettings) -> String? {
        guard settings.sslMode != "verify-full" else { return nil }
        let remote: [String]
        if settings.namesService {
            remote = ["the server of a service file"]
        } else {
            // With hostaddr set, libpq connects there and uses host only as
            // the name to verify.
            let targets = settings.hostAddresses.isEmpty ? settings.hosts : settings.hostAddresses
            remote = targets.filter { !isOnThisMachine($0) }
        }
        guard !remote.isEmpty else { return nil }
        return "PostgreSQL at \(remote.joined(separator: ", ")) would be reached with sslmode=\(settings.sslMode), "
            + "which does not verify the server's certificate: add sslmode=verify-full to the URL "
            + "(with sslrootcert if the CA is not in ~/.postgresql/root.crt)"
    }

    /// Socket directories (a path, or `@` for Linux's abstract namespace),
    /// `localhost`, 127.0.0.0/8 and `::1`.
    static func isOnThisMachine(_ host: String) -> Bool {
        if host.hasPrefix("/") || host.hasPrefix("@") || host.lowercased() == "localhost" || host == "::1" {
            return true
        }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
