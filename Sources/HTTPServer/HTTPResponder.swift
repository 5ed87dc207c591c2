internal import CMicroHTTPD
import Synchronization

/// Delivers the one response of a request, from whichever thread has it.
///
/// A handler that answers before returning lets the server queue the
/// response on the same event-thread call. A handler that answers later
/// finds the connection suspended and resumes it; libmicrohttpd then calls
/// the access handler again, which queues the stored response.
///
/// Sendable without the compiler's check only because the server's
/// `Exchange` subclasses it; what this class holds is a constant and a lock.
public class HTTPResponder: @unchecked Sendable {
    private enum Phase {
        /// The handler is still running on the event thread.
        case handling
        /// The event thread returned without a response and suspended the connection.
        case suspended
        /// The response is stored and the connection resumed (or never suspended).
        case answered
    }

    private struct State {
        var phase = Phase.handling
        var response: HTTPResponse?
    }

    private let connection: ConnectionHandle
    private let state = Mutex(State())

    init(connection: ConnectionHandle) {
        self.connection = connection
    }

    /// Answers the request. Only the first call counts.
    public func respond(_ response: HTTPResponse) {
        let mustResume = state.withLock { state -> Bool in
            guard state.response == nil else { return false }
            state.response = response
            let wasSuspended = state.phase == .suspended
            state.phase = .answered
            return wasSuspended
        }
        if mustResume {
            MHD_resume_connection(connection.pointer)
        }
    }

    /// Called on the event thread once the handler returns: the response if
    /// it is ready, or nil after suspending the connection until it is.
    func responseOrSuspend() -> HTTPResponse? {
        state.withLock { state in
            if let response = state.response {
                return response
            }
            // Suspending while holding the lock makes a concurrent `respond`
            // wait, so a resume can never overtake the suspend.
            state.phase = .suspended
            MHD_suspend_connection(connection.pointer)
            return nil
        }
    }

    /// The stored response, once `respond` has run.
    var pendingResponse: HTTPResponse? {
        state.withLock { $0.response }
    }
}

/// A libmicrohttpd connection pointer. libmicrohttpd allows resuming a
/// suspended connection from any thread, which is the only cross-thread use.
struct ConnectionHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}
