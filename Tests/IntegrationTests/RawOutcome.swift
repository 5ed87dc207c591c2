import Foundation
import KomsTestSupport

/// What the server did with bytes written on a fresh connection: the
/// responses it sent, in order, and how the exchange ended.
struct RawOutcome: CustomStringConvertible {
    enum Ending: Equatable {
        /// The server closed or reset the connection.
        case closed
        /// The wanted number of responses arrived; the connection may be open.
        case answered
        /// Nothing more arrived within the client's timeout, and the
        /// connection stayed open.
        case silent
    }

    var responses: [HTTPTestResponse]
    var ending: Ending

    var statuses: [Int] { responses.map(\.status) }

    /// A refusal: at least one answer or a close, and every answer a 4xx.
    var isRefusal: Bool {
        (!responses.isEmpty || ending == .closed) && responses.allSatisfy { (400..<500).contains($0.status) }
    }

    /// No 5xx, and not left hanging without a word.
    var isHandled: Bool {
        (!responses.isEmpty || ending == .closed) && responses.allSatisfy { $0.status < 500 }
    }

    var description: String { "statuses \(statuses), \(ending)" }
}

extension TestServer {
    /// Writes `bytes` on a new connection and reads up to `maximumResponses`
    /// answers, stopping early when the server closes or goes quiet for
    /// `timeoutSeconds`.
    func outcome(
        of bytes: [UInt8],
        maximumResponses: Int = 1,
        timeoutSeconds: Double = 10
    ) throws -> RawOutcome {
        let http = try HTTPTestClient(port: server.port, timeoutSeconds: timeoutSeconds)
        defer { http.close() }
        try http.writeRaw(bytes)

        var responses: [HTTPTestResponse] = []
        while responses.count < maximumResponses {
            let response: HTTPTestResponse
            do {
                response = try http.readResponse()
            } catch {
                switch error.kind {
                case .closedByPeer: return RawOutcome(responses: responses, ending: .closed)
                case .timedOut: return RawOutcome(responses: responses, ending: .silent)
                default: throw error
                }
            }
            responses.append(response)
        }
        return RawOutcome(responses: responses, ending: .answered)
    }

    /// The status of GET /ping on a new connection, which shows the server
    /// still serves after whatever came before.
    func pingStatus() throws -> Int {
        try connect().send("GET", "/ping").status
    }

    /// Log lines at error level, which only internal failures produce.
    var errorLogLines: [String] {
        logs.lines.filter { $0.split(separator: " ", maxSplits: 2).dropFirst().first == "error" }
    }

    /// Log lines of requests the handler answered with this method.
    func loggedRequests(method: String) -> [String] {
        logs.lines.filter { $0.contains(" method=\(method) ") }
    }
}
