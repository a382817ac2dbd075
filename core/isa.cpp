#include "core/isa.h"

#include <array>
#include <cstdlib>
#include <string>

#include "core/cpu_features.h"
#include "core/error.h"

namespace attnscope {
namespace {

// Best first: the order in which bestSupportedIsa() tries them.
constexpr std::array<Isa, 3> kPreference = {Isa::Avx512, Isa::Avx2, Isa::Scalar};

const CpuFeatures& features() {
  static const CpuFeatures detected = detectCpuFeatures();
  return detected;
}

std::string supportedList() {
  std::string list;
  for (Isa isa : kPreference) {
    if (!cpuSupports(isa)) continue;
    if (!list.empty()) list += ", ";
    list += isaName(isa);
  }
  return list;
}

}  // namespace

const char* isaName(Isa isa) {
  switch (isa) {
    case Isa::Scalar:
      return "scalar";
    case Isa::Avx2:
      return "avx2";
    case Isa::Avx512:
      return "avx512";
  }
  return "unknown";
}

bool cpuSupports(Isa isa) {
  switch (isa) {
    case Isa::Scalar:
      return true;
    case Isa::Avx2:
      return features().avx2Fma;
    case Isa::Avx512:
      return features().avx512;
  }
  return false;
}

Isa bestSupportedIsa() {
  for (Isa isa : kPreference) {
    if (cpuSupports(isa)) return isa;
  }
  return Isa::Scalar;
}

Isa resolveIsa(std::string_view request) {
  if (request.empty()) return bestSupportedIsa();
  for (Isa isa : kPreference) {
    if (request != isaName(isa)) continue;
    if (!cpuSupports(isa)) {
      throw Error(ErrorKind::InvalidArgument,
                  "this processor cannot run the " + std::string(request) +
                      " kernels (it supports: " + supportedList() + ")");
    }
    return isa;
  }
  throw Error(ErrorKind::InvalidArgument, "unknown instruction set '" + std::string(request) +
                                              "' (choose scalar, avx2 or avx512)");
}

Isa activeIsa() {
  // A throwing initialiser leaves the static unset, so a bad ATTNSCOPE_ISA fails every call.
  static const Isa active = [] {
    const char* request = std::getenv("ATTNSCOPE_ISA");
    return resolveIsa(request != nullptr ? request : "");
  }();
  return active;
}

const char* isaName() { return isaName(activeIsa()); }

const kernels::KernelTable& kernelsFor(Isa isa) {
  switch (isa) {
    case Isa::Avx512:
      return kernels::avx512::kTable;
    case Isa::Avx2:
      return kernels::avx2::kTable;
    case Isa::Scalar:
      break;
  }
  return kernels::scalar::kTable;
}

}  // namespace attnscope
