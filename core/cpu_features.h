#pragma once

namespace attnscope {

// What the processor and the operating system together allow. CPUID says what the processor
// implements; XCR0 (read with xgetbv) says whether the OS saves the wider registers on a context
// switch, without which using them would corrupt other processes' state (so it faults).
struct CpuFeatures {
  bool avx2Fma = false;  // AVX2 and FMA3, with YMM state enabled
  bool avx512 = false;   // AVX-512 F, BW, DQ and VL, with opmask and ZMM state enabled
};

CpuFeatures detectCpuFeatures();

}  // namespace attnscope
