import Postgres
import SessionCore

extension PostgresError {
    var storeError: StoreError {
        isTransient ? .unavailable(description) : .failure(description)
    }
}
