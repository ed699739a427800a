// The order torch's CPU topk returns, ties included: libstdc++'s partial_sort, or
// nth_element then sort, over (value, index) pairs. Used by multinomial without replacement
// (RNG_SPEC.md §6), whose zero weights tie.

/// Indices of the `k` largest values in the order `torch.topk(values, k)` gives on CPU.
///
/// torch (`topk_impl_loop`) fills a queue of (value, index) pairs and, for largest=True,
/// sorted=True, runs `std::partial_sort(q, q+k, end)` when `k * 64 <= n`, else
/// `std::nth_element(q, q+k-1, end)` then `std::sort(q, q+k-1)`, with the comparator
/// "x is NaN and y is not, or x > y". Equal values keep whatever order these unstable
/// algorithms leave, so they are replayed here step for step as GCC's libstdc++ has them.
struct TopKOrder {
    var queue: [(value: Double, index: Int)]

    init(_ values: [Float]) {
        queue = values.enumerated().map { (Double($0.element), $0.offset) }
    }

    /// The comparator: NaN ranks first, then larger values.
    @inline(__always)
    func before(_ x: (value: Double, index: Int), _ y: (value: Double, index: Int)) -> Bool {
        (x.value.isNaN && !y.value.isNaN) || x.value > y.value
    }

    static func largest(_ values: [Float], k: Int) -> [Int] {
        var order = TopKOrder(values)
        let n = values.count
        guard k > 0, n > 0 else { return [] }
        if k * 64 <= n {
            order.partialSort(0, k, n)
        } else {
            order.nthElement(0, k - 1, n)
            order.sort(0, k - 1)
        }
        return order.queue.prefix(k).map(\.index)
    }

    // MARK: heap (std::__adjust_heap, __push_heap, __make_heap, __pop_heap)

    mutating func pushHeap(_ first: Int, _ hole: Int, _ top: Int, _ value: (value: Double, index: Int)) {
        var holeIndex = hole
        var parent = (holeIndex - 1) / 2
        while holeIndex > top && before(queue[first + parent], value) {
            queue[first + holeIndex] = queue[first + parent]
            holeIndex = parent
            parent = (holeIndex - 1) / 2
        }
        queue[first + holeIndex] = value
    }

    mutating func adjustHeap(_ first: Int, _ hole: Int, _ length: Int, _ value: (value: Double, index: Int)) {
        let top = hole
        var holeIndex = hole
        var secondChild = hole
        while secondChild < (length - 1) / 2 {
            secondChild = 2 * (secondChild + 1)
            if before(queue[first + secondChild], queue[first + secondChild - 1]) { secondChild -= 1 }
            queue[first + holeIndex] = queue[first + secondChild]
            holeIndex = secondChild
        }
        if length & 1 == 0 && secondChild == (length - 2) / 2 {
            secondChild = 2 * (secondChild + 1)
            queue[first + holeIndex] = queue[first + secondChild - 1]
            holeIndex = secondChild - 1
        }
        pushHeap(first, holeIndex, top, value)
    }

    mutating func makeHeap(_ first: Int, _ last: Int) {
        let length = last - first
        if length < 2 { return }
        var parent = (length - 2) / 2
        while true {
            adjustHeap(first, parent, length, queue[first + parent])
            if parent == 0 { return }
            parent -= 1
        }
    }

    mutating func popHeap(_ first: Int, _ last: Int, _ result: Int) {
        let value = queue[result]
        queue[result] = queue[first]
        adjustHeap(first, 0, last - first, value)
    }

    mutating func heapSelect(_ first: Int, _ middle: Int, _ last: Int) {
        makeHeap(first, middle)
        var i = middle
        while i < last {
            if before(queue[i], queue[first]) { popHeap(first, middle, i) }
            i += 1
        }
    }

    mutating func partialSort(_ first: Int, _ middle: Int, _ last: Int) {
        heapSelect(first, middle, last)
        var end = middle   // std::__sort_heap(first, middle)
        while end - first > 1 {
            end -= 1
            popHeap(first, end, end)
        }
    }

    // MARK: partitioning (std::__move_median_to_first, __unguarded_partition)

    mutating func moveMedianToFirst(_ result: Int, _ a: Int, _ b: Int, _ c: Int) {
        if before(queue[a], queue[b]) {
            if before(queue[b], queue[c]) { queue.swapAt(result, b) }
            else if before(queue[a], queue[c]) { queue.swapAt(result, c) }
            else { queue.swapAt(result, a) }
        } else if before(queue[a], queue[c]) { queue.swapAt(result, a) }
        else if before(queue[b], queue[c]) { queue.swapAt(result, c) }
        else { queue.swapAt(result, b) }
    }

    mutating func unguardedPartitionPivot(_ first: Int, _ last: Int) -> Int {
        let mid = first + (last - first) / 2
        moveMedianToFirst(first, first + 1, mid, last - 1)
        var low = first + 1, high = last
        while true {
            while before(queue[low], queue[first]) { low += 1 }
            high -= 1
            while before(queue[first], queue[high]) { high -= 1 }
            if !(low < high) { return low }
            queue.swapAt(low, high)
            low += 1
        }
    }

    // MARK: insertion sorts

    mutating func unguardedLinearInsert(_ position: Int) {
        let value = queue[position]
        var last = position
        var next = last - 1
        while before(value, queue[next]) {
            queue[last] = queue[next]
            last = next
            next -= 1
        }
        queue[last] = value
    }

    mutating func insertionSort(_ first: Int, _ last: Int) {
        if first == last { return }
        var i = first + 1
        while i < last {
            if before(queue[i], queue[first]) {
                let value = queue[i]
                var j = i
                while j > first { queue[j] = queue[j - 1]; j -= 1 }
                queue[first] = value
            } else {
                unguardedLinearInsert(i)
            }
            i += 1
        }
    }

    static func floorLog2(_ n: Int) -> Int { n <= 0 ? 0 : Int.bitWidth - 1 - n.leadingZeroBitCount }

    // MARK: std::nth_element and std::sort

    mutating func nthElement(_ start: Int, _ nth: Int, _ end: Int) {
        if start == end || nth == end { return }
        var first = start, last = end
        var depth = 2 * TopKOrder.floorLog2(last - first)
        while last - first > 3 {
            if depth == 0 {
                heapSelect(first, nth + 1, last)
                queue.swapAt(first, nth)
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            if cut <= nth { first = cut } else { last = cut }
        }
        insertionSort(first, last)
    }

    mutating func sort(_ first: Int, _ last: Int) {
        if first == last { return }
        introsortLoop(first, last, 2 * TopKOrder.floorLog2(last - first))
        let threshold = 16
        if last - first > threshold {
            insertionSort(first, first + threshold)
            for i in (first + threshold)..<last { unguardedLinearInsert(i) }
        } else {
            insertionSort(first, last)
        }
    }

    mutating func introsortLoop(_ first: Int, _ end: Int, _ depthLimit: Int) {
        var last = end
        var depth = depthLimit
        while last - first > 16 {
            if depth == 0 {
                partialSort(first, last, last)
                return
            }
            depth -= 1
            let cut = unguardedPartitionPivot(first, last)
            introsortLoop(cut, last, depth)
            last = cut
        }
    }
}
