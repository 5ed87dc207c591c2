internal import CMicroHTTPD
import Glibc

/// libmicrohttpd's access handler. It is called at least twice per request:
/// first with the head only, then with each piece of the body, then once
/// with no data. Queuing the response on the first call would make
/// libmicrohttpd close the connection, so ordinary requests are dispatched
/// on the last call. Two kinds are refused on the first call on purpose,
/// and their connection closed: a declared body over the limit, before it
/// is read, and ambiguous framing, before a smuggled request can follow.
let accessHandler: MHD_AccessHandlerCallback = {
    contextPointer,
    connection,
    url,
    method,
    _,
    uploadData,
    uploadDataSize,
    exchangeSlot in
    guard let contextPointer, let connection, let uploadDataSize, let exchangeSlot else { return .NO }
    let context = Unmanaged<DaemonContext>.fromOpaque(contextPointer).takeUnretainedValue()

    guard let exchangePointer = exchangeSlot.pointee else {
        let exchange = Exchange(
            request: readHead(connection: connection, url: url, method: method),
            connection: ConnectionHandle(pointer: connection)
        )
        exchangeSlot.pointee = Unmanaged.passRetained(exchange).toOpaque()

        exchange.request.framingProblem = BodyFraming.problem(in: exchange.request)
        if exchange.request.framingProblem != nil {
            return dispatch(exchange, connection: connection, context: context)
        }
        if let declared = exchange.request.header(.contentLength).flatMap(Int.init),
            declared > context.maximumBodyBytes
        {
            exchange.request.bodyExceedsLimit = true
            return dispatch(exchange, connection: connection, context: context)
        }
        return .YES
    }
    let exchange = Unmanaged<Exchange>.fromOpaque(exchangePointer).takeUnretainedValue()

    if exchange.isDispatched {
        // Called again after a resume, or with body bytes after an early refusal.
        uploadDataSize.pointee = 0
        guard let response = exchange.pendingResponse else { return .YES }
        return queue(response, for: exchange, on: connection, context: context)
    }

    if uploadDataSize.pointee > 0, let uploadData {
        // A chunked body over the limit is read to its end and dropped, since
        // libmicrohttpd sends no answer in the middle of a body; past a hard
        // cap the connection is closed instead.
        let accepted = exchange.appendBody(
            UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee),
            limit: context.maximumBodyBytes,
            discardLimit: context.maximumBodyBytes * 64
        )
        uploadDataSize.pointee = 0
        return accepted ? .YES : .NO
    }
    return dispatch(exchange, connection: connection, context: context)
}

/// Releases the exchange once libmicrohttpd is done with the request,
/// whether it was answered or the client went away.
let requestCompleted: MHD_RequestCompletedCallback = { contextPointer, _, exchangeSlot, _ in
    guard let contextPointer, let exchangeSlot, let exchangePointer = exchangeSlot.pointee else { return }
    let exchange = Unmanaged<Exchange>.fromOpaque(exchangePointer).takeRetainedValue()
    exchangeSlot.pointee = nil
    if exchange.isDispatched {
        let context = Unmanaged<DaemonContext>.fromOpaque(contextPointer).takeUnretainedValue()
        context.requestsInFlight.subtract(1, ordering: .releasing)
    }
}

/// Hands the request to the handler. From here until libmicrohttpd
/// completes it, the request counts as under way for a graceful shutdown;
/// one whose body never finished arriving does not hold the shutdown up.
private func dispatch(_ exchange: Exchange, connection: OpaquePointer, context: DaemonContext) -> MHD_Result {
    exchange.isDispatched = true
    context.requestsInFlight.add(1, ordering: .relaxed)
    context.handler.handle(exchange.request, responder: exchange)
    guard let response = exchange.responseOrSuspend() else { return .YES }
    return queue(response, for: exchange, on: connection, context: context)
}

private func queue(
    _ response: HTTPResponse,
    for exchange: Exchange,
    on connection: OpaquePointer,
    context: DaemonContext
) -> MHD_Result {
    let made = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(
            bytes.count,
            UnsafeMutableRawPointer(mutating: bytes.baseAddress),
            .RESPMEM_MUST_COPY
        )
    }
    guard let made else { return .NO }
    defer { MHD_destroy_response(made) }

    // withCString lends short strings from the stack; passing a String
    // straight to a C parameter copies each one to the heap.
    for (name, value) in response.headers {
        name.withCString { name in
            value.withCString { value in _ = MHD_add_response_header(made, name, value) }
        }
    }
    if context.servesTLS {
        // A year, above the six months that OWASP ASVS asks for.
        _ = MHD_add_response_header(made, "Strict-Transport-Security", "max-age=31536000")
    }
    // An unread body or doubtful framing leaves the stream unusable, and a
    // server shutting down wants its keep-alive clients elsewhere.
    if exchange.request.framingProblem != nil || exchange.request.bodyExceedsLimit
        || context.draining.load(ordering: .relaxed)
    {
        _ = MHD_add_response_header(made, "Connection", "close")
    }
    return MHD_queue_response(connection, UInt32(response.status), made)
}

private func readHead(connection: OpaquePointer, url: UnsafePointer<CChar>?, method: UnsafePointer<CChar>?)
    -> HTTPRequest
{
    var request = HTTPRequest(
        method: method.map { String(cString: $0) } ?? "",
        path: url.map { String(cString: $0) } ?? "/",
        remoteAddress: clientAddress(of: connection)
    )
    request.headers.reserveCapacity(8)
    withUnsafeMutablePointer(to: &request.headers) { headers in
        _ = MHD_get_connection_values_n(connection, .HEADER_KIND, collectHeader, headers)
    }
    return request
}

private let collectHeader: MHD_KeyValueIteratorN = { headersPointer, _, key, keyLength, value, valueLength in
    guard let headersPointer, let key else { return .YES }
    let headers = headersPointer.assumingMemoryBound(to: [(name: String, value: String)].self)
    let name = String(unsafeUninitializedCapacity: keyLength) { name in
        for index in 0..<keyLength {
            name[index] = asciiLowercase(UInt8(bitPattern: key[index]))
        }
        return keyLength
    }
    let text = value.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: valueLength), as: UTF8.self) }
    headers.pointee.append((name: name, value: text ?? ""))
    return .YES
}

private func clientAddress(of connection: OpaquePointer) -> String {
    guard let address = CMicroHTTPD_client_address(connection) else { return "" }
    return addressText(address)
}
