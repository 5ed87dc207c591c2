import SessionCore

/// Records as statement parameters, in the order of the column lists.
extension SQLiteSessionStore {
    static func values(of client: ClientApplication) -> [SQLiteValue] {
        [
            .text(client.id), .text(client.name), .integer(client.accessTokenLifetimeSeconds),
            .integer(client.refreshTokenLifetimeSeconds), .integer(client.isEnabled ? 1 : 0),
            .integer(client.createdAt.millisecondsSinceEpoch), .text(client.allowedOrigins.joined(separator: "\n")),
        ]
    }

    static func values(of user: User) -> [SQLiteValue] {
        [
            .text(user.id), .text(user.email), .text(user.emailKey), .text(user.passwordHash),
            .integer(user.createdAt.millisecondsSinceEpoch),
        ]
    }

    static func values(of session: SessionRecord) -> [SQLiteValue] {
        let previous = session.previous
        return [
            .text(session.id), .text(session.userID), .text(session.clientID), .blob(session.accessTokenHash),
            .blob(session.refreshTokenHash), .integer(session.accessExpiresAt.millisecondsSinceEpoch),
            .integer(session.refreshExpiresAt.millisecondsSinceEpoch),
            .integer(session.createdAt.millisecondsSinceEpoch),
            previous.map { .blob($0.accessTokenHash) } ?? .null, previous.map { .blob($0.refreshTokenHash) } ?? .null,
            previous.map { .integer($0.rotatedAt.millisecondsSinceEpoch) } ?? .null,
            previous.map { .blob($0.sealedSuccessor) } ?? .null, .blob(session.refreshFamily),
        ]
    }
}
