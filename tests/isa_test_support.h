#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/isa.h"

// Tests that run once per instruction set and skip the ones this machine cannot run.
namespace attnscope::testing {

inline const Isa kAllIsas[] = {Isa::Scalar, Isa::Avx2, Isa::Avx512};

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
