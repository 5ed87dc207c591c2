import KomsTestSupport

/// Where a load sends its requests.
struct LoadTarget: Sendable {
    let port: UInt16
    let clientID: String
    /// Where the load notes its passwords and tokens, for the server's log check.
    var secrets: SecretLedger? = nil
}

/// The connections of one load thread.
///
/// Sign-ups and logins leave from a source address that changes every few
/// requests, as from many devices; so even a server with its per-address
/// rate limits on never throttles the load. Token requests use two fixed
/// connections: two, so that a refresh can race itself.
final class LoadConnections {
    /// Credential requests per source address; below every burst allowance.
    private static let requestsPerAddress = 4
    /// Generous: a loaded two-core machine may stall a request for seconds.
    private static let timeoutSeconds = 30.0

    let target: LoadTarget
    let tokens: APIClient
    let racer: APIClient
    private let addressBlock: Int
    private var addressesUsed = 0
    private var credentialClient: APIClient?
    private var credentialRequests = 0

    /// `addressBlock` is the second byte of the 127.x.y.z source addresses,
    /// so that threads never share one.
    init(target: LoadTarget, addressBlock: Int) throws {
        self.target = target
        self.addressBlock = addressBlock
        tokens = APIClient(
            http: try Self.connect(target, from: nil),
            clientID: target.clientID,
            secrets: target.secrets
        )
        racer = APIClient(http: try Self.connect(target, from: nil), clientID: target.clientID, secrets: target.secrets)
    }

    /// The client for the next sign-up or login.
    func credentials() throws -> APIClient {
        if let client = credentialClient, credentialRequests < Self.requestsPerAddress {
            credentialRequests += 1
            return client
        }
        credentialClient?.http.close()
        let client = try fromNewAddress()
        credentialClient = client
        credentialRequests = 1
        return client
    }

    /// A connection from an address no other request has used.
    func fromNewAddress() throws -> APIClient {
        addressesUsed += 1
        precondition(addressesUsed < 250 * 250, "the address block is used up")
        let address = "127.\(addressBlock).\(addressesUsed / 250).\(addressesUsed % 250 + 1)"
        return APIClient(
            http: try Self.connect(target, from: address),
            clientID: target.clientID,
            secrets: target.secrets
        )
    }

    /// Writes one request on both connections before reading either
    /// answer, so that the server handles the two at the same time.
    func race(
        _ method: String,
        _ path: String,
        headers: [(String, String)],
        body: [UInt8],
        on first: HTTPTestClient,
        _ second: HTTPTestClient
    ) throws -> (HTTPTestResponse, HTTPTestResponse) {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(target.port)\r\n"
        head += "\(TestServer.clientHeader): \(target.clientID)\r\n"
        for (name, value) in headers + [jsonContentType, ("Content-Length", String(body.count))] {
            head += "\(name): \(value)\r\n"
        }
        let request = Array((head + "\r\n").utf8) + body

        try first.writeRaw(request)
        try second.writeRaw(request)
        return (try first.readResponse(), try second.readResponse())
    }

    private static func connect(_ target: LoadTarget, from address: String?) throws -> HTTPTestClient {
        try HTTPTestClient(port: target.port, sourceAddress: address, timeoutSeconds: timeoutSeconds)
    }
}
