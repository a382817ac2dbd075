#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string_view>

#include "core/encoder.h"
#include "core/lesson_run.h"

// Tests of the pretrained encoder need the model scripts/fetch-model installs (scripts/test
// does). A missing model is a broken set-up, so they fail naming the script, unless
// ATTNSCOPE_SKIP_MODEL_TESTS=1 says to skip them.
namespace attnscope::testing {

inline bool encoderInstalled() {
  return std::filesystem::exists(encoderFolder(kDefaultEncoder) / "model.json");
}

inline bool modelTestsSkipped() {
  const char* skip = std::getenv("ATTNSCOPE_SKIP_MODEL_TESTS");
  return skip != nullptr && std::string_view(skip) == "1";
}

}  // namespace attnscope::testing

// In a test body or SetUp: returns from it, skipped or failed, when the encoder is not installed.
#define ATTNSCOPE_REQUIRE_ENCODER()                                                       \
  do {                                                                                    \
    if (!attnscope::testing::encoderInstalled()) {                                        \
      if (attnscope::testing::modelTestsSkipped()) GTEST_SKIP() << "model not installed"; \
      FAIL() << "the pretrained encoder is not installed; run scripts/fetch-model "       \
                "(scripts/test does), or set ATTNSCOPE_SKIP_MODEL_TESTS=1 to skip";       \
    }                                                                                     \
  } while (false)
