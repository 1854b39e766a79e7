import Foundation
package import HTTPTypes
package import Hummingbird
package import Templates

/// The JSON body of every error answer: `{message, line?, column?, hints, diagnostics?, errors?}`.
package struct ErrorBody: Encodable, Sendable {
    /// What went wrong, for a person.
    package var message: String
    /// 1-based line of the first diagnostic, when the error points into a template.
    package var line: Int?
    /// 1-based column of the first diagnostic.
    package var column: Int?
    /// Suggestions, possibly empty.
    package var hints: [String] = []
    /// Every template diagnostic, for template and data errors.
    package var diagnostics: [DiagnosticJSON]?
    /// One entry per problem: of a refused brand (its file and field) or of refused document data
    /// (`field` is the JSON path, e.g. `items[0].vatrate`).
    package var errors: [BrandProblem]?
    /// The document that already has the number a refused document asked for (409).
    package var documentId: String?

    /// The body as a response.
    package func response(status: HTTPResponse.Status, headers: HTTPFields = [:]) throws -> Response {
        try JSONResponse.make(self, status: status, headers: headers)
    }
}
