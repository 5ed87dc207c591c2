/// What `koms copy` needs of a store beyond the service's operations:
/// reading everything in pages, and writing pages in bulk without
/// overwriting what is there.
public protocol StoreTransfer: SessionStore {
    func countUsers() throws(StoreError) -> Int
    /// Up to `limit` users with ids after `id` (all when nil), in id order.
    func users(after id: String?, limit: Int) throws(StoreError) -> [User]
    /// Up to `limit` sessions whose refresh deadline is after `now`, with
    /// ids after `id`, in id order.
    func sessions(liveAt now: Timestamp, after id: String?, limit: Int) throws(StoreError) -> [SessionRecord]

    /// Each import is one transaction that inserts the records the store
    /// does not hold yet and skips the rest: a client or user with the same
    /// id, a user with the same email key, a session with the same id,
    /// family or access token, or one whose user or client is missing. It
    /// returns how many were inserted, so that a second run inserts none.
    func importClients(_ clients: [ClientApplication]) throws(StoreError) -> Int
    func importUsers(_ users: [User]) throws(StoreError) -> Int
    func importSessions(_ sessions: [SessionRecord]) throws(StoreError) -> Int
}
