internal import CMicroHTTPD
import Glibc

/// libmicrohttpd's access handler. It is called at least twice per request:
/// first with the head only, then with each piece of the body, then once
/// with no data. Queuing the response on the first call would make
/// libmicrohttpd close the connection, so ordinary requests are dispatched
/// on the last call; an oversized body is refused on the first call on
/// purpose, before it is read.
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
        let exchange = Exchange(request: readHead(connection: connection, url: url, method: method))
        exchangeSlot.pointee = Unmanaged.passRetained(exchange).toOpaque()
        context.requestsInFlight.add(1, ordering: .relaxed)

        if let declared = exchange.request.header("Content-Length").flatMap(Int.init),
            declared > context.maximumBodyBytes
        {
            exchange.request.bodyExceedsLimit = true
            return dispatch(exchange, connection: connection, context: context)
        }
        return .YES
    }
    let exchange = Unmanaged<Exchange>.fromOpaque(exchangePointer).takeUnretainedValue()

    if let responder = exchange.responder {
        // Called again after a resume, or with body bytes after an early refusal.
        uploadDataSize.pointee = 0
        guard let response = responder.pendingResponse else { return .YES }
        return queue(response, on: connection)
    }

    if uploadDataSize.pointee > 0, let uploadData {
        exchange.appendBody(
            UnsafeRawBufferPointer(start: uploadData, count: uploadDataSize.pointee),
            limit: context.maximumBodyBytes
        )
        uploadDataSize.pointee = 0
        return exchange.request.bodyExceedsLimit ? dispatch(exchange, connection: connection, context: context) : .YES
    }
    return dispatch(exchange, connection: connection, context: context)
}

/// Releases the exchange once libmicrohttpd is done with the request,
/// whether it was answered or the client went away.
let requestCompleted: MHD_RequestCompletedCallback = { contextPointer, _, exchangeSlot, _ in
    guard let contextPointer, let exchangeSlot, let exchangePointer = exchangeSlot.pointee else { return }
    Unmanaged<Exchange>.fromOpaque(exchangePointer).release()
    exchangeSlot.pointee = nil
    let context = Unmanaged<DaemonContext>.fromOpaque(contextPointer).takeUnretainedValue()
    context.requestsInFlight.subtract(1, ordering: .releasing)
}

private func dispatch(_ exchange: Exchange, connection: OpaquePointer, context: DaemonContext) -> MHD_Result {
    let responder = HTTPResponder(connection: ConnectionHandle(pointer: connection))
    exchange.responder = responder
    context.handler.handle(exchange.request, responder: responder)
    guard let response = responder.responseOrSuspend() else { return .YES }
    return queue(response, on: connection)
}

private func queue(_ response: HTTPResponse, on connection: OpaquePointer) -> MHD_Result {
    let made = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(
            bytes.count,
            UnsafeMutableRawPointer(mutating: bytes.baseAddress),
            .RESPMEM_MUST_COPY
        )
    }
    guard let made else { return .NO }
    defer { MHD_destroy_response(made) }

    for (name, value) in response.headers {
        _ = MHD_add_response_header(made, name, value)
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
    withUnsafeMutablePointer(to: &request.headers) { headers in
        _ = MHD_get_connection_values_n(connection, .HEADER_KIND, collectHeader, headers)
    }
    return request
}

private let collectHeader: MHD_KeyValueIteratorN = { headersPointer, _, key, keyLength, value, valueLength in
    guard let headersPointer, let key else { return .YES }
    let headers = headersPointer.assumingMemoryBound(to: [(name: String, value: String)].self)
    let name = String(decoding: UnsafeRawBufferPointer(start: key, count: keyLength), as: UTF8.self)
    let text = value.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: valueLength), as: UTF8.self) }
    headers.pointee.append((name: name, value: text ?? ""))
    return .YES
}

private func clientAddress(of connection: OpaquePointer) -> String {
    guard let address = CMicroHTTPD_client_address(connection) else { return "" }
    var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
    switch Int32(address.pointee.sa_family) {
    case AF_INET:
        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
            var bytes = ipv4.pointee.sin_addr
            _ = inet_ntop(AF_INET, &bytes, &text, socklen_t(text.count))
        }
    case AF_INET6:
        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { ipv6 in
            var bytes = ipv6.pointee.sin6_addr
            _ = inet_ntop(AF_INET6, &bytes, &text, socklen_t(text.count))
        }
    default:
        return ""
    }
    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
