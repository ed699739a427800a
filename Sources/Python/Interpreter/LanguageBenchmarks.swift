// Interpreter benchmarks (for `llmwb bench`): recursive calls, loops over lists and dicts,
// string building, comprehensions, method calls and generators — the same scripts run under python3
// for the side-by-side ratios. Kept in the library so the executable can run them.
import Foundation

/// Micro-benchmarks of the lesson language.
public enum LanguageBenchmarks {
    /// (name, script). Each script reads the global `N` (problem size) and prints a checksum.
    public static let scripts: [(name: String, source: String)] = [
        ("fib", """
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)
        print(fib(N))
        """),
        ("loops", """
        def main(n):
            data = list(range(n))
            total = 0
            for x in data:
                total += x * 2
            d = {}
            for i in range(n // 2):
                d[i] = i + 1
            s = 0
            for k, v in d.items():
                s += v
            return total + s
        print(main(N))
        """),
        ("strings", """
        def main(n):
            out = ""
            for i in range(n):
                out += str(i)
            parts = []
            for i in range(n):
                parts.append(f"{i}:{i * 2}")
            words = ",".join(parts).split(",")
            return len(out) + len(words)
        print(main(N))
        """),
        ("comprehensions", """
        def main(n):
            total = 0
            for _ in range(10):
                squares = [x * x for x in range(n) if x % 3 == 0]
                table = {x: x + 1 for x in range(n // 2)}
                total += sum(v for v in table.values()) + len(squares)
            return total
        print(main(N))
        """),
        ("objects", """
        class Point:
            def __init__(self, x, y):
                self.x = x
                self.y = y
            def norm2(self):
                return self.x * self.x + self.y * self.y
        def main(n):
            total = 0
            for i in range(n):
                p = Point(i, i + 1)
                total += p.norm2()
            return total
        print(main(N))
        """),
        ("generators", """
        def count(n):
            i = 0
            while i < n:
                yield i
                i += 1
        def evens(xs):
            for x in xs:
                if x % 2 == 0:
                    yield x
        def squares(xs):
            for x in xs:
                yield x * x
        def main(n):
            total = 0
            for x in count(n):
                total += x
            total += sum(count(n))
            total += sum(x * x for x in range(n))
            total += sum(squares(evens(count(n))))
            return total
        print(main(N))
        """),
        ("counter", """
        from collections import Counter
        def main(n):
            vocab = ["w" + str(i) for i in range(5000)]
            words = [vocab[(i * 7919) % 5000] for i in range(n)]
            c = Counter(words)
            c.update(words[: n // 2])
            top = c.most_common(10)
            return len(c) + top[0][1] + top[9][1] + c.total()
        print(main(N))
        """),
        ("random", """
        import random
        def main(n):
            random.seed(12345)
            items = ["a", "b", "c", "d"]
            total = 0.0
            hits = 0
            for i in range(n):
                total += random.random()
                hits += random.randint(1, 6)
                if random.choice(items) == "a":
                    hits += 1
            return int(total) + hits
        print(main(N))
        """),
    ]

    /// The problem size each benchmark uses by default (about 0.1 s in CPython 3.11).
    public static let defaultSizes: [String: Int] = [
        "fib": 27, "loops": 600_000, "strings": 300_000, "comprehensions": 30_000, "objects": 300_000,
        "generators": 300_000,
        "counter": 1_000_000, "random": 300_000,
    ]

    /// Runs one benchmark with problem size `n`; returns (printed checksum, seconds).
    public static func run(_ name: String, n: Int) throws -> (output: String, seconds: Double) {
        guard let script = scripts.first(where: { $0.name == name }) else {
            throw PyException.valueError("unknown benchmark '\(name)'")
        }
        var output = ""
        let interpreter = Interpreter(output: { output += $0 })
        interpreter.setGlobal("N", .int(n))
        let start = DispatchTime.now().uptimeNanoseconds
        try interpreter.run(source: script.source, filename: "<bench \(name)>")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (output, seconds)
    }
}
