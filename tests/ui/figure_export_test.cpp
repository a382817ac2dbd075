// Figures, matrices and the trace leaving the app, and the example lessons; in-process, headless.
#include "ui/figure/figure_export.h"

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QImageReader>
#include <QTemporaryDir>

#include "core/lesson_inputs.h"
#include "core/npy.h"
#include "tests/model_test_support.h"
#include "ui/figure/figure_look.h"
#include "ui/figure/figure_tile.h"
#include "ui/figure/matrix_export.h"
#include "ui/model/examples.h"
#include "ui/model/session_state.h"

namespace attnscope {
namespace {

std::shared_ptr<const AttentionResult> computed(const QString& text,
                                                LessonMask mask = LessonMask::None) {
  Lesson parameters;
  parameters.text = text.toStdString();
  parameters.modelWidth = 16;
  parameters.heads = 4;
  parameters.mask = mask;
  AttentionEngine engine;
  return std::make_shared<AttentionResult>(computeAttention(parameters, engine));
}

FigureRequest request(const QString& text = QStringLiteral("The cat sat.")) {
  FigureRequest figure;
  figure.result = computed(text, LessonMask::Causal);
  figure.size = QSize(400, 300);
  figure.metadata.text = text;
  figure.metadata.seed = QStringLiteral("0");
  return figure;
}

QStringList entries(const QString& folder) {
  return QDir(folder).entryList(QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                                QDir::Name);
}

TEST(FigureExport, FormatFromTheExtensionInAnyCase) {
  EXPECT_EQ(figureFormatFor(QStringLiteral("a/b.PNG")), FigureFormat::Png);
  EXPECT_EQ(figureFormatFor(QStringLiteral("b.Svg")), FigureFormat::Svg);
  EXPECT_EQ(figureFormatFor(QStringLiteral("b.pdf")), FigureFormat::Pdf);
  EXPECT_FALSE(figureFormatFor(QStringLiteral("b.jpeg")));
  EXPECT_FALSE(figureFormatFor(QStringLiteral("pdf")));
}

TEST(FigureExport, WritesEachFormat) {
  QTemporaryDir folder;
  for (const char* name : {"f.png", "f.svg", "f.pdf"}) {
    EXPECT_EQ(exportFigure(request(), folder.filePath(name)), QString()) << name;
  }
  EXPECT_EQ(QImage(folder.filePath("f.png")).size(), QSize(400, 300));
  EXPECT_EQ(entries(folder.path()), (QStringList{"f.pdf", "f.png", "f.svg"}));
}

TEST(FigureExport, FailureLeavesNoFileAndKeepsTheOldOne) {
  QTemporaryDir folder;
  const QString path = folder.filePath("f.png");
  ASSERT_EQ(exportFigure(request(), path), QString());
  QFile file(path);
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray before = file.readAll();
  file.close();
  FigureRequest bad = request();
  bad.heads = HeadChoice::one(9);
  EXPECT_TRUE(exportFigure(bad, path).contains("head 10")) << exportFigure(bad, path).toStdString();
  bad = request();
  bad.heads = HeadChoice::mean();
  bad.stage = ScoreStage::Scores;
  EXPECT_FALSE(exportFigure(bad, path).isEmpty());
  bad = request();
  bad.size = QSize(20000, 10);
  EXPECT_FALSE(exportFigure(bad, path).isEmpty());
  EXPECT_FALSE(exportFigure(request(), folder.filePath("f.gif")).isEmpty());
  EXPECT_FALSE(exportFigure(request(), folder.filePath("no/such/folder/f.png")).isEmpty());
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  EXPECT_EQ(file.readAll(), before);
  EXPECT_EQ(entries(folder.path()), QStringList{"f.png"});
}

TEST(FigureExport, ImageForTheClipboardHasTheSizeAndResolution) {
  FigureRequest figure = request();
  figure.dpi = 192;
  const QImage image = renderFigureImage(figure);
  EXPECT_EQ(image.size(), QSize(400, 300));
  EXPECT_NEAR(image.dotsPerMeterX(), 192 / 0.0254, 1);
}

TEST(FigureExport, MetadataNamesWhatMadeTheFigure) {
  FigureRequest figure = request(QStringLiteral("注意力"));
  figure.heads = HeadChoice::one(1);
  figure.stage = ScoreStage::Masked;
  figure.metadata.command = QStringLiteral("attnscope export …");
  QHash<QString, QString> metadata;
  for (const auto& [key, value] : figureMetadata(figure)) metadata.insert(key, value);
  EXPECT_EQ(metadata.value("Title"), "Masked scores · head 2");
  EXPECT_EQ(metadata.value("Text"), "注意力");
  EXPECT_EQ(metadata.value("Step"), "masked");
  EXPECT_EQ(metadata.value("Head"), "2");
  EXPECT_EQ(metadata.value("Colormap"), "diverging");  // the default for signed scores
  EXPECT_EQ(metadata.value("Command"), "attnscope export …");
  EXPECT_FALSE(metadata.contains("Key/value text"));
}

TEST(FigureLook, NumbersAndTicks) {
  EXPECT_EQ(figureNumber(-1.5, 2), QStringLiteral("\u22121.50"));
  EXPECT_EQ(figureNumber(-0.001, 2), QStringLiteral("0.00"));
  const Ticks weights = niceTicks(0, 1, 5);
  EXPECT_EQ(weights.values, (std::vector<double>{0, 0.2, 0.4, 0.6000000000000001, 0.8, 1}));
  EXPECT_EQ(weights.decimals, 1);
  const Ticks scores = niceTicks(-3.79, 3.79, 6);
  EXPECT_EQ(scores.values, (std::vector<double>{-3, -2, -1, 0, 1, 2, 3}));
  EXPECT_EQ(scores.decimals, 0);
  const Ticks quarters = niceTicks(0, 1, 4);
  EXPECT_EQ(quarters.values, (std::vector<double>{0, 0.25, 0.5, 0.75, 1}));
  EXPECT_EQ(quarters.decimals, 2);
}

TEST(FigureLabels, ShortKeysStayLevelLongOnesTurn) {
  QImage device(100, 100, QImage::Format_RGB32);
  const FigureLook look = figureLook(FigureStyle::Paper, device);
  const QStringList shortKeys = {"a", "b", "c"};
  AxisPlan plan = planKeyLabels(shortKeys, look, device, 40);
  EXPECT_EQ(plan.angle, 0);
  EXPECT_EQ(plan.step, 1);
  const QStringList longKeys = {"attention", "mechanism", "everywhere"};
  plan = planKeyLabels(longKeys, look, device, 20);
  EXPECT_NE(plan.angle, 0);
  EXPECT_EQ(plan.step, 1);
  plan = planKeyLabels(longKeys, look, device, 3);  // no room: every n-th label
  EXPECT_GT(plan.step, 1);
  const AxisPlan queries = planQueryLabels(longKeys, look, device, 3);
  EXPECT_GT(queries.step, 1);
  EXPECT_GT(queries.extent, 0);
}

TEST(MatrixExport, CsvHasTokensAndExactValues) {
  const auto result = computed(QStringLiteral("say \"hi\", 你好"));
  QTemporaryDir folder;
  ASSERT_EQ(exportMatrix(*result, ScoreStage::Scaled, HeadChoice::one(2), folder.filePath("m.CSV")),
            QString());
  QFile file(folder.filePath("m.CSV"));
  ASSERT_TRUE(file.open(QIODevice::ReadOnly));
  const QByteArray csv = file.readAll();
  ASSERT_TRUE(csv.startsWith("\xEF\xBB\xBF"));
  const QList<QByteArray> lines = csv.mid(3).split('\n');
  EXPECT_EQ(lines[0].trimmed(), R"("","say","""","hi","""",",","你好")");
  const QList<QByteArray> firstRow = lines[1].trimmed().split(',');
  EXPECT_EQ(firstRow[0], R"("say")");
  EXPECT_EQ(firstRow[3].toFloat(), result->trace->scaled(2, 0, 2));
}

TEST(MatrixExport, NpyShapesForOneHeadMeanAndAll) {
  const auto result = computed(QStringLiteral("a b c"), LessonMask::Causal);
  QTemporaryDir folder;
  ASSERT_EQ(
      exportMatrix(*result, ScoreStage::Weights, HeadChoice::mean(), folder.filePath("mean.npy")),
      QString());
  ASSERT_EQ(
      exportMatrix(*result, ScoreStage::Masked, HeadChoice::all(), folder.filePath("all.npy")),
      QString());
  const npy::FloatArray mean = npy::readFloatArray(folder.filePath("mean.npy").toStdString());
  EXPECT_EQ(mean.shape, (std::vector<std::size_t>{3, 3}));
  EXPECT_FLOAT_EQ(mean.values[0], 1.0f);  // the first query sees only itself
  const npy::FloatArray all = npy::readFloatArray(folder.filePath("all.npy").toStdString());
  EXPECT_EQ(all.shape, (std::vector<std::size_t>{4, 3, 3}));
  EXPECT_EQ(all.values[1], -1e9f);
  EXPECT_FALSE(
      exportMatrix(*result, ScoreStage::Weights, HeadChoice::all(), folder.filePath("a.csv"))
          .isEmpty());
  EXPECT_FALSE(
      exportMatrix(*result, ScoreStage::Scores, HeadChoice::mean(), folder.filePath("a.npy"))
          .isEmpty());
  EXPECT_FALSE(
      exportMatrix(*result, ScoreStage::Scores, HeadChoice::one(4), folder.filePath("a.npy"))
          .isEmpty());
  EXPECT_FALSE(
      exportMatrix(*result, ScoreStage::Scores, HeadChoice::one(0), folder.filePath("a.txt"))
          .isEmpty());
  EXPECT_EQ(entries(folder.path()), (QStringList{"all.npy", "mean.npy"}));
}

TEST(MatrixExport, TraceFolderHasDumpsFiles) {
  QTemporaryDir folder;
  ASSERT_EQ(exportTrace(*computed(QStringLiteral("The cat sat.")), folder.filePath("trace")),
            QString());
  EXPECT_EQ(entries(folder.filePath("trace")),
            (QStringList{"context.npy", "k.npy", "masked.npy", "output.npy", "q.npy", "scaled.npy",
                         "scores.npy", "tokens.json", "v.npy", "weights.npy", "x.npy"}));
  Lesson cross;
  cross.text = "我喜欢猫";
  cross.crossAttention = true;
  cross.keyValueText = "I like cats";
  cross.modelWidth = 8;
  cross.heads = 2;
  AttentionEngine engine;
  ASSERT_EQ(exportTrace(computeAttention(cross, engine), folder.filePath("cross")), QString());
  EXPECT_TRUE(entries(folder.filePath("cross")).contains("x_kv.npy"));
}

TEST(Examples, EveryExampleOpensAndComputes) {
  const QList<ExampleSession> examples = exampleSessions();
  ASSERT_GE(examples.size(), 5);
  const bool modelInstalled = testing::encoderInstalled();
  bool chinese = false, causal = false, padding = false, cross = false, trained = false;
  AttentionEngine engine;
  for (const ExampleSession& example : examples) {
    SCOPED_TRACE(example.resourcePath.toStdString());
    EXPECT_FALSE(example.title.isEmpty());
    const Session session = openExample(example.resourcePath);
    trained = trained || !session.model.isSandbox();
    if (!session.model.isSandbox() && !modelInstalled) continue;
    const AttentionResult result = computeAttention(session, engine);
    ASSERT_TRUE(result.ok()) << result.error.toStdString();
    EXPECT_EQ(result.trace->queryLength(), result.queryTokens.size());
    chinese = chinese || QString::fromStdString(session.text).contains(QStringLiteral("注意力"));
    causal = causal || session.mask == LessonMask::Causal;
    padding = padding || session.mask == LessonMask::KeyPadding;
    cross = cross || session.crossAttention;
  }
  EXPECT_TRUE(chinese && causal && padding && cross && trained);
  EXPECT_THROW(openExample(QStringLiteral(":/examples/missing.attnscope")), Error);
}

// The mean weight head `head` (0-based) gives the token `offset` places away (−1: the one before).
double meanWeightAt(const AttentionTrace& trace, int head, int offset) {
  const auto weights = trace.weights.head(std::size_t(head));
  double sum = 0.0;
  int rows = 0;
  for (Eigen::Index i = 0; i < weights.rows(); ++i) {
    const Eigen::Index j = i + offset;
    if (j < 0 || j >= weights.cols()) continue;
    sum += weights(i, j);
    ++rows;
  }
  return sum / rows;
}

// What the trained examples' titles promise is what the model computes.
TEST(Examples, TrainedHeadsDoWhatTheirExamplesSay) {
  ATTNSCOPE_REQUIRE_ENCODER();
  AttentionEngine engine;
  const AttentionResult neighbours = computeAttention(
      openExample(QStringLiteral(":/examples/trained_neighbours.attnscope")), engine);
  ASSERT_TRUE(neighbours.ok()) << neighbours.error.toStdString();
  // Layer 1, head 4: the word before, far above the word after; head 3 the other way round.
  EXPECT_GT(meanWeightAt(*neighbours.trace, 3, -1), 0.3);
  EXPECT_LT(meanWeightAt(*neighbours.trace, 3, +1), 0.05);
  EXPECT_GT(meanWeightAt(*neighbours.trace, 2, +1), 0.3);
  EXPECT_LT(meanWeightAt(*neighbours.trace, 2, -1), 0.05);

  const AttentionResult refers = computeAttention(
      openExample(QStringLiteral(":/examples/trained_it_refers.attnscope")), engine);
  ASSERT_TRUE(refers.ok()) << refers.error.toStdString();
  const auto index = [&](const char* piece) {
    for (std::size_t i = 0; i < refers.queryTokens.size(); ++i)
      if (refers.queryTokens[i].text == piece) return Eigen::Index(i);
    ADD_FAILURE() << "no piece " << piece;
    return Eigen::Index(0);
  };
  const Eigen::Index it = index("▁it"), animal = index("▁animal"), street = index("▁street");
  // Layer 2: head 4 weighs "animal" most of the nouns, head 2 "street": different answers.
  const auto head4 = refers.trace->weights.head(3), head2 = refers.trace->weights.head(1);
  EXPECT_GT(head4(it, animal), head4(it, street));
  EXPECT_GT(head2(it, street), head2(it, animal));
}

TEST(SessionState, WindowStateRoundTripsThroughASession) {
  Lesson parameters;
  parameters.text = "注意力 works";
  parameters.crossAttention = true;
  parameters.keyValueText = "keys";
  parameters.modelWidth = 24;
  parameters.heads = 3;
  parameters.seed = 18446744073709551615ull;
  parameters.positional = false;
  parameters.mask = LessonMask::KeyPadding;
  parameters.paddedLength = 7;
  parameters.blockedCells = {{1, 2}};
  SessionView view;
  setViewColorMap(view, ColorMapName::Cividis);
  view.averageOfHeads = true;
  view.focusedHead = 2;
  view.stepHead = 7;  // beyond the lesson's 3 heads: stored as the last one
  Session session = sessionOf(parameters, view);
  const Session reread = parseSession(serializeSession(session), "s");
  EXPECT_EQ(static_cast<const Lesson&>(reread), parameters);
  EXPECT_EQ(viewColorMap(reread.view), ColorMapName::Cividis);
  EXPECT_EQ(reread.view.focusedHead, 2);
  EXPECT_EQ(reread.view.stepHead, 2);
  session.view.colorMap = "a-newer-map";
  EXPECT_EQ(viewColorMap(session.view), ColorMapName::Viridis);
}

}  // namespace
}  // namespace attnscope
