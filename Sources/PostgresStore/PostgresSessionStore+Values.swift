import Postgres
import SessionCore

/// Records as statement parameters, in the order of the column lists.
extension PostgresSessionStore {
    static func values(of client: ClientApplication) -> [PostgresValue] {
        [
            .text(client.id), .text(client.name), integer(client.accessTokenLifetimeSeconds),
            integer(client.refreshTokenLifetimeSeconds), .boolean(client.isEnabled),
            .integer(client.createdAt.millisecondsSinceEpoch), .text(client.allowedOrigins.joined(separator: "\n")),
        ]
    }

    static func values(of user: User) -> [PostgresValue] {
        [
            .text(user.id), .text(user.email), .text(user.emailKey), .text(user.passwordHash),
            .integer(user.createdAt.millisecondsSinceEpoch),
        ]
    }

    static func values(of session: SessionRecord) -> [PostgresValue] {
        let previous = session.previous
        return [
            .text(session.id), .text(session.userID), .text(session.clientID), .bytes(session.accessTokenHash),
            .bytes(session.refreshTokenHash), .integer(session.accessExpiresAt.millisecondsSinceEpoch),
            .integer(session.refreshExpiresAt.millisecondsSinceEpoch),
            .integer(session.createdAt.millisecondsSinceEpoch),
            previous.map { .bytes($0.accessTokenHash) } ?? .null, previous.map { .bytes($0.refreshTokenHash) } ?? .null,
            previous.map { .integer($0.rotatedAt.millisecondsSinceEpoch) } ?? .null,
            previous.map { .bytes($0.sealedSuccessor) } ?? .null, .bytes(session.refreshFamily),
        ]
    }

    private static func integer(_ value: Int?) -> PostgresValue {
        value.map { .integer(Int64($0)) } ?? .null
    }
}
