import Dispatch
import Log
import SessionCore

/// Runs the session sweep every `interval` seconds on a background queue,
/// and tells the operator what it removed or why it could not.
///
/// Unchecked: a Dispatch source may be cancelled from any thread, which is
/// the only use made of it after `init`.
final class SweepSchedule: @unchecked Sendable {
    private let timer: any DispatchSourceTimer

    init(service: SessionService, intervalSeconds: Int, logger: Logger) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "koms.sweep", qos: .utility))
        timer.schedule(deadline: .now() + .seconds(intervalSeconds), repeating: .seconds(intervalSeconds))
        timer.setEventHandler {
            do {
                let removed = try service.sweep()
                logger.log(removed > 0 ? .info : .debug, "swept", [("sessions", .integer(removed))])
            } catch {
                logger.warning("sweep failed; it runs again at the next interval", [("error", "\(error)")])
            }
        }
        timer.resume()
    }

    func cancel() {
        timer.cancel()
    }
}
