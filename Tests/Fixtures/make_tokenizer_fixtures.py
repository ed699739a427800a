#!/usr/bin/env python3
# Writes Tests/TokenizersTests/Fixtures/tokenizer.json: what tiktoken's "gpt2" encoding
# returns for many texts (ids, pre-token pieces, decodes, errors). Run by hand, offline:
#   python3 Tests/Fixtures/make_tokenizer_fixtures.py
# tiktoken reads the GPT-2 files through its download cache, which this script fills from
# Sources/Tokenizers/Resources, so get_encoding("gpt2") is the real, unmodified constructor.
import hashlib
import json
import os
import random
import shutil
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RESOURCES = os.path.join(ROOT, "Sources", "Tokenizers", "Resources")
OUT = os.path.join(ROOT, "Tests", "TokenizersTests", "Fixtures", "tokenizer.json")
VERDICT = os.path.join(ROOT, "lessons", "data", "the-verdict.txt")

cache = tempfile.mkdtemp(prefix="tiktoken-cache-")
os.environ["TIKTOKEN_CACHE_DIR"] = cache
for name in ["vocab.bpe", "encoder.json"]:
    url = "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main/" + name
    shutil.copy(os.path.join(RESOURCES, name), os.path.join(cache, hashlib.sha1(url.encode()).hexdigest()))

import regex  # noqa: E402
import tiktoken  # noqa: E402

enc = tiktoken.get_encoding("gpt2")
pattern = regex.compile(enc._pat_str)

with open(VERDICT, encoding="utf-8") as f:
    verdict = f.read()

texts = [
    "",
    "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace.",
    "Hello, do you like tea?",
    "In the sunlit terraces of the palace.",
    "Akwirw ier",
    "hello world",
    "It's the last he painted, you know,\" Mrs. Gisburn said with pardonable pride.",
    "I'll we've they're she'd I'm don't it's 'S 'LL 'Ve 'll's ''s '''' 'x ' 's",
    "She said 'hello' and he said \"bye\".",
    "  leading spaces, trailing spaces   ",
    "tabs\tand\t\ttabs\t",
    "new\nlines\n\nand\r\nCRLF\r\n",
    "mixed \n \t \n  words\n\n\n",
    "    indented code\n        more\n",
    "a  b   c    d",
    " \n",
    "\n ",
    "   ",
    " ",
    "\n",
    "x \t\n y",
    "numbers 1234567890 3.14159 -42 1e10 ²³ ½ Ⅻ ٣٤٥ ０１２",
    "2024-05-15 12:30:45 +0800 $1,000,000.00 100% #1",
    "café naïve résumé Zürich coöperate",
    "cafe\u0301 e\u0301 n\u0303o combining\u0300marks",
    "日本語のテキストです。中文文本。한국어 텍스트.",
    "emoji 😀👍🏽👨‍👩‍👧‍👦 🇯🇵 ❤️ done",
    "עברית ومرحبا بالعالم RTL \u200fmarks\u200e",
    "Ελληνικά Русский текст Ὀδυσσεύς",
    "spaces:\u00a0nbsp\u2003em\u3000ideographic\u2009thin\u200bzw\u202fnnbsp\u205fmmsp",
    "separators\u2028line\u2029para\u0085nel\u000bvt\u000cff\u001cfs\u001fus",
    "\ufeffBOM and \ufffd replacement",
    " \u001cx \u001fy \u0085z \u00a0w \u200bv \u2028u \u180et \ufeffs \u0009r",
    "a\u001c\u001c b\u0085\u0085 c\u00a0\u00a0 d\u200b\u200b",
    "<|endoftext|>",
    "<|endoftext|><|endoftext|>",
    "a<|endoftext|>b",
    "<|endoftext",
    "<|endoftext|",
    "|endoftext|>",
    "<|startoftext|> is not special here",
    "!!!???...,,,;;;:::---___===+++",
    "foo@bar.com http://example.com/path?q=1&r=2#frag",
    "def f(x):\n    return x ** 2  # square\n",
    "C'est l'été. Ça va? Über-schön!",
    "ALLCAPS lowercase MiXeD CamelCaseWord snake_case_word kebab-case-word",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "          ",
    "\t\t\t\tx",
    "x\u3000\u3000y",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕞𝕒𝕥𝕙 ℵ₀ ∑∫∂ ≤≥≠",
    "Ǆ ǅ ǆ ʰ ˇ 々 〆",
    "\u0000null\u0001\u007fdel",
    "privateuse\ue000\U000f0000 unassigned\U000e01f0\U0010fffd",
    "tokenization tokenizer tokenize untokenizable",
]
texts.append(verdict)
texts.append(verdict[:2000])

# Seeded random strings: byte-ish mixes of every character class.
rng = random.Random(1234)
alphabets = [
    " \t\n\r",
    "abcXYZ",
    "0123456789",
    "'!?.,-_\"()[]{}<>|/\\",
    "éüßñ",
    "日本語中文",
    "😀👍🏽",
    "\u0301\u0308",
    "\u00a0\u3000\u2003\u0085",
    "²½Ⅻ٣",
    "ʰ々",
]
for n in range(40):
    pieces = []
    for _ in range(rng.randint(1, 60)):
        alphabet = rng.choice(alphabets)
        pieces.append(rng.choice(alphabet) * rng.choice([1, 1, 1, 2, 3]))
    texts.append("".join(pieces))
for n in range(10):
    texts.append("".join(chr(rng.randint(0x20, 0x7E)) for _ in range(rng.randint(1, 80))))
for n in range(10):
    cps = []
    while len(cps) < rng.randint(1, 40):
        cp = rng.randint(0x80, 0x2FFFF)
        if 0xD800 <= cp <= 0xDFFF:
            continue
        cps.append(chr(cp))
    texts.append("".join(cps))


def error_of(fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        return {"type": type(e).__name__, "message": str(e.args[0])}
    return None


def case(text, allowed, disallowed):
    kwargs = {}
    if allowed is not None:
        kwargs["allowed_special"] = allowed if allowed == "all" else set(allowed)
    if disallowed is not None:
        kwargs["disallowed_special"] = disallowed if disallowed == "all" else set(disallowed)
    entry = {
        "text": text,
        "allowed": allowed,
        "disallowed": disallowed,
    }
    err = error_of(lambda: enc.encode(text, **kwargs))
    if err:
        entry["error"] = err
    else:
        entry["ids"] = enc.encode(text, **kwargs)
    return entry


encode_cases = []
for text in texts:
    encode_cases.append(case(text, None, None))
    if "<|endoftext|>" in text:
        encode_cases.append(case(text, ["<|endoftext|>"], None))
        encode_cases.append(case(text, "all", None))
        encode_cases.append(case(text, None, []))
        encode_cases.append(case(text, [], []))
encode_cases.append(case("hello world", None, ["hello"]))
encode_cases.append(case("say hello", None, ["hello", "zzz"]))
encode_cases.append(case("it's", None, ["'s"]))
encode_cases.append(case("he said it's fine", None, ["it's"]))
encode_cases.append(case("one\ntwo", None, ["e\nt", "zz"]))
encode_cases.append(case("", None, [""]))
encode_cases.append(case("abc", None, [""]))
encode_cases.append(case("a<|endoftext|>b", ["not-a-special-token"], None))
encode_cases.append(case("a<|endoftext|>b", ["<|endoftext|>"], "all"))

ordinary = []
for text in texts:
    ids = enc.encode_ordinary(text)
    entry = {"text": text, "ids": ids, "decoded": enc.decode(ids)}
    # The `regex` module's split is the same as tiktoken's Rust (fancy_regex) split
    # when re-encoding its pieces gives the same ids; keep the pieces only then.
    if enc._encode_only_native_bpe(text) == ids:
        entry["pieces"] = pattern.findall(text)
    ordinary.append(entry)

decode_cases = []
token_lists = [
    [49426],
    [49426, 49426],
    [171, 120],
    [447, 247],
    [447],
    [220, 447, 246, 94],
    [31373, 995],
    [50256],
    [50256, 31373, 50256],
    [],
    [0, 1, 2, 255, 188, 189],
]
for n in range(30):
    token_lists.append([rng.randrange(0, 50257) for _ in range(rng.randint(1, 12))])
for n in range(20):
    # single-byte tokens only: arbitrary byte strings, mostly invalid UTF-8
    token_lists.append([rng.randrange(0, 256) for _ in range(rng.randint(1, 10))])
# Malformed UTF-8 on purpose: overlong forms, surrogates, past U+10FFFF, truncated sequences.
for raw in [b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf0\x9f\x98", b"a\xf0\x9f\x98b",
            b"\xe0\x80\x80", b"\xf0\x80\x80\x80", b"\xe2\x82", b"\xe2\x82\xac\xe2", b"\x80\x80abc",
            b"\xff\xfe", b"\xc3", b"\xc3\xa9\xc3", b"\xf0\x9f\x98\x80\xf0"]:
    token_lists.append([enc.encode_single_token(bytes([b])) for b in raw])
for tokens in token_lists:
    data = enc.decode_bytes(tokens)
    decode_cases.append({"tokens": tokens, "bytes": list(data), "text": enc.decode(tokens)})

decode_errors = []
for tokens in [[50257], [31373, 99999999], [-1], [2**32]]:
    decode_errors.append({"tokens": tokens, "error": error_of(lambda: enc.decode(tokens))})

single_tokens = []
for token in [0, 1, 94, 187, 188, 220, 255, 256, 257, 1000, 31373, 49426, 50255, 50256]:
    single_tokens.append({"token": token, "bytes": list(enc.decode_single_token_bytes(token))})
single_errors = []
for token in [50257, 60000]:
    single_errors.append({"token": token, "error": error_of(lambda: enc.decode_single_token_bytes(token))})



# BPE training reference (no library trains GPT-2-style merges the same way, so this is
# a plain minbpe-style loop): split with the gpt2 pattern, count adjacent pairs over every
# piece in text order, merge the most frequent (the first seen on ties: Python's max over
# an insertion-ordered dict), all occurrences left to right.
def train_bpe(text, vocab_size):
    chunks = [list(piece.encode("utf-8")) for piece in pattern.findall(text)]
    vocab = {i: bytes([i]) for i in range(256)}
    merges = []
    while len(vocab) < vocab_size:
        stats = {}
        for ids in chunks:
            for pair in zip(ids, ids[1:]):
                stats[pair] = stats.get(pair, 0) + 1
        if not stats:
            break
        pair = max(stats, key=stats.get)
        token = len(vocab)
        new_chunks = []
        for ids in chunks:
            out, i = [], 0
            while i < len(ids):
                if i + 1 < len(ids) and (ids[i], ids[i + 1]) == pair:
                    out.append(token)
                    i += 2
                else:
                    out.append(ids[i])
                    i += 1
            new_chunks.append(out)
        chunks = new_chunks
        vocab[token] = vocab[pair[0]] + vocab[pair[1]]
        merges.append({"left": pair[0], "right": pair[1], "token": token,
                       "bytes": list(vocab[token]), "count": stats[pair]})
    return merges, [t for ids in chunks for t in ids]


training = []
for text, vocab_size in [
    ("aaabdaaabac", 300),
    ("low lower lowest newer wider new newest", 280),
    ("héllo héllo wörld 日本 日本語 😀😀", 300),
    (verdict[:3000], 400),
    (verdict, 600),
]:
    merges, ids = train_bpe(text, vocab_size)
    training.append({"text": text, "vocab_size": vocab_size, "merges": merges, "ids": ids})

merge_steps = []
for text in ["tokenization", " Akwirw ier", "Hello, world!", "someunknownPlace", "日本語 😀", ""]:
    # tiktoken has no merge-by-merge API; the last step must be encode_ordinary's ids.
    merge_steps.append({"text": text, "ids": enc.encode_ordinary(text)})

# Every code point of planes 0 and 1, the start of plane 2 and the tag/variation-selector
# block (U+E0000-E01FF), 256 at a time, in contexts that tell letters, numbers, whitespace
# and the rest apart (a wrong class shows where BPE merges across the piece boundary); the
# ids of each block are kept as a 64-bit FNV-1a hash (each id as 4 little-endian bytes).
def block_probe(start):
    cps = [c for c in range(start, start + 256) if not (0xD800 <= c <= 0xDFFF)]
    return "".join("x" + chr(c) + "x1" + chr(c) + "1 " + chr(c) + " " for c in cps)


def fnv1a(ids):
    h = 0xCBF29CE484222325
    for token in ids:
        for byte in token.to_bytes(4, "little"):
            h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


code_point_blocks = []
for start in list(range(0, 0x21000, 256)) + list(range(0xE0000, 0xE0200, 256)):
    if 0xD800 <= start <= 0xDFFF:
        continue
    ids = enc.encode_ordinary(block_probe(start))
    code_point_blocks.append({"start": start, "count": len(ids), "hash": fnv1a(ids)})

out = {
    "code_point_blocks": code_point_blocks,
    "training": training,
    "merge_steps": merge_steps,
    "tiktoken_version": tiktoken.__version__,
    "name": enc.name,
    "pattern": enc._pat_str,
    "n_vocab": enc.n_vocab,
    "eot_token": enc.eot_token,
    "special_tokens": sorted(enc.special_tokens_set),
    "encode": encode_cases,
    "encode_ordinary": ordinary,
    "decode": decode_cases,
    "decode_errors": decode_errors,
    "single_tokens": single_tokens,
    "single_token_errors": single_errors,
}
os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=True, indent=None, separators=(",", ":"))
    f.write("\n")
shutil.rmtree(cache)
print(f"wrote {OUT}: {len(encode_cases)} encode, {len(ordinary)} ordinary, {len(decode_cases)} decode cases;"
      f" pieces kept for {sum('pieces' in e for e in ordinary)}")
