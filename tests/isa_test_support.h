#pragma once

#include <gtest/gtest.h>

#include <ostream>
#include <span>
#include <string>

#include "core/isa.h"

namespace attnscope {

// How GoogleTest prints an instruction set (a parameter, a failed comparison): by its name.
inline void PrintTo(Isa isa, std::ostream* os) { *os << isaName(isa); }

}  // namespace attnscope

// Tests that run once per instruction set and skip the ones this machine cannot run.
namespace attnscope::testing {

// Every instruction set the build has, best first (the dispatcher's own list).
inline const std::span<const Isa> kAllIsas = knownIsas();

class PerIsa : public ::testing::TestWithParam<Isa> {
 protected:
  void SetUp() override {
    if (!cpuSupports(GetParam())) {
      GTEST_SKIP() << "this processor cannot run the " << isaName(GetParam()) << " kernels";
    }
  }
  Isa isa() const { return GetParam(); }
};

inline std::string isaTestName(const ::testing::TestParamInfo<Isa>& info) {
  return isaName(info.param);
}

}  // namespace attnscope::testing
