internal import Glibc

/// One connected IPv4 TCP socket; it owns the descriptor and closes it in
/// `deinit`, so a failure half-way through connecting leaks nothing.
///
/// Blocking calls are bounded by SO_RCVTIMEO/SO_SNDTIMEO, which turns a
/// server that stops answering into a timeout instead of a hung test.
final class LoopbackSocket {
    /// What became of one attempt to read.
    enum Received: Equatable {
        case bytes
        case endOfStream
        case timedOut
    }

    /// What an idle connection holds, probed without blocking.
    enum IdleState: Equatable {
        case quiet
        case pendingInput
        case closed
    }

    private var descriptor: Int32
    private let timeoutSeconds: Double
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    private init(descriptor: Int32, timeoutSeconds: Double) {
        self.descriptor = descriptor
        self.timeoutSeconds = timeoutSeconds
    }

    deinit {
        close()
    }

    /// Opens a connection to `remote`, first binding to `local` (port 0)
    /// when given, so the server sees that address as the client's.
    static func connect(
        to remote: IPv4Endpoint,
        from local: IPv4Endpoint?,
        timeoutSeconds: Double
    ) throws(HTTPTestClientError) -> LoopbackSocket {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .systemCall("socket()", errno: errno) }
        let connection = LoopbackSocket(descriptor: descriptor, timeoutSeconds: timeoutSeconds)

        let timeout = timeval(seconds: timeoutSeconds)
        try connection.setOption(SOL_SOCKET, SO_RCVTIMEO, timeout, "SO_RCVTIMEO")
        try connection.setOption(SOL_SOCKET, SO_SNDTIMEO, timeout, "SO_SNDTIMEO")
        // Requests are small and written in one go; Nagle would only delay
        // a second write (a raw request sent in pieces) by an ACK round trip.
        try connection.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, Int32(1), "TCP_NODELAY")

        if let local {
            let result = local.withSocketAddress { Glibc.bind(descriptor, $0, $1) }
            guard result == 0 else { throw .systemCall("bind(\(local))", errno: errno) }
        }

        try connection.connect(to: remote)
        return connection
    }

    /// Writes every byte, resuming after partial writes and signals.
    func sendAll(_ bytes: [UInt8]) throws(HTTPTestClientError) {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL turns a write to a closed peer into EPIPE rather
            // than a SIGPIPE that would kill the whole test process.
            let sent = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent < 0 else {
                offset += sent
                continue
            }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                throw .timedOut("sending (\(offset) of \(bytes.count) bytes sent)", after: timeoutSeconds)
            case EPIPE, ECONNRESET:
                throw HTTPTestClientError(.closedByPeer, "server closed the connection while the request was sent")
            case let code:
                throw .systemCall("send()", errno: code)
            }
        }
    }

    /// Reads what is available (waiting up to the timeout) onto `buffer`.
    /// A reset counts as the end of the stream: either way nothing more
    /// will arrive.
    func receive(appendingTo buffer: inout [UInt8]) throws(HTTPTestClientError) -> Received {
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return .bytes
            }
            if count == 0 { return .endOfStream }
            switch errno {
            case EINTR:
                continue
            case EAGAIN, EWOULDBLOCK:
                return .timedOut
            case ECONNRESET:
                return .endOfStream
            case let code:
                throw .systemCall("recv()", errno: code)
            }
        }
    }

    /// Peeks at the connection without blocking or consuming anything.
    func idleState() -> IdleState {
        var byte: UInt8 = 0
        while true {
            let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
            if count > 0 { return .pendingInput }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .quiet
            default: return .closed
            }
        }
    }

    /// Waits until a read would not block (data, end of stream or error);
    /// false when `duration` passes first.
    func waitUntilReadable(within duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        while true {
            let result = poll(&entry, 1, Self.milliseconds(until: deadline))
            if result > 0 { return true }
            if result == 0 { return false }
            // Any error other than a signal is left for the next read to report.
            if errno != EINTR { return true }
        }
    }

    func close() {
        guard descriptor >= 0 else { return }
        _ = Glibc.close(descriptor)
        descriptor = -1
    }

    private func connect(to remote: IPv4Endpoint) throws(HTTPTestClientError) {
        let result = remote.withSocketAddress { Glibc.connect(descriptor, $0, $1) }
        guard result != 0 else { return }

        switch errno {
        case EINTR:
            try awaitInterruptedConnect(to: remote)
        case EINPROGRESS:
            // socket(7): a blocking connect that outlives SO_SNDTIMEO fails
            // with EINPROGRESS.
            throw .timedOut("connecting to \(remote)", after: timeoutSeconds)
        case let code:
            throw .systemCall("connect(\(remote))", errno: code)
        }
    }

    /// connect(2) interrupted by a signal carries on in the kernel; calling
    /// it again would fail with EALREADY, so wait for writability and read
    /// the outcome from SO_ERROR instead.
    private func awaitInterruptedConnect(to remote: IPv4Endpoint) throws(HTTPTestClientError) {
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        var ready = poll(&entry, 1, Self.milliseconds(until: deadline))
        while ready < 0 && errno == EINTR {
            ready = poll(&entry, 1, Self.milliseconds(until: deadline))
        }
        guard ready >= 0 else { throw .systemCall("poll()", errno: errno) }
        guard ready > 0 else { throw .timedOut("connecting to \(remote)", after: timeoutSeconds) }

        var failure: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
            throw .systemCall("getsockopt(SO_ERROR)", errno: errno)
        }
        guard failure == 0 else { throw .systemCall("connect(\(remote))", errno: failure) }
    }

    private func setOption<Value: BitwiseCopyable>(
        _ level: Int32,
        _ name: Int32,
        _ value: Value,
        _ label: String
    ) throws(HTTPTestClientError) {
        let result = withUnsafeBytes(of: value) {
            setsockopt(descriptor, level, name, $0.baseAddress, socklen_t($0.count))
        }
        guard result == 0 else { throw .systemCall("setsockopt(\(label))", errno: errno) }
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
        let (seconds, attoseconds) = (deadline - ContinuousClock.now).components
        let total = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int32(clamping: max(total, 0))
    }
}

extension timeval {
    /// A socket timeout; zero would mean "never time out", so the smallest
    /// value kept is one microsecond.
    fileprivate init(seconds: Double) {
        let whole = seconds.rounded(.down)
        let micro = max(Int((seconds - whole) * 1_000_000), whole == 0 ? 1 : 0)
        self.init(tv_sec: Int(whole), tv_usec: micro)
    }
}
