"""Run the PyTorch reference module and capture its intermediates.

Shared by tests/golden/generate.py (writes the golden fixtures) and
scripts/check-against-reference (compares the real binary on random configurations).
Runs under Debian's torch: /usr/bin/python3.

The reference module is imported by path, never copied:
  $ATTNSCOPE_REFERENCE_MHA if set, else ../shared/reference/seed_mha.py beside the repository.

API
  TENSOR_NAMES                      output names, in pipeline order (one .npy each)
  MASK_FILL                         float32(-1e9), what masked_fill writes into blocked cells
  TOLERANCE                         1e-5, per tensor: max|ours - ref| <= TOLERANCE * max(1, max|ref|)
  reference_class()                 the module's MultiHeadAttention class
  make_module(d_model, heads)       a fresh module in eval mode, float32 (seed torch first)
  causal_mask(lq, lk)               torch.tril(torch.ones(lq, lk)), the mask the C++ side builds
  trace(module, query, key_value=None, mask=None) -> Trace
  expected_shapes(lq, lk, heads, d_k, d_model) -> {name: shape}
  compare(ours, trace) -> {name: (error, ok, note)}
  write_safetensors(path, tensors), read_safetensors(path)
  save_npy(path, array)
  division_check(trace) -> {rule: bool}, which formula reproduces scaled bit for bit
"""

import importlib.util
import json
import math
import os
import struct
from dataclasses import dataclass

import numpy as np
import torch

# The project's shared folder sits beside the repository: ../shared/reference/seed_mha.py.
_REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
REFERENCE_PATH = os.environ.get(
    "ATTNSCOPE_REFERENCE_MHA",
    os.path.join(os.path.dirname(_REPO_ROOT), "shared", "reference", "seed_mha.py"))

TENSOR_NAMES = ("q", "k", "v", "scores", "scaled", "masked", "weights", "context", "output")
MASK_FILL = np.float32(-1e9)
TOLERANCE = 1e-5

_reference_module = None


def reference_class():
    """The reference MultiHeadAttention class, imported once from REFERENCE_PATH."""
    global _reference_module
    if _reference_module is None:
        spec = importlib.util.spec_from_file_location("seed_mha", REFERENCE_PATH)
        if spec is None or not os.path.isfile(REFERENCE_PATH):
            raise FileNotFoundError(f"reference module not found: {REFERENCE_PATH}")
        _reference_module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(_reference_module)
    return _reference_module.MultiHeadAttention


def make_module(d_model, heads):
    """A fresh reference module (default PyTorch init from the current torch seed), eval mode."""
    if d_model % heads != 0:
        raise ValueError(f"d_model={d_model} is not a multiple of heads={heads}")
    module = reference_class()(d_model, heads)
    module.float().eval()
    return module


def causal_mask(lq, lk):
    """Exactly the causal mask the C++ side builds: tril of ones, (Lq, Lk), float32."""
    return torch.tril(torch.ones(lq, lk))


@dataclass
class Trace:
    tensors: dict  # name -> float32 C-order ndarray, batch dim dropped (see expected_shapes)
    blocked: np.ndarray  # (H, Lq, Lk) bool, True where masked_fill wrote MASK_FILL; all False if no mask
    heads: int
    d_k: int
    d_model: int


def _as_float32_batch(x):
    """(L, D) array or tensor of any float dtype -> (1, L, D) float32 tensor."""
    t = torch.as_tensor(np.asarray(x)) if not isinstance(x, torch.Tensor) else x
    return t.to(torch.float32).unsqueeze(0).contiguous()


def _as_mask(mask):
    if mask is None or isinstance(mask, torch.Tensor):
        return mask
    return torch.from_numpy(np.ascontiguousarray(mask))


def trace(module, query, key_value=None, mask=None):
    """Run module(q, kv, kv, mask) (self-attention when key_value is None) and capture its numbers.

    Projections and context come from forward hooks on W_q/W_k/W_v/W_o, i.e. the tensors the
    module itself computed. The attention matrices are recomputed from the hooked q/k/v with the
    module's own ops (torch.matmul, / math.sqrt(d_k), masked_fill(mask == 0, -1e9), softmax), and
    proven to be the module's: softmax(masked)·v must equal the hooked context and W_o of the
    hooked context must equal the module's output, both bit for bit (torch.equal).
    """
    assert not module.training, "the reference must run in eval mode (dropout off)"
    q_in = _as_float32_batch(query)
    kv_in = q_in if key_value is None else _as_float32_batch(key_value)
    mask_t = _as_mask(mask)

    hooked = {}

    def keep_output(name):
        def hook(_mod, _inputs, output):
            hooked[name] = output.detach().clone()
        return hook

    def keep_context(_mod, inputs, output):
        hooked["context"] = inputs[0].detach().clone()
        hooked["output"] = output.detach().clone()

    handles = [module.W_q.register_forward_hook(keep_output("q_proj")),
               module.W_k.register_forward_hook(keep_output("k_proj")),
               module.W_v.register_forward_hook(keep_output("v_proj")),
               module.W_o.register_forward_hook(keep_context)]
    try:
        with torch.no_grad():
            output = module(q_in, kv_in, kv_in, mask_t)
    finally:
        for h in handles:
            h.remove()

    b, heads, d_k, d_v = q_in.size(0), module.n_heads, module.d_k, module.d_v
    with torch.no_grad():
        # The module's own view/transpose on the hooked projections: same layout, same kernels.
        q = hooked["q_proj"].view(b, -1, heads, d_k).transpose(1, 2)
        k = hooked["k_proj"].view(b, -1, heads, d_k).transpose(1, 2)
        v = hooked["v_proj"].view(b, -1, heads, d_v).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-2, -1))
        scaled = scores / math.sqrt(d_k)  # the module: torch.matmul(...) / math.sqrt(self.d_k)
        if mask_t is not None:
            masked = scaled.masked_fill(mask_t == 0, -1e9)
            blocked = torch.broadcast_to(mask_t == 0, scaled.shape)
        else:
            masked = scaled
            blocked = torch.zeros(scaled.shape, dtype=torch.bool)
        weights = torch.softmax(masked, dim=-1)
        context = torch.matmul(weights, v).transpose(1, 2).contiguous().view(b, -1, heads * d_v)

        if not torch.equal(context, hooked["context"]):
            raise AssertionError("softmax(masked)·v does not reproduce the module's context")
        if not torch.equal(hooked["output"], output):
            raise AssertionError("W_o hook output differs from the module's return value")
        if not torch.equal(module.W_o(hooked["context"]), output):
            raise AssertionError("W_o(captured context) does not reproduce the module's output")

    def np32(t):
        return np.ascontiguousarray(t.detach().numpy().astype(np.float32, copy=False))

    tensors = {
        "q": np32(q[0]), "k": np32(k[0]), "v": np32(v[0]),
        "scores": np32(scores[0]), "scaled": np32(scaled[0]), "masked": np32(masked[0]),
        "weights": np32(weights[0]), "context": np32(context[0]), "output": np32(output[0]),
    }
    return Trace(tensors=tensors, blocked=np.ascontiguousarray(blocked[0].numpy()),
                 heads=heads, d_k=d_k, d_model=module.d_model)


def expected_shapes(lq, lk, heads, d_k, d_model):
    return {
        "q": (heads, lq, d_k), "k": (heads, lk, d_k), "v": (heads, lk, d_k),
        "scores": (heads, lq, lk), "scaled": (heads, lq, lk), "masked": (heads, lq, lk),
        "weights": (heads, lq, lk), "context": (lq, heads * d_k), "output": (lq, d_model),
    }


def normalised_error(ours, ref, where=None):
    """max|ours - ref| / max(1, max|ref|), over the cells in `where` (all if None). NaN-safe:
    a NaN anywhere in ours gives NaN, which fails any `<=` test."""
    ours = np.asarray(ours, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    if where is not None:
        ours, ref = ours[where], ref[where]
    if ref.size == 0:
        return 0.0
    return float(np.max(np.abs(ours - ref)) / max(1.0, float(np.max(np.abs(ref)))))


def compare(ours, tr):
    """Compare {name: ndarray} (e.g. a binary's dump) with a Trace.

    Returns {name: (error, ok, note)}. error is the normalised error; for "masked" it is taken over
    the unblocked cells only (the -1e9 cells would make the scale 1e9), and every blocked cell
    must equal float32(-1e9) exactly. A missing tensor, wrong shape or non-float32 dtype fails.
    """
    result = {}
    for name in TENSOR_NAMES:
        ref = tr.tensors[name]
        got = ours.get(name)
        if got is None:
            result[name] = (math.inf, False, "missing")
            continue
        if got.shape != ref.shape:
            result[name] = (math.inf, False, f"shape {got.shape} != {ref.shape}")
            continue
        note = ""
        ok = True
        if got.dtype != np.float32:
            ok, note = False, f"dtype {got.dtype} != float32"
        if name == "masked":
            err = normalised_error(got, ref, ~tr.blocked)
            bad = int(np.count_nonzero(got[tr.blocked] != MASK_FILL))
            if bad:
                ok, note = False, (note + f" {bad} blocked cells != -1e9").strip()
        else:
            err = normalised_error(got, ref)
        if not err <= TOLERANCE:
            ok = False
        result[name] = (err, ok, note)
    return result


def save_npy(path, array):
    """C-order .npy (format 1.0 for these sizes), dtype kept as given."""
    np.save(path, np.ascontiguousarray(array), allow_pickle=False)


_ST_DTYPES = {np.dtype(np.float32): "F32", np.dtype(np.float64): "F64", np.dtype(np.float16): "F16",
              np.dtype(np.int64): "I64", np.dtype(np.int32): "I32", np.dtype(np.uint8): "U8",
              np.dtype(np.bool_): "BOOL"}
_ST_NUMPY = {v: k for k, v in _ST_DTYPES.items()}


def write_safetensors(path, tensors):
    """tensors: ordered {name: torch tensor or ndarray}. Layout: u64 LE header length, JSON header
    padded with spaces to a multiple of 8, then the raw little-endian bytes in the given order."""
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        a = t.detach().cpu().numpy() if isinstance(t, torch.Tensor) else np.asarray(t)
        a = np.ascontiguousarray(a)
        a = a.astype(a.dtype.newbyteorder("<"), copy=False)
        raw = a.tobytes(order="C")
        header[name] = {"dtype": _ST_DTYPES[a.dtype.newbyteorder("=")], "shape": list(a.shape),
                        "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for raw in blobs:
            f.write(raw)


def read_safetensors(path):
    """{name: ndarray} from a .safetensors file (used to check write_safetensors round-trips)."""
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        dt = _ST_NUMPY[info["dtype"]].newbyteorder("<")
        out[name] = np.frombuffer(body[b:e], dtype=dt).reshape(info["shape"]).copy()
    return out


def division_check(tr):
    """Which formula reproduces torch's `scores / math.sqrt(d_k)` bit for bit (float32 numpy):
    div_f32: scores / f32(sqrt(d_k));  mul_recip_f32: scores * f32(1 / f32(sqrt(d_k)));
    mul_recip_f64: scores * f32(1 / sqrt(d_k)) (reciprocal rounded once, from double)."""
    s, ref = tr.tensors["scores"], tr.tensors["scaled"]
    root32 = np.float32(math.sqrt(tr.d_k))
    candidates = {
        "div_f32": s / root32,
        "mul_recip_f32": s * (np.float32(1) / root32),
        "mul_recip_f64": s * np.float32(1.0 / math.sqrt(tr.d_k)),
    }
    return {rule: bool(np.array_equal(val.astype(np.float32), ref)) for rule, val in candidates.items()}
