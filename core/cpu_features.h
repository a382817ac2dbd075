#pragma once

#include <cstdint>

// What the processor and the operating system together allow, as one bit per instruction-set
// extension (simdjson's instruction_set bits). CPUID says what the processor implements; XCR0
// (read with xgetbv) says whether the OS saves the wider registers on a context switch, without
// which using them would corrupt other processes' state (so it faults). A feature is reported
// only when both agree. Plain constants only: the per-ISA kernel files include this through
// kernel_table.h.
namespace attnscope {

enum CpuFeature : std::uint32_t {
  kCpuAvx2 = 1u << 0,      // AVX2, with YMM state enabled
  kCpuFma = 1u << 1,       // FMA3, with YMM state enabled
  kCpuAvx512F = 1u << 2,   // AVX-512 Foundation, with opmask and ZMM state enabled
  kCpuAvx512Bw = 1u << 3,  // AVX-512 byte and word instructions (likewise)
  kCpuAvx512Dq = 1u << 4,  // AVX-512 doubleword and quadword instructions (likewise)
  kCpuAvx512Vl = 1u << 5,  // AVX-512 on 128- and 256-bit registers (likewise)
};

// A set of CpuFeature bits.
using CpuFeatures = std::uint32_t;

// This machine's features (no caching: isa.cpp asks once and keeps the answer).
CpuFeatures detectCpuFeatures();

}  // namespace attnscope
