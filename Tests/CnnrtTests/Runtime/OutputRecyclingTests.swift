import Testing
@testable import Cnnrt

/// Large graph outputs reuse the memory of the caller's previous result once it is released, and never
/// while it is still held.
@Suite struct OutputRecyclingTests {
    /// x[1, 64, 32, 32] (256 KiB) -> Relu -> y, an arena value copied out on each run.
    static func model() -> Model {
        var builder = GraphBuilder()
        let x = builder.input("x", .float, [1, 64, 32, 32])
        builder.output(builder.node("Relu", [x], outputs: ["y"]))
        return builder.model()
    }

    static func feed(_ seed: UInt64) -> [String: Tensor] {
        ["x": Tensor(shape: [1, 64, 32, 32], scalars: KernelTestSupport.data(64 * 32 * 32, seed: seed))]
    }

    static func relu(_ feeds: [String: Tensor]) -> [Float] { feeds["x"]!.floats.map { max($0, 0) } }

    @Test func releasedResultsLendTheirMemory() throws {
        let session = try Session(model: Self.model())
        var address: UnsafeMutableRawPointer?
        do {
            let y = try #require(try session.run(Self.feed(1))["y"])
            #expect(y.floats == Self.relu(Self.feed(1)))
            address = y.buffer.pointer
        }
        let y = try #require(try session.run(Self.feed(2))["y"])
        #expect(y.buffer.pointer == address)
        #expect(y.floats == Self.relu(Self.feed(2)))
    }

    @Test func heldResultsAreNeverOverwritten() throws {
        let session = try Session(model: Self.model())
        let first = try #require(try session.run(Self.feed(3))["y"])
        let second = try #require(try session.run(Self.feed(4))["y"])
        #expect(first.buffer.pointer != second.buffer.pointer)
        #expect(first.floats == Self.relu(Self.feed(3)))
        #expect(second.floats == Self.relu(Self.feed(4)))
        // A result that outlives its session keeps its values.
        var kept: Tensor?
        do {
            let other = try Session(model: Self.model())
            kept = try other.run(Self.feed(5))["y"]
        }
        #expect(kept?.floats == Self.relu(Self.feed(5)))
    }

    @Test func aRecyclerKeepsOneBlockOfOneSize() {
        let recycler = BufferRecycler()
        var address: UnsafeMutableRawPointer?
        do {
            let buffer = TensorBuffer(uninitializedByteCount: 4096, recycler: recycler)
            address = buffer.pointer
        }
        // Released: kept, and handed to the next buffer of its size.
        let again = TensorBuffer(uninitializedByteCount: 4096, recycler: recycler)
        #expect(again.pointer == address)
        // Two released at once: the second is freed, not kept.
        do {
            let a = TensorBuffer(uninitializedByteCount: 64, recycler: recycler)
            let b = TensorBuffer(uninitializedByteCount: 64, recycler: recycler)
            #expect(a.pointer != b.pointer)
        }
        let kept = recycler.take(byteCount: 64)
        #expect(kept != nil)
        TensorMemory.deallocate(kept)
        #expect(recycler.take(byteCount: 64) == nil)
        // A kept block of another size is not handed out.
        _ = recycler.keep(TensorMemory.allocate(byteCount: 128), byteCount: 128)
        #expect(recycler.take(byteCount: 256) == nil)
        #expect(recycler.take(byteCount: 128) == nil)
    }
}
