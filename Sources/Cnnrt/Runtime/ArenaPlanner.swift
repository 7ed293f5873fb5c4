/// Assigns arena offsets to values from their lifetimes: a value's bytes are reused once its last reader
/// has run. First fit over a list of free blocks kept sorted by offset; 64-byte aligned.
struct ArenaPlanner {
    private var free: [(offset: Int, size: Int)] = []
    /// The arena size needed so far.
    private(set) var size = 0

    static func aligned(_ bytes: Int) -> Int { (max(bytes, 1) + 63) / 64 * 64 }

    /// Reserves `bytes` and returns their offset.
    mutating func allocate(_ bytes: Int) -> Int {
        let need = Self.aligned(bytes)
        if let index = free.firstIndex(where: { $0.size >= need }) {
            let block = free[index]
            if block.size == need {
                free.remove(at: index)
            } else {
                free[index] = (block.offset + need, block.size - need)
            }
            return block.offset
        }
        // Grow the arena, starting inside a free block that ends at the current end.
        if let last = free.last, last.offset + last.size == size {
            free.removeLast()
            size = last.offset + need
            return last.offset
        }
        let offset = size
        size += need
        return offset
    }

    /// Returns `bytes` at `offset` to the free list, merging with its neighbours.
    mutating func release(offset: Int, bytes: Int) {
        var block = (offset: offset, size: Self.aligned(bytes))
        var index = free.firstIndex { $0.offset > offset } ?? free.count
        if index > 0, free[index - 1].offset + free[index - 1].size == block.offset {
            block = (free[index - 1].offset, free[index - 1].size + block.size)
            free.remove(at: index - 1)
            index -= 1
        }
        if index < free.count, block.offset + block.size == free[index].offset {
            block.size += free[index].size
            free.remove(at: index)
        }
        free.insert(block, at: index)
    }
}
