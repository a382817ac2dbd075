#!/usr/bin/python3
"""Regenerate the golden fixtures from the PyTorch reference module.

Run from the repo root:  /usr/bin/python3 tests/golden/generate.py
Writes tests/golden/cases/<case>/ (each case folder is replaced). Deterministic: every case seeds
torch itself. See README.md next to this file for the file layout and the tolerance.
"""

import json
import os
import shutil
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import numpy as np  # noqa: E402
import torch  # noqa: E402

import reference_trace as rt  # noqa: E402

CASES_DIR = os.path.join(HERE, "cases")

# Masks given as a file. Each takes (lq, lk, heads) and draws from torch's generator, which the
# case has just seeded, so masks are as reproducible as the weights.


def padding_mask(lq, lk, heads):
    m = np.ones((lq, lk), dtype=np.int64)
    m[:, -2:] = 0  # the last two keys are padding, for every query
    return m


def per_head_mask(lq, lk, heads):
    return (torch.rand(heads, lq, lk) < 0.6).numpy()  # bool


def broadcast4d_mask(lq, lk, heads):
    return (torch.rand(1, 1, lq, lk) < 0.6).to(torch.float32).numpy()  # 0.0 / 1.0


def head4d_mask(lq, lk, heads):
    return (torch.rand(1, heads, lq, lk) < 0.6).to(torch.uint8).numpy()


def blocked_row_mask(lq, lk, heads):
    m = np.tril(np.ones((lq, lk)))  # float64, what np.tril(np.ones(...)) gives a user
    m[2, :] = 0  # query 2 sees nothing: its softmax row becomes uniform 1/Lk
    return m


# name, seed, Lq, Lk (None: self-attention), d_model, heads, mask ("none" | "causal" | function),
# input scale, query file dtype, description
CASES = [
    dict(name="basic", seed=101, lq=6, lk=None, d_model=16, heads=4, mask="none",
         description="self-attention, no mask"),
    dict(name="causal", seed=102, lq=7, lk=None, d_model=32, heads=4, mask="causal",
         description="self-attention, causal mask tril(ones(L, L)) built by the engine"),
    dict(name="odd", seed=103, lq=5, lk=None, d_model=48, heads=3, mask="none",
         description="odd head count, d_k = 16"),
    dict(name="odd_dk", seed=104, lq=9, lk=None, d_model=30, heads=5, mask="causal",
         description="d_k = 6 (sqrt(d_k) irrational), causal"),
    dict(name="one_head", seed=105, lq=4, lk=None, d_model=8, heads=1, mask="none",
         description="a single head, d_k = d_model = 8"),
    dict(name="cross", seed=106, lq=5, lk=8, d_model=16, heads=2, mask="none",
         description="cross-attention: module(q, kv, kv), Lq = 5, Lk = 8, no mask"),
    dict(name="cross_causal", seed=107, lq=6, lk=4, d_model=16, heads=2, mask="causal",
         description="cross-attention with causal mask tril(ones(6, 4)) of a non-square"),
    dict(name="padding", seed=108, lq=6, lk=None, d_model=16, heads=2, mask=padding_mask,
         description="key padding: mask (Lq, Lk) int64 blocks the last 2 keys for every query"),
    dict(name="per_head_mask", seed=109, lq=5, lk=None, d_model=12, heads=3, mask=per_head_mask,
         description="random per-head mask (H, Lq, Lk) bool"),
    dict(name="broadcast4d", seed=110, lq=5, lk=None, d_model=12, heads=3, mask=broadcast4d_mask,
         description="random mask (1, 1, Lq, Lk) float32 0/1, broadcast over heads"),
    dict(name="head4d", seed=111, lq=5, lk=None, d_model=12, heads=3, mask=head4d_mask,
         description="random mask (1, H, Lq, Lk) uint8"),
    dict(name="blocked_row", seed=112, lq=5, lk=None, d_model=16, heads=4, mask=blocked_row_mask,
         description="mask (Lq, Lk) float64: causal with row 2 fully blocked, whose weights "
                     "become uniform 1/Lk"),
    dict(name="large_logits", seed=113, lq=6, lk=None, d_model=16, heads=2, mask="none",
         scale=100.0, description="inputs x100: scores ~1e4, softmax saturates"),
    dict(name="float64_input", seed=114, lq=6, lk=None, d_model=16, heads=4, mask="none",
         query_dtype=np.float64,
         description="query.npy stored as float64 (exact float32 values); module runs in float32"),
    dict(name="longer", seed=115, lq=40, lk=None, d_model=64, heads=8, mask="causal",
         description="L = 40, d_model = 64, 8 heads, causal"),
]


def build_case(case):
    """-> (module, query, key_value or None, mask for the module or None, mask file array or None)"""
    torch.manual_seed(case["seed"])
    module = rt.make_module(case["d_model"], case["heads"])
    scale = case.get("scale", 1.0)
    lq, lk = case["lq"], case["lk"]
    query = (torch.randn(lq, case["d_model"]) * scale).numpy()
    key_value = None
    if lk is not None:
        key_value = (torch.randn(lk, case["d_model"]) * scale).numpy()
    lk_eff = lq if lk is None else lk
    mask_file = None
    if case["mask"] == "none":
        mask = None
    elif case["mask"] == "causal":
        mask = rt.causal_mask(lq, lk_eff)
    else:
        mask_file = case["mask"](lq, lk_eff, case["heads"])
        mask = mask_file
    return module, query, key_value, mask, mask_file


def write_case(case):
    module, query, key_value, mask, mask_file = build_case(case)
    tr = rt.trace(module, query, key_value, mask)

    out = os.path.join(CASES_DIR, case["name"])
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    state = module.state_dict()
    st_path = os.path.join(out, "weights.safetensors")
    rt.write_safetensors(st_path, state)
    back = rt.read_safetensors(st_path)
    assert list(back) == list(state), "safetensors key order"
    for name, t in state.items():
        assert back[name].dtype == np.float32 and np.array_equal(back[name], t.numpy()), name

    query_file = query.astype(case.get("query_dtype", np.float32))
    assert np.array_equal(query_file.astype(np.float32), query), "query must survive the cast"
    rt.save_npy(os.path.join(out, "query.npy"), query_file)
    if key_value is not None:
        rt.save_npy(os.path.join(out, "key_value.npy"), key_value.astype(np.float32))
    if mask_file is not None:
        rt.save_npy(os.path.join(out, "mask.npy"), mask_file)

    lq = query.shape[0]
    lk = lq if key_value is None else key_value.shape[0]
    shapes = rt.expected_shapes(lq, lk, tr.heads, tr.d_k, tr.d_model)
    for name in rt.TENSOR_NAMES:
        a = tr.tensors[name]
        assert a.dtype == np.float32 and a.flags.c_contiguous and a.shape == shapes[name], name
        rt.save_npy(os.path.join(out, name + ".npy"), a)

    mask_kind = case["mask"] if isinstance(case["mask"], str) else "file"
    meta = {"d_model": case["d_model"], "heads": case["heads"], "mask": mask_kind,
            "description": case["description"]}
    with open(os.path.join(out, "case.json"), "w") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")

    size = sum(os.path.getsize(os.path.join(out, n)) for n in os.listdir(out))
    div = rt.division_check(tr)
    div_rules = ",".join(r for r, ok in div.items() if ok) or "none"
    mask_desc = mask_kind
    if mask_file is not None:
        mask_desc += f"{tuple(mask_file.shape)}:{mask_file.dtype}"
    blocked_rows = int(np.count_nonzero(tr.blocked.all(axis=-1)))
    extra = f" fully-blocked-rows={blocked_rows}" if blocked_rows else ""
    w = tr.tensors["weights"]
    print(f"{case['name']:<14} Lq={lq:<2} Lk={lk:<2} d_model={case['d_model']:<2} "
          f"H={tr.heads} d_k={tr.d_k:<2} mask={mask_desc:<24} "
          f"max|scores|={np.abs(tr.tensors['scores']).max():9.3g} "
          f"max|out|={np.abs(tr.tensors['output']).max():6.3g} max(w)={w.max():.3g} "
          f"scaled==[{div_rules}]{extra} {size} B")
    return size


def main():
    os.makedirs(CASES_DIR, exist_ok=True)
    names = {c["name"] for c in CASES}
    total = sum(write_case(c) for c in CASES)
    stale = sorted(set(os.listdir(CASES_DIR)) - names)
    for s in stale:
        print(f"warning: {os.path.join(CASES_DIR, s)} is not a case of this generator",
              file=sys.stderr)
    print(f"{len(CASES)} cases, {total} bytes, in {CASES_DIR}")


if __name__ == "__main__":
    main()
