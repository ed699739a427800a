// Tests of the regex engine's Swift API beyond the CPython fixtures: the compile cache,
// the interrupt hook, group lookup errors, long inputs, and errors thrown by `sub` callbacks.

import PyRegex
import Testing

private func scalars(_ s: String) -> [Unicode.Scalar] { Array(s.unicodeScalars) }
private func text(_ s: [Unicode.Scalar]?) -> String? { s.map { String(String.UnicodeScalarView($0)) } }

private struct CallbackFailure: Error, Equatable {}

@Suite("Regex API")
struct RegexAPITests {
    @Test func compileReturnsTheCachedPattern() throws {
        let a = try PyRegex.compile(#"(\w+)-cache-test"#, flags: .ignoreCase)
        let b = try PyRegex.compile(#"(\w+)-cache-test"#, flags: .ignoreCase)
        let c = try PyRegex.compile(#"(\w+)-cache-test"#)
        #expect(a === b)
        #expect(a !== c)
        #expect(a.flags == [.ignoreCase, .unicode])
    }

    @Test func cacheDropsTheLeastRecentlyUsedPattern() throws {
        let cache = PyRegexCache(capacity: 2)
        let first = try cache.regex("a", flags: [])
        let second = try cache.regex("b", flags: [])
        #expect(try cache.regex("a", flags: []) === first)
        _ = try cache.regex("c", flags: [])
        #expect(try cache.regex("a", flags: []) === first)
        #expect(try cache.regex("b", flags: []) !== second)
    }

    @Test func interruptHookStopsACatastrophicPattern() throws {
        let regex = try PyRegex(#"(a*)*b"#)
        let input = scalars(String(repeating: "a", count: 40))
        let outcome: PyRegexError? = PyRegexInterrupt.withCheck({ true }) { () -> PyRegexError? in
            do {
                _ = try regex.search(input)
                return nil
            } catch let error as PyRegexError {
                return error
            } catch {
                return nil
            }
        }
        #expect(outcome?.kind == .interrupted)
    }

    @Test func groupLookupErrorsAreIndexErrors() throws {
        let m = try #require(try PyRegex(#"(?P<word>\w+)"#).match(scalars("hi")))
        #expect(text(try m.group(named: "word")) == "hi")
        #expect(m.lastgroup == "word")
        #expect(throws: PyRegexError.self) { try m.group(2) }
        do {
            _ = try m.group(named: "nope")
        } catch {
            #expect(error.kind == .indexError)
            #expect(error.message == "no such group")
        }
    }

    @Test func longInputsNeedNoRecursion() throws {
        let input = scalars(String(repeating: "ab", count: 25_000) + "c")
        let m = try #require(try PyRegex(#"(?:a|b)*?c|(?:(a)|b)*c"#).match(input))
        #expect(try m.span() == (0, 50_001))
        let groups = try #require(try PyRegex(#"((?:ab)+)"#).fullmatch(input, endpos: 50_000))
        #expect(try groups.span(1) == (0, 50_000))
    }

    @Test func subCallbackErrorsPropagate() throws {
        let regex = try PyRegex("b")
        #expect(throws: CallbackFailure()) {
            _ = try regex.sub(scalars("abc")) { _ in throw CallbackFailure() }
        }
        let (result, count) = try regex.subn(scalars("abcb"), count: 1) { m in "[\(try m.start())]" }
        #expect(text(result) == "a[1]cb")
        #expect(count == 1)
    }

    @Test func errorCarriesPythonFields() {
        do {
            _ = try PyRegex("ab\n(c")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .reError)
            #expect(error.msg == "missing ), unterminated subpattern")
            #expect(error.pos == 3)
            #expect(error.description == "missing ), unterminated subpattern at position 3 (line 2, column 1)")
        }
    }
}
