/// Which stored documents a listing wants: every filter optional, always narrowed further to what
/// the caller may see.
package struct DocumentQuery: Sendable, Equatable {
    /// The largest page a listing returns.
    package static let maximumLimit = 500
    /// The page size when the caller names none.
    package static let defaultLimit = 100

    /// Documents of this order only.
    package var orderID: String?
    /// Documents issued for this client of the tenant only.
    package var clientID: String?
    /// Documents of this template only.
    package var template: String?
    /// Issued on or after this day (`YYYY-MM-DD`, inclusive).
    package var from: String?
    /// Issued on or before this day (`YYYY-MM-DD`, inclusive).
    package var to: String?
    /// Continue after the document this cursor names (from the previous page's `nextCursor`).
    package var after: DocumentCursor?
    /// At most this many documents.
    package var limit: Int

    package init(
        orderID: String? = nil, clientID: String? = nil, template: String? = nil, from: String? = nil,
        to: String? = nil, after: DocumentCursor? = nil, limit: Int = Self.defaultLimit
    ) {
        self.orderID = orderID
        self.clientID = clientID
        self.template = template
        self.from = from
        self.to = to
        self.after = after
        self.limit = limit
    }
}

/// A position in a listing: the last document of a page, in insertion order. Opaque to callers.
package struct DocumentCursor: Sendable, Equatable {
    /// The store's insertion sequence of the last document returned.
    package var sequence: Int64

    package init(sequence: Int64) { self.sequence = sequence }

    /// The cursor as clients see it: `c` and the sequence in base 36, short and URL-safe.
    package var token: String { "c" + String(sequence, radix: 36) }

    /// Parses a token made by `token` (at most 12 base-36 digits, which every sequence fits in);
    /// nil for anything else.
    package init?(token: String) {
        guard token.hasPrefix("c"), token.count <= 13, let value = Int64(token.dropFirst(), radix: 36), value >= 0 else {
            return nil
        }
        sequence = value
    }
}

/// One page of a listing.
package struct DocumentPage: Sendable, Equatable {
    /// Oldest first.
    package var documents: [DocumentRecord]
    /// Where the next page starts; nil on the last page.
    package var nextCursor: DocumentCursor?

    package init(documents: [DocumentRecord], nextCursor: DocumentCursor?) {
        self.documents = documents
        self.nextCursor = nextCursor
    }
}
