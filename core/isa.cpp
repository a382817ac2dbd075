#include "core/isa.h"

#include <cstdlib>
#include <string>

#include "core/error.h"

namespace attnscope {
namespace {

// Every instruction set's table, best first: the order in which bestIsaFor() tries them
// (simdjson's available_implementations). The last must need nothing.
constexpr Isa kKnown[] = {
    Isa(kernels::avx512::kTable),
    Isa(kernels::avx2::kTable),
    Isa(kernels::scalar::kTable),
};

CpuFeatures thisMachine() {
  static const CpuFeatures detected = detectCpuFeatures();
  return detected;
}

std::string supportedList(CpuFeatures available) {
  std::string list;
  for (Isa isa : kKnown) {
    if (!runsOn(isa, available)) continue;
    if (!list.empty()) list += ", ";
    list += isaName(isa);
  }
  return list;
}

}  // namespace

std::span<const Isa> knownIsas() { return kKnown; }

std::string knownIsaNames() {
  std::string list;
  const std::size_t count = std::size(kKnown);
  for (std::size_t i = count; i-- > 0;) {
    list += isaName(kKnown[i]);
    if (i > 1) list += ", ";
    if (i == 1) list += " or ";
  }
  return list;
}

const char* isaName(Isa isa) { return isa.table().name; }

bool runsOn(Isa isa, CpuFeatures available) {
  const CpuFeatures required = isa.table().requiredFeatures;
  return (available & required) == required;
}

bool cpuSupports(Isa isa) { return runsOn(isa, thisMachine()); }

Isa bestIsaFor(CpuFeatures available) {
  for (Isa isa : kKnown) {
    if (runsOn(isa, available)) return isa;
  }
  return kKnown[std::size(kKnown) - 1];  // needs nothing (dispatch_test checks)
}

Isa bestSupportedIsa() { return bestIsaFor(thisMachine()); }

Isa resolveIsa(std::string_view request, CpuFeatures available) {
  if (request.empty()) return bestIsaFor(available);
  for (Isa isa : kKnown) {
    if (request != isaName(isa)) continue;
    if (!runsOn(isa, available)) {
      throw Error(ErrorKind::InvalidArgument,
                  "this processor cannot run the " + std::string(request) +
                      " kernels (it supports: " + supportedList(available) + ")");
    }
    return isa;
  }
  throw Error(ErrorKind::InvalidArgument, "unknown instruction set '" + std::string(request) +
                                              "' (choose " + knownIsaNames() + ")");
}

Isa resolveIsa(std::string_view request) { return resolveIsa(request, thisMachine()); }

Isa activeIsa() {
  // A throwing initialiser leaves the static unset, so a bad ATTNSCOPE_ISA fails every call.
  static const Isa active = [] {
    const char* request = std::getenv("ATTNSCOPE_ISA");
    return resolveIsa(request != nullptr ? request : "");
  }();
  return active;
}

const char* isaName() { return isaName(activeIsa()); }

const kernels::KernelTable& kernelsFor(Isa isa) { return isa.table(); }

}  // namespace attnscope
