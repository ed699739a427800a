// Set operations on dict views (`d.keys() - {...}`, as minGPT's configure_optimizers uses);
// the expected text is what CPython 3.11 prints for the same script.
import Python
import Testing

@Test func dictViewsCombineWithAnyIterableAsSets() {
    let out = runScript("""
        d = {'a': 1, 'b': 2, 'c': 3}
        print(sorted(d.keys() - {'a'}), d.keys() & ['b', 'z'], sorted(d.keys() | {'q'}), sorted(d.keys() ^ {'a', 'q'}))
        print({'a', 'x'} - d.keys(), d.items() & {('a', 1)}, type(d.keys() - set()).__name__)
        try:
            d.keys() - 5
        except TypeError as e:
            print(e)
        """)
    #expect(out == """
        ['b', 'c'] {'b'} ['a', 'b', 'c', 'q'] ['b', 'c', 'q']
        {'x'} {('a', 1)} set
        'int' object is not iterable

        """, "\(out)")
}
