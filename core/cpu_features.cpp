#include "core/cpu_features.h"

#include <cpuid.h>

namespace attnscope {
namespace {

bool bit(unsigned value, int index) { return (value >> index) & 1u; }

// The XCR0 register: which register states the OS saves (xgetbv with ECX = 0). Written as
// assembly because the _xgetbv intrinsic needs -mxsave, which this baseline file must not use.
std::uint64_t enabledRegisterStates() {
  std::uint32_t low = 0, high = 0;
  __asm__("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return (std::uint64_t{high} << 32) | low;
}

}  // namespace

CpuFeatures detectCpuFeatures() {
  CpuFeatures features = 0;
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return features;
  const bool fma = bit(ecx, 12), osxsave = bit(ecx, 27), avx = bit(ecx, 28);
  if (!osxsave || !avx) return features;  // without OSXSAVE, xgetbv itself is undefined
  const std::uint64_t states = enabledRegisterStates();
  const bool ymmState = (states & 0x6) == 0x6;    // bits 1, 2: SSE and AVX (upper YMM)
  const bool zmmState = (states & 0xE6) == 0xE6;  // and 5, 6, 7: opmask, ZMM0-15, ZMM16-31
  if (!ymmState) return features;
  if (fma) features |= kCpuFma;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return features;
  if (bit(ebx, 5)) features |= kCpuAvx2;
  if (!zmmState) return features;
  if (bit(ebx, 16)) features |= kCpuAvx512F;
  if (bit(ebx, 17)) features |= kCpuAvx512Dq;
  if (bit(ebx, 30)) features |= kCpuAvx512Bw;
  if (bit(ebx, 31)) features |= kCpuAvx512Vl;
  return features;
}

}  // namespace attnscope
