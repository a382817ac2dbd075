// Weights loaded from .safetensors files and lessons saved and opened, driven through the window
// as File ▸ Load weights, Save and Open drive them, headless. The window's trace is checked
// against runAttention on the same weights; damaged files must leave the state as it was.
#include <gtest/gtest.h>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/attention.h"
#include "core/lesson_inputs.h"
#include "core/session_file.h"
#include "tests/safetensors_builder.h"
#include "tests/ui/window_test_support.h"
#include "ui/model/attention_document.h"
#include "ui/model/session_state.h"
#include "ui/window/controls_panel.h"
#include "ui/window/export_actions.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"

namespace attnscope {
namespace {

using Bytes = std::vector<std::byte>;

// Seeds other than the window's, so loaded weights differ from seeded ones.
constexpr std::uint64_t kFileSeed = 77;

class WeightsSessionTest : public testing::WindowTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(m_folder.isValid());
    WindowTest::SetUp();
  }

  LessonActions* files() const { return m_window->lessonActions(); }
  ExportActions* exports() const { return m_window->exportActions(); }
  ControlsPanel* controls() const { return m_window->controls(); }

  QString path(const QString& name) const { return m_folder.filePath(name); }
  QString write(const QString& name, const Bytes& bytes) const {
    const QString file = path(name);
    QFile out(file);
    EXPECT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(reinterpret_cast<const char*>(bytes.data()), qint64(bytes.size()));
    return file;
  }

  // Loads as File ▸ Load weights does, reporting a problem in the window's banner.
  QString load(const QString& file) {
    const QString problem = files()->loadWeights(file);
    m_window->report(problem);
    settle();
    return problem;
  }
  QString open(const QString& file) {
    const QString problem = files()->openSession(file);
    m_window->report(problem);
    settle();
    return problem;
  }

  std::shared_ptr<const AttentionResult> result() const { return document()->result(); }

  // runAttention, without the window's engine and worker, on `weights` and the inputs of the
  // window's lesson.
  AttentionTrace referenceTrace(const AttentionWeights& weights) const {
    Lesson lesson = document()->parameters();
    lesson.weights = {};  // the weights are passed in; the inputs need only the rest
    LessonInputs inputs = lessonInputs(lesson);
    return runAttention(weights, inputs.query, inputs.keyValue, inputs.mask, inputs.heads, 0,
                        lesson.scaled ? ScoreScaling::SqrtHeadWidth : ScoreScaling::None);
  }

  void expectWindowRuns(const AttentionWeights& weights) const {
    ASSERT_TRUE(result() && result()->ok()) << result()->error.toStdString();
    const AttentionTrace expected = referenceTrace(weights);
    const AttentionTrace& shown = *result()->trace;
    ASSERT_EQ(shown.weights.shape(), expected.weights.shape());
    EXPECT_TRUE(std::ranges::equal(shown.weights.values(), expected.weights.values()));
    EXPECT_TRUE(std::ranges::equal(shown.scores.values(), expected.scores.values()));
    EXPECT_EQ(shown.output, expected.output);
  }

  // Everything a user sees change: parameters, view, undo history and the numbers.
  struct Snapshot {
    Lesson parameters;
    SessionView view;
    int undoCount;
    std::shared_ptr<const AttentionResult> result;
    QString path;
  };
  Snapshot snapshot() const {
    return {document()->parameters(), document()->view(), document()->undoStack()->count(),
            result(), files()->currentPath()};
  }
  void expectUnchanged(const Snapshot& before) const {
    EXPECT_EQ(document()->parameters(), before.parameters);
    EXPECT_EQ(document()->view(), before.view);
    EXPECT_EQ(document()->undoStack()->count(), before.undoCount);
    EXPECT_EQ(result(), before.result);  // not even recomputed
    EXPECT_EQ(files()->currentPath(), before.path);
  }

  QTemporaryDir m_folder;
};

std::string textOf(const QString& file) {
  std::ifstream in(file.toStdString());
  return {std::istreambuf_iterator<char>(in), {}};
}

TEST_F(WeightsSessionTest, ReferenceWeightsFromAFileRunAndSetDModel) {
  const AttentionWeights weights = randomWeights(16, kFileSeed);
  const QString file =
      write(QStringLiteral("w.safetensors"), testing::referenceStateDict(weights).bytes());
  EXPECT_EQ(load(file), QString());
  EXPECT_EQ(document()->parameters().modelWidth, 16);
  EXPECT_EQ(document()->parameters().weights.source, LessonWeights::Source::File);
  EXPECT_EQ(document()->parameters().weights.layout, WeightsLayout::Reference);
  expectWindowRuns(weights);

  EXPECT_FALSE(controls()->modelWidthBox()->isEnabled());
  EXPECT_TRUE(controls()->modelWidthBox()->toolTip().contains(QStringLiteral("loaded weights")));
  EXPECT_EQ(controls()->modelWidthBox()->value(), 16);
  EXPECT_EQ(controls()->weightsLabel()->text(), QStringLiteral("w.safetensors (reference module)"));
  EXPECT_EQ(controls()->weightsLabel()->toolTip(), file);
  EXPECT_TRUE(controls()->weightsNote()->isVisible());
  EXPECT_TRUE(controls()->weightsNote()->text().contains(QStringLiteral("d_model 16 comes from")));
  EXPECT_FALSE(controls()->weightsNote()->text().contains(QStringLiteral("−∞")));
  // The seed still sets the embeddings.
  const AttentionResult before = *result();
  Lesson reseeded = document()->parameters();
  reseeded.seed = 5;
  document()->change(reseeded, QStringLiteral("seed"));
  settle();
  EXPECT_NE(result()->queryEmbeddings, before.queryEmbeddings);
  expectWindowRuns(weights);
}

TEST_F(WeightsSessionTest, MultiheadWeightsRunUnderTheReferenceMaskRuleAndSaySo) {
  const AttentionWeights weights = randomWeights(24, kFileSeed);
  const QString file =
      write(QStringLiteral("mha.safetensors"), testing::multiheadStateDict(weights).bytes());
  Lesson causal = document()->parameters();
  causal.mask = LessonMask::Causal;
  document()->change(causal, QStringLiteral("causal"));
  settle();
  EXPECT_EQ(load(file), QString());
  EXPECT_EQ(document()->parameters().weights.layout, WeightsLayout::Multihead);
  EXPECT_EQ(document()->parameters().heads, 8);  // 8 divides 24
  expectWindowRuns(weights);
  EXPECT_EQ(result()->trace->weights(0, 0, 1), 0.0f);  // blocked by the causal mask

  EXPECT_EQ(controls()->weightsLabel()->text(),
            QStringLiteral("mha.safetensors (nn.MultiheadAttention)"));
  const QString note = controls()->weightsNote()->text();
  EXPECT_TRUE(note.contains(QStringLiteral("0 = blocked, filled with −1e9"))) << note.toStdString();
  EXPECT_TRUE(note.contains(QStringLiteral("True = blocked, filled with −∞")))
      << note.toStdString();
}

TEST_F(WeightsSessionTest, HeadsThatDoNotDivideTheFileWidthAreRefusedWithTheReason) {
  ASSERT_EQ(document()->parameters().heads, 8);
  const QString file = write(QStringLiteral("w12.safetensors"),
                             testing::referenceStateDict(randomWeights(12, kFileSeed)).bytes());
  EXPECT_EQ(load(file), QString());
  EXPECT_EQ(document()->parameters().modelWidth, 12);
  EXPECT_EQ(document()->parameters().heads, 6);
  EXPECT_TRUE(controls()->headWidthLabel()->text().contains(
      QStringLiteral("8 heads do not divide d_model 12, so h is 6 until")))
      << controls()->headWidthLabel()->text().toStdString();
  QList<int> offered;
  for (int i = 0; i < controls()->headsBox()->count(); ++i)
    offered << controls()->headsBox()->itemData(i).toInt();
  EXPECT_EQ(offered, (QList<int>{1, 2, 3, 4, 6, 12}));
  EXPECT_EQ(result()->trace->heads, 6);

  // A lesson asking for 8 heads of these 12-wide weights is refused, the state kept.
  Session lesson;
  lesson.text = "hello there";
  lesson.modelWidth = 12;
  lesson.heads = 8;
  lesson.weights = {LessonWeights::Source::File, file.toStdString(), WeightsLayout::Reference, {}};
  writeSession(path(QStringLiteral("eight.attnscope")).toStdString(), lesson);
  const Snapshot before = snapshot();
  const QString problem = open(path(QStringLiteral("eight.attnscope")));
  EXPECT_TRUE(problem.contains(QStringLiteral("8 heads do not divide d_model 12")))
      << problem.toStdString();
  EXPECT_TRUE(m_window->message().contains(problem));
  expectUnchanged(before);
}

TEST_F(WeightsSessionTest, DamagedWeightsFilesReportAndKeepThePreviousState) {
  const Bytes good = testing::referenceStateDict(randomWeights(16, kFileSeed)).bytes();
  Bytes truncated(good.begin(), good.begin() + std::ptrdiff_t(good.size() / 2));
  Bytes badHeader = good;
  badHeader[8] = std::byte('[');  // the header is no longer a JSON object
  Bytes hugeHeader = good;
  hugeHeader[7] = std::byte(0x7f);  // a header length far beyond the file
  const Matrix narrow = Matrix::Ones(16, 8);
  const Bytes wrongShape =
      testing::referenceStateDict(randomWeights(16, kFileSeed)).add("W_k.weight", narrow).bytes();
  const Bytes missingTensor =
      testing::referenceStateDict(randomWeights(16, kFileSeed)).remove("W_o.bias").bytes();
  AttentionWeights withNan = randomWeights(16, kFileSeed);
  withNan.value.weight(2, 3) = std::nanf("");
  const Bytes notFinite = testing::referenceStateDict(withNan).bytes();
  const Matrix other = Matrix::Ones(4, 4);
  const Bytes neither = testing::SafetensorsBuilder().add("encoder.weight", other).bytes();

  const std::vector<std::pair<QString, std::string>> cases = {
      {write(QStringLiteral("truncated.safetensors"), truncated), ""},
      {write(QStringLiteral("bad_header.safetensors"), badHeader), ""},
      {write(QStringLiteral("huge_header.safetensors"), hugeHeader), ""},
      {write(QStringLiteral("shape.safetensors"), wrongShape), "W_k.weight"},
      {write(QStringLiteral("missing_tensor.safetensors"), missingTensor), "W_o.bias"},
      {write(QStringLiteral("nan.safetensors"), notFinite), "non-finite"},
      {write(QStringLiteral("neither.safetensors"), neither), "nn.MultiheadAttention"},
      {write(QStringLiteral("empty.safetensors"), {}), ""},
      {path(QStringLiteral("absent.safetensors")), ""},
  };
  const Snapshot before = snapshot();
  for (const auto& [file, detail] : cases) {
    SCOPED_TRACE(file.toStdString());
    const QString problem = load(file);
    ASSERT_FALSE(problem.isEmpty());
    EXPECT_TRUE(problem.contains(QFileInfo(file).fileName())) << problem.toStdString();
    EXPECT_TRUE(problem.toStdString().find(detail) != std::string::npos) << problem.toStdString();
    EXPECT_EQ(m_window->message(), QStringLiteral("⚠ ") + problem);
    expectUnchanged(before);
  }
}

TEST_F(WeightsSessionTest, LoadingIsOneUndoStepAndRandomWeightsComeBack) {
  const Lesson seeded = document()->parameters();
  const AttentionTrace seededTrace = *result()->trace;
  const AttentionWeights weights = randomWeights(16, kFileSeed);
  const QString file =
      write(QStringLiteral("w.safetensors"), testing::referenceStateDict(weights).bytes());
  EXPECT_FALSE(files()->randomWeightsAction()->isEnabled());
  EXPECT_EQ(load(file), QString());
  EXPECT_TRUE(files()->randomWeightsAction()->isEnabled());
  EXPECT_EQ(document()->undoStack()->undoText(), QStringLiteral("Load weights from w.safetensors"));

  document()->undoStack()->undo();
  settle();
  EXPECT_EQ(document()->parameters(), seeded);
  EXPECT_TRUE(controls()->modelWidthBox()->isEnabled());
  EXPECT_FALSE(controls()->weightsNote()->isVisible());
  EXPECT_TRUE(std::ranges::equal(result()->trace->weights.values(), seededTrace.weights.values()));
  document()->undoStack()->redo();
  settle();
  expectWindowRuns(weights);

  // Loading the same unchanged file again is no change at all.
  const int steps = document()->undoStack()->count();
  EXPECT_EQ(load(file), QString());
  EXPECT_EQ(document()->undoStack()->count(), steps);

  // File ▸ Use random weights: seeded weights at the file's width, d_model editable again.
  files()->randomWeightsAction()->trigger();
  settle();
  EXPECT_FALSE(files()->randomWeightsAction()->isEnabled());
  EXPECT_EQ(document()->parameters().weights.source, LessonWeights::Source::Seed);
  EXPECT_EQ(document()->parameters().modelWidth, 16);
  EXPECT_TRUE(controls()->modelWidthBox()->isEnabled());
  expectWindowRuns(randomWeights(16, document()->parameters().seed));
}

// Save, reset the window, open: the same parameters, view and trace, for each weights source.
class SessionRoundTrip : public WeightsSessionTest,
                         public ::testing::WithParamInterface<LessonWeights::Source> {};

TEST_P(SessionRoundTrip, GivesTheSameTraceAndView) {
  const LessonWeights::Source kind = GetParam();
  const AttentionWeights weights = randomWeights(24, kFileSeed);
  ASSERT_TRUE(QDir(m_folder.path()).mkdir(QStringLiteral("weights")));
  const QString file = write(QStringLiteral("weights/mha.safetensors"),
                             testing::multiheadStateDict(weights).bytes());
  if (kind != LessonWeights::Source::Seed) {
    ASSERT_EQ(load(file), QString());
  }
  Lesson parameters = document()->parameters();
  parameters.text = "注意力 shows the cat";
  parameters.heads = 4;
  parameters.seed = 9;
  parameters.mask = LessonMask::Custom;
  parameters.blockedCells = {{0, 1}, {2, 0}, {3, 3}};
  document()->change(parameters, QStringLiteral("lesson"));
  SessionView view;
  setViewColorMap(view, ColorMapName::Magma);
  view.focusedHead = 2;
  view.stepThrough = StepThroughStop::Softmax;  // beyond the four score stages
  view.stepHead = 3;
  view.selectedQuery = 2;
  view.selectedKey = 4;
  document()->setView(view);
  settle();
  const Lesson saved = document()->parameters();
  const AttentionTrace trace = *result()->trace;

  files()->embedWeightsAction()->setChecked(kind == LessonWeights::Source::Embedded);
  const QString lesson = path(QStringLiteral("lesson.attnscope"));
  ASSERT_EQ(files()->saveSession(lesson), QString());
  const nlohmann::json stored = nlohmann::json::parse(textOf(lesson));
  EXPECT_EQ(stored.at("view").at("step_through"), "softmax");
  EXPECT_EQ(stored.at("view").at("step_head"), 3);
  EXPECT_EQ(stored.at("view").at("selected_key"), 4);
  if (kind == LessonWeights::Source::File) {
    EXPECT_EQ(stored.at("weights").at("path"), "weights/mha.safetensors");  // beside the lesson
    EXPECT_EQ(stored.at("weights").at("format"), "multihead");
  }
  if (kind == LessonWeights::Source::Embedded) {
    EXPECT_TRUE(stored.at("weights").contains("safetensors_base64"));
    ASSERT_TRUE(QFile::remove(file));  // the lesson needs no other file
  }

  document()->reset(Lesson{});
  document()->setView(SessionView{});
  settle();
  ASSERT_EQ(open(lesson), QString());
  Lesson expected = saved;
  if (kind == LessonWeights::Source::Embedded) {
    // Embedded on saving: the opened lesson carries the weights itself.
    expected.weights.source = LessonWeights::Source::Embedded;
    expected.weights.path.clear();
  }
  EXPECT_EQ(document()->parameters(), expected);
  EXPECT_EQ(document()->view(), view);
  EXPECT_TRUE(m_window->message().isEmpty()) << m_window->message().toStdString();
  ASSERT_TRUE(result()->ok());
  EXPECT_TRUE(std::ranges::equal(result()->trace->weights.values(), trace.weights.values()));
  EXPECT_EQ(result()->trace->output, trace.output);
  EXPECT_EQ(files()->currentPath(), lesson);
  if (kind != LessonWeights::Source::Seed) {
    expectWindowRuns(weights);
  }

  // Saving again keeps embedded weights embedded even with the option off.
  files()->embedWeightsAction()->setChecked(false);
  ASSERT_EQ(files()->saveSession(lesson), QString());
  EXPECT_EQ(nlohmann::json::parse(textOf(lesson)).at("weights").contains("safetensors_base64"),
            kind == LessonWeights::Source::Embedded);
}

INSTANTIATE_TEST_SUITE_P(EachWeightsSource, SessionRoundTrip,
                         ::testing::Values(LessonWeights::Source::Seed, LessonWeights::Source::File,
                                           LessonWeights::Source::Embedded),
                         [](const auto& info) {
                           switch (info.param) {
                             case LessonWeights::Source::Seed:
                               return std::string("Seed");
                             case LessonWeights::Source::File:
                               return std::string("File");
                             case LessonWeights::Source::Embedded:
                               break;
                           }
                           return std::string("Embedded");
                         });

TEST_F(WeightsSessionTest, DamagedOrNewerLessonsReportAndKeepTheState) {
  const Bytes good = testing::referenceStateDict(randomWeights(16, kFileSeed)).bytes();
  Session valid;
  valid.text = "the cat sat";
  valid.modelWidth = 16;
  valid.heads = 4;
  const std::string validText = [&] {
    const Bytes bytes = serializeSession(valid);
    return std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  }();
  auto lessonFile = [&](const QString& name, const std::string& text) {
    return write(name, Bytes(reinterpret_cast<const std::byte*>(text.data()),
                             reinterpret_cast<const std::byte*>(text.data()) + text.size()));
  };
  auto lessonWith = [&](const QString& name, const LessonWeights& weights, int modelWidth = 16) {
    Session session = valid;
    session.weights = weights;
    session.modelWidth = modelWidth;
    writeSession(path(name).toStdString(), session);
    return path(name);
  };
  nlohmann::json newer = nlohmann::json::parse(validText);
  newer["version"] = 2;
  nlohmann::json badStep = nlohmann::json::parse(validText);
  badStep["view"]["step_through"] = "output";
  Bytes damagedWeights = good;
  damagedWeights.resize(good.size() - 5);
  const QString weightsFile = write(QStringLiteral("w.safetensors"), good);

  const std::vector<std::pair<QString, QString>> cases = {
      {lessonFile(QStringLiteral("truncated.attnscope"), validText.substr(0, validText.size() / 2)),
       QStringLiteral("not valid JSON")},
      {lessonFile(QStringLiteral("newer.attnscope"), newer.dump()),
       QStringLiteral("written by a newer AttnScope (version 2)")},
      {lessonFile(QStringLiteral("bad_step.attnscope"), badStep.dump()),
       QStringLiteral("step_through")},
      {lessonWith(
           QStringLiteral("missing.attnscope"),
           {LessonWeights::Source::File, "absent.safetensors", WeightsLayout::Reference, {}}),
       QStringLiteral("absent.safetensors")},
      {lessonWith(QStringLiteral("damaged_embedded.attnscope"),
                  {LessonWeights::Source::Embedded, "", WeightsLayout::Reference,
                   std::make_shared<const LoadedWeights>(LoadedWeights{{}, damagedWeights})}),
       QStringLiteral("embedded weights")},
      {lessonWith(
           QStringLiteral("wrong_layout.attnscope"),
           {LessonWeights::Source::File, weightsFile.toStdString(), WeightsLayout::Multihead, {}}),
       QStringLiteral("in_proj_weight")},
      {lessonWith(QStringLiteral("wrong_width.attnscope"),
                  {LessonWeights::Source::File, "w.safetensors", WeightsLayout::Reference, {}}, 32),
       QStringLiteral("the lesson says d_model 32, but its weights are 16 wide")},
      {path(QStringLiteral("absent.attnscope")), QStringLiteral("absent.attnscope")},
  };
  const Snapshot before = snapshot();
  for (const auto& [file, expected] : cases) {
    SCOPED_TRACE(file.toStdString());
    const QString problem = open(file);
    EXPECT_TRUE(problem.contains(expected)) << problem.toStdString();
    EXPECT_EQ(m_window->message(), QStringLiteral("⚠ ") + problem);
    expectUnchanged(before);
  }
}

TEST_F(WeightsSessionTest, LessonsWithoutTheStepThroughFieldsStillOpen) {
  const std::string old = R"({"format": "attnscope-session", "version": 1, "text": "a b c d",
    "d_model": 16, "heads": 2,
    "view": {"colormap": "cividis", "step": "masked", "selected_query": 2}})";
  const QString file = write(QStringLiteral("old.attnscope"),
                             Bytes(reinterpret_cast<const std::byte*>(old.data()),
                                   reinterpret_cast<const std::byte*>(old.data()) + old.size()));
  ASSERT_EQ(open(file), QString());
  const SessionView& view = document()->view();
  EXPECT_EQ(viewColorMap(view), ColorMapName::Cividis);
  EXPECT_EQ(view.step, ScoreStage::Masked);  // what `export --session` draws, kept
  EXPECT_EQ(view.stepThrough, StepThroughStop::Embeddings);
  EXPECT_EQ(view.stepHead.value_or(0), 0);
  EXPECT_EQ(view.selectedQuery, 2);
  EXPECT_EQ(view.selectedKey.value_or(0), 0);
  // Saving again keeps the figure's step, which only `export --session` uses.
  ASSERT_EQ(files()->saveSession(file), QString());
  EXPECT_EQ(nlohmann::json::parse(textOf(file)).at("view").at("step"), "masked");
}

TEST_F(WeightsSessionTest, CopyAsCommandNamesTheWeightsFileOrTheLesson) {
  const QString file = write(QStringLiteral("w.safetensors"),
                             testing::referenceStateDict(randomWeights(16, kFileSeed)).bytes());
  ASSERT_EQ(load(file), QString());
  // Paths of plain characters are not quoted.
  const QString command = exports()->exportCommand();
  EXPECT_TRUE(command.contains(QStringLiteral("--weights %1").arg(file))) << command.toStdString();
  EXPECT_FALSE(command.contains(QStringLiteral("--d-model"))) << command.toStdString();
  EXPECT_FALSE(command.contains(QStringLiteral("--session"))) << command.toStdString();

  // Embedded weights have no file to name: the command names the saved lesson instead.
  files()->embedWeightsAction()->setChecked(true);
  const QString lesson = path(QStringLiteral("mailed.attnscope"));
  ASSERT_EQ(files()->saveSession(lesson), QString());
  ASSERT_EQ(open(lesson), QString());
  EXPECT_EQ(document()->parameters().weights.source, LessonWeights::Source::Embedded);
  const QString embedded = exports()->exportCommand();
  EXPECT_TRUE(embedded.contains(QStringLiteral("--session %1").arg(lesson)))
      << embedded.toStdString();
  EXPECT_FALSE(embedded.contains(QStringLiteral("--weights"))) << embedded.toStdString();
}

}  // namespace
}  // namespace attnscope
