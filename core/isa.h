#pragma once

#include <string_view>

#include "core/kernel_table.h"

// Choosing the kernels at run time, once, as simdjson does: a list of instruction sets from the
// best down, each with what it needs; the first this machine supports wins unless the
// environment variable ATTNSCOPE_ISA names one. The scalar path always exists.
namespace attnscope {

enum class Isa {
  Scalar,  // x86-64 baseline (SSE2)
  Avx2,    // AVX2 + FMA
  Avx512,  // AVX-512 F, BW, DQ and VL
};

// "scalar", "avx2", "avx512": what ATTNSCOPE_ISA and `bench --isa` accept and --version prints.
const char* isaName(Isa isa);
bool cpuSupports(Isa isa);
Isa bestSupportedIsa();

// The instruction set a request names (empty: the best supported). Throws
// Error(InvalidArgument) for an unknown name or one this machine cannot run, saying which it can.
Isa resolveIsa(std::string_view request);

// The engine's default path: resolveIsa(ATTNSCOPE_ISA), decided on the first call and kept.
Isa activeIsa();
// isaName(activeIsa()), for --version, bench and the About box.
const char* isaName();

// The kernels of one instruction set. The caller must have checked cpuSupports(isa).
const kernels::KernelTable& kernelsFor(Isa isa);

}  // namespace attnscope
