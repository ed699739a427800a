// copy.deepcopy of tensors goes through the copier the bindings register with the copy
// module; expected text printed by PyTorch 2 / CPython 3.11.
import Testing
import Bindings
import Python

@Suite struct TensorCopyTests {
    @Test func deepcopyClonesLeafTensors() throws {
        let script = """
        import torch, copy
        t = torch.tensor([1.0, 2.0], requires_grad=True)
        c = copy.deepcopy(t)
        print(c, c.requires_grad, c is t, torch.equal(c, t))
        p = torch.nn.Parameter(torch.zeros(2))
        q = copy.deepcopy(p); print(type(q).__name__, q.requires_grad)
        d = copy.deepcopy({'w': t}); d['w'].data[0] = 5; print(t)
        """
        let result = try runBindingScript(script)
        #expect(result.failure == nil)
        #expect(result.output == """
        tensor([1., 2.], requires_grad=True) True False True
        Parameter True
        tensor([1., 2.], requires_grad=True)

        """)
    }
}
