// Figures for slides (issue 19, point 13): the export dialog previews what it will write, offers
// 16:9 and 4:3 slide sizes, and a figure's content reaches near its edges.

#include <gtest/gtest.h>

#include <QComboBox>
#include <QFileInfo>
#include <QImage>
#include <QLabel>
#include <QPixmap>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <array>

#include "tests/ui/window_test_support.h"
#include "ui/figure/figure_export.h"
#include "ui/window/export_actions.h"
#include "ui/window/export_figure_dialog.h"

namespace attnscope {
namespace {

class SlideExportTest : public testing::WindowTest {
 protected:
  ExportActions* actions() const { return m_window->exportActions(); }
};

TEST_F(SlideExportTest, TheDialogPreviewsTheFigureAndFollowsTheChoice) {
  ExportFigureDialog dialog(actions()->currentFigureChoice(), document()->parameters().heads);
  dialog.setPreviewRenderer([this](const FigureChoice& c) { return actions()->previewFigure(c); });
  dialog.show();
  const QPixmap first = dialog.preview()->pixmap();
  ASSERT_FALSE(first.isNull());
  EXPECT_LE(first.width(), ExportFigureDialog::kPreviewBox.width() * first.devicePixelRatio());
  // 1200 × 900 shown in the 4:3 box: the picture keeps the figure's shape.
  EXPECT_NEAR(double(first.width()) / first.height(), 1200.0 / 900.0, 0.02);

  auto* content = dialog.findChild<QComboBox*>(QStringLiteral("content"));
  ASSERT_NE(content, nullptr);
  content->setCurrentIndex(content->findData(QStringLiteral("q")));
  ASSERT_TRUE(QTest::qWaitFor(
      [&] { return dialog.preview()->pixmap().cacheKey() != first.cacheKey(); }, 2000));
  EXPECT_NE(dialog.preview()->pixmap().toImage(), first.toImage()) << "Q drawn, not the weights";
}

TEST_F(SlideExportTest, SlidePresetsGiveSixteenByNineAndFourByThreePixels) {
  FigureChoice initial = actions()->currentFigureChoice();
  initial.size = QSize(800, 600);
  ExportFigureDialog dialog(initial, document()->parameters().heads);
  auto* preset = dialog.findChild<QComboBox*>(QStringLiteral("preset"));
  ASSERT_NE(preset, nullptr);
  EXPECT_EQ(preset->currentIndex(), 0) << "800 × 600 is no preset";

  preset->setCurrentIndex(1);
  emit preset->activated(1);
  QSize size = dialog.choice().size;
  EXPECT_EQ(size, QSize(1920, 1080));
  EXPECT_EQ(size.width() * 9, size.height() * 16);
  EXPECT_EQ(dialog.choice().style, FigureStyle::Slide);

  preset->setCurrentIndex(2);
  emit preset->activated(2);
  size = dialog.choice().size;
  EXPECT_EQ(size.width() * 3, size.height() * 4);
  EXPECT_GE(size.width(), 1024);

  FigureChoice other = dialog.choice();
  other.size = QSize(1000, 1000);
  dialog.setChoice(other);
  EXPECT_EQ(preset->currentIndex(), 0) << "a size of its own shows as Custom";
}

// How far the drawing stays from each edge: left, top, right, bottom, in pixels.
std::array<int, 4> emptyBorders(const QImage& image) {
  int top = image.height(), bottom = -1, left = image.width(), right = -1;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      if (image.pixel(x, y) == qRgb(255, 255, 255)) continue;
      top = std::min(top, y);
      bottom = y;
      left = std::min(left, x);
      right = std::max(right, x);
    }
  }
  return {left, top, image.width() - 1 - right, image.height() - 1 - bottom};
}

// Today's figures leave wide empty borders (the grid of heads fills y 120–775 of 900 px, a
// Chinese step figure 40 % of the width); cropped, the drawing reaches the 8 pt margin.
TEST_F(SlideExportTest, ACroppedFigureReachesNearItsEdges) {
  const QTemporaryDir folder;
  ASSERT_TRUE(folder.isValid());
  for (const bool chinese : {false, true}) {
    if (chinese) typeSentence(QStringLiteral("动物没有过马路因为它太累了"));
    FigureChoice choice = actions()->currentFigureChoice();
    if (chinese) choice.matrix = TraceMatrix::Queries;
    choice.heads = chinese ? HeadChoice::one(0) : HeadChoice::all();
    choice.style = FigureStyle::Slide;
    choice.size = QSize(1920, 1080);
    choice.dpi = 96;
    const std::array<int, 4> whole =
        emptyBorders(renderFigureImage(actions()->figureRequest(choice)));
    EXPECT_GT(std::max({whole[0], whole[1], whole[2], whole[3]}), 100) << "uncropped: wide borders";

    choice.crop = true;
    for (const char* name : {"f.png", "f.svg", "f.pdf"}) {
      const QString path = folder.filePath(QString::fromLatin1(name));
      ASSERT_EQ(exportFigure(actions()->figureRequest(choice), path), QString()) << name;
      EXPECT_TRUE(QFileInfo(path).size() > 0) << name;
    }
    const QImage image(folder.filePath(QStringLiteral("f.png")));
    ASSERT_FALSE(image.isNull());
    EXPECT_LE(image.width(), 1920);
    EXPECT_LE(image.height(), 1080);
    for (const int border : emptyBorders(image)) {
      EXPECT_LE(border, 12) << (chinese ? "Chinese Q" : "grid") << " 8 pt = 10.7 px at 96 dpi";
    }
  }
}

}  // namespace
}  // namespace attnscope
