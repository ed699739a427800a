// Memory per object is checked against what is left, not against the machine (issue #14):
// under `ulimit -v`, a list or tensor the limit cannot hold is refused with MemoryError or
// PyTorch's allocator error, and the script goes on, where it used to abort.
import Foundation
import Testing

@Test func allocationsPastAnAddressSpaceLimitAreRefusedNotFatal() throws {
    let llmwb = try #require(builtExecutable("llmwb"), "the llmwb executable should be built beside the tests")
    // 3 GB of address space: the list (4.8 GB) and the tensor (4 GB) fit in this machine's
    // memory but not in the limit.
    let child = try #require(Child(["-c", "ulimit -v 3000000 && exec \"$0\" exec -", llmwb], executable: "/bin/sh"))
    child.type("""
        try:
            big = [0] * (2 * 10**8)
        except MemoryError as e:
            print('list:', e)
        import torch
        try:
            torch.zeros(10**9)
        except RuntimeError as e:
            print('tensor:', e)
        small = [0] * 10**6
        print('alive', len(small))

        """)
    let (status, out, err) = child.finish(within: 120)
    #expect(status == 0, "\(err)")
    let lines = out.split(separator: "\n").map(String.init)
    #expect(lines.count == 3, "\(out)")
    #expect(lines.first?.hasPrefix("list: cannot allocate 4.5 GiB: only ") == true, "\(out)")
    #expect(lines.first?.hasSuffix(" of memory is available") == true, "\(out)")
    #expect(lines.dropFirst().first == "tensor: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: "
            + "you tried to allocate 4000000000 bytes. Error code 12 (Cannot allocate memory)", "\(out)")
    #expect(lines.last == "alive 1000000", "\(out)")
}
