internal import CMalloc

/// How a process that renders keeps the memory it frees for its next render.
///
/// glibc returns freed memory to the system as soon as the top of the heap is free past 128 KiB,
/// and serves large blocks with fresh `mmap`s; a render allocates and frees the same few
/// megabytes over and over, so every document faulted its pages back in. `make bench` showed it:
/// a one-page document now and then took 3 ms more than its neighbours (+75 %), depending on what
/// the document before it had freed, and a three-page contract 40 % more. A process-wide setting,
/// so the executables opt in (`docengine`, DocBench); the library never changes it by itself.
public enum MemoryReuse {
    /// Blocks up to this size come from the heap, not from a fresh `mmap` each time.
    static let mmapThreshold: Int32 = 32 << 20
    /// Freed memory at the top of the heap is kept up to this much.
    static let trimThreshold: Int32 = 128 << 20

    /// Keeps freed memory for reuse instead of returning it to the system at once.
    public static func keepFreedMemory() {
        _ = docengine_keep_freed_memory(mmapThreshold, trimThreshold)
    }
}
