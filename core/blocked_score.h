#pragma once

// The one definition of the score a blocked cell takes, shared by the engine (baseline code) and
// the kernels of every instruction set. A constant only: no inline code, so including it from
// files built with different -m flags is safe (see kernel_table.h).
namespace attnscope {

// What masked_fill writes into a blocked cell. Finite, so a fully blocked row softmaxes to a
// uniform row instead of NaN, exactly as in the reference module. Exactly representable in
// float32 (10⁹ = 2⁹ · 1953125 and 1953125 < 2²⁴).
inline constexpr float kBlockedScore = -1e9f;

}  // namespace attnscope
