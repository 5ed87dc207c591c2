import Foundation
import KomsTestSupport

/// The Session API's calls over an `HTTPTestClient`, so that tests read as
/// the client application's steps.
struct APIClient {
    let http: HTTPTestClient
    var clientID: String?
    /// Where the passwords sent and the tokens received are noted, so that
    /// the server's log can be searched for them.
    let secrets: SecretLedger?

    /// A client sending the server's registered client id.
    init(_ server: TestServer) throws {
        try self.init(server, clientID: server.clientID)
    }

    /// A client sending this client id, or no x-koms-clientid header for nil.
    init(_ server: TestServer, clientID: String?) throws {
        self.init(http: try server.connect(), clientID: clientID, secrets: server.secrets)
    }

    init(http: HTTPTestClient, clientID: String?, secrets: SecretLedger? = nil) {
        self.http = http
        self.clientID = clientID
        self.secrets = secrets
    }

    /// Sends the request and notes the tokens of the answer.
    private func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)],
        body: [UInt8]? = nil
    ) throws -> HTTPTestResponse {
        let response = try http.send(method, path, headers: headers, body: body)
        if let secrets, let json = response.json {
            for key in ["access_token", "refresh_token"] {
                if let token = json[key] as? String {
                    secrets.noteToken(token)
                }
            }
        }
        return response
    }

    private var clientHeaders: [(String, String)] {
        clientID.map { [(TestServer.clientHeader, $0)] } ?? []
    }

    func signUp(_ email: String, _ password: String) throws -> HTTPTestResponse {
        secrets?.notePassword(password)
        return try send(
            "POST",
            "/user",
            headers: clientHeaders + [jsonContentType],
            body: jsonBody(["email": email, "password": password])
        )
    }

    func logIn(_ email: String, _ password: String) throws -> HTTPTestResponse {
        secrets?.notePassword(password)
        return try send(
            "POST",
            "/session",
            headers: clientHeaders + [jsonContentType],
            body: jsonBody(["account_type": "traditional", "email": email, "password": password])
        )
    }

    func refresh(_ pair: TokenPair) throws -> HTTPTestResponse {
        try send(
            "PUT",
            "/session",
            headers: clientHeaders + [jsonContentType, bearer(pair.access)],
            body: jsonBody(["refresh_token": pair.refresh])
        )
    }

    func readSession(_ access: String) throws -> HTTPTestResponse {
        try send("GET", "/session", headers: clientHeaders + [bearer(access)])
    }

    func readUser(_ access: String) throws -> HTTPTestResponse {
        try send("GET", "/user", headers: clientHeaders + [bearer(access)])
    }

    func logOut(_ access: String) throws -> HTTPTestResponse {
        try send("DELETE", "/session", headers: clientHeaders + [bearer(access)])
    }

    /// Signs up and logs in a fresh account.
    func newSession(email: String = "user-\(UUID().uuidString.prefix(8))@example.com") throws -> TokenPair {
        _ = try signUp(email, "correct horse battery")
        return try TokenPair(try logIn(email, "correct horse battery"))
    }

    private func bearer(_ token: String) -> (String, String) {
        ("Authorization", "Bearer \(token)")
    }
}

/// The tokens of a login or refresh answer.
struct TokenPair: Equatable {
    let access: String
    let refresh: String
    let expiresIn: Int

    init(access: String, refresh: String, expiresIn: Int) {
        self.access = access
        self.refresh = refresh
        self.expiresIn = expiresIn
    }

    init(_ response: HTTPTestResponse) throws {
        guard response.status == 200, let json = response.json,
            let access = json["access_token"] as? String, let refresh = json["refresh_token"] as? String,
            let expiresIn = json["access_token_expires_in"] as? Int
        else {
            throw TestFailure("expected a token answer, got \(response.status) \(response.text)")
        }
        self.access = access
        self.refresh = refresh
        self.expiresIn = expiresIn
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension HTTPTestResponse {
    /// The problem-details `code` member.
    var code: String? { json?["code"] as? String }
    /// The problem-details `detail` member.
    var detail: String? { json?["detail"] as? String }
}
