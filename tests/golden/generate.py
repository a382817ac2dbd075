#!/usr/bin/python3
"""Regenerate the golden fixtures from the PyTorch reference module.

Run from the repo root:  /usr/bin/python3 tests/golden/generate.py [CASE ...]
Writes tests/golden/cases/<case>/ (each case folder is replaced), all cases or only those named:
BLAS threading may change the last bit of a regenerated case, so add a case without touching the
others. Deterministic: every case seeds
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
    dict(name="torch_multihead", seed=116, lq=6, lk=None, d_model=16, heads=4, mask="causal",
         layout="multihead",
         description="weights.safetensors is nn.MultiheadAttention's state_dict (in_proj_weight, "
                     "...); the reference module runs with them split into W_q, W_k, W_v"),
]


def multihead_module(d_model, heads):
    """-> (reference module, nn.MultiheadAttention state_dict) holding the same weights.

    nn.MultiheadAttention initialises its biases to zero; they are drawn here so that a swapped
    or dropped bias shows. Its forward pass slices in_proj_weight into W_q = rows [0, d),
    W_k = [d, 2d), W_v = [2d, 3d); the reference module gets exactly those slices."""
    mha = torch.nn.MultiheadAttention(d_model, heads, batch_first=True).float().eval()
    with torch.no_grad():
        mha.in_proj_bias.uniform_(-0.5, 0.5)
        mha.out_proj.bias.uniform_(-0.5, 0.5)
    module = rt.make_module(d_model, heads)
    d = d_model
    with torch.no_grad():
        for i, linear in enumerate((module.W_q, module.W_k, module.W_v)):
            linear.weight.copy_(mha.in_proj_weight[i * d:(i + 1) * d])
            linear.bias.copy_(mha.in_proj_bias[i * d:(i + 1) * d])
        module.W_o.weight.copy_(mha.out_proj.weight)
        module.W_o.bias.copy_(mha.out_proj.bias)
    return module, mha


def check_against_torch(mha, tr, query, key_value, mask):
    """PyTorch's own module must agree with the reference run on the converted weights. Its mask
    means the opposite (True = blocked, -inf), which matches -1e9 while a row keeps a key."""
    q = torch.from_numpy(query).unsqueeze(0)
    kv = q if key_value is None else torch.from_numpy(key_value).unsqueeze(0)
    attn_mask = None if mask is None else ~torch.as_tensor(mask).bool()
    with torch.no_grad():
        output, weights = mha(q, kv, kv, attn_mask=attn_mask, need_weights=True,
                              average_attn_weights=False)
    for name, ours in (("output", output[0]), ("weights", weights[0])):
        error = rt.normalised_error(ours.numpy(), tr.tensors[name])
        assert error <= rt.TOLERANCE, f"nn.MultiheadAttention {name} differs: {error:.3g}"


def build_case(case):
    """-> (module, module whose state_dict is saved, query, key_value or None, mask for the module
    or None, mask file array or None)"""
    torch.manual_seed(case["seed"])
    if case.get("layout") == "multihead":
        module, state_source = multihead_module(case["d_model"], case["heads"])
    else:
        module = state_source = rt.make_module(case["d_model"], case["heads"])
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
    return module, state_source, query, key_value, mask, mask_file


def write_case(case):
    module, state_source, query, key_value, mask, mask_file = build_case(case)
    tr = rt.trace(module, query, key_value, mask)
    if state_source is not module:
        check_against_torch(state_source, tr, query, key_value, mask)

    out = os.path.join(CASES_DIR, case["name"])
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)

    state = state_source.state_dict()
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
    if "layout" in case:
        meta["weights_layout"] = case["layout"]
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
    chosen = sys.argv[1:]
    unknown = sorted(set(chosen) - names)
    if unknown:
        sys.exit(f"unknown case(s): {', '.join(unknown)}")
    cases = [c for c in CASES if not chosen or c["name"] in chosen]
    total = sum(write_case(c) for c in cases)
    stale = sorted(set(os.listdir(CASES_DIR)) - names)
    for s in stale:
        print(f"warning: {os.path.join(CASES_DIR, s)} is not a case of this generator",
              file=sys.stderr)
    print(f"{len(cases)} cases, {total} bytes, in {CASES_DIR}")


if __name__ == "__main__":
    main()
