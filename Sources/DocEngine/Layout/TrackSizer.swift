/// Resolves column widths: fixed and relative first, then auto columns from their content,
/// then fractions share what is left (like CSS grid's `auto` and `fr`).
struct TrackSizer {
    let blocks: BlockLayout

    /// - Parameters:
    ///   - tracks: the declared widths.
    ///   - available: the width to fill.
    ///   - contents: for each track, the block lists of the cells that sit in it alone.
    func widths(_ tracks: [TrackWidth], available: Double, contents: [[[Block]]]) throws(LayoutError) -> [Double] {
        var widths = [Double](repeating: 0, count: tracks.count)
        var intrinsic = [(min: Double, max: Double)](repeating: (0, 0), count: tracks.count)
        var fixedTotal = 0.0
        // Fractions need their narrowest content only to hold their own against auto tracks;
        // without autos, measuring every cell of a fraction column would be wasted work.
        let hasAuto = tracks.contains(.auto)
        for (index, track) in tracks.enumerated() {
            switch track {
            case .fixed(let width):
                widths[index] = width
                fixedTotal += width
            case .relative(let share):
                widths[index] = share * available
                fixedTotal += widths[index]
            case .fraction where !hasAuto:
                break
            case .auto, .fraction:
                for cell in index < contents.count ? contents[index] : [] {
                    let measured = try blocks.intrinsicWidths(cell)
                    intrinsic[index].min = max(intrinsic[index].min, measured.min)
                    intrinsic[index].max = max(intrinsic[index].max, measured.max)
                }
            }
        }
        let autoIndices = tracks.indices.filter { tracks[$0] == .auto }
        let fractionIndices = tracks.indices.filter { if case .fraction = tracks[$0] { true } else { false } }
        var remaining = max(0, available - fixedTotal)
        // Fraction tracks keep at least their narrowest content before autos grow.
        let fractionFloor = fractionIndices.reduce(0) { $0 + intrinsic[$1].min }
        let autoMax = autoIndices.reduce(0) { $0 + intrinsic[$1].max }
        let autoMin = autoIndices.reduce(0) { $0 + intrinsic[$1].min }
        if autoMax <= remaining - fractionFloor || (fractionIndices.isEmpty && autoMax <= remaining) {
            for index in autoIndices { widths[index] = intrinsic[index].max }
        } else {
            // Shrink autos between their minimum and maximum in proportion to their flexibility.
            let room = max(0, remaining - fractionFloor - autoMin)
            let flexibility = autoMax - autoMin
            for index in autoIndices {
                let flex = intrinsic[index].max - intrinsic[index].min
                widths[index] = intrinsic[index].min + (flexibility > 0 ? room * flex / flexibility : 0)
            }
        }
        remaining -= autoIndices.reduce(0) { $0 + widths[$1] }
        let totalWeight = fractionIndices.reduce(0.0) { total, index in
            if case .fraction(let weight) = tracks[index] { total + weight } else { total }
        }
        for index in fractionIndices {
            if case .fraction(let weight) = tracks[index], totalWeight > 0 {
                widths[index] = max(0, remaining) * weight / totalWeight
            }
        }
        if fractionIndices.isEmpty, !autoIndices.isEmpty, remaining > 0 {
            // Without fractions, autos share leftover space so the table spans its width.
            let share = remaining / Double(autoIndices.count)
            for index in autoIndices { widths[index] += share }
        }
        return widths
    }
}
