// Appendix A's logistic unit: F.binary_cross_entropy and torch.autograd.grad print what
// PyTorch prints (AutogradExpectations.swift, made by Tests/Fixtures/make_autograd_fixtures.py).
import Testing

@Test(arguments: autogradExpectations.map(\.name))
func autogradSnippetMatchesPyTorch(_ name: String) throws {
    let entry = try #require(autogradExpectations.first { $0.name == name })
    let (output, _, failure) = try runBindingScript(entry.source)
    #expect(failure == nil, "\(failure ?? "")")
    #expect(output == entry.expected, "\(output)")
}
