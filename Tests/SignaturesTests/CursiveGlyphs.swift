/// A key point of a handwritten letter, in letter units: baseline at y = 0, x-height 1, y up.
struct GlyphKey: Hashable {
    var x: Double
    var y: Double
    /// The pen stops and turns here (a cusp), instead of curving through.
    var isCorner: Bool
}

/// A cursive letter as the pen draws it.
struct Glyph {
    /// Pen-down paths; the first continues the previous letter's last path when `joinsPrevious`.
    var paths: [[GlyphKey]]
    /// Paths drawn after the whole word (i dots, t bars); a single key is a tap, of one sample if marked `*`.
    var afterWord: [[GlyphKey]]
    /// Horizontal advance in letter units.
    var advance: Double
    /// Whether the pen stays down coming from the previous letter.
    var joinsPrevious: Bool
}

/// Invented cursive letters, just enough for the sample names. Each path is written as
/// `"x y, x y *, …"`, where `*` marks a corner; the shapes are rough, the pen dynamics are what matter.
enum CursiveGlyphs {
    static func glyph(for character: Character) -> Glyph {
        switch character {
        // Lower case, shared by Latin and Cyrillic where cursive forms agree.
        case "a", "а":
            lower(
                0.85,
                "0 .2, .3 .6, .58 .95 *, .35 1.02, .12 .8, .05 .4, "
                    + ".2 .05, .45 .15, .6 .6, .63 1 *, .6 .4, .66 .05, .85 .25"
            )
        case "o", "о":
            lower(0.9, "0 .2, .25 .6, .5 .98 *, .25 .9, .1 .5, .25 .05, .5 .1, .62 .5, .55 .9, .45 .95, .6 .82, .9 .72")
        case "n", "п":
            lower(0.85, "0 .2, .12 .7, .18 1 *, .15 .5, .12 0 *, .2 .5, .4 .95, .58 .85, .62 .4, .65 .05, .85 .25")
        case "m", "т":
            lower(
                1.05,
                "0 .2, .1 .7, .15 1 *, .13 .5, .1 0 *, .18 .5, .33 .95, .45 .85, "
                    + ".47 .4, .46 0 *, .52 .5, .68 .95, .8 .85, .83 .4, .86 .05, 1.05 .25"
            )
        case "u", "и":
            lower(0.85, "0 .2, .12 .6, .2 1 *, .12 .4, .22 .02, .45 .2, .58 .6, .62 1 *, .58 .5, .62 .05, .85 .25")
        case "e", "е": lower(0.7, "0 .2, .35 .45, .5 .7, .4 .98, .15 .85, .07 .45, .22 .05, .5 .05, .7 .25")
        case "c", "с": lower(0.7, "0 .2, .3 .65, .55 .9, .42 1, .18 .88, .05 .5, .18 .06, .45 .02, .7 .2")
        case "h":
            lower(
                0.8,
                "0 .2, .25 1.2, .35 1.9, .28 2.2, .15 2, .12 1.2, "
                    + ".1 0 *, .18 .5, .35 .95, .52 .85, .56 .4, .6 .05, .8 .25"
            )
        case "l": lower(0.5, "0 .2, .25 1.2, .35 1.9, .27 2.2, .15 2, .12 1.2, .15 .2, .3 .02, .5 .2")
        case "s": lower(0.65, "0 .2, .25 .7, .35 1 *, .5 .55, .48 .2, .3 .02, .12 .12 *, .45 .05, .65 .25")
        case "p", "р":
            lower(
                0.8,
                "0 .2, .15 .7, .2 1 *, .15 .2, .1 -.95 *, .15 0, .2 .6, .4 .97, .6 .75, .55 .2, .3 .1, .5 .02, .75 .22")
        case "н":
            lower(0.85, "0 .2, .15 .7, .2 1 *, .15 0 *, .17 .45, .45 .5, .6 .55, .62 1 *, .58 .4, .62 .05, .85 .25")
        case "в":
            lower(
                0.8,
                "0 .2, .2 1, .35 1.8, .3 2.15, .15 2, .12 1.2, .15 .15, .35 0, "
                    + ".55 .25, .5 .55, .25 .6 *, .5 .75, .5 1, .35 .98, .4 .75, .8 .5"
            )
        case "t":
            Glyph(
                paths: [keys("0 .2, .2 1, .28 1.7 *, .22 .8, .25 .15, .4 0, .6 .25")],
                afterWord: [keys(".02 1.12, .3 1.18, .55 1.2")], advance: 0.6, joinsPrevious: true)
        case "i":
            Glyph(
                paths: [keys("0 .2, .15 .7, .22 1 *, .17 .4, .25 .02, .45 .25")],
                afterWord: [keys(".26 1.5")], advance: 0.45, joinsPrevious: true)
        // Capitals.
        case "А":
            upper(0.95, ["0 0, .25 1.1, .48 2.2 *, .68 1.1, .85 0 *, .9 .15"], after: [".15 .95, .5 1, .85 1.05"])
        case "П": upper(1.1, ["0 1.85, .2 2.2 *, .18 1, .1 0 *, .25 1.2, .55 2.15, .8 2.1, .82 1, .85 .05, 1.05 .3"])
        case "И": upper(1.1, ["0 1.8, .15 2.2 *, .12 1, .25 .02, .6 .5, .85 2.2 *, .8 1, .85 .05, 1.05 .3"])
        case "J": upper(0.8, ["0 1.9, .4 2.2, .75 2.2 *, .6 1, .45 -.5, .3 -.95, .1 -.8, .15 -.3, .6 .2"])
        case "S": upper(0.8, [".9 2, .6 2.25, .3 2.1, .25 1.6, .55 1.1, .72 .5, .5 .02, .15 .05, 0 .3 *, .3 .2, .7 .3"])
        case "T": upper(0.9, ["0 2, .4 2.2, 1.1 2.2", ".6 2.2, .55 1, .45 .05, .25 0, .15 .2 *, .5 .1, .8 .25"])
        case "H": upper(1.0, [".1 2.2, .08 1, 0 0", ".75 2.2, .73 1, .72 0", "0 1.1, .45 1.12, .8 1.18, 1 .95"])
        case ".": Glyph(paths: [], afterWord: [keys("0 .05 *")], advance: 0.35, joinsPrevious: false)
        case " ": Glyph(paths: [], afterWord: [], advance: 0.5, joinsPrevious: false)
        default: fatalError("no cursive glyph for \(character)")
        }
    }

    private static func lower(_ advance: Double, _ path: String) -> Glyph {
        Glyph(paths: [keys(path)], afterWord: [], advance: advance, joinsPrevious: true)
    }

    private static func upper(_ advance: Double, _ paths: [String], after: [String] = []) -> Glyph {
        Glyph(paths: paths.map(keys), afterWord: after.map(keys), advance: advance, joinsPrevious: false)
    }

    /// Parses `"x y, x y *, …"`.
    static func keys(_ text: String) -> [GlyphKey] {
        text.split(separator: ",").map { item in
            let parts = item.split(separator: " ")
            return GlyphKey(x: Double(parts[0])!, y: Double(parts[1])!, isCorner: parts.count > 2 && parts[2] == "*")
        }
    }
}
