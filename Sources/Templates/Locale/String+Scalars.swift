extension String {
    /// The text of `scalars`, encoded to UTF-8 in one pass: appending them to a
    /// `String.UnicodeScalarView` one by one cost ten times more, and the typography rules rebuild
    /// every paragraph that gains a no-break space.
    init(encoding scalars: some Collection<Unicode.Scalar>) {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count * 2)
        for scalar in scalars { UTF8.encode(scalar) { utf8.append($0) } }
        self.init(decoding: utf8, as: UTF8.self)
    }
}
