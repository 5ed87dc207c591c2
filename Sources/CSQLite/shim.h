#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro that casts -1 to a function pointer, which
/// Swift cannot import; binding through this wrapper makes SQLite copy the
/// value before the call returns.
static inline int CSQLite_bind_text_transient(sqlite3_stmt *statement, int index,
                                              const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/// The blob twin of CSQLite_bind_text_transient.
static inline int CSQLite_bind_blob_transient(sqlite3_stmt *statement, int index,
                                              const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

/// sqlite3_config is variadic, which Swift cannot call. Memory statistics
/// put every allocation of every connection behind one global mutex, which
/// serialises concurrent readers; koms never reads them. SQLITE_MISUSE if
/// SQLite was already initialised, which leaves the statistics on.
static inline int CSQLite_disable_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
