#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/cpu_features.h"
#include "core/kernel_table.h"

// Choosing the kernels at run time, once, as simdjson does: a list of kernel tables from the best
// down (isa.cpp), each declaring its name and the CPU features it needs (kernel_table.h); the
// first this machine supports wins unless the environment variable ATTNSCOPE_ISA names one. The
// scalar path needs nothing and always exists. Adding an instruction set touches its own
// kernels_<isa>.cpp, that list (with its table's extern declaration) and CMake.
namespace attnscope {

// One instruction set's kernels, known by its table; two Isa are equal when they name the same
// table.
class Isa {
 public:
  constexpr explicit Isa(const kernels::KernelTable& table) : m_table(&table) {}
  const kernels::KernelTable& table() const { return *m_table; }
  friend constexpr bool operator==(Isa, Isa) = default;

  // Names for code that asks for one particular path (tests, benchmarks, `bench --isa`);
  // knownIsas() lists them all.
  static const Isa Scalar;  // x86-64 baseline (SSE2)
  static const Isa Avx2;    // AVX2 + FMA
  static const Isa Avx512;  // AVX-512 F, BW, DQ and VL

 private:
  const kernels::KernelTable* m_table;
};
inline constexpr Isa Isa::Scalar{kernels::scalar::kTable};
inline constexpr Isa Isa::Avx2{kernels::avx2::kTable};
inline constexpr Isa Isa::Avx512{kernels::avx512::kTable};

// Every instruction set this build has kernels for, best first, whether or not this machine
// runs them; the last needs no feature at all.
std::span<const Isa> knownIsas();
// knownIsas()' names worst first, for messages: "scalar, avx2 or avx512".
std::string knownIsaNames();

// "scalar", "avx2", "avx512": what ATTNSCOPE_ISA and `bench --isa` accept and --version prints.
const char* isaName(Isa isa);
// Whether a machine with `available` features can run `isa`: it has every feature required.
bool runsOn(Isa isa, CpuFeatures available);
bool cpuSupports(Isa isa);  // runsOn(isa, this machine's features)
// The first of knownIsas() a machine with `available` features runs.
Isa bestIsaFor(CpuFeatures available);
Isa bestSupportedIsa();  // bestIsaFor(this machine's features)

// The instruction set a request names (empty: the best supported). Throws
// Error(InvalidArgument) for an unknown name or one the machine cannot run, saying which it can.
Isa resolveIsa(std::string_view request, CpuFeatures available);
Isa resolveIsa(std::string_view request);  // on this machine

// The engine's default path: resolveIsa(ATTNSCOPE_ISA), decided on the first call and kept.
Isa activeIsa();
// isaName(activeIsa()), for --version, bench and the About box.
const char* isaName();

// The kernels of one instruction set. The caller must have checked cpuSupports(isa).
const kernels::KernelTable& kernelsFor(Isa isa);

}  // namespace attnscope
