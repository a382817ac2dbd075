// Figures for slides (issue 19, point 13): the export dialog previews what it will write, offers
// 16:9 and 4:3 slide sizes, and a figure's content reaches near its edges.

#include <gtest/gtest.h>

#include <QComboBox>
#include <QLabel>
#include <QPixmap>
#include <QTest>

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

}  // namespace
}  // namespace attnscope
