package import ArgumentParser
import Dispatch
import DocEngine

/// The entry point of both executables: what `AsyncParsableCommand.main()` does, except that a
/// synchronous command (`render`, `check`, …) runs on the main thread.
///
/// Why: an asynchronous `main` hands every command to a thread of Swift's concurrency pool and
/// waits for it; on a busy machine a cold `docengine render` spent longer waiting to be scheduled
/// on those threads than it spent rendering. Asynchronous commands (`serve`, `keys`) still run in
/// a task, with the main thread serving the main queue as an asynchronous `main` does.
package enum CommandMain {
    package static func run<Root: ParsableCommand>(_ root: Root.Type) -> Never {
        MemoryReuse.keepFreedMemory()
        let command: any ParsableCommand
        do {
            command = try Root.parseAsRoot()
        } catch {
            Root.exit(withError: error)
        }
        guard let found = command as? any AsyncParsableCommand else {
            var synchronous = command
            do {
                try synchronous.run()
            } catch {
                Root.exit(withError: error)
            }
            Root.exit()
        }
        // Handed to the one task below; the main thread does not touch it again.
        nonisolated(unsafe) var asynchronous = found
        Task {
            do {
                try await asynchronous.run()
            } catch {
                Root.exit(withError: error)
            }
            Root.exit()
        }
        dispatchMain()
    }
}
