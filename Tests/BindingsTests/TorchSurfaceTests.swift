// Runs the torch-surface snippets (nanoGPT, minGPT, the book's appendices A and D) and
// compares their output with what real PyTorch printed (TorchSurfaceExpectations.swift),
// plus what PyTorch's CPU-only build says when asked for CUDA (this machine's torch has CUDA).

import Foundation
import Testing
import Bindings
import Python

@Suite(.serialized) struct TorchSurfaceTests {
    /// Cases whose float32 gradients differ from PyTorch's in the last bit (GEMM and
    /// embedding-backward summation order), so a printed digit may differ by one unit.
    static let lastDigitCases: Set<String> = ["appendix_d"]

    @Test(arguments: TorchSurfaceExpectations.cases.map { $0.name })
    func snippetMatchesPyTorch(_ name: String) throws {
        let fixture = try #require(TorchSurfaceExpectations.cases.first { $0.name == name })
        let result = try runBindingScript(fixture.script)
        #expect(result.failure == nil, "\(name) raised: \(result.failure ?? "")")
        let same = Self.lastDigitCases.contains(name)
            ? matchesUpToLastDigit(result.output, fixture.expected) : result.output == fixture.expected
        #expect(same, "\(name)\n--- got\n\(result.output)\n--- expected\n\(fixture.expected)")
    }

    @Test func cudaRefusesAsTheCPUOnlyBuild() throws {
        let result = try runBindingScript("""
            import torch
            model = torch.nn.Linear(2, 2)
            for bad in [lambda: torch.ones(1).to('cuda'), lambda: torch.ones(1).cuda(), lambda: model.cuda(),
                        lambda: torch.zeros(1, device='cuda'), lambda: model.to('cuda:0'), lambda: torch.device('gpu'),
                        lambda: torch.ones(1).pin_memory(), lambda: torch.cuda.current_device()]:
                try:
                    bad()
                except Exception as e:
                    print(type(e).__name__, e)
            print(torch.device('cuda:1'), repr(torch.device('cuda', 0)), torch.device('cuda:1').index)
            """)
        #expect(result.failure == nil)
        let cuda = "AssertionError Torch not compiled with CUDA enabled\n"
        #expect(result.output == String(repeating: cuda, count: 5)
            + "RuntimeError Expected one of cpu, cuda, ipu, xpu, mkldnn, opengl, opencl, ideep, hip, ve, fpga, maia, xla, lazy, vulkan, mps, meta, hpu, mtia, privateuseone device type at start of device string: gpu\n"
            + "RuntimeError Cannot access accelerator device when none is available.\n"
            + cuda
            + "cuda:1 device(type='cuda', index=0) 1\n")
    }

    @Test func compileReturnsTheModelWithANote() throws {
        let result = try runBindingScript("""
            import torch
            model = torch.nn.Linear(2, 2)
            print(torch.compile(model) is model)
            """)
        #expect(result.output == "True\n")
        #expect(result.errors == "torch.compile: the workbench has no compiler; the model runs as it is\n")
    }
}
