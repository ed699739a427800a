// numpy's matmul figures for `llmwb bench matmul`, from a `python3 -c` subprocess.
// OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (set on some machines for old OpenBLAS bugs)
// are removed from its environment: they slow a current OpenBLAS down.
import Foundation

extension BenchMatmul {
    /// numpy's figures for the same sizes.
    struct Numpy {
        /// numpy version, BLAS library, core type and thread count, as numpy reports them.
        var configuration: String
        /// GFLOP/s by matrix size.
        var gflops: [Int: Double]

        /// Times numpy's float32 `a @ b` the way `BenchMatmul.measure` times ours;
        /// nil when python3 or numpy is missing or the script fails.
        static func run(sizes: [Int], singleThread: Bool) -> Numpy? {
            var environment = ProcessInfo.processInfo.environment
            environment["OPENBLAS_CORETYPE"] = nil
            environment["OPENBLAS_L2_SIZE"] = nil
            if singleThread {
                for name in ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"] { environment[name] = "1" }
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-c", script, String(BenchMatmul.timeBudget), String(BenchMatmul.minimumRuns)]
                + sizes.map(String.init)
            process.environment = environment
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, let text = String(data: data, encoding: .utf8) else { return nil }
            var result = Numpy(configuration: "", gflops: [:])
            for line in text.split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                else { continue }
                if let configuration = object["configuration"] as? String { result.configuration = configuration }
                if let n = object["n"] as? Int, let gflops = object["gflops"] as? Double { result.gflops[n] = gflops }
            }
            return result.configuration.isEmpty || result.gflops.isEmpty ? nil : result
        }

        /// argv: time budget, minimum runs, sizes. Prints one JSON object per line.
        static let script = #"""
    import json, os, sys, time
    import numpy as np

    def openblas_runtime():
        """Core type and thread count from the OpenBLAS that numpy loaded, if it is OpenBLAS."""
        try:
            import threadpoolctl
            return "; ".join(f"{p.get('internal_api')} {p.get('version')}, {p.get('architecture')} core, "
                             f"{p.get('num_threads')} threads" for p in threadpoolctl.threadpool_info())
        except ImportError:
            pass
        import ctypes
        try:
            paths = sorted({l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.lower() and ".so" in l})
        except OSError:
            return ""
        for path in paths:
            try:
                lib = ctypes.CDLL(path)
            except OSError:
                continue
            for prefix in ("scipy_openblas_", "openblas_"):
                for suffix in ("64_", ""):
                    threads = getattr(lib, prefix + "get_num_threads" + suffix, None)
                    core = getattr(lib, prefix + "get_corename" + suffix, None)
                    if threads and core:
                        core.restype = ctypes.c_char_p
                        return f"{core().decode()} core, {threads()} threads (threadpoolctl not installed)"
        return ""

    def blas_build():
        try:
            blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
            return f"{blas.get('name')} {blas.get('version')}"
        except Exception:
            return "unknown BLAS"

    budget, minimum = float(sys.argv[1]), int(sys.argv[2])
    runtime = openblas_runtime()
    print(json.dumps({"configuration": f"numpy {np.__version__}, {blas_build()}" + (f", {runtime}" if runtime else "")}))
    for n in map(int, sys.argv[3:]):
        rng = np.random.default_rng(0)
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        a @ b
        best, spent, runs = float("inf"), 0.0, 0
        while runs < minimum or (spent < budget and runs < 200):
            start = time.perf_counter()
            a @ b
            seconds = time.perf_counter() - start
            best, spent, runs = min(best, seconds), spent + seconds, runs + 1
        print(json.dumps({"n": n, "gflops": 2 * n**3 / best / 1e9}), flush=True)
    """#
    }
}
