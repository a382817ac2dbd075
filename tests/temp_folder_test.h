#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace attnscope::testing {

// A fresh folder per test, named after its suite and test (so tests running at once never
// share one), removed after the test. A fixture that skips in SetUp before calling this one's
// leaves m_root empty, and nothing is removed.
class TempFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    m_root = std::filesystem::temp_directory_path() /
             (std::string("attnscope-") + test->test_suite_name() + "-" + test->name());
    std::filesystem::remove_all(m_root);
    std::filesystem::create_directories(m_root);
  }
  void TearDown() override {
    if (!m_root.empty()) std::filesystem::remove_all(m_root);
  }

  std::filesystem::path m_root;
};

}  // namespace attnscope::testing
