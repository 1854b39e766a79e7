import Synchronization

/// Whether this node wants new requests: a node that is stopping says no on `/readyz` for a
/// while before it closes its listener, so a balancer that checks it sends traffic elsewhere.
package final class Readiness: Sendable {
    private let draining = Atomic<Bool>(false)

    package init() {}

    /// True once the node started to drain.
    package var isDraining: Bool { draining.load(ordering: .relaxed) }

    /// From now on `/readyz` answers 503.
    package func startDraining() { draining.store(true, ordering: .relaxed) }
}
