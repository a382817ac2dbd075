#!/usr/bin/python3
"""Times attnscope's forward pass beside the PyTorch reference module, shape by shape.

Not part of ctest. Runs under Debian's torch (/usr/bin/python3; python3-torch with OpenBLAS,
libopenblas0-pthread, as the reference). For each thread count and shape it alternates rounds:
PyTorch, attnscope, PyTorch, attnscope, ... (both vary from run to run, and another process may be
busy), each round a fresh process that warms up for about a second and reports its median over at
least 5 runs and 0.5 s. It prints the median over the rounds of each side, their ratio
(PyTorch / ours), our GFLOP/s and its share of the FMA peak (tests/bench/fma_peak), and peak
resident memory (VmHWM) at the largest L. PyTorch runs the reference module exactly as written
(../shared/reference/seed_mha.py): eval(), no_grad, batch 1, causal mask tril(ones(L, L)).

  tests/bench/compare_with_pytorch.py --build build [--rounds 5] [--threads 1 2]
                                      [--shapes 8,64,4 512,512,8 ...] [--json FILE]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE = os.path.join(os.path.dirname(ROOT), "shared", "reference")
SHAPES = [(8, 64, 4), (16, 128, 8), (64, 256, 8), (128, 512, 8), (512, 512, 8), (1024, 512, 8),
          (2048, 768, 12), (4096, 512, 8)]
WARM_UP_SECONDS = 1.0
MINIMUM_SECONDS = 0.5
MINIMUM_RUNS = 5


def peak_resident_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def torch_worker(length, d_model, heads, threads):
    """One round of PyTorch in this (fresh) process; prints a JSON line."""
    import torch  # imported here, after the thread variables are set by the parent
    sys.path.insert(0, REFERENCE)
    from seed_mha import MultiHeadAttention

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    module = MultiHeadAttention(d_model, heads).eval()
    x = torch.randn(1, length, d_model)
    mask = torch.tril(torch.ones(length, length))
    with torch.no_grad():
        start = time.perf_counter()
        while True:
            module(x, x, x, mask)
            if time.perf_counter() - start >= WARM_UP_SECONDS:
                break
        times = []
        while len(times) < MINIMUM_RUNS or sum(times) < MINIMUM_SECONDS:
            t0 = time.perf_counter()
            module(x, x, x, mask)
            times.append(time.perf_counter() - t0)
    blas = "unknown"
    with open("/proc/self/maps") as maps:
        for line in maps:
            if "blas" in line:
                blas = os.path.basename(os.path.dirname(line.split()[-1])) + "/" + \
                    os.path.basename(line.split()[-1])
                break
    print(json.dumps({"median_ms": statistics.median(times) * 1e3, "runs": len(times),
                      "peak_rss_bytes": peak_resident_bytes(), "blas": blas}))


def thread_environment(threads):
    env = dict(os.environ)
    # torch.set_num_threads does not reach OpenBLAS's own pool: limit it before torch loads.
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(threads)
    return env


def run_torch(shape, threads):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", ",".join(map(str, shape)),
           "--threads", str(threads)]
    out = subprocess.run(cmd, env=thread_environment(threads), capture_output=True, text=True,
                         check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_ours(binary, shape, threads, path="full"):
    length, d_model, heads = shape
    cmd = [binary, "bench", "--seq-len", str(length), "--d-model", str(d_model), "--heads",
           str(heads), "--threads", str(threads), "--mask", "causal", "--path", path,
           "--breakdown", "--json"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def fma_peak(build):
    out = subprocess.run([os.path.join(build, "tests", "bench", "fma_peak"), "--json"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def flops(shape):
    length, d_model, _ = shape
    return 8.0 * length * d_model ** 2 + 4.0 * length ** 2 * d_model


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--shapes", nargs="+", default=None, help="L,d_model,heads ...")
    ap.add_argument("--json", help="also write every measurement to this file")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        torch_worker(*map(int, args.worker.split(",")), args.threads[0])
        return 0

    binary = os.path.join(args.build, "app", "attnscope")
    shapes = [tuple(map(int, s.split(","))) for s in args.shapes] if args.shapes else SHAPES
    peak = fma_peak(args.build)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"{version}; FMA peak {peak['gflops_1_thread']} GFLOP/s on 1 thread, "
          f"{peak['gflops_all_threads']} on {peak['threads']}; {args.rounds} alternating rounds, "
          "medians; ratio = PyTorch / ours (full trace, causal mask)")
    records = []
    header = (f"{'L':>5} {'d':>4} {'h':>3} {'T':>2} | {'ours ms':>9} {'torch ms':>9} {'ratio':>6} | "
              f"{'GFLOP/s':>7} {'% peak':>6} | {'proj GF/s':>9} {'proj %':>6} | notes")
    print(header)
    print("-" * len(header))
    for threads in args.threads:
        peak_gflops = peak["gflops_1_thread"] if threads == 1 else peak["gflops_all_threads"]
        for shape in shapes:
            ours, torch_rounds = [], []
            for _ in range(args.rounds):
                torch_rounds.append(run_torch(shape, threads))
                ours.append(run_ours(binary, shape, threads))
            ours_ms = statistics.median(r["median_ms"] for r in ours)
            torch_ms = statistics.median(r["median_ms"] for r in torch_rounds)
            projections_ms = statistics.median(r["projections_ms"] for r in ours)
            gflops = flops(shape) / ours_ms / 1e6
            projection_gflops = 8.0 * shape[0] * shape[1] ** 2 / projections_ms / 1e6
            notes = f"isa {ours[0]['isa']}, path {ours[0]['path']}"
            record = {"shape": shape, "threads": threads, "ours_ms": ours_ms, "torch_ms": torch_ms,
                      "ratio": torch_ms / ours_ms, "gflops": gflops,
                      "peak_percent": 100 * gflops / peak_gflops,
                      "projections_ms": projections_ms, "projections_gflops": projection_gflops,
                      "ours_rounds": [r["median_ms"] for r in ours],
                      "torch_rounds": [r["median_ms"] for r in torch_rounds],
                      "torch_blas": torch_rounds[0]["blas"]}
            if shape == max(shapes):
                record["ours_peak_rss"] = max(r["peak_rss_bytes"] for r in ours)
                record["torch_peak_rss"] = max(r["peak_rss_bytes"] for r in torch_rounds)
                streaming = [run_ours(binary, shape, threads, "streaming") for _ in range(3)]
                record["streaming_ms"] = statistics.median(r["median_ms"] for r in streaming)
                record["streaming_workspace"] = streaming[0]["workspace_bytes"]
                record["streaming_peak_rss"] = max(r["peak_rss_bytes"] for r in streaming)
                notes += (f"; VmHWM ours {record['ours_peak_rss'] / 2**20:.0f} MiB, torch "
                          f"{record['torch_peak_rss'] / 2**20:.0f} MiB; streaming "
                          f"{record['streaming_ms']:.1f} ms, engine "
                          f"{record['streaming_workspace'] / 2**20:.1f} MiB, VmHWM "
                          f"{record['streaming_peak_rss'] / 2**20:.0f} MiB")
            records.append(record)
            print(f"{shape[0]:>5} {shape[1]:>4} {shape[2]:>3} {threads:>2} | {ours_ms:>9.4g} "
                  f"{torch_ms:>9.4g} {torch_ms / ours_ms:>6.2f} | {gflops:>7.1f} "
                  f"{record['peak_percent']:>5.0f}% | {projection_gflops:>9.1f} "
                  f"{100 * projection_gflops / peak_gflops:>5.0f}% | {notes}", flush=True)
    print(f"PyTorch's BLAS: {records[0]['torch_blas']}")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"peak": peak, "version": version, "records": records}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
