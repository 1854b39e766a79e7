package import Hummingbird

/// An error whose `HTTPResponseError` answer is already the service's JSON `ErrorBody`, so the
/// error middleware passes it through as it is.
package protocol JSONErrorAnswer: HTTPResponseError {}
