import Logging
import DocPipeline
import DocStore
package import Foundation
package import Hummingbird
import Templates

/// `POST /v1/templates` (create), `GET`, `PUT` (a new version) and `DELETE` (retire)
/// `/v1/templates/{name}`: the service's templates, every version kept. A new template or version is
/// accepted only if it compiles; otherwise 422 with every diagnostic.
package struct TemplateRoutes: Sendable {
    package let configuration: ServiceConfiguration
    package let dependencies: ServiceDependencies

    /// Registers the routes on the authenticated `/v1` group.
    package func register(on group: RouterGroup<ServiceRequestContext>) {
        group.post("templates", use: create)
        group.get("templates/{name}", use: show)
        group.put("templates/{name}", use: publish)
        group.delete("templates/{name}", use: retire)
    }

    /// The members a create body may have.
    package static let createMembers: Set<String> = ["name", "source"]

    /// One version of a template, as JSON.
    package struct VersionJSON: Codable, Sendable, Equatable {
        package var version: Int
        package var sha256: String
        package var createdAt: String
        /// `built-in` (shipped with the engine) or `published` (a platform user's `PUT`).
        package var origin: String
    }

    /// `GET`'s answer: the current (or `?version=N`) source and the list of versions.
    package struct TemplateJSON: Codable, Sendable, Equatable {
        package var name: String
        package var version: Int
        package var sha256: String
        package var createdAt: String
        package var origin: String
        package var source: String
        package var versions: [VersionJSON]
        /// True once the template is retired: nothing new is issued with it.
        package var retired: Bool
    }

    /// `DELETE`'s answer.
    package struct RetiredJSON: Codable, Sendable, Equatable {
        package var name: String
        package var retired: Bool
    }

    /// The current version's source and every version's number; `?version=N` gives that version's source.
    /// Every key may read templates: they are the platform's, shared by every tenant.
    @Sendable package func show(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requirePrincipal()
        let name = try context.parameters.require("name")
        let versions = try await dependencies.templates.versions(of: name)
        guard let latest = versions.last else { throw ServiceError.notFound("template `\(name)`") }
        var shown = latest
        if let text = request.uri.queryParameters.get("version") {
            guard let number = Int(text), let match = versions.first(where: { $0.version == number }) else {
                throw ServiceError.notFound("version \(text) of template `\(name)`")
            }
            shown = match
        }
        return try JSONResponse.make(
            TemplateJSON(
                name: name, version: shown.version, sha256: shown.sha256, createdAt: Self.timestamp(shown.createdAt),
                origin: shown.origin.rawValue, source: shown.source,
                versions: versions.map {
                    VersionJSON(
                        version: $0.version, sha256: $0.sha256, createdAt: Self.timestamp($0.createdAt),
                        origin: $0.origin.rawValue)
                }, retired: !dependencies.templates.isCurrent(name)))
    }

    /// `{"name": "waybill", "source": "…"}`: a new template, accepted only if it compiles. Creating a
    /// name is an act of its own, so a mistyped `PUT` can never leave a template behind. Platform
    /// keys only; 409 when the name exists (or existed: names of retired templates are not reused,
    /// since documents name them).
    @Sendable package func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role == .platform else {
            throw ServiceError(status: .forbidden, message: "only platform keys may create templates")
        }
        var request = request
        let body = Data(try await request.collectBody(upTo: configuration.maxRequestBodySize).readableBytesView)
        let object = try JSONBody.object(body, members: Self.createMembers, shape: "{name, source}")
        guard let name = object["name"]?.stringValue, Self.isValidName(name) else {
            throw ServiceError.badRequest(
                "name: expected lower-case letters, digits and hyphens, starting with a letter, at most 64")
        }
        guard let source = object["source"]?.stringValue, !source.isEmpty else {
            throw ServiceError.badRequest("source: expected the template source as a non-empty string")
        }
        guard name != OrderPackage.templateName else {
            throw ServiceError(status: .conflict, message: "`\(name)` is the name of order packages")
        }
        guard try await dependencies.templates.versions(of: name).isEmpty else {
            let state = dependencies.templates.isCurrent(name) ? "exists; PUT a new version" : "was retired; names are not reused"
            throw ServiceError(status: .conflict, message: "template `\(name)` \(state)")
        }
        let (version, _) = try await dependencies.templates.publish(name: name, source: source, tenantID: nil)
        context.logger.info("template created", metadata: ["template.name": .string(name)])
        return try JSONResponse.make(
            Self.json(version), status: .created, headers: [.location: "/v1/templates/\(name)?version=\(version.version)"])
    }

    /// Retires a template: nothing new is issued with it (404 for new documents), its versions and
    /// the documents issued with them stay. Platform keys only.
    @Sendable package func retire(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let name = try context.parameters.require("name")
        guard principal.role == .platform else {
            throw ServiceError(status: .forbidden, message: "only platform keys may retire templates")
        }
        guard try await dependencies.templates.retire(name) else { throw ServiceError.notFound("template `\(name)`") }
        context.logger.info("template retired", metadata: ["template.name": .string(name)])
        return try JSONResponse.make(RetiredJSON(name: name, retired: true))
    }

    private static func json(_ version: TemplateVersion) -> VersionJSON {
        VersionJSON(
            version: version.version, sha256: version.sha256, createdAt: timestamp(version.createdAt),
            origin: version.origin.rawValue)
    }

    /// The body is the template's source text (UTF-8). Platform keys only. 201 with the new version,
    /// 200 when the source equals the current version, 422 with diagnostics when it does not compile.
    @Sendable package func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        let name = try context.parameters.require("name")
        guard principal.role == .platform else {
            throw ServiceError(status: .forbidden, message: "only platform keys may change templates")
        }
        guard Self.isValidName(name) else {
            throw ServiceError.badRequest(
                "template name `\(name)`: expected lower-case letters, digits and hyphens, starting with a letter")
        }
        guard dependencies.templates.isCurrent(name) else {
            throw ServiceError.notFound("template `\(name)`; create a new template with POST /v1/templates")
        }
        var request = request
        let body = try await request.collectBody(upTo: configuration.maxRequestBodySize)
        guard let source = String(validating: body.readableBytesView, as: UTF8.self), !source.isEmpty else {
            throw ServiceError.badRequest("request body: expected the template source as UTF-8 text")
        }
        let (version, isNew) = try await dependencies.templates.publish(
            name: name, source: source, tenantID: nil)
        context.logger.info(
            "template published",
            metadata: [
                "template.name": .string(name), "template.version": .stringConvertible(version.version),
                "template.new": .stringConvertible(isNew),
            ])
        return try JSONResponse.make(
            Self.json(version), status: isNew ? .created : .ok, headers: [.location: "/v1/templates/\(name)?version=\(version.version)"])
    }

    /// Lower-case letters, digits and hyphens, starting with a letter, at most 64 characters.
    package static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.unicodeScalars.count <= 64 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    package static func timestamp(_ date: Date) -> String { date.formatted(.iso8601) }
}
