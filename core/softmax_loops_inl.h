// The two softmax kernels, written once for every instruction set: the row softmax of the full
// trace and the online softmax's step over one block of keys.
//
// Not a header of its own (no include guard): each kernels_<isa>.cpp includes it inside its own
// anonymous namespace, like gemm_loops_inl.h, after defining a struct of vector operations
//   struct VectorOps {
//     static constexpr std::size_t kWidth;   // floats per vector
//     using Vector = ...;                    // kWidth floats
//     using Lanes = ...;                     // which lanes of a vector are in range
//     static Lanes first(std::size_t count);  // lanes [0, min(count, kWidth)), count ≥ 1
//     static Vector load(const float* p, Lanes lanes);  // lanes outside read as 0, untouched
//     static void store(float* p, Lanes lanes, Vector v);
//     static Vector broadcast(float x);
//     static Vector divide(Vector a, Vector b);  // and multiply, subtract: lane by lane
//     static Vector keptOr(Vector x, Vector blocked, const std::uint8_t* keep, Lanes lanes,
//                          std::size_t count);   // x where keep[i] ≠ 0, else blocked
//     static Vector maximumOver(Vector running, Lanes lanes, Vector x);  // lanes-only max
//     static Vector sumOver(Vector running, Lanes lanes, Vector x);      // lanes-only sum
//     static float largest(Vector v);            // horizontal maximum
//     static float total(Vector v);              // horizontal sum
//     static Vector exp(Vector x);               // exp(x) for x ≤ 0, exactly 0 when it
//     static float exp(float x);                 //   underflows (blocked cells need exact 0)
//   };
// so each instruction set gets its own copy with internal linkage, compiled with its own flags,
// and no two copies of the algorithm can drift apart. Like gemm_loops_inl.h it uses no
// standard-library templates, which the linker could merge across instruction sets.

// How many leading cells of a row are candidates for keeping: all of them when the mask decides
// cell by cell, otherwise the kept prefix.
inline std::size_t candidateCells(RowMask mask, std::size_t length) {
  if (mask.keep != nullptr) return length;
  return mask.keptPrefix < length ? mask.keptPrefix : length;
}

// Pass 1 of both softmaxes: logits[j] = masked(scores[j] / divisor), a true division as the
// reference divides; returns their maximum over j < kept. scores and logits may be the same.
template <class V>
float writeLogits(const float* scores, float* logits, std::size_t kept, float divisor,
                  const std::uint8_t* keep) {
  const typename V::Vector divisorVector = V::broadcast(divisor);
  const typename V::Vector blocked = V::broadcast(kBlockedScore);
  typename V::Vector maximum = V::broadcast(-__builtin_inff());
  for (std::size_t j = 0; j < kept; j += V::kWidth) {
    const typename V::Lanes lanes = V::first(kept - j);
    typename V::Vector x = V::divide(V::load(scores + j, lanes), divisorVector);
    if (keep != nullptr) x = V::keptOr(x, blocked, keep + j, lanes, kept - j);
    V::store(logits + j, lanes, x);
    maximum = V::maximumOver(maximum, lanes, x);
  }
  return V::largest(maximum);
}

// Pass 2: values[j] = exp(values[j] − maximum) for j < kept; returns their sum.
//
// The sum stays in float32, where ggml's softmax adds in double. The reference module computes
// in float32, so a double sum would not bring the weights closer to it; and after subtracting
// the maximum every term lies in (0, 1] with at least one exactly 1, so the sum of L terms lies
// in [1, L] with no cancellation, and its relative rounding error is at most about L·ε
// (ε = 2⁻²⁴; 2.4·10⁻⁴ at L = 4096 in the worst case, usually nearer √L·ε, as each vector lane
// adds only L / kWidth terms and errors of both signs partly cancel) — the same kind of error
// the reference's own float32 sum carries.
template <class V>
float exponentiate(float* values, std::size_t kept, float maximum) {
  const typename V::Vector shift = V::broadcast(maximum);
  typename V::Vector sum = V::broadcast(0.0f);
  for (std::size_t j = 0; j < kept; j += V::kWidth) {
    const typename V::Lanes lanes = V::first(kept - j);
    const typename V::Vector e = V::exp(V::subtract(V::load(values + j, lanes), shift));
    V::store(values + j, lanes, e);
    sum = V::sumOver(sum, lanes, e);
  }
  return V::total(sum);
}

// values[j] *= scale for j < length.
template <class V>
void scaleCells(float* values, std::size_t length, float scale) {
  const typename V::Vector factor = V::broadcast(scale);
  for (std::size_t j = 0; j < length; j += V::kWidth) {
    const typename V::Lanes lanes = V::first(length - j);
    V::store(values + j, lanes, V::multiply(V::load(values + j, lanes), factor));
  }
}

// values[j] = value for j < length.
template <class V>
void fillCells(float* values, std::size_t length, float value) {
  const typename V::Vector v = V::broadcast(value);
  for (std::size_t j = 0; j < length; j += V::kWidth) V::store(values + j, V::first(length - j), v);
}

// softmax(x)_j = exp(x_j − m) / Σ_k exp(x_k − m) with m = max_k x_k: subtracting the maximum
// changes nothing mathematically and keeps exp from overflowing. Blocked cells of a kept prefix
// all hold kBlockedScore, so they share one value exp(kBlockedScore − m), computed once.
// Every cell, kept or blocked, is multiplied by the one reciprocal 1/Σ, as PyTorch's vectorised
// softmax does: a blocked cell gets exactly the weight a kept cell of the same logit would.
template <class V>
bool softmaxRow(const float* scores, float* weights, std::size_t length, float divisor,
                RowMask mask) {
  assert(scores != nullptr && weights != nullptr && "softmaxRow: null row");
  assert(length > 0 && "softmaxRow: an empty row has no softmax");
  assert(divisor > 0.0f && "softmaxRow: the divisor must be positive (and not NaN)");
  const std::size_t kept = candidateCells(mask, length);
  float maximum = writeLogits<V>(scores, weights, kept, divisor, mask.keep);
  if (kept < length && maximum < kBlockedScore) maximum = kBlockedScore;
  float sum = exponentiate<V>(weights, kept, maximum);
  const float blockedValue = kept < length ? V::exp(kBlockedScore - maximum) : 0.0f;
  sum += blockedValue * float(length - kept);
  const float scale = 1.0f / sum;
  scaleCells<V>(weights, kept, scale);
  fillCells<V>(weights + kept, length - kept, blockedValue * scale);
  return mask.keep == nullptr && blockedValue == 0.0f;
}

// The online softmax's step over one block of keys: with m' = max(m, max_j x_j), earlier sums
// were taken relative to m and are rescaled by exp(m − m'); this block adds Σ_j exp(x_j − m').
template <class V>
float onlineSoftmaxBlock(float* values, std::size_t length, float divisor, RowMask mask,
                         OnlineSoftmaxState* state) {
  assert(values != nullptr && state != nullptr && "onlineSoftmaxBlock: null block or state");
  assert(length > 0 && "onlineSoftmaxBlock: an empty block");
  assert(divisor > 0.0f && "onlineSoftmaxBlock: the divisor must be positive (and not NaN)");
  const std::size_t kept = candidateCells(mask, length);
  float blockMaximum = writeLogits<V>(values, values, kept, divisor, mask.keep);
  if (kept < length && blockMaximum < kBlockedScore) blockMaximum = kBlockedScore;
  const float maximum = state->maximum > blockMaximum ? state->maximum : blockMaximum;
  const float rescale = V::exp(state->maximum - maximum);
  float sum = exponentiate<V>(values, kept, maximum);
  const float blockedValue = kept < length ? V::exp(kBlockedScore - maximum) : 0.0f;
  fillCells<V>(values + kept, length - kept, blockedValue);
  sum += blockedValue * float(length - kept);
  state->sum = state->sum * rescale + sum;
  state->maximum = maximum;
  return rescale;
}
