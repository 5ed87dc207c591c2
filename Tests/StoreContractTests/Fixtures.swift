import Dispatch
import SessionCore
import Synchronization

/// Records made up for the contract, distinct on every call.
struct Fixtures {
    private var counter: UInt8 = 0

    mutating func client(name: String = "app", createdAt: Int64 = 1_000) -> ClientApplication {
        counter &+= 1
        return ClientApplication(
            id: "client-\(counter)",
            name: name,
            createdAt: Timestamp(millisecondsSinceEpoch: createdAt)
        )
    }

    mutating func user(email: String? = nil) -> User {
        counter &+= 1
        let address = email ?? "user\(counter)@example.com"
        return User(
            id: "user-\(counter)",
            email: address,
            emailKey: address.lowercased(),
            passwordHash: "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA",
            createdAt: Timestamp(millisecondsSinceEpoch: 2_000)
        )
    }

    mutating func session(
        user: User,
        client: ClientApplication,
        refreshExpiresAt: Int64 = 9_000_000
    ) -> SessionRecord {
        counter &+= 1
        return SessionRecord(
            id: "session-\(counter)",
            userID: user.id,
            clientID: client.id,
            refreshFamily: bytes(16, 1),
            accessTokenHash: bytes(32, 2),
            refreshTokenHash: bytes(32, 3),
            accessExpiresAt: Timestamp(millisecondsSinceEpoch: 5_000),
            refreshExpiresAt: Timestamp(millisecondsSinceEpoch: refreshExpiresAt),
            createdAt: Timestamp(millisecondsSinceEpoch: 3_000 + Int64(counter))
        )
    }

    mutating func rotation(replacing session: SessionRecord) -> Rotation {
        counter &+= 1
        return Rotation(
            accessTokenHash: bytes(32, 4),
            refreshTokenHash: bytes(32, 5),
            accessExpiresAt: Timestamp(millisecondsSinceEpoch: 7_000),
            previous: RotatedPair(
                accessTokenHash: session.accessTokenHash,
                refreshTokenHash: session.refreshTokenHash,
                rotatedAt: Timestamp(millisecondsSinceEpoch: 6_000),
                sealedSuccessor: bytes(72, 6)
            )
        )
    }

    /// Bytes that differ by call and by role, with a zero byte inside, so
    /// that a store that treats them as C strings would lose them.
    private func bytes(_ count: Int, _ role: UInt8) -> [UInt8] {
        (0..<count).map { index in
            index == 1 ? 0 : UInt8(truncatingIfNeeded: Int(counter) &* 31 &+ Int(role) &* 7 &+ index)
        }
    }
}

/// Waits for a store's completion-style call.
func waitFor<Value: Sendable>(
    _ call: (@escaping @Sendable (Result<Value, StoreError>) -> Void) -> Void
) throws -> Value {
    let done = DispatchSemaphore(value: 0)
    let outcome = Mutex<Result<Value, StoreError>?>(nil)
    call { result in
        outcome.withLock { $0 = result }
        done.signal()
    }
    done.wait()
    return try outcome.withLock { $0! }.get()
}

/// Rotates `session` from its current refresh hash and waits for the
/// store's answer: whether the rotation won. `id` names another session.
func rotate(
    _ session: SessionRecord,
    to rotation: Rotation,
    in store: any SessionStore,
    id: String? = nil
) throws -> Bool {
    try waitFor { completion in
        store.rotateSession(
            id: id ?? session.id,
            expectedRefreshHash: session.refreshTokenHash,
            to: rotation,
            completion: completion
        )
    }
}
