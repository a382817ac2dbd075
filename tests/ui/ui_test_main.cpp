#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>

#include "tests/ui/window_test_support.h"

int main(int argc, char** argv) {
  // gtest_discover_tests runs this binary at build time to list the tests, often with no display.
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  ::testing::InitGoogleTest(&argc, argv);
  QApplication application(argc, argv);
  const QString settings = attnscope::testing::useSettingsOfThisProcessOnly();
  const int status = RUN_ALL_TESTS();
  QFile::remove(settings);
  return status;
}
