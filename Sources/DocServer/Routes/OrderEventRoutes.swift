import Logging
import DocPipeline
import DocStore
package import Foundation
package import Hummingbird
package import Templates

/// `POST /v1/orders/{orderId}/events`: the platform tells the service what happened to an order,
/// and the service issues that step's documents, each exactly once per order and event.
///
/// `{"type": "assigned" | "completed", "locale": "ru", "brand": "alatoo", "data": {…}}`: `assigned`
/// issues the request and the driver assignment, `completed` the invoice and the act, all from
/// the same order data. Each document takes its number from the brand's (else the tenant's)
/// series, since one number cannot serve two documents; the driver assignment refers to the
/// request's number. A repeated event, even with other data,
/// returns the documents the first one issued (200) and renders nothing.
package struct OrderEventRoutes: Sendable {
    /// What each event issues, in order.
    package static let templates: [String: [String]] = [
        "assigned": ["request", "driver-assignment"],
        "completed": ["invoice", "act"],
    ]
    /// The members an event body may have.
    package static let members: Set<String> = ["type", "locale", "brand", "client", "data"]

    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the route on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("orders/{orderId}/events", use: receive)
    }

    /// The answer: the event's documents, new or from the first time it was sent.
    package struct EventJSON: Codable, Sendable, Equatable {
        package var orderId: String
        package var type: String
        package var documents: [DocumentSummary]
    }

    @Sendable package func receive(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role != .client else {
            throw ServiceError(status: .forbidden, message: "client keys cannot send order events")
        }
        let orderID = try context.parameters.require("orderId")
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let event = try Self.parse(body, orderID: orderID)
        let brand = try dependencies.branding(for: event.brandID, principal: principal)
        // Another tenant's order does not exist for the key: said before anything about the data.
        try await dependencies.checkOrder(orderID, joinsTenant: brand?.version.tenantID ?? principal.tenantID, principal: principal)
        try dependencies.checkContract(event.data)
        try dependencies.checkIssuer(of: event.data, brand: brand?.version.brand, principal: principal)
        var documents: [DocumentSummary] = []
        var isNew = false
        var data = event.data
        for name in Self.templates[event.type] ?? [] {
            let created = try await dependencies.issuer.issue(
                DocumentIssuer.Issue(
                    tenantID: brand?.version.tenantID ?? principal.tenantID, clientID: event.clientID, orderID: orderID,
                    template: try dependencies.templates.current(name), language: event.language, brand: brand,
                    data: data,
                    // The key is the event, not its body: a resent event replays whatever data it carries.
                    idempotency: IdempotencyKey(
                        key: "order-event/\(orderID)/\(event.type)/\(name)", requestSHA256: "order-event"),
                    numbering: DocumentRoutes.numberingRule(
                        event.data, template: name, brand: brand, principal: principal, clock: dependencies.clock),
                    supersedes: nil))
            isNew = isNew || !created.isReplay
            documents.append(DocumentSummary(created.document))
            // The driver assignment refers to the request issued just before it ("к Заявке № …").
            if name == "request" { data = Self.setting(requestNumber: created.document.number, in: data) }
        }
        context.logger.info(
            "order event",
            metadata: [
                "order.id": .string(orderID), "event.type": .string(event.type),
                "documents": .string(documents.map(\.id).joined(separator: ",")),
                "event.replay": .stringConvertible(!isNew),
            ])
        return try JSONResponse.make(
            EventJSON(orderId: orderID, type: event.type, documents: documents), status: isNew ? .created : .ok)
    }

    /// `order.requestNumber` set to `number`.
    package static func setting(requestNumber number: String, in data: JSONValue) -> JSONValue {
        guard var root = data.objectValue, var order = root["order"]?.objectValue else { return data }
        order["requestNumber"] = .string(number)
        root["order"] = .object(order)
        return .object(root)
    }

    /// A parsed event body.
    package struct Event {
        package var type: String
        package var language: Language?
        package var brandID: String?
        package var clientID: String?
        package var data: JSONValue
    }

    /// Parses and checks an event body; the data's `order.id` is set to (or must equal) the path's,
    /// and its `document.number` is dropped so that each document is numbered from its own series.
    /// - Throws: `ServiceError.badRequest` naming the member at fault.
    package static func parse(_ body: Data, orderID: String) throws(ServiceError) -> Event {
        let object = try JSONBody.object(body, members: members, shape: "{type, locale?, brand?, client?, data}")
        guard let type = object["type"]?.stringValue, templates[type] != nil else {
            throw ServiceError.badRequest(
                "type: expected one of \(templates.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        // The same members as a render request, checked the same way.
        var renderObject = object
        renderObject["type"] = nil
        renderObject["template"] = .string(templates[type]![0])
        let render = try RenderRequest(body: Data(JSONValue.object(renderObject).jsonText.utf8))
        guard var data = render.data.objectValue else {
            throw ServiceError.badRequest("data: expected the order's document data as an object")
        }
        var order = data["order"]?.objectValue ?? JSONObject()
        if let id = order["id"], id.stringValue != orderID {
            throw ServiceError.unprocessable("data.order.id: \(id.jsonText) differs from the order in the path, \"\(orderID)\"")
        }
        order["id"] = .string(orderID)
        data["order"] = .object(order)
        if var document = data["document"]?.objectValue {
            document["number"] = nil
            data["document"] = .object(document)
        }
        return Event(
            type: type, language: render.language, brandID: render.brandID, clientID: render.clientID, data: .object(data))
    }
}
