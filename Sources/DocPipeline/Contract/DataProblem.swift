package import Templates

/// One way data breaks the data contract, at its JSON path:
/// `items[0].vatrate: unknown field; did you mean vatRate?`.
package struct DataProblem: Sendable, Equatable, CustomStringConvertible {
    /// Where the problem is; the document itself is `$`.
    package var path: JSONPath
    /// What is wrong, e.g. `expected a boolean, found "yes"`.
    package var message: String

    package init(path: JSONPath, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    package var description: String { "\(path): \(message)" }

    /// The same problem inside a larger document, e.g. under `parts[1].data` of an order package.
    package func nested(under prefix: JSONPath) -> DataProblem {
        DataProblem(path: JSONPath(prefix.components + path.components), message: message)
    }
}
