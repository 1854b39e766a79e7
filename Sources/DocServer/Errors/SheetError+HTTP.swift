public import HTTPTypes
public import Hummingbird
public import Sheets

// A spreadsheet the caller's data cannot make (a text longer than a cell holds, a date before
// 1900): 422 with the sheet, row and column.
extension SheetError: HTTPResponseError, JSONErrorAnswer {
    public var status: HTTPResponse.Status {
        switch self {
        case .invalidValue, .tooLarge, .noSheets: .unprocessableContent
        case .library, .file: .internalServerError
        }
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let message = status == .internalServerError ? "internal error" : description
        return try ErrorBody(message: message).response(status: status)
    }
}
