import Testing

@testable import DocServer
import DocStore
import DocPipeline
import DocTestSupport

@Suite struct RecentlyUsedCacheTests {
    @Test func forgetsTheLeastRecentlyUsedEntryWhenFull() {
        var cache = RecentlyUsedCache<Int>(capacity: 3)
        cache.store(1, for: "a")
        cache.store(2, for: "b")
        cache.store(3, for: "c")
        #expect(cache.value(for: "a") == 1)  // a is now the most recently used
        cache.store(4, for: "d")  // b goes
        #expect(cache.count == 3)
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1 && cache.value(for: "c") == 3 && cache.value(for: "d") == 4)
    }

    @Test func storingAnExistingKeyReplacesItWithoutGrowing() {
        var cache = RecentlyUsedCache<String>(capacity: 2)
        cache.store("old", for: "a")
        cache.store("x", for: "b")
        cache.store("new", for: "a")  // a becomes the most recently used
        cache.store("y", for: "c")  // so b goes
        #expect(cache.count == 2)
        #expect(cache.value(for: "a") == "new")
        #expect(cache.value(for: "b") == nil)
    }

    @Test func manyDistinctKeysStayWithinTheCapacity() {
        var cache = RecentlyUsedCache<Int>(capacity: 32)
        for index in 0..<1_000 { cache.store(index, for: "brand#\(index)") }
        #expect(cache.count == 32)
        #expect(cache.value(for: "brand#999") == 999)
        #expect(cache.value(for: "brand#967") == nil)
    }
}
