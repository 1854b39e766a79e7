public import DocEngine
public import HTTPTypes
public import Hummingbird

/// A full queue is 503 with the `Retry-After` the pool suggests: the service shedding load.
extension RenderPool.Overloaded: JSONErrorAnswer {
    package var status: HTTPResponse.Status { .serviceUnavailable }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: description).response(status: status, headers: [.retryAfter: String(retryAfter)])
    }
}

/// A render past its time limit is 503: nothing was stored, and a retry may find a free pipeline.
extension RenderPool.TimedOut: JSONErrorAnswer {
    package var status: HTTPResponse.Status { .serviceUnavailable }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: description).response(status: status, headers: [.retryAfter: "1"])
    }
}

/// A render stopped by its cancellation (its time limit passed): 503 like `TimedOut`, whose answer
/// normally reaches the caller first; nothing was stored.
extension RenderCancelled: JSONErrorAnswer {
    public var status: HTTPResponse.Status { .serviceUnavailable }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try ErrorBody(message: "the render was cancelled at its time limit; nothing was stored")
            .response(status: status, headers: [.retryAfter: "1"])
    }
}
