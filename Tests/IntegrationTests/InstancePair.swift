import Foundation
import KomsTestSupport
import Testing

/// Two `koms serve` processes on one shared database.
struct InstancePair {
    let first: ServerProcess
    let second: ServerProcess
    let clientID: String

    init(databaseURL: String, extraArguments: [String] = []) throws {
        first = try ServerProcess(databasePath: databaseURL, extraArguments: extraArguments)
        second = try ServerProcess(databasePath: databaseURL, extraArguments: extraArguments)
        clientID = try #require(first.firstClientID)
    }

    /// The walk through both instances: sign up on the first, log
    /// in on the second, refresh on the first, log out on the second.
    static func checkSessionFlow(_ pair: InstancePair) throws {
        let first = try pair.first.apiClient(clientID: pair.clientID)
        let second = try pair.second.apiClient(clientID: pair.clientID)
        let email = "shared-\(UUID().uuidString.prefix(8))@example.com"
        #expect(try first.signUp(email, "correct horse battery").status == 201)
        let login = try TokenPair(try second.logIn(email, "correct horse battery"))
        #expect(try first.readUser(login.access).status == 200)
        let refreshed = try TokenPair(try first.refresh(login))
        #expect(try second.readSession(refreshed.access).status == 200)
        #expect(try second.logOut(refreshed.access).status == 204)

        for api in [first, second] {
            for access in [login.access, refreshed.access] {
                #expect(try api.readSession(access).status == 401)
                #expect(try api.readUser(access).status == 401)
            }
            #expect(try api.refresh(refreshed).status == 401)
        }
    }
}
