import Sheets

/// What a `{% sheetcolumn %}` declares: the title and how the column's cells are typed.
struct SheetColumnSpec {
    var title: String
    var type: SheetCellType
    /// The currency of a money column, when every row has the same.
    var currency: Currency?
    /// Fraction digits of a number column; nil shows the value as it is.
    var digits: Int?
    /// A fixed width in characters; nil fits the content.
    var width: Double?
    /// The name a cell gives as `column=` to jump to this column (totals under their figures).
    var key: String?
}

/// How a cell's value is stored: the `type` of `sheetcolumn` and `sheetcell`.
enum SheetCellType: String {
    /// Text, always a string cell (never a formula).
    case text
    /// A whole number (counts, positions).
    case integer
    /// A decimal number (distances, weights), with `digits` fraction digits when given.
    case number
    /// An amount: rounded half-up to the minor unit, with the currency in its number format.
    case money
    /// A calendar date (`YYYY-MM-DD`, or the date of a date-time).
    case date
    /// A date and time as recorded (`2026-11-03T09:15:00+06:00` → 03.11.2026 09:15).
    case datetime
}
