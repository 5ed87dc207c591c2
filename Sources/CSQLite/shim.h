#include <stddef.h>
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

/// Reads the WAL-index header (https://www.sqlite.org/walformat.html,
/// section 2.1) the way SQLite's readers do: the two copies, with a memory
/// barrier between, must agree, or a commit is under way. On success it
/// stores the commit counter and the last valid frame in stamp[0], and the
/// header's checksum in stamp[1], and returns 1.
static inline int CSQLite_wal_stamp(const volatile void *index, unsigned long long stamp[2]) {
    unsigned int first[12];
    unsigned int second[12];
    const volatile unsigned int *words = (const volatile unsigned int *)index;
    for (int i = 0; i < 12; i++) first[i] = words[i];
    __sync_synchronize();
    for (int i = 0; i < 12; i++) second[i] = words[12 + i];
    for (int i = 0; i < 12; i++) {
        if (first[i] != second[i]) return 0;
    }
    /* Words: 2 is iChange, 4 is mxFrame, 10 and 11 are aCksum. */
    stamp[0] = (unsigned long long)first[2] | ((unsigned long long)first[4] << 32);
    stamp[1] = (unsigned long long)first[10] | ((unsigned long long)first[11] << 32);
    return 1;
}
