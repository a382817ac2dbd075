// Runs the real `attnscope export` as scripts do, with no display, and checks the figures it
// writes: valid files of the requested size and format, real text, metadata, and nothing at all
// when the arguments or the data are bad.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <QFile>
#include <QImage>
#include <QImageReader>
#include <QXmlStreamReader>
#include <filesystem>
#include <fstream>
#include <set>

#include "core/npy.h"
#include "core/session_file.h"
#include "core/weights.h"
#include "tests/safetensors_builder.h"
#include "tests/shell_support.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;

const std::string kEnglish = "The cat sat on the mat.";
const std::string kChinese = "注意力机制很强大";

struct CommandResult {
  int status;
  std::string err;
};

using testing::shellQuote;
using testing::slurp;

QString qtPath(const fs::path& path) { return QString::fromStdString(path.string()); }

class ExportCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() /
             (std::string("attnscope-export-") +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root);
  }
  void TearDown() override { fs::remove_all(m_root); }

  // No DISPLAY and no platform chosen: the verb must manage on its own.
  CommandResult run(const std::vector<std::string>& arguments) const {
    std::string command = "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " +
                          shellQuote(ATTNSCOPE_BINARY) + " export";
    for (const std::string& argument : arguments) command.append(" ").append(shellQuote(argument));
    command += " >/dev/null 2>" + shellQuote(m_root / "stderr") + " </dev/null";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(m_root / "stderr")};
  }

  CommandResult exportText(const std::string& text, const std::string& out,
                           std::vector<std::string> more = {}) const {
    std::vector<std::string> arguments = {"--text",  text, "--d-model", "32",
                                          "--heads", "4",  "--out",     (m_root / out).string()};
    arguments.insert(arguments.end(), more.begin(), more.end());
    return run(arguments);
  }

  // Every failure: one error line on stderr, the status, and no file left in the folder.
  void expectFailure(const CommandResult& result, int status, const std::string& fragment) const {
    EXPECT_EQ(result.status, status) << result.err;
    EXPECT_TRUE(result.err.starts_with("attnscope: error: ")) << result.err;
    EXPECT_EQ(std::ranges::count(result.err, '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
    std::set<std::string> left;
    for (const auto& entry : fs::directory_iterator(m_root)) left.insert(entry.path().filename());
    left.erase("stderr");
    for (const std::string& name : m_keep) left.erase(name);
    EXPECT_TRUE(left.empty()) << *left.begin();
  }

  fs::path m_root;
  std::set<std::string> m_keep;  // files a test made itself
};

std::set<QRgb> colorsOf(const QImage& image) {
  std::set<QRgb> colors;
  for (int y = 0; y < image.height(); y += 3)
    for (int x = 0; x < image.width(); x += 3) colors.insert(image.pixel(x, y));
  return colors;
}

TEST_F(ExportCli, PngHasTheRequestedSizeAndDifferentHeadsDiffer) {
  ASSERT_EQ(exportText(kEnglish, "head1.png", {"--head", "1", "--width", "640", "--height", "480"})
                .status,
            0);
  ASSERT_EQ(exportText(kEnglish, "head2.png", {"--head", "2", "--width", "640", "--height", "480"})
                .status,
            0);
  const QImage first(qtPath(m_root / "head1.png")), second(qtPath(m_root / "head2.png"));
  ASSERT_FALSE(first.isNull());
  EXPECT_EQ(first.size(), QSize(640, 480));
  EXPECT_GT(colorsOf(first).size(), 20u);  // cells in many colours, text, not a blank page
  EXPECT_NE(first, second);
  EXPECT_NEAR(first.dotsPerMeterX(), 96 / 0.0254, 1);
}

TEST_F(ExportCli, DefaultsAre1200By900At96Dpi) {
  ASSERT_EQ(exportText(kEnglish, "grid.png").status, 0);
  const QImage image(qtPath(m_root / "grid.png"));
  EXPECT_EQ(image.size(), QSize(1200, 900));
  ASSERT_EQ(
      exportText(kEnglish, "sharp.png", {"--dpi", "192", "--width", "2400", "--height", "1800"})
          .status,
      0);
  const QImage sharp(qtPath(m_root / "sharp.png"));
  EXPECT_EQ(sharp.size(), QSize(2400, 1800));
  EXPECT_NEAR(sharp.dotsPerMeterX(), 192 / 0.0254, 1);
}

TEST_F(ExportCli, CropCutsThePageToTheDrawing) {
  // One head of three tokens on a wide page: the drawing fills a small part of it.
  const std::vector<std::string> figure = {"--head",   "1",    "--width", "1920",
                                           "--height", "1080", "--style", "slide"};
  ASSERT_EQ(exportText("a cat sat", "page.png", figure).status, 0);
  std::vector<std::string> cropped = figure;
  cropped.push_back("--crop");
  ASSERT_EQ(exportText("a cat sat", "cropped.png", cropped).status, 0);
  const QImage page(qtPath(m_root / "page.png")), crop(qtPath(m_root / "cropped.png"));
  ASSERT_FALSE(crop.isNull());
  EXPECT_EQ(page.size(), QSize(1920, 1080));
  EXPECT_LT(crop.width() * crop.height(), page.width() * page.height() * 3 / 4);
  EXPECT_LE(crop.width(), 1920);
  EXPECT_LE(crop.height(), 1080);
  // The border left is the 8 pt margin of page colour, and the drawing reaches into it no further.
  const QRgb paper = page.pixel(0, 0);
  const int margin = int(8.0 / 72.0 * 96.0);  // 8 pt at 96 dpi, in pixels
  for (int x = 0; x < crop.width(); x += 7) EXPECT_EQ(crop.pixel(x, margin / 2), paper) << x;
  const auto inked = [&](int row) {
    for (int x = 0; x < crop.width(); ++x)
      if (crop.pixel(x, row) != paper) return true;
    return false;
  };
  int firstInked = 0;
  while (firstInked < crop.height() && !inked(firstInked)) ++firstInked;
  EXPECT_NEAR(firstInked, margin, 2) << "the drawing starts after the margin";
  // An SVG's page is cut the same way: its view box is the drawing's, not the whole page's.
  ASSERT_EQ(exportText("a cat sat", "cropped.svg", cropped).status, 0);
  const std::string svg = slurp(m_root / "cropped.svg");
  EXPECT_NE(svg.find("viewBox=\""), std::string::npos);
  EXPECT_EQ(svg.find("viewBox=\"0 0 1920 1080\""), std::string::npos);
}

TEST_F(ExportCli, PngRecordsWhatMadeIt) {
  ASSERT_EQ(
      exportText(kChinese, "zh.png", {"--seed", "7", "--step", "scaled", "--head", "3"}).status, 0);
  QImageReader reader(qtPath(m_root / "zh.png"));
  EXPECT_EQ(reader.text("Text"), QString::fromStdString(kChinese));
  EXPECT_EQ(reader.text("Seed"), "7");
  EXPECT_EQ(reader.text("Step"), "scaled");
  EXPECT_EQ(reader.text("Head"), "3");
  EXPECT_TRUE(reader.text("Parameters").contains("d_model=32 heads=4"))
      << reader.text("Parameters").toStdString();
  EXPECT_TRUE(reader.text("Software").startsWith("AttnScope "));
  EXPECT_TRUE(reader.text("Command").startsWith("attnscope export --text"));
}

TEST_F(ExportCli, SvgIsXmlWithTokensAsText) {
  ASSERT_EQ(exportText(kChinese, "zh.svg", {"--head", "1"}).status, 0);
  ASSERT_EQ(exportText(kEnglish, "en.SVG").status, 0);  // extension in any letter case
  for (const auto& [file, tokens] :
       {std::pair<std::string, std::vector<std::string>>{"zh.svg", {"注意力", "机制", "强大"}},
        {"en.SVG", {"The", "cat", "mat", "head 4"}}}) {
    SCOPED_TRACE(file);
    QFile svg(qtPath(m_root / file));
    ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&svg);
    QStringList texts;
    QString title, description;
    while (!xml.atEnd()) {
      xml.readNext();
      if (!xml.isStartElement()) continue;
      if (xml.name() == u"text")
        texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
      else if (xml.name() == u"title")
        title = xml.readElementText();
      else if (xml.name() == u"desc")
        description = xml.readElementText();
    }
    EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
    for (const std::string& token : tokens) {
      EXPECT_TRUE(texts.contains(QString::fromStdString(token))) << token;
    }
    EXPECT_TRUE(title.startsWith("Attention weights")) << title.toStdString();
    EXPECT_TRUE(description.contains("Seed: 0")) << description.toStdString();
    // Cells are vector rectangles, not an embedded picture.
    svg.seek(0);
    EXPECT_FALSE(svg.readAll().contains("<image"));
  }
}

TEST_F(ExportCli, PdfHasOnePageAndItsDocumentInfo) {
  ASSERT_EQ(exportText(kChinese, "zh.PDF", {"--seed", "9"}).status, 0);
  const std::string pdf = slurp(m_root / "zh.PDF");
  EXPECT_TRUE(pdf.starts_with("%PDF-")) << pdf.substr(0, 8);
  EXPECT_NE(pdf.find("/Type /Page\n"), std::string::npos);
  EXPECT_NE(pdf.find("/Count 1"), std::string::npos);
  EXPECT_NE(pdf.find("/Title"), std::string::npos);
  EXPECT_NE(pdf.find("<attnscope:Seed>9</attnscope:Seed>"), std::string::npos);
  EXPECT_NE(pdf.find("<attnscope:Text>" + kChinese + "</attnscope:Text>"), std::string::npos);
  EXPECT_NE(pdf.find("WenQuanYi"), std::string::npos);  // a CJK font is embedded
}

TEST_F(ExportCli, StylesStepsAndMeanAllDraw) {
  ASSERT_EQ(exportText(kEnglish, "slide.png", {"--style", "slide", "--mask", "causal"}).status, 0);
  ASSERT_EQ(
      exportText(kEnglish, "gray.png",
                 {"--style", "grayscale", "--step", "masked", "--mask", "causal", "--head", "2"})
          .status,
      0);
  ASSERT_EQ(exportText(kEnglish, "mean.png", {"--head", "mean", "--colormap", "magma"}).status, 0);
  const QImage gray(qtPath(m_root / "gray.png"));
  for (const QRgb color : colorsOf(gray)) ASSERT_EQ(qRed(color), qBlue(color)) << std::hex << color;
  EXPECT_NE(QImage(qtPath(m_root / "slide.png")), QImage(qtPath(m_root / "mean.png")));
}

TEST_F(ExportCli, SessionGivesTheSameFigureAsItsOptions) {
  Session session;
  session.text = kEnglish;
  session.modelWidth = 32;
  session.heads = 4;
  session.seed = 5;
  session.mask = LessonMask::Causal;
  writeSession(m_root / "lesson.attnscope", session);
  m_keep = {"lesson.attnscope"};
  ASSERT_EQ(run({"--session", (m_root / "lesson.attnscope").string(), "--out",
                 (m_root / "from_session.png").string()})
                .status,
            0);
  ASSERT_EQ(exportText(kEnglish, "from_options.png", {"--seed", "5", "--mask", "causal"}).status,
            0);
  EXPECT_EQ(QImage(qtPath(m_root / "from_session.png")),
            QImage(qtPath(m_root / "from_options.png")));
  // Options override the session.
  ASSERT_EQ(run({"--session", (m_root / "lesson.attnscope").string(), "--seed", "6", "--out",
                 (m_root / "other_seed.png").string()})
                .status,
            0);
  EXPECT_NE(QImage(qtPath(m_root / "other_seed.png")), QImage(qtPath(m_root / "from_options.png")));
}

TEST_F(ExportCli, SessionWithoutScalingDrawsTheUnscaledSoftmax) {
  Session session;
  session.text = kEnglish;
  session.modelWidth = 32;
  session.heads = 4;
  session.seed = 5;
  writeSession(m_root / "scaled.attnscope", session);
  session.scaled = false;
  writeSession(m_root / "unscaled.attnscope", session);
  m_keep = {"scaled.attnscope", "unscaled.attnscope"};
  for (const char* name : {"scaled", "unscaled"}) {
    ASSERT_EQ(run({"--session", (m_root / (std::string(name) + ".attnscope")).string(), "--out",
                   (m_root / (std::string(name) + ".png")).string()})
                  .status,
              0)
        << name;
  }
  EXPECT_NE(QImage(qtPath(m_root / "scaled.png")), QImage(qtPath(m_root / "unscaled.png")));
}

TEST_F(ExportCli, SessionViewChoosesTheHeadAndStep) {
  Session session;
  session.text = kEnglish;
  session.modelWidth = 32;
  session.heads = 4;
  session.view.focusedHead = 2;
  session.view.step = ScoreStage::Scaled;
  writeSession(m_root / "lesson.attnscope", session);
  ASSERT_EQ(run({"--session", (m_root / "lesson.attnscope").string(), "--out",
                 (m_root / "view.png").string()})
                .status,
            0);
  QImageReader reader(qtPath(m_root / "view.png"));
  EXPECT_EQ(reader.text("Head"), "3");
  EXPECT_EQ(reader.text("Step"), "scaled");
  EXPECT_EQ(reader.text("Colormap"), "diverging");
}

TEST_F(ExportCli, MultiheadAttentionWeightsGiveTheFigureOfTheSameReferenceWeights) {
  // The same numbers in both layouts, under the same file name (the subtitle shows it).
  const AttentionWeights weights = randomWeights(16, 42);
  for (const auto& [folder, builder] :
       {std::pair{"mha", testing::multiheadStateDict(weights)},
        std::pair{"reference", testing::referenceStateDict(weights)}}) {
    fs::create_directory(m_root / folder);
    const std::vector<std::byte> bytes = builder.bytes();
    std::ofstream(m_root / folder / "w.safetensors", std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
    ASSERT_EQ(run({"--text", kEnglish, "--heads", "2", "--weights",
                   (m_root / folder / "w.safetensors").string(), "--out",
                   (m_root / folder / "figure.png").string()})
                  .status,
              0);
  }
  const QImage multihead(qtPath(m_root / "mha" / "figure.png"));
  EXPECT_FALSE(multihead.isNull());
  EXPECT_EQ(multihead, QImage(qtPath(m_root / "reference" / "figure.png")));
  EXPECT_EQ(QImageReader(qtPath(m_root / "mha" / "figure.png"))
                .text("Parameters")
                .contains("(multihead)"),
            true);
  m_keep = {"mha", "reference"};
  expectFailure(
      run({"--text", kEnglish, "--heads", "2", "--d-model", "32", "--weights",
           (m_root / "mha" / "w.safetensors").string(), "--out", (m_root / "x.png").string()}),
      2, "disagrees with the weights' 16");
}

TEST_F(ExportCli, MaskFileBlocksItsCells) {
  // "The cat sat on the mat." is 7 tokens; block the last key for every query.
  std::vector<float> keep(7 * 7, 1.0f);
  for (std::size_t row = 0; row < 7; ++row) keep[row * 7 + 6] = 0.0f;
  const std::size_t shape[] = {7, 7}, wrong[] = {6, 7};
  npy::writeFloat32(m_root / "mask.npy", shape, keep);
  npy::writeFloat32(m_root / "wrong.npy", wrong, std::span(keep).first(42));
  m_keep = {"mask.npy", "wrong.npy"};
  ASSERT_EQ(exportText(kEnglish, "masked.png", {"--mask", (m_root / "mask.npy").string()}).status,
            0);
  ASSERT_EQ(exportText(kEnglish, "open.png").status, 0);
  EXPECT_NE(QImage(qtPath(m_root / "masked.png")), QImage(qtPath(m_root / "open.png")));
  std::filesystem::remove(m_root / "masked.png");
  std::filesystem::remove(m_root / "open.png");
  expectFailure(exportText(kEnglish, "f.png", {"--mask", (m_root / "wrong.npy").string()}), 1,
                "mask");
}

// The step-through's other matrices: tokens down the side, dimension indices along the top.
TEST_F(ExportCli, TraceMatricesAsSteps) {
  ASSERT_EQ(exportText(kEnglish, "q2.svg", {"--step", "q", "--head", "2"}).status, 0);
  QXmlStreamReader xml(QByteArray::fromStdString(slurp(m_root / "q2.svg")));
  std::set<std::string> texts;
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
      texts.insert(xml.readElementText().trimmed().toStdString());
  }
  ASSERT_FALSE(xml.hasError());
  for (const char* text : {"cat", "mat", "1", "8", "dimension"})
    EXPECT_TRUE(texts.contains(text)) << text;
  ASSERT_EQ(exportText(kEnglish, "output.png", {"--step", "output"}).status, 0);
  ASSERT_EQ(exportText(kEnglish, "v.png", {"--step", "V", "--head", "all"}).status, 0);
  const QImage output(qtPath(m_root / "output.png"));
  EXPECT_EQ(output.text("Step"), "output");
  EXPECT_EQ(output.text("Head"), "all");
  EXPECT_NE(output, QImage(qtPath(m_root / "v.png")));
  for (const char* name : {"q2.svg", "output.png", "v.png"}) fs::remove(m_root / name);
  expectFailure(exportText(kEnglish, "f.png", {"--step", "x", "--head", "2"}), 2, "not split");
  expectFailure(exportText(kEnglish, "f.png", {"--step", "context", "--head", "mean"}), 2, "mean");
}

TEST_F(ExportCli, BadArgumentsWriteNothing) {
  expectFailure(exportText(kEnglish, "figure.gif"), 2, ".png, .svg or .pdf");
  expectFailure(exportText(kEnglish, "figure"), 2, ".png, .svg or .pdf");
  expectFailure(exportText(kEnglish, "f.png", {"--step", "softmax"}), 2, "--step");
  expectFailure(exportText(kEnglish, "f.png", {"--head", "5"}), 2, "from 1 to 4");
  expectFailure(exportText(kEnglish, "f.png", {"--head", "0"}), 2, "--head");
  expectFailure(exportText(kEnglish, "f.png", {"--head", "mean", "--step", "scores"}), 2, "mean");
  expectFailure(exportText(kEnglish, "f.png", {"--colormap", "jet"}), 2, "--colormap");
  expectFailure(exportText(kEnglish, "f.png", {"--style", "poster"}), 2, "--style");
  expectFailure(exportText(kEnglish, "f.png", {"--style", "grayscale", "--colormap", "magma"}), 2,
                "grayscale");
  expectFailure(exportText(kEnglish, "f.svg", {"--dpi", "300"}), 2, "--dpi");
  expectFailure(exportText(kEnglish, "f.png", {"--width", "10"}), 2, "--width");
  expectFailure(exportText(kEnglish, "f.png", {"--width", "16384", "--height", "16384"}), 2,
                "megapixels");
  expectFailure(exportText(kEnglish, "f.png", {"--frobnicate"}), 2, "--frobnicate");
  expectFailure(run({"--text", kEnglish, "--heads", "4", "--out", (m_root / "f.png").string()}), 2,
                "--d-model");
  expectFailure(run({"--d-model", "8", "--heads", "4", "--out", (m_root / "f.png").string()}), 2,
                "--text");
  expectFailure(exportText(kEnglish, "f.png", {"--heads", "5"}), 2, "given twice");
}

TEST_F(ExportCli, BadDataWritesNothing) {
  expectFailure(run({"--text", kEnglish, "--d-model", "30", "--heads", "4", "--out",
                     (m_root / "f.png").string()}),
                1, "not divisible");
  expectFailure(exportText("   ", "f.png"), 1, "no tokens");
  expectFailure(exportText(kEnglish, "missing/f.png"), 1, "missing");
  expectFailure(run({"--session", (m_root / "none.attnscope").string(), "--out",
                     (m_root / "f.png").string()}),
                1, "none.attnscope");
  std::ofstream(m_root / "damaged.attnscope")
      << R"({"format": "attnscope-session", "version": 1, "text": )";
  std::ofstream(m_root / "newer.attnscope")
      << R"({"format": "attnscope-session", "version": 3, "text": "x"})";
  m_keep = {"damaged.attnscope", "newer.attnscope"};
  expectFailure(run({"--session", (m_root / "damaged.attnscope").string(), "--out",
                     (m_root / "f.png").string()}),
                1, "not valid JSON");
  expectFailure(run({"--session", (m_root / "newer.attnscope").string(), "--out",
                     (m_root / "f.png").string()}),
                1, "written by a newer AttnScope (version 3)");
}

TEST_F(ExportCli, AFailedExportLeavesTheOldFigure) {
  ASSERT_EQ(exportText(kEnglish, "f.png").status, 0);
  const std::string before = slurp(m_root / "f.png");
  m_keep = {"f.png"};
  expectFailure(exportText("   ", "f.png"), 1, "no tokens");
  EXPECT_EQ(slurp(m_root / "f.png"), before);
}

// Issue 19, point 14: the line view (BertViz's head view) as a figure.
TEST_F(ExportCli, LinesViewWritesPngAndSvg) {
  ASSERT_EQ(
      exportText(kEnglish, "lines.png", {"--view", "lines", "--head", "2", "--query", "3"}).status,
      0);
  const QImage png(qtPath(m_root / "lines.png"));
  ASSERT_FALSE(png.isNull());
  EXPECT_EQ(png.size(), QSize(1200, 900));
  QImageReader reader(qtPath(m_root / "lines.png"));
  EXPECT_EQ(reader.text("View"), "lines");
  EXPECT_EQ(reader.text("Query"), "3");
  EXPECT_EQ(reader.text("Head"), "2");
  EXPECT_TRUE(reader.text("Title").startsWith("Attention lines · head 2 · query"))
      << reader.text("Title").toStdString();
  // Another query draws other lines.
  ASSERT_EQ(
      exportText(kEnglish, "other.png", {"--view", "lines", "--head", "2", "--query", "1"}).status,
      0);
  EXPECT_NE(png, QImage(qtPath(m_root / "other.png")));

  ASSERT_EQ(exportText(kChinese, "lines.svg", {"--view", "lines", "--window", "2-4"}).status, 0);
  QFile svg(qtPath(m_root / "lines.svg"));
  ASSERT_TRUE(svg.open(QIODevice::ReadOnly));
  QXmlStreamReader xml(&svg);
  QStringList texts;
  int paths = 0;
  while (!xml.atEnd()) {
    xml.readNext();
    if (!xml.isStartElement()) continue;
    if (xml.name() == u"text") texts << xml.readElementText(QXmlStreamReader::IncludeChildElements);
    if (xml.name() == u"polyline" || xml.name() == u"path" || xml.name() == u"line") ++paths;
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  EXPECT_TRUE(texts.contains("机制")) << texts.join('|').toStdString();
  EXPECT_FALSE(texts.contains("注意力")) << "token 1 lies outside the window 2-4";
  EXPECT_GT(paths, 0);
}

TEST_F(ExportCli, LinesViewRefusesWhatItCannotDraw) {
  expectFailure(exportText(kEnglish, "f.png", {"--view", "lines", "--head", "all"}), 2, "one head");
  expectFailure(exportText(kEnglish, "f.png", {"--view", "lines", "--step", "scores"}), 2,
                "weights");
  expectFailure(exportText(kEnglish, "f.png", {"--view", "arcs"}), 2, "--view");
  expectFailure(exportText(kEnglish, "f.png", {"--query", "2"}), 2, "--view lines");
  expectFailure(exportText(kEnglish, "f.png", {"--view", "lines", "--window", "5-2"}), 2,
                "--window");
  expectFailure(exportText(kEnglish, "f.png", {"--view", "lines", "--query", "99"}), 1,
                "no query 99");
}

TEST_F(ExportCli, HelpListsTheOptions) {
  const std::string command =
      shellQuote(ATTNSCOPE_BINARY) + " export --help >" + shellQuote(m_root / "out");
  ASSERT_EQ(std::system(command.c_str()), 0);
  const std::string help = slurp(m_root / "out");
  for (const char* option : {"--session", "--step", "--head", "--colormap", "--style", "--dpi"}) {
    EXPECT_NE(help.find(option), std::string::npos) << option;
  }
}

}  // namespace
}  // namespace attnscope
