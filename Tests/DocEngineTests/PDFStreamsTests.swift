import CPDFStreams
import CZlib
import DocTestSupport
import Dispatch
import Foundation
import Testing

/// cairo's PDF streams are deflated by `CPDFStreams` through libdeflate instead of zlib (see
/// pdf_streams.c): these drive it through zlib's API the way cairo does, check that what it writes
/// inflates back to the input with zlib's own inflate, and that every stream it does not take, and
/// every call it does not answer, still behaves as zlib says.
@Suite struct PDFStreamsTests {
    static let streamSize = Int32(MemoryLayout<z_stream>.size)

    /// Text like a page's operators, and bytes like a font's: what cairo compresses.
    static let operators = Data((0..<3_000).map { "BT 8.5 0 0 -8.5 \(53 + $0 % 17).523622 \($0 * 7 % 800).16 Tm [<00\($0 % 90 + 10)>25<0002>]TJ ET\n" }.joined().utf8)
    static let fontBytes: Data = {
        let font = (try? Data(contentsOf: repositoryFile("Fonts/PTSans-Regular.ttf"))) ?? Data()
        return font.prefix(24_000)
    }()

    /// Deflates `input` through deflateInit_/deflate/deflateEnd, fed `chunk` bytes at a time with
    /// Z_NO_FLUSH, then Z_FINISH into an output buffer of `outputSize` bytes, as cairo's deflate
    /// stream does. Returns the bytes and the stream's totals and checksum.
    static func deflateAsCairo(_ input: Data, chunk: Int = 16_384, outputSize: Int = 16_384) -> (
        bytes: Data, totalIn: Int, totalOut: Int, adler: UInt, end: Int32
    ) {
        var stream = z_stream()
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, streamSize) == Z_OK)
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: outputSize)
        let bytes = [UInt8](input)
        var offset = 0
        func run(_ flush: Int32) -> Int32 {
            buffer.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                let status = deflate(&stream, flush)
                output.append(out.baseAddress!, count: out.count - Int(stream.avail_out))
                return status
            }
        }
        bytes.withUnsafeBufferPointer { all in
            while offset < all.count {
                let length = min(chunk, all.count - offset)
                stream.next_in = UnsafeMutablePointer(mutating: all.baseAddress! + offset)
                stream.avail_in = uInt(length)
                #expect(run(Z_NO_FLUSH) == Z_OK)
                #expect(stream.avail_in == 0)
                offset += length
            }
        }
        var status = Z_OK
        var rounds = 0
        while status == Z_OK, rounds < 1_000_000 {
            status = run(Z_FINISH)
            rounds += 1
        }
        #expect(status == Z_STREAM_END)
        let result = (output, Int(stream.total_in), Int(stream.total_out), stream.adler)
        return (result.0, result.1, result.2, result.3, deflateEnd(&stream))
    }

    /// zlib's own deflate at level 6 (a stream opened with deflateInit2_, which stays zlib's).
    static func zlibDeflate(_ input: Data, windowBits: Int32 = 15) -> Data {
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 6, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, streamSize) == Z_OK)
        var bytes = [UInt8](input)
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        let status = bytes.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        #expect(status == Z_STREAM_END)
        let length = Int(stream.total_out)
        #expect(deflateEnd(&stream) == Z_OK)
        return Data(output.prefix(length))
    }

    /// zlib's inflate, with the zlib wrapper (15) or raw (-15).
    static func inflated(_ compressed: Data, windowBits: Int32 = 15) -> Data? {
        var stream = z_stream()
        guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, streamSize) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var input = [UInt8](compressed)
        var output = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var status = Z_OK
        input.withUnsafeMutableBufferPointer { inBuffer in
            stream.next_in = inBuffer.baseAddress
            stream.avail_in = uInt(inBuffer.count)
            while status == Z_OK {
                buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    output.append(out.baseAddress!, count: out.count - Int(stream.avail_out))
                }
            }
        }
        return status == Z_STREAM_END ? output : nil
    }

    static func adler32(of data: Data) -> UInt {
        data.withUnsafeBytes { CZlib.adler32(1, $0.bindMemory(to: UInt8.self).baseAddress, uInt($0.count)) }
    }

    /// The executable's functions are the ones libraries resolve to, so cairo's calls reach them.
    @Test func takesCairosCalls() {
        #expect(docengine_pdf_streams_interposed() == 1)
    }

    @Test(arguments: [(16_384, 16_384), (1, 7), (5_000, 1), (100_000, 100_000)])
    func writesAZlibStreamOfItsInput(chunk: Int, outputSize: Int) {
        for input in [Self.operators, Self.fontBytes, Data(), Data([42])] {
            let result = Self.deflateAsCairo(input, chunk: chunk, outputSize: outputSize)
            #expect(Self.inflated(result.bytes) == input)
            #expect(result.bytes.prefix(2) == Data([0x78, 0x9C]), "a zlib header of the default level")
            #expect(result.totalIn == input.count)
            #expect(result.totalOut == result.bytes.count)
            #expect(result.adler == Self.adler32(of: input))
            #expect(result.end == Z_OK)
        }
    }

    /// The same bytes every time, and from every thread (each keeps its own compressor).
    @Test func writesTheSameBytesFromEveryThread() {
        let expected = Self.deflateAsCairo(Self.operators).bytes
        let results = UnsafeMutableTransferBox([Data](repeating: Data(), count: 8))
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let bytes = Self.deflateAsCairo(index.isMultiple(of: 2) ? Self.operators : Self.fontBytes).bytes
            results.lock.withLock { results.value[index] = bytes }
        }
        let fontExpected = Self.deflateAsCairo(Self.fontBytes).bytes
        for (index, bytes) in results.value.enumerated() {
            #expect(bytes == (index.isMultiple(of: 2) ? expected : fontExpected))
        }
    }

    /// No worse than zlib's level 6 on what cairo compresses.
    @Test func compressesAtLeastAsWellAsZlib() {
        #expect(Self.fontBytes.count == 24_000, "the bundled font was read")
        for input in [Self.operators, Self.fontBytes] {
            #expect(Self.deflateAsCairo(input).bytes.count <= Self.zlibDeflate(input).count)
        }
    }

    /// deflateInit2_ (libpng's, minizip's) is zlib's: a raw stream comes back raw, and a zlib-only
    /// call such as deflateParams works on it.
    @Test func leavesDeflateInit2StreamsToZlib() {
        let raw = Self.zlibDeflate(Self.operators, windowBits: -15)
        #expect(Self.inflated(raw, windowBits: -15) == Self.operators)
        var stream = z_stream()
        #expect(deflateInit2_(&stream, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Self.streamSize) == Z_OK)
        #expect(deflateParams(&stream, 1, Z_DEFAULT_STRATEGY) == Z_OK)
        #expect(deflateEnd(&stream) == Z_OK)
    }

    /// A caller's own allocator means a zlib stream: zlib-only calls work on it.
    @Test func leavesStreamsWithTheCallersAllocatorToZlib() {
        var stream = z_stream()
        stream.zalloc = { _, items, size in calloc(Int(items), Int(size)) }
        stream.zfree = { _, address in free(address) }
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Self.streamSize) == Z_OK)
        #expect(deflateParams(&stream, 1, Z_DEFAULT_STRATEGY) == Z_OK)
        #expect(deflateEnd(&stream) == Z_OK)
    }

    /// What it does not do, it refuses with zlib's errors, and nothing it refuses crashes.
    @Test func refusesWhatItDoesNotDo() {
        var stream = z_stream()
        #expect(deflateInit_(&stream, 10, ZLIB_VERSION, Self.streamSize) == Z_STREAM_ERROR)
        #expect(deflateInit_(&stream, 6, "0.9", Self.streamSize) == Z_VERSION_ERROR)
        #expect(deflateInit_(&stream, 6, ZLIB_VERSION, Self.streamSize - 8) == Z_VERSION_ERROR)

        stream = z_stream()
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Self.streamSize) == Z_OK)
        var input: [UInt8] = Array("some text".utf8)
        var output = [UInt8](repeating: 0, count: 64)
        input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_in = inBuffer.baseAddress
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = 0
                #expect(deflate(&stream, Z_NO_FLUSH) == Z_BUF_ERROR, "no room for output")
                #expect(stream.avail_in == uInt(inBuffer.count), "nothing taken")
                stream.avail_out = uInt(outBuffer.count)
                #expect(deflate(&stream, Z_SYNC_FLUSH) == Z_STREAM_ERROR)
                let given = stream.avail_in
                stream.avail_in = 0
                #expect(deflate(&stream, Z_NO_FLUSH) == Z_OK, "a first empty call, as zlib answers it")
                stream.avail_in = given
                #expect(deflate(&stream, Z_NO_FLUSH) == Z_OK)
                #expect(deflate(&stream, Z_NO_FLUSH) == Z_BUF_ERROR, "nothing to do")
            }
        }
        #expect(deflateReset(&stream) == Z_STREAM_ERROR)
        #expect(deflateParams(&stream, 1, Z_DEFAULT_STRATEGY) == Z_STREAM_ERROR)
        #expect(deflateEnd(&stream) == Z_DATA_ERROR, "input was dropped unfinished")
        #expect(deflate(&stream, Z_FINISH) == Z_STREAM_ERROR, "an ended stream")
        #expect(deflateEnd(&stream) == Z_STREAM_ERROR)

        stream = z_stream()
        #expect(deflateInit_(&stream, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Self.streamSize) == Z_OK)
        #expect(deflateEnd(&stream) == Z_OK, "a stream that was given nothing")
    }

    /// The answers zlib gives to a sequence of calls cairo could make, given by ours too: a zlib
    /// stream (deflateInit2_, the same parameters) and one of ours, call for call.
    @Test func answersAsZlibDoes() {
        func answers(_ open: (inout z_stream) -> Int32) -> [Int32] {
            var stream = z_stream()
            var result = [open(&stream)]
            var input: [UInt8] = Array("BT /f-0-1 1 Tf <0001>Tj ET".utf8)
            var output = [UInt8](repeating: 0, count: 256)
            input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    stream.next_out = outBuffer.baseAddress
                    stream.next_in = inBuffer.baseAddress
                    stream.avail_in = uInt(inBuffer.count)
                    stream.avail_out = 0
                    result.append(deflate(&stream, Z_NO_FLUSH))  // no room for output
                    stream.avail_out = uInt(outBuffer.count)
                    stream.avail_in = 0
                    result.append(deflate(&stream, Z_NO_FLUSH))  // a first call with nothing
                    stream.avail_in = uInt(inBuffer.count)
                    result.append(deflate(&stream, Z_NO_FLUSH))
                    result.append(deflate(&stream, Z_NO_FLUSH))  // nothing more to do
                    result.append(deflate(&stream, Z_FINISH))
                    result.append(deflate(&stream, Z_NO_FLUSH))  // after the end
                    result.append(deflate(&stream, Z_FINISH))
                }
            }
            result.append(deflateEnd(&stream))
            return result
        }
        let zlib = answers { deflateInit2_(&$0, 6, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Self.streamSize) }
        let ours = answers { deflateInit_(&$0, Z_DEFAULT_COMPRESSION, ZLIB_VERSION, Self.streamSize) }
        #expect(zlib == [Z_OK, Z_BUF_ERROR, Z_OK, Z_OK, Z_BUF_ERROR, Z_STREAM_END, Z_STREAM_ERROR, Z_STREAM_END, Z_OK])
        #expect(ours == zlib)
    }

    /// Bytes no other test compresses, so that what is kept of them is this test's doing.
    static func uniqueBytes(_ count: Int) -> Data {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("0123456789 .-TJm\n".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
        return Data(bytes)
    }

    static func isKept(_ input: Data) -> Bool {
        input.withUnsafeBytes { docengine_pdf_streams_kept($0.baseAddress, $0.count, Z_DEFAULT_COMPRESSION) == 1 }
    }

    /// Whether `input`, just compressed a second time, is kept. Other tests' renders may fill the
    /// kept streams' budget at any moment, which starts them over; so a stream that is not kept is
    /// compressed twice more, twice, before this says no.
    static func isKeptAfterTwoStreams(_ input: Data) -> Bool {
        for _ in 0..<2 where !isKept(input) {
            _ = deflateAsCairo(input)
            _ = deflateAsCairo(input)
        }
        return isKept(input)
    }

    /// A stream seen a second time is kept; the third is served from what was kept, and every one
    /// of the three is the same bytes, which inflate back to the input.
    @Test func keepsAStreamSeenTwice() throws {
        let input = Self.uniqueBytes(20_000)
        let first = Self.deflateAsCairo(input)
        #expect(!Self.isKept(input))
        let second = Self.deflateAsCairo(input)
        #expect(Self.isKeptAfterTwoStreams(input))
        let third = Self.deflateAsCairo(input, chunk: 999, outputSize: 321)
        #expect(second.bytes == first.bytes)
        #expect(third.bytes == first.bytes)
        #expect(third.totalIn == input.count && third.totalOut == first.bytes.count)
        #expect(third.adler == Self.adler32(of: input))
        #expect(third.end == Z_OK)
        #expect(Self.inflated(third.bytes) == input)
    }

    /// Another input of the same length and Adler-32 is compressed for itself, not given the kept
    /// one's bytes.
    @Test func confirmsAKeptStreamByteForByte() throws {
        let input = Self.uniqueBytes(5_000)
        _ = Self.deflateAsCairo(input)
        _ = Self.deflateAsCairo(input)
        #expect(Self.isKeptAfterTwoStreams(input))
        // +1, -2, +1 on three bytes in a row leaves both of Adler-32's sums as they were.
        var twin = [UInt8](input)
        let at = twin.indices.dropFirst(100).first { twin[$0] < 250 && twin[$0 + 1] >= 2 && twin[$0 + 2] < 250 }!
        twin[at] += 1
        twin[at + 1] -= 2
        twin[at + 2] += 1
        let twinData = Data(twin)
        #expect(Self.adler32(of: twinData) == Self.adler32(of: input))
        let result = Self.deflateAsCairo(twinData)
        #expect(Self.inflated(result.bytes) == twinData)
        #expect(result.bytes == Self.deflateAsCairo(twinData).bytes)
    }

    /// Streams too small to be worth looking for, or too large to keep, are compressed every time.
    @Test(arguments: [127, 4 << 20 + 1])
    func keepsNoStreamOutsideItsBounds(size: Int) {
        let input = Self.uniqueBytes(size)
        for _ in 0..<3 { _ = Self.deflateAsCairo(input, chunk: 1 << 20, outputSize: 1 << 20) }
        #expect(!Self.isKept(input))
        #expect(Self.inflated(Self.deflateAsCairo(input, chunk: 1 << 20, outputSize: 1 << 20).bytes) == input)
    }

    @Test func mapsZlibLevels() {
        #expect(docengine_pdf_streams_level(Z_DEFAULT_COMPRESSION) == 6)
        #expect((0...9).map { docengine_pdf_streams_level($0) } == Array(0...9))
        #expect(docengine_pdf_streams_level(10) == -1)
        #expect(docengine_pdf_streams_level(-2) == -1)
    }
}

/// A value shared by `concurrentPerform`'s iterations, behind a lock.
private final class UnsafeMutableTransferBox<Value>: @unchecked Sendable {
    var value: Value
    let lock = NSLock()
    init(_ value: Value) { self.value = value }
}
