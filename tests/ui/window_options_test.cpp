// `attnscope --text ... --heads 4 --mask causal`: the options become the window's state.
#include "app/window_options.h"

#include <gtest/gtest.h>

#include <QStandardPaths>
#include <filesystem>
#include <fstream>

#include "app/command_line.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/weights.h"
#include "tests/safetensors_builder.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/session_state.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"

namespace attnscope {
namespace {

Session sessionOf(std::vector<std::string> arguments) { return cli::windowSession(arguments); }

TEST(WindowOptions, DefaultsAreTheWindowsAndOptionsOverlayThem) {
  const Session plain = sessionOf({"--text", "The cat sat"});
  EXPECT_EQ(plain.text, "The cat sat");
  EXPECT_EQ(plain.modelWidth, 64);
  EXPECT_EQ(plain.heads, 8);
  EXPECT_EQ(plain.seed, 0u);
  EXPECT_EQ(plain.mask, LessonMask::None);
  EXPECT_TRUE(plain.positional);
  EXPECT_FALSE(plain.crossAttention);

  const Session lesson =
      sessionOf({"--text", "注意力", "--key-value-text", "attention", "--d-model", "32", "--heads",
                 "4", "--seed", "7", "--mask", "causal", "--positional", "none"});
  EXPECT_TRUE(lesson.crossAttention);
  EXPECT_EQ(lesson.keyValueText, "attention");
  EXPECT_EQ(lesson.modelWidth, 32);
  EXPECT_EQ(lesson.heads, 4);
  EXPECT_EQ(lesson.seed, 7u);
  EXPECT_EQ(lesson.mask, LessonMask::Causal);
  EXPECT_FALSE(lesson.positional);
}

TEST(WindowOptions, MaskFileBecomesCustomCells) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "attnscope-window-mask.npy";
  // "a b c" is three tokens: block query 0 → key 2 and query 2 → key 0.
  const std::vector<std::size_t> shape{3, 3};
  npy::writeFloat32(path, shape, std::vector<float>{1, 1, 0, 1, 1, 1, 0, 1, 1});
  const Session session = sessionOf({"--text", "a b c", "--heads", "2", "--mask", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(session.mask, LessonMask::Custom);
  EXPECT_EQ(session.blockedCells, (std::set<std::pair<int, int>>{{0, 2}, {2, 0}}));
}

TEST(WindowOptions, WeightsFileSetsDModelAndItsLayoutFromTheKeys) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "attnscope-window-mha.safetensors";
  const AttentionWeights weights = randomWeights(12, 5);
  const std::vector<std::byte> bytes = testing::multiheadStateDict(weights).bytes();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  const Session session = sessionOf({"--text", "a b", "--heads", "3", "--weights", path.string()});
  EXPECT_EQ(session.modelWidth, 12);
  EXPECT_EQ(session.weights.source, LessonWeights::Source::File);
  EXPECT_EQ(session.weights.layout, WeightsLayout::Multihead);
  EXPECT_THROW(sessionOf({"--text", "a", "--heads", "8", "--weights", path.string()}),
               Error);  // 8 does not divide 12: bad data, as in dump
  std::filesystem::remove(path);
  EXPECT_THROW(sessionOf({"--text", "a", "--weights", path.string()}), Error);  // gone
}

TEST(WindowOptions, MistakesAreUsageErrors) {
  EXPECT_THROW(sessionOf({"--heads", "4"}), cli::UsageError);
  EXPECT_THROW(sessionOf({"--text", "a", "--heads", "0"}), cli::UsageError);
  EXPECT_THROW(sessionOf({"--text", "a", "--frobnicate"}), cli::UsageError);
  EXPECT_THROW(sessionOf({"--text", "a", "--mask", ""}), cli::UsageError);
}

TEST(WindowOptions, DModelThatAgreesWithTheWeightsIsAccepted) {
  // As dump accepts it (issue 20, point 7); one that disagrees is a usage error there and here.
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / "attnscope-window-agreeing.safetensors";
  const std::vector<std::byte> bytes = testing::referenceStateDict(randomWeights(12, 5)).bytes();
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  const Session session =
      sessionOf({"--text", "a b", "--heads", "3", "--weights", path.string(), "--d-model", "12"});
  EXPECT_EQ(session.modelWidth, 12);
  EXPECT_THROW(
      sessionOf({"--text", "a b", "--heads", "3", "--weights", path.string(), "--d-model", "16"}),
      cli::UsageError);
  std::filesystem::remove(path);
}

TEST(WindowOptions, WhatDumpRefusesAsDataIsAnErrorBeforeTheWindow) {
  EXPECT_THROW(sessionOf({"--text", "a", "--heads", "3"}), Error);  // 64 % 3
  EXPECT_THROW(sessionOf({"--text", ""}), Error);
  EXPECT_THROW(sessionOf({"--text", "\xff"}), Error);
  EXPECT_THROW(sessionOf({"--text", "a", "--key-value-text", " "}), Error);
}

TEST(WindowOptions, WindowOpensOnTheState) {
  QStandardPaths::setTestModeEnabled(true);
  MainWindow::clearSavedState();
  Language language;
  MainWindow window(&language);
  window.show();
  const Session session =
      sessionOf({"--text", "The animal was tired", "--heads", "4", "--mask", "causal"});
  EXPECT_TRUE(window.lessonActions()->openState(session).isEmpty());
  testing::waitForCurrentResult(window.document());
  EXPECT_EQ(window.document()->parameters(), static_cast<const Lesson&>(session));
  const QList<HeatmapPlot*> tiles = window.headsView()->tiles();
  ASSERT_EQ(tiles.size(), 4);
  const HeatmapData& head = tiles.front()->heatmap();
  EXPECT_EQ(head.rowLabels, (QStringList{"The", "animal", "was", "tired"}));
  EXPECT_TRUE(head.blocked[1]);  // causal: query 0 does not see key 1
  MainWindow::clearSavedState();
}

}  // namespace
}  // namespace attnscope
