internal import CSodium

/// The one-time start-up of libsodium, which every public entry point
/// reaches before its first C call. The size and limit getters are the
/// exception: they only return constants.
///
/// libsodium's documentation asks for `sodium_init()` before any other
/// function: it picks the fastest implementations for this CPU and opens the
/// system's random source. Swift runs a static's initialiser exactly once,
/// under a lock, so touching `ready` from any thread is safe.
enum SodiumLibrary {
    private static let ready: Void = {
        // 0 means initialised now and 1 means already initialised; only -1
        // is a failure, and it leaves no safe way to make keys or tokens.
        guard sodium_init() >= 0 else {
            fatalError("sodium_init() failed: libsodium cannot run on this system")
        }
    }()

    /// Initialises libsodium on first use; later calls cost a load and a branch.
    static func ensureReady() {
        ready
    }
}
