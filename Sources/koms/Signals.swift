import Dispatch
import Glibc

/// SIGINT and SIGTERM through Dispatch, so the handler runs as ordinary code
/// on a queue rather than in signal context.
enum Signals {
    /// The sources must outlive the call, or Dispatch cancels them.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    static func onTermination(_ handler: @escaping @Sendable (String) -> Void) {
        let queue = DispatchQueue(label: "koms.signals")
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { handler(name) }
            source.resume()
            sources.append(source)
        }
    }
}
