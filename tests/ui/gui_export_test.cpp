// Issue 6 from the window: figures of any view or step, matrices of the state on screen, and the
// command that redraws a figure, through the code the export dialog and the menus run; headless.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QInputMethodEvent>
#include <QLineEdit>
#include <QMenu>
#include <QSet>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <cstdlib>

#include "core/npy.h"
#include "tests/shell_support.h"
#include "tests/ui/window_test_support.h"
#include "ui/figure/matrix_export.h"
#include "ui/model/attention_document.h"
#include "ui/window/controls_panel.h"
#include "ui/window/export_actions.h"
#include "ui/window/export_figure_dialog.h"
#include "ui/window/heads_view.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/language.h"
#include "ui/window/lesson_actions.h"
#include "ui/window/main_window.h"
#include "ui/window/matrix_menu.h"
#include "ui/window/sentence_input.h"
#include "ui/window/step_through_view.h"

namespace attnscope {
namespace {

const QStringList kTokens = {"The", "cat", "sat", "on", "the", "mat"};

class GuiExportTest : public testing::WindowTest {
 protected:
  void SetUp() override {
    WindowTest::SetUp();
    typeSentence(QStringLiteral("The cat sat on the mat"));
    chooseHeads(4);
  }

  ExportActions* actions() const { return m_window->exportActions(); }
  LessonActions* lessons() const { return m_window->lessonActions(); }
  const AttentionTrace& trace() const { return *document()->lastGoodResult()->trace; }
  void editView(const std::function<void(SessionView&)>& edit) {
    SessionView view = document()->view();
    edit(view);
    document()->setView(view);
    QCoreApplication::processEvents();
  }

  void showStep(StepThroughStop step, int head) {
    m_window->tabs()->setCurrentWidget(m_window->stepThrough());
    editView([&](SessionView& v) {
      v.stepThrough = step;
      v.stepHead = head;
    });
  }

  // The current view at this look, written to `name` in the temporary folder.
  FigureChoice exported(const QString& name, QSize size = {640, 480}, int dpi = 150) {
    FigureChoice choice = actions()->currentFigureChoice();
    choice.size = size;
    choice.dpi = dpi;
    choice.path = m_folder.filePath(name);
    const QString problem = actions()->exportFigure(choice);
    EXPECT_EQ(problem, QString()) << name.toStdString();
    return choice;
  }

  QTemporaryDir m_folder;
};

QByteArray bytesOf(const QString& path) {
  QFile file(path);
  return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int distinctColors(const QImage& image) {
  QSet<QRgb> colors;
  for (int y = 0; y < image.height(); y += 3) {
    for (int x = 0; x < image.width(); x += 3) colors.insert(image.pixel(x, y));
  }
  return int(colors.size());
}

// The text of every <text> element of an SVG, which must parse as XML.
QStringList svgTexts(const QString& path) {
  QXmlStreamReader xml(bytesOf(path));
  QStringList texts;
  while (!xml.atEnd()) {
    if (xml.readNext() == QXmlStreamReader::StartElement && xml.name() == QLatin1String("text"))
      texts << xml.readElementText(QXmlStreamReader::IncludeChildElements).trimmed();
  }
  EXPECT_FALSE(xml.hasError()) << xml.errorString().toStdString();
  return texts;
}

void expectPng(const QString& path, QSize size, int dpi) {
  QImageReader reader(path);
  EXPECT_EQ(reader.format(), "png");
  const QImage image = reader.read();
  ASSERT_FALSE(image.isNull()) << reader.errorString().toStdString();
  EXPECT_EQ(image.size(), size);
  EXPECT_NEAR(image.dotsPerMeterX(), dpi / 0.0254, 1);
  EXPECT_NEAR(image.dotsPerMeterY(), dpi / 0.0254, 1);
  EXPECT_GT(distinctColors(image), 20);
}

void expectPdf(const QString& path) {
  const QByteArray pdf = bytesOf(path);
  EXPECT_TRUE(pdf.startsWith("%PDF-"));
  EXPECT_TRUE(pdf.contains("/Type /Page") || pdf.contains("/Type/Page"));
}

TEST_F(GuiExportTest, TheGridOfHeadsInEachFormat) {
  const FigureChoice choice = exported(QStringLiteral("heads.png"));
  EXPECT_EQ(choice.heads, HeadChoice::all());
  expectPng(choice.path, {640, 480}, 150);
  EXPECT_TRUE(QImage(choice.path).text("Command").contains("--step weights --head all"));
  exported(QStringLiteral("heads.svg"));
  const QStringList texts = svgTexts(m_folder.filePath("heads.svg"));
  for (const QString& token : kTokens) EXPECT_TRUE(texts.contains(token)) << token.toStdString();
  EXPECT_TRUE(texts.contains("head 4"));
  exported(QStringLiteral("heads.pdf"));
  expectPdf(m_folder.filePath("heads.pdf"));
}

TEST_F(GuiExportTest, OneHeadDiffersFromAnotherAndTheMean) {
  editView([](SessionView& v) { v.focusedHead = 0; });
  EXPECT_EQ(exported(QStringLiteral("h1.png")).heads, HeadChoice::one(0));
  editView([](SessionView& v) { v.focusedHead = 2; });
  exported(QStringLiteral("h3.png"));
  editView([](SessionView& v) { v.averageOfHeads = true; });
  EXPECT_EQ(exported(QStringLiteral("mean.png")).heads, HeadChoice::mean());
  const QImage first(m_folder.filePath("h1.png")), third(m_folder.filePath("h3.png")),
      mean(m_folder.filePath("mean.png"));
  expectPng(m_folder.filePath("h1.png"), {640, 480}, 150);
  EXPECT_NE(first, third);
  EXPECT_NE(first, mean);
  EXPECT_EQ(third.text("Head"), "3");
  EXPECT_EQ(mean.text("Title"), "Attention weights · mean of 4 heads");
}

TEST_F(GuiExportTest, EveryStepOfTheStepThroughExports) {
  for (int step = 0; step < kStepThroughStops; ++step) {
    SCOPED_TRACE(step);
    showStep(StepThroughStop(step), 1);
    const FigureChoice choice = exported(QStringLiteral("step%1.png").arg(step), {500, 400}, 96);
    expectPng(choice.path, {500, 400}, 96);
  }
  // Score steps draw their stage; the others a trace matrix.
  EXPECT_EQ(QImage(m_folder.filePath("step4.png")).text("Step"), "scaled");
  EXPECT_EQ(QImage(m_folder.filePath("step2.png")).text("Step"), "q");
  EXPECT_EQ(QImage(m_folder.filePath("step2.png")).text("Title"),
            "Queries Q = XW^Qᵀ + b^Q · head 2");
  EXPECT_NE(QImage(m_folder.filePath("step1.png")), QImage(m_folder.filePath("step2.png")));
}

TEST_F(GuiExportTest, AProjectionStepAsSvgAndPdf) {
  showStep(StepThroughStop::SplitHeads, 1);
  const FigureChoice choice = exported(QStringLiteral("q2.svg"));
  EXPECT_EQ(choice.matrix, TraceMatrix::Queries);
  const QStringList texts = svgTexts(choice.path);
  for (const QString& token : kTokens) EXPECT_TRUE(texts.contains(token)) << token.toStdString();
  // Dimension indices along the top: d_k = 64 / 4 = 16 columns.
  EXPECT_EQ(int(trace().headWidth), 16);
  EXPECT_TRUE(texts.contains("1"));
  EXPECT_TRUE(texts.contains("dimension"));
  EXPECT_TRUE(bytesOf(choice.path).contains("<title>Queries Q = XW^Qᵀ + b^Q · head 2</title>"));
  exported(QStringLiteral("q2.pdf"));
  expectPdf(m_folder.filePath("q2.pdf"));
}

// Copy as command must give the figure the dialog makes: run it and compare the pixels.
TEST_F(GuiExportTest, CopyAsCommandRedrawsTheSameFigure) {
  showStep(StepThroughStop::SplitHeads, 2);
  FigureChoice look = actions()->currentFigureChoice();
  look.style = FigureStyle::Slide;
  look.colorMap = ColorMapName::Magma;
  look.size = QSize(520, 380);
  look.dpi = 120;
  look.path = m_folder.filePath("cli.png");
  saveFigureChoice(look);
  const QString command = actions()->exportCommand();
  EXPECT_TRUE(
      command.contains("--step q --head 3 --colormap magma --style slide --width 520 "
                       "--height 380 --dpi 120"))
      << command.toStdString();
  FigureChoice gui = actions()->currentFigureChoice();
  gui.path = m_folder.filePath("gui.png");
  ASSERT_EQ(actions()->exportFigure(gui), QString());
  QString shell = command;
  shell.replace(0, QStringLiteral("attnscope").size(),
                QString::fromStdString(testing::shellQuote(ATTNSCOPE_BINARY)));
  ASSERT_EQ(std::system(shell.toUtf8().constData()), 0) << shell.toStdString();
  const QImage fromCli(m_folder.filePath("cli.png")), fromGui(m_folder.filePath("gui.png"));
  ASSERT_FALSE(fromCli.isNull());
  EXPECT_EQ(fromCli.convertToFormat(QImage::Format_RGB32),
            fromGui.convertToFormat(QImage::Format_RGB32));
  EXPECT_EQ(fromGui.text("Command"), QString(command).replace("cli.png", "gui.png"));
}

TEST_F(GuiExportTest, MatrixOnScreenAsCsvAndNpy) {
  // The heads view's open head: its weights.
  editView([](SessionView& v) { v.focusedHead = 1; });
  ASSERT_EQ(actions()->exportCurrentMatrix(m_folder.filePath("w.npy")), QString());
  const npy::FloatArray weights = npy::readFloatArray(m_folder.filePath("w.npy").toStdString());
  ASSERT_EQ(weights.shape, (std::vector<std::size_t>{6, 6}));
  for (int i = 0; i < 36; ++i)
    EXPECT_EQ(weights.values[std::size_t(i)], trace().weights(1, i / 6, i % 6));

  // The step-through's K of head 3, as CSV: tokens down, dimensions across, exact values.
  showStep(StepThroughStop::SplitHeads, 2);
  ASSERT_EQ(actions()->exportCurrentMatrix(m_folder.filePath("q3.csv")), QString());
  const QList<QByteArray> lines = bytesOf(m_folder.filePath("q3.csv")).mid(3).trimmed().split('\n');
  ASSERT_EQ(lines.size(), 7);
  EXPECT_TRUE(lines[0].trimmed().endsWith(R"("15","16")"));
  const auto q3 = trace().q.head(2);
  for (int row = 0; row < 6; ++row) {
    const QList<QByteArray> fields = lines[row + 1].trimmed().split(',');
    ASSERT_EQ(fields.size(), 17);
    EXPECT_EQ(fields[0], '"' + kTokens[row].toUtf8() + '"');
    for (int col = 0; col < 16; ++col) EXPECT_EQ(fields[col + 1].toFloat(), q3(row, col));
  }

  // The output step: the whole L × d_model output.
  showStep(StepThroughStop::ConcatOutput, 0);
  ASSERT_EQ(actions()->exportCurrentMatrix(m_folder.filePath("out.npy")), QString());
  const npy::FloatArray output = npy::readFloatArray(m_folder.filePath("out.npy").toStdString());
  EXPECT_EQ(output.shape, (std::vector<std::size_t>{6, 64}));
  EXPECT_EQ(output.values[64 + 5], trace().output(1, 5));
}

TEST_F(GuiExportTest, BadPathsGiveAMessageAndNoFile) {
  FigureChoice choice = actions()->currentFigureChoice();
  choice.size = QSize(300, 200);
  for (const char* name : {"missing/f.png", "missing/f.svg", "missing/f.pdf", "f.gif"}) {
    choice.path = m_folder.filePath(name);
    EXPECT_FALSE(actions()->exportFigure(choice).isEmpty()) << name;
  }
  EXPECT_FALSE(actions()->exportCurrentMatrix(m_folder.filePath("missing/m.npy")).isEmpty());
  EXPECT_FALSE(actions()->exportCurrentMatrix(m_folder.filePath("m.txt")).isEmpty());
  // All heads cannot go into one CSV table.
  EXPECT_TRUE(actions()->exportCurrentMatrix(m_folder.filePath("m.csv")).contains("CSV"));
  if (geteuid() != 0) {  // root writes anywhere
    const QString locked = m_folder.filePath("locked");
    ASSERT_TRUE(QDir().mkdir(locked));
    QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner);
    choice.path = locked + "/f.png";
    EXPECT_TRUE(actions()->exportFigure(choice).contains("cannot write"));
    EXPECT_TRUE(QDir(locked).isEmpty());
  }
  EXPECT_EQ(QDir(m_folder.path()).entryList(QDir::Files), QStringList());
  // X is not split into heads: a head of it is refused with a reason.
  choice.matrix = TraceMatrix::Input;
  choice.heads = HeadChoice::one(1);
  choice.path = m_folder.filePath("x.png");
  EXPECT_TRUE(actions()->exportFigure(choice).contains("not split into heads"));
}

// Issue 20, point 3: every file the window writes (figure, matrix, trace folder, lesson) follows
// core/output_target.h: a FIFO (standing in for a device) or a link to one is refused with a
// message and left as it was; a link to a regular file has its target replaced.
TEST_F(GuiExportTest, WritersRefuseFifosAndFollowOnlyLinksToFiles) {
  const QString fifo = m_folder.filePath("fifo");
  ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
  for (const char* name : {"fifo-link.png", "fifo-link.npy", "fifo-link.attnscope", "fifo-dir"})
    ASSERT_TRUE(QFile::link(fifo, m_folder.filePath(name)));
  FigureChoice choice = actions()->currentFigureChoice();
  choice.size = QSize(300, 200);
  choice.path = m_folder.filePath("fifo-link.png");
  EXPECT_TRUE(actions()->exportFigure(choice).contains("symbolic link to a FIFO"));
  EXPECT_TRUE(actions()->exportCurrentMatrix(m_folder.filePath("fifo-link.npy")).contains("FIFO"));
  EXPECT_TRUE(lessons()->saveSession(m_folder.filePath("fifo-link.attnscope")).contains("FIFO"));
  EXPECT_TRUE(exportTrace(*document()->lastGoodResult(), m_folder.filePath("fifo-dir"))
                  .contains("not to a directory"));
  struct stat info {};
  EXPECT_TRUE(::lstat(QFile::encodeName(fifo).constData(), &info) == 0 && S_ISFIFO(info.st_mode));
  EXPECT_EQ(
      QDir(m_folder.path())
          .entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot),
      (QStringList{"fifo", "fifo-dir", "fifo-link.attnscope", "fifo-link.npy", "fifo-link.png"}));

  QFile target(m_folder.filePath("real.png"));
  ASSERT_TRUE(target.open(QIODevice::WriteOnly));
  target.close();
  ASSERT_TRUE(QFile::link(target.fileName(), m_folder.filePath("link.png")));
  choice.path = m_folder.filePath("link.png");
  ASSERT_EQ(actions()->exportFigure(choice), QString());
  EXPECT_TRUE(QFileInfo(choice.path).isSymLink());
  EXPECT_FALSE(QImage(target.fileName()).isNull());
}

TEST_F(GuiExportTest, RightClickOffersExportAndCopyValues) {
  HeatmapPlot* tile = m_window->headsView()->tiles().at(1);
  QSignalSpy requested(m_window->headsView(), &HeadsView::matrixMenuRequested);
  QContextMenuEvent click(QContextMenuEvent::Mouse, QPoint(20, 20),
                          tile->mapToGlobal(QPoint(20, 20)));
  QCoreApplication::sendEvent(tile, &click);
  ASSERT_EQ(requested.size(), 1);
  EXPECT_EQ(requested.front().front().value<HeatmapData>().title, tile->heatmap().title);

  QString reported;
  QMenu* menu = matrixMenu(
      tile->heatmap(), m_window.get(), [&](QString p) { reported = p; },
      [](const QString&, const QString&) {});
  const QList<QAction*> items = menu->actions();
  ASSERT_EQ(items.size(), 2);
  EXPECT_EQ(items[0]->text(), "Export this matrix…");
  items[1]->trigger();
  const QStringList rows = QApplication::clipboard()->text().split("\r\n", Qt::SkipEmptyParts);
  ASSERT_EQ(rows.size(), 7);
  EXPECT_EQ(rows[0], R"("","The","cat","sat","on","the","mat")");
  EXPECT_EQ(rows[2].split(',')[1].toFloat(), trace().weights(1, 1, 0));
  EXPECT_TRUE(reported.isEmpty());
  delete menu;
}

TEST_F(GuiExportTest, DialogFillsAChoiceAndTheLookIsRemembered) {
  showStep(StepThroughStop::WeightedSum, 3);
  FigureChoice initial = actions()->currentFigureChoice();
  EXPECT_EQ(initial.matrix, TraceMatrix::Context);
  EXPECT_EQ(initial.heads, HeadChoice::one(3));
  initial.style = FigureStyle::Grayscale;
  initial.size = QSize(800, 600);
  initial.dpi = 300;
  initial.path = m_folder.filePath("f.png");
  ExportFigureDialog dialog(initial, 4);
  EXPECT_EQ(dialog.choice(), initial);
  // X has no heads: choosing it falls back to all heads.
  auto* content = dialog.findChild<QComboBox*>(QStringLiteral("content"));
  ASSERT_NE(content, nullptr);
  content->setCurrentIndex(content->findData("x"));
  EXPECT_EQ(dialog.choice().matrix, TraceMatrix::Input);
  EXPECT_EQ(dialog.choice().heads, HeadChoice::all());

  saveFigureChoice(initial);
  const FigureChoice remembered = loadFigureChoice();
  EXPECT_EQ(remembered.style, FigureStyle::Grayscale);
  EXPECT_EQ(remembered.size, QSize(800, 600));
  EXPECT_EQ(remembered.dpi, 300);
  EXPECT_EQ(remembered.path, initial.path);
  // What to draw follows the view, not the settings.
  m_window->tabs()->setCurrentWidget(m_window->headsView());
  EXPECT_EQ(actions()->currentFigureChoice().matrix, std::nullopt);
  EXPECT_EQ(actions()->currentFigureChoice().style, FigureStyle::Grayscale);
}

}  // namespace
}  // namespace attnscope
