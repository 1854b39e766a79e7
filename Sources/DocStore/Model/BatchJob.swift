/// One document a new batch job will render.
package struct NewBatchItem: Sendable, Equatable {
    /// The caller's name for the item (a document id).
    package var key: String
    /// What the worker needs to render it, stored so a resumed job has it.
    package var payload: String

    package init(key: String, payload: String) {
        self.key = key
        self.payload = payload
    }
}

/// How a claimed batch item ended.
package enum BatchOutcome: Sendable, Equatable {
    case done(documentID: String)
    /// A dry run found that the document would change on these pages.
    case wouldChange(documentID: String, pages: String)
    case unchanged(documentID: String?)
    case failed(reason: String)
}

/// What a job re-renders.
package struct BatchHeader: Sendable, Equatable {
    package var id: String
    package var template: String?
    package var isDryRun: Bool

    package init(id: String, template: String?, isDryRun: Bool) {
        self.id = id
        self.template = template
        self.isDryRun = isDryRun
    }
}
