extension Duration {
    /// The duration in seconds, as metrics record it. Every request records
    /// one, and `duration / .seconds(1)` divides 128-bit integers for it.
    var inSeconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) * 1e-18
    }
}
