#include "ui/window/heatmap_plot.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QHelpEvent>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <map>

#include "ui/window/heatmap_overlay.h"

namespace attnscope {
namespace {

QStringList tokens(const QString& prefix, int count) {
  QStringList result;
  for (int i = 0; i < count; ++i) result << prefix + QString::number(i);
  return result;
}

// Distinct values in [0, 1], labels q0… down the side and k0… along the top.
HeatmapData matrix(int rows, int cols) {
  HeatmapData data;
  data.rows = rows;
  data.cols = cols;
  for (int i = 0; i < rows * cols; ++i) data.values.push_back(float(i) / float(rows * cols));
  data.rowLabels = tokens(QStringLiteral("q"), rows);
  data.colLabels = tokens(QStringLiteral("k"), cols);
  return data;
}

// Weights of a causal mask: uniform over the allowed keys, the upper triangle blocked.
HeatmapData causal(int n) {
  HeatmapData data = matrix(n, n);
  data.blocked.assign(std::size_t(n * n), 0);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      const bool blocked = col > row;
      data.blocked[std::size_t(row * n + col)] = blocked;
      data.values[std::size_t(row * n + col)] = blocked ? 0.0f : 1.0f / float(row + 1);
    }
  }
  return data;
}

// Labels the axis shows, by position.
std::map<int, QString> shownLabels(const QCPAxis* axis) {
  std::map<int, QString> result;
  const QVector<double> positions = axis->tickVector();
  const QVector<QString> labels = axis->tickVectorLabels();
  for (int i = 0; i < positions.size(); ++i) {
    if (axis->range().contains(positions[i])) result[int(positions[i])] = labels[i];
  }
  return result;
}

QRect inner(const QRect& cell, int inset) { return cell.adjusted(inset, inset, -inset, -inset); }

class HeatmapPlotTest : public ::testing::Test {
 protected:
  void show(HeatmapData data) {
    m_plot.resize(600, 500);
    m_plot.setHeatmap(std::move(data));
    m_plot.replot(QCustomPlot::rpImmediateRefresh);
  }
  const DrawnCells& drawn() const { return m_plot.picture().cells; }
  // The value of drawn cell (row, col), and its pixel in the picture.
  float drawnValue(int row, int col) const {
    return drawn().values[std::size_t(row) * std::size_t(drawn().size.width()) + std::size_t(col)];
  }
  QRgb drawnPixel(int row, int col) const { return m_plot.picture().image.pixel(col, row); }
  // Waits until the picture of the cells in view, made off the GUI thread, is drawn.
  void settlePicture() {
    m_plot.replot(QCustomPlot::rpImmediateRefresh);
    ASSERT_TRUE(QTest::qWaitFor([this] { return !m_plot.picturePending(); }, 10000));
    m_plot.replot(QCustomPlot::rpImmediateRefresh);
  }
  QImage image() { return m_plot.toPixmap(m_plot.width(), m_plot.height()).toImage(); }
  QPoint center(int row, int col) const { return m_plot.cellRect(row, col).center(); }
  template <typename T>
  std::vector<T*> layoutElements() {
    std::vector<T*> result;
    for (int i = 0; i < m_plot.plotLayout()->elementCount(); ++i) {
      if (auto* element = qobject_cast<T*>(m_plot.plotLayout()->elementAt(i))) {
        result.push_back(element);
      }
    }
    return result;
  }

  HeatmapPlot m_plot;
};

TEST_F(HeatmapPlotTest, PictureHoldsTheValuesCellByCell) {
  show(matrix(3, 5));
  const HeatmapData& data = m_plot.heatmap();
  ASSERT_EQ(drawn().size, QSize(5, 3));
  EXPECT_EQ(drawn().region, QRect(0, 0, 5, 3));
  const ColorLookup color(ColorMapName::Viridis, 0.0, 1.0);
  for (int row = 0; row < 3; ++row) {
    for (int col = 0; col < 5; ++col) {
      const float value = data.values[std::size_t(row * 5 + col)];
      EXPECT_EQ(drawnValue(row, col), value);
      EXPECT_EQ(drawnPixel(row, col), color(value));
      // Each cell's pixels show its colour (no smoothing), centred on integer coordinates.
      const QColor expected = colorAt(ColorMapName::Viridis, value);
      const QColor shown = image().pixelColor(center(row, col));
      EXPECT_NEAR(shown.red(), expected.red(), 2);
      EXPECT_NEAR(shown.green(), expected.green(), 2);
      EXPECT_NEAR(shown.blue(), expected.blue(), 2);
    }
  }
}

TEST_F(HeatmapPlotTest, SingleRowAndColumnCellsSpanTheirWholeCell) {
  show(matrix(1, 4));
  ASSERT_EQ(drawn().size, QSize(4, 1));
  for (int col = 0; col < 4; ++col) {
    EXPECT_EQ(drawnValue(0, col), m_plot.heatmap().values[std::size_t(col)]);
  }
  show(matrix(4, 1));
  ASSERT_EQ(drawn().size, QSize(1, 4));
  for (int row = 0; row < 4; ++row) {
    EXPECT_EQ(drawnValue(row, 0), m_plot.heatmap().values[std::size_t(row)]);
  }
  // Drawn, not zero-width: the cell's centre has the cell's colour, not the background.
  const QColor shown = image().pixelColor(center(3, 0));
  const QColor expected = colorAt(ColorMapName::Viridis, m_plot.heatmap().values[3]);
  EXPECT_NEAR(shown.red(), expected.red(), 2);
  EXPECT_NEAR(shown.green(), expected.green(), 2);
}

TEST_F(HeatmapPlotTest, TokensLabelTheAxesOnePerTick) {
  HeatmapData data = matrix(8, 7);
  data.rowLabels = QStringList{"注", "意", "力", "机", "制", "很", "强", "大"};
  data.colLabels = QStringList{"The", "animal", "didn't", "cross", "the", "street", "."};
  show(data);
  std::map<int, QString> keys = shownLabels(m_plot.xAxis2);
  std::map<int, QString> queries = shownLabels(m_plot.yAxis);
  ASSERT_EQ(keys.size(), 7u);
  ASSERT_EQ(queries.size(), 8u);
  for (int i = 0; i < 7; ++i) EXPECT_EQ(keys[i], data.colLabels[i]);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(queries[i], data.rowLabels[i]);
  // Keys along the top only; the bottom axis is just the frame.
  EXPECT_TRUE(m_plot.xAxis2->tickLabels());
  EXPECT_FALSE(m_plot.xAxis->tickLabels());
}

TEST_F(HeatmapPlotTest, QueryRowZeroIsAtTheTop) {
  show(matrix(4, 4));
  EXPECT_TRUE(m_plot.yAxis->rangeReversed());
  EXPECT_LT(m_plot.cellRect(0, 0).top(), m_plot.cellRect(1, 0).top());
  EXPECT_LT(m_plot.cellRect(0, 0).left(), m_plot.cellRect(0, 1).left());
  EXPECT_NEAR(m_plot.cellRect(0, 0).top(), m_plot.axisRect()->top(), 1.0);
  EXPECT_NEAR(m_plot.cellRect(3, 3).bottom(), m_plot.axisRect()->bottom(), 1.0);
  // The colour map agrees: the top-left pixel block is value 0, the bottom-right the largest.
  const QImage shown = image();
  const QColor topLeft = shown.pixelColor(center(0, 0));
  const QColor expected = colorAt(ColorMapName::Viridis, 0.0);
  EXPECT_NEAR(topLeft.red(), expected.red(), 2);
  EXPECT_NEAR(topLeft.blue(), expected.blue(), 2);
}

TEST_F(HeatmapPlotTest, CellRectsAreTheDrawnCells) {
  for (const auto& [rows, cols] : {std::pair(7, 7), std::pair(5, 13), std::pair(40, 33)}) {
    show(matrix(rows, cols));
    const QImage shown = image();
    const QCPRange range = m_plot.valueRange();
    for (int row = 0; row < rows; ++row) {
      for (int col = 0; col < cols; ++col) {
        // Qt's fixed-point scaling may move an edge by a pixel: look one pixel in.
        const QRect rect = inner(m_plot.cellRect(row, col), 1);
        ASSERT_FALSE(rect.isEmpty());
        const double value = m_plot.heatmap().values[std::size_t(row * cols + col)];
        const QColor expected = colorAt(ColorMapName::Viridis, value / range.size());
        for (const QPoint& corner :
             {rect.topLeft(), rect.topRight(), rect.bottomLeft(), rect.bottomRight()}) {
          const QColor pixel = shown.pixelColor(corner);
          ASSERT_NEAR(pixel.red(), expected.red(), 2)
              << rows << "x" << cols << " " << row << "," << col;
          ASSERT_NEAR(pixel.green(), expected.green(), 2);
          ASSERT_NEAR(pixel.blue(), expected.blue(), 2);
        }
      }
    }
  }
}

TEST_F(HeatmapPlotTest, ManyTokensAreThinnedEvenly) {
  show(matrix(200, 200));
  for (const QCPAxis* axis : {m_plot.xAxis2, m_plot.yAxis}) {
    const std::map<int, QString> shown = shownLabels(axis);
    ASSERT_GT(shown.size(), 3u);
    ASSERT_LT(shown.size(), 60u);
    const int step = std::next(shown.begin())->first - shown.begin()->first;
    EXPECT_GE(step, 2);
    EXPECT_EQ(shown.begin()->first, 0);
    for (const auto& [position, label] : shown) {
      EXPECT_EQ(position % step, 0);
      EXPECT_EQ(label, QString(axis == m_plot.yAxis ? "q%1" : "k%1").arg(position));
    }
  }
}

TEST_F(HeatmapPlotTest, LongTokensAreElided) {
  HeatmapData data = matrix(2, 2);
  data.colLabels[1] = QStringLiteral("Pneumonoultramicroscopicsilicovolcanoconiosis");
  show(data);
  const QString shown = shownLabels(m_plot.xAxis2)[1];
  EXPECT_TRUE(shown.endsWith(QChar(0x2026))) << shown.toStdString();
  EXPECT_LT(shown.size(), data.colLabels[1].size());
}

// Issue 19, point 1: a compact tile cut "animal" and "because" to "ani…" and "bec…" at any size.
TEST_F(HeatmapPlotTest, TokensThatFitAreShownWhole) {
  HeatmapData data = matrix(3, 3);
  data.rowLabels = {QStringLiteral("animal"), QStringLiteral("because"), QStringLiteral("注意力")};
  data.colLabels = data.rowLabels;
  m_plot.setCompact(true);
  show(data);
  EXPECT_EQ(shownLabels(m_plot.yAxis),
            (std::map<int, QString>{
                {0, data.rowLabels[0]}, {1, data.rowLabels[1]}, {2, data.rowLabels[2]}}));
  EXPECT_EQ(shownLabels(m_plot.xAxis2)[1], data.colLabels[1]);
  // A tile too small for them still elides rather than letting labels crowd out the cells.
  // (Shown: the labels follow the map, which a hidden plot lays out at its old size.)
  m_plot.show();
  m_plot.resize(120, 120);
  m_plot.replot(QCustomPlot::rpImmediateRefresh);
  EXPECT_TRUE(shownLabels(m_plot.yAxis)[1].endsWith(QChar(0x2026)))
      << shownLabels(m_plot.yAxis)[1].toStdString();
}

TEST_F(HeatmapPlotTest, CellAtMapsPositionsToCells) {
  show(matrix(5, 6));
  for (int row = 0; row < 5; ++row) {
    for (int col = 0; col < 6; ++col) {
      const QRect rect = m_plot.cellRect(row, col);
      EXPECT_EQ(m_plot.cellAt(rect.center()), QPoint(col, row));
      // Every pixel of the cell, to its edges, and anywhere inside those pixels.
      EXPECT_EQ(m_plot.cellAt(rect.topLeft()), QPoint(col, row));
      EXPECT_EQ(m_plot.cellAt(QPointF(rect.bottomRight()) + QPointF(0.9, 0.9)), QPoint(col, row));
    }
  }
  const QRect area = m_plot.axisRect()->rect();
  EXPECT_EQ(m_plot.cellAt(QPointF(area.left() - 3, area.center().y())), std::nullopt);
  EXPECT_EQ(m_plot.cellAt(QPointF(area.center().x(), area.top() - 3)), std::nullopt);
  EXPECT_EQ(m_plot.cellAt(QPointF(2, 2)), std::nullopt);
}

TEST_F(HeatmapPlotTest, MouseSignalsNameTheCell) {
  show(matrix(4, 4));
  m_plot.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_plot));
  m_plot.replot(QCustomPlot::rpImmediateRefresh);
  QSignalSpy hovered(&m_plot, &HeatmapPlot::cellHovered);
  QSignalSpy pressed(&m_plot, &HeatmapPlot::cellPressed);
  QSignalSpy dragged(&m_plot, &HeatmapPlot::cellDragged);
  QSignalSpy clicked(&m_plot, &HeatmapPlot::clicked);

  QTest::mouseMove(&m_plot, center(1, 2));
  ASSERT_EQ(hovered.count(), 1);
  EXPECT_EQ(hovered.last(), (QList<QVariant>{1, 2}));
  QTest::mouseMove(&m_plot, center(1, 2) + QPoint(2, 2));
  EXPECT_EQ(hovered.count(), 1);  // same cell: no new signal

  // Press, drag over two more cells, release: a stroke, not a click.
  QTest::mousePress(&m_plot, Qt::LeftButton, {}, center(1, 2));
  ASSERT_EQ(pressed.count(), 1);
  EXPECT_EQ(pressed.last(), (QList<QVariant>{1, 2}));
  QTest::mouseMove(&m_plot, center(2, 2));
  QTest::mouseMove(&m_plot, center(2, 3));
  ASSERT_EQ(dragged.count(), 2);
  EXPECT_EQ(dragged.at(0), (QList<QVariant>{2, 2}));
  EXPECT_EQ(dragged.at(1), (QList<QVariant>{2, 3}));
  QTest::mouseRelease(&m_plot, Qt::LeftButton, {}, center(2, 3));
  EXPECT_EQ(clicked.count(), 0);

  // Moving without a button hovers only.
  QTest::mouseMove(&m_plot, center(3, 3));
  EXPECT_EQ(dragged.count(), 2);
  EXPECT_EQ(hovered.last(), (QList<QVariant>{3, 3}));

  QTest::mouseClick(&m_plot, Qt::LeftButton, {}, center(0, 0));
  EXPECT_EQ(clicked.count(), 1);
  EXPECT_EQ(pressed.last(), (QList<QVariant>{0, 0}));
  // Off the cells: hovering ends, and a click is still a click, on no cell.
  QTest::mouseMove(&m_plot, QPoint(2, 2));
  EXPECT_EQ(hovered.last(), (QList<QVariant>{-1, -1}));
  QTest::mouseClick(&m_plot, Qt::LeftButton, {}, QPoint(2, 2));
  EXPECT_EQ(clicked.count(), 2);
  EXPECT_EQ(pressed.count(), 2);
  // Leaving the widget from a cell ends hovering too.
  QTest::mouseMove(&m_plot, center(0, 1));
  QEvent leave(QEvent::Leave);
  QApplication::sendEvent(&m_plot, &leave);
  EXPECT_EQ(hovered.last(), (QList<QVariant>{-1, -1}));
}

TEST_F(HeatmapPlotTest, ToolTipComesFromTheProvider) {
  show(matrix(3, 3));
  m_plot.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_plot));
  m_plot.setToolTipProvider(
      [](int row, int col) { return QStringLiteral("query %1, key %2").arg(row).arg(col); });
  QHelpEvent help(QEvent::ToolTip, center(2, 1), m_plot.mapToGlobal(center(2, 1)));
  QApplication::sendEvent(&m_plot, &help);
  EXPECT_EQ(QToolTip::text(), "query 2, key 1");
  QToolTip::hideText();
}

TEST_F(HeatmapPlotTest, BlockedCellsAreHatchedGrey) {
  show(causal(6));
  const QImage shown = image();
  // The picture leaves blocked cells transparent for the hatching below it.
  for (int row = 0; row < 6; ++row) {
    for (int col = 0; col < 6; ++col) {
      EXPECT_EQ(qAlpha(drawnPixel(row, col)), col > row ? 0 : 255);
    }
  }
  // No seam: not one pixel of a blocked cell shows its value's colour (0, viridis' darkest),
  // edges included; the allowed cells next to them hold 1 / (row + 1), never 0.
  const QColor zero = colorAt(ColorMapName::Viridis, 0.0);
  for (int row = 0; row < 6; ++row) {
    for (int col = row + 1; col < 6; ++col) {
      const QRect cell = m_plot.cellRect(row, col);
      for (int y = cell.top(); y <= cell.bottom(); ++y) {
        for (int x = cell.left(); x <= cell.right(); ++x) {
          ASSERT_NE(shown.pixelColor(x, y), zero) << x << "," << y;
        }
      }
    }
  }
  // A blocked cell: only greys, and two of them (the fill and the hatching).
  std::set<QRgb> greys;
  const QRect blocked = inner(m_plot.cellRect(0, 5), 3);
  for (int y = blocked.top(); y <= blocked.bottom(); ++y) {
    for (int x = blocked.left(); x <= blocked.right(); ++x) {
      const QColor pixel = shown.pixelColor(x, y);
      ASSERT_EQ(pixel.red(), pixel.green()) << x << "," << y;
      ASSERT_EQ(pixel.green(), pixel.blue()) << x << "," << y;
      greys.insert(pixel.rgb());
    }
  }
  EXPECT_GE(greys.size(), 2u);
  // An allowed cell keeps its heat colour, untouched.
  const QRect allowed = inner(m_plot.cellRect(5, 0), 3);
  const QColor expected = colorAt(ColorMapName::Viridis, 1.0 / 6.0);
  for (const QPoint& point : {allowed.topLeft(), allowed.center(), allowed.bottomRight()}) {
    const QColor pixel = shown.pixelColor(point);
    EXPECT_NEAR(pixel.red(), expected.red(), 2);
    EXPECT_NEAR(pixel.green(), expected.green(), 2);
    EXPECT_NEAR(pixel.blue(), expected.blue(), 2);
  }
}

TEST_F(HeatmapPlotTest, HighlightOutlinesOnlyThatRow) {
  show(matrix(5, 5));
  const QImage plain = image();
  m_plot.setHighlightedRow(2);
  const QImage highlighted = image();
  const QRectF row = QRectF(m_plot.cellRect(2, 0).united(m_plot.cellRect(2, 4)));
  const QRectF band = row.adjusted(-4, -4, 4, 4);
  const QRectF inside = row.adjusted(4, 4, -4, -4);
  int changed = 0;
  for (int y = 0; y < plain.height(); ++y) {
    for (int x = 0; x < plain.width(); ++x) {
      if (plain.pixel(x, y) == highlighted.pixel(x, y)) continue;
      ++changed;
      ASSERT_TRUE(band.contains(x, y) && !inside.contains(x, y)) << x << "," << y;
    }
  }
  EXPECT_GT(changed, 2 * int(row.width()));
}

TEST_F(HeatmapPlotTest, ValuesAreWrittenInReadableCellsOnly) {
  show(matrix(3, 3));
  const QImage plain = image();
  m_plot.setShowValues(true);
  const QImage withValues = image();
  // Value 0 sits on viridis' darkest colour: its digits are white.
  const QRect darkest = inner(m_plot.cellRect(0, 0), 2);
  bool whiteText = false;
  for (int y = darkest.top(); y <= darkest.bottom(); ++y) {
    for (int x = darkest.left(); x <= darkest.right(); ++x) {
      whiteText = whiteText || withValues.pixelColor(x, y).lightness() > 200;
    }
  }
  EXPECT_TRUE(whiteText);
  EXPECT_NE(plain, withValues);

  // 200 × 200 cells are a few pixels wide: no values, no change.
  show(matrix(200, 200));
  m_plot.setShowValues(false);
  const QImage small = image();
  m_plot.setShowValues(true);
  EXPECT_EQ(small, image());
}

TEST_F(HeatmapPlotTest, ColumnGroupsAreSeparatedByGaps) {
  show(matrix(3, 6));
  const QColor page = m_plot.palette().color(QPalette::Window);
  const auto gapAt = [&](const QImage& shown, int col) {
    const int x = m_plot.cellRect(1, col).left(), y = m_plot.cellRect(1, col).center().y();
    return shown.pixelColor(x, y) == page || shown.pixelColor(x - 1, y) == page;
  };
  EXPECT_FALSE(gapAt(image(), 2));
  m_plot.setColumnGroups(2);
  const QImage grouped = image();
  EXPECT_TRUE(gapAt(grouped, 2));
  EXPECT_TRUE(gapAt(grouped, 4));
  EXPECT_FALSE(gapAt(grouped, 3));
}

TEST_F(HeatmapPlotTest, AxesAndTextFollowThePalette) {
  QPalette dark;
  dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
  dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
  m_plot.setPalette(dark);
  HeatmapData data = causal(4);
  data.title = QStringLiteral("head 2");
  show(data);
  EXPECT_EQ(m_plot.yAxis->tickLabelColor(), QColor(0xee, 0xee, 0xee));
  EXPECT_EQ(m_plot.xAxis2->tickLabelColor(), QColor(0xee, 0xee, 0xee));
  EXPECT_EQ(layoutElements<QCPTextElement>().front()->textColor(), QColor(0xee, 0xee, 0xee));
  const QImage shown = image();
  EXPECT_EQ(shown.pixelColor(1, 1), QColor(0x20, 0x20, 0x20));
  // Blocked cells stay a mid grey, darker than on a light page.
  const QColor blocked = shown.pixelColor(m_plot.cellRect(0, 3).center());
  EXPECT_EQ(blocked.red(), blocked.blue());
  EXPECT_LT(blocked.lightness(), 0xc8);
}

TEST(FormatCellValue, ThreeSignificantDigitsAtMostWithoutExponents) {
  EXPECT_EQ(formatCellValue(0.4237), "0.42");
  EXPECT_EQ(formatCellValue(1.0), "1.00");
  EXPECT_EQ(formatCellValue(0.0), "0.00");
  EXPECT_EQ(formatCellValue(-0.001), "0.00");
  EXPECT_EQ(formatCellValue(-1.5), "-1.50");
  EXPECT_EQ(formatCellValue(12.345), "12.3");
  EXPECT_EQ(formatCellValue(9.999), "10.0");
  EXPECT_EQ(formatCellValue(-123.4), "-123");
  EXPECT_EQ(formatCellValue(1e-7), "0.00");
}

TEST_F(HeatmapPlotTest, ZoomOnlyWhenAskedAndDoubleClickResets) {
  show(matrix(20, 20));
  m_plot.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_plot));
  const QPoint middle = center(10, 10);
  const auto wheel = [&](int delta) {
    QWheelEvent event(middle, m_plot.mapToGlobal(middle), QPoint(), QPoint(0, delta), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&m_plot, &event);
  };
  wheel(120);
  EXPECT_EQ(m_plot.xAxis2->range(), QCPRange(-0.5, 19.5));

  m_plot.setZoomable(true);
  wheel(120);
  wheel(120);
  EXPECT_LT(m_plot.xAxis2->range().size(), 19.0);
  EXPECT_LT(m_plot.yAxis->range().size(), 19.0);
  // Zooming out stops at the whole matrix.
  for (int i = 0; i < 10; ++i) wheel(-120);
  EXPECT_GE(m_plot.xAxis2->range().lower, -0.5);
  EXPECT_LE(m_plot.xAxis2->range().upper, 19.5);

  wheel(120);
  QTest::mouseDClick(&m_plot, Qt::LeftButton, {}, middle);
  EXPECT_EQ(m_plot.xAxis2->range(), QCPRange(-0.5, 19.5));
  EXPECT_EQ(m_plot.yAxis->range(), QCPRange(-0.5, 19.5));
}

// The mean over the unblocked cells of rows [r0, r1) × columns [c0, c1).
double blockMean(const HeatmapData& data, int r0, int r1, int c0, int c1) {
  double sum = 0;
  int count = 0;
  for (int row = r0; row < r1; ++row) {
    for (int col = c0; col < c1; ++col) {
      const std::size_t cell = std::size_t(row) * std::size_t(data.cols) + std::size_t(col);
      if (!data.blocked.empty() && data.blocked[cell]) continue;
      sum += data.values[cell];
      ++count;
    }
  }
  return count ? sum / count : 0.0;
}

TEST_F(HeatmapPlotTest, LargeMatrixIsDrawnPooledAsMeansOverBlocks) {
  const int rows = 1030, cols = 700;
  show(matrix(rows, cols));
  ASSERT_TRUE(m_plot.isPooled());
  ASSERT_EQ(drawn().size, QSize(kMaxDrawnCells, kMaxDrawnCells));
  const HeatmapData& data = m_plot.heatmap();
  // Drawn cell k of 512 covers matrix cells [k·n/512, (k+1)·n/512).
  for (const int r : {0, 1, 200, 511}) {
    for (const int c : {0, 3, 300, 511}) {
      const double mean = blockMean(data, r * rows / 512, (r + 1) * rows / 512, c * cols / 512,
                                    (c + 1) * cols / 512);
      EXPECT_NEAR(drawnValue(r, c), mean, 1e-6) << r << ", " << c;
    }
  }
  // The picture still spans the whole matrix in its coordinates, so cells keep their positions.
  EXPECT_EQ(drawn().region, QRect(0, 0, cols, rows));
  // Cells narrower than a pixel: the cell under a point is found to within a pixel's worth.
  const std::optional<QPoint> found =
      m_plot.cellAt(QPointF(m_plot.xAxis2->coordToPixel(650), m_plot.yAxis->coordToPixel(900)));
  ASSERT_TRUE(found);
  EXPECT_NEAR(found->x(), 650, 2);
  EXPECT_NEAR(found->y(), 900, 3);
  // An untitled map (the mask editor's) is titled by the note alone.
  const auto titles = layoutElements<QCPTextElement>();
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_TRUE(
      titles.front()->text().startsWith(QStringLiteral("each cell shows the mean of about")))
      << titles.front()->text().toStdString();
}

TEST_F(HeatmapPlotTest, PooledBlocksAreBlockedOnlyWhenWhollyBlocked) {
  const int n = 1024;  // two matrix cells per drawn cell along each side
  show(causal(n));
  ASSERT_TRUE(m_plot.isPooled());
  // On the diagonal a block keeps its lower-left cell: drawn, with that cell's mean.
  EXPECT_EQ(qAlpha(drawnPixel(5, 5)), 255);
  EXPECT_NEAR(drawnValue(5, 5), blockMean(m_plot.heatmap(), 10, 12, 10, 12), 1e-6);
  EXPECT_EQ(qAlpha(drawnPixel(5, 6)), 0);  // wholly above the diagonal: blocked
}

TEST_F(HeatmapPlotTest, ZoomingIntoALargeMatrixDrawsTheCellsInViewExactly) {
  m_plot.setZoomable(true);
  show(matrix(1200, 1200));
  m_plot.show();
  ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_plot));
  ASSERT_TRUE(m_plot.isPooled());
  m_plot.xAxis2->setRange(99.5, 139.5);  // 40 columns and rows from (100, 300)
  m_plot.yAxis->setRange(299.5, 339.5);
  m_plot.replot(QCustomPlot::rpImmediateRefresh);
  // Until the cells in view are pooled again off the GUI thread, the whole picture stays,
  // scaled: never a blank frame.
  EXPECT_EQ(drawn().region, QRect(0, 0, 1200, 1200));
  settlePicture();
  EXPECT_FALSE(m_plot.isPooled());
  EXPECT_EQ(drawn().region, QRect(100, 300, 40, 40));
  const HeatmapData& data = m_plot.heatmap();
  // The cells in view, with the exact values.
  for (const auto& [row, col] : {std::pair(300, 100), std::pair(320, 121), std::pair(339, 139)}) {
    EXPECT_EQ(drawnValue(row - 300, col - 100),
              data.values[std::size_t(row) * 1200 + std::size_t(col)]);
  }
  EXPECT_EQ(m_plot.cellAt(QPointF(center(310, 110))), QPoint(110, 310));
  // Back out to the whole matrix: pooled again.
  QTest::mouseDClick(&m_plot, Qt::LeftButton, {}, center(310, 110));
  settlePicture();
  EXPECT_TRUE(m_plot.isPooled());
}

TEST_F(HeatmapPlotTest, PictureIsDrawnWholeOverItsTokensAndMarkedPooled) {
  HeatmapData data;
  data.rows = 3000;
  data.cols = 2000;
  data.pictureRows = 4;
  data.pictureCols = 2;
  data.values = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
  data.rowLabels = tokens(QStringLiteral("q"), data.rows);
  data.colLabels = tokens(QStringLiteral("k"), data.cols);
  data.title = QStringLiteral("head 1");
  show(data);
  ASSERT_TRUE(m_plot.isPooled());
  EXPECT_EQ(m_plot.pooledBlock(), QSizeF(1000.0, 750.0));
  ASSERT_EQ(drawn().size, QSize(2, 4));
  // Picture cell (row 2, column 1) covers queries 1500…2249 and keys 1000…1999.
  EXPECT_EQ(drawn().block(2, 1), QRect(QPoint(1000, 1500), QPoint(1999, 2249)));
  EXPECT_EQ(drawnValue(2, 1), 0.6f);
  const std::optional<QPoint> found =
      m_plot.cellAt(QPointF(m_plot.xAxis2->coordToPixel(1990), m_plot.yAxis->coordToPixel(2240)));
  ASSERT_TRUE(found);  // token coordinates, not the picture's
  EXPECT_NEAR(found->x(), 1990, 5);
  EXPECT_NEAR(found->y(), 2240, 8);
  const auto titles = layoutElements<QCPTextElement>();
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_TRUE(titles.front()->text().startsWith(
      QStringLiteral("head 1 · each cell shows the mean of about 750 × 1000 token pairs")))
      << titles.front()->text().toStdString();
  // Labels are thinned to what fits, far fewer than the tokens.
  const auto labels = shownLabels(m_plot.yAxis);
  EXPECT_GT(labels.size(), 2u);
  EXPECT_LT(labels.size(), 60u);
}

TEST_F(HeatmapPlotTest, ColorScaleBesideTheMapExceptInCompactMode) {
  show(matrix(4, 4));
  m_plot.setValueRange(-2.0, 3.0);
  EXPECT_EQ(m_plot.valueRange(), QCPRange(-2.0, 3.0));
  m_plot.replot(QCustomPlot::rpImmediateRefresh);
  EXPECT_EQ(m_plot.picture().range, std::pair(-2.0, 3.0));
  ASSERT_EQ(layoutElements<QCPColorScale>().size(), 1u);
  EXPECT_EQ(layoutElements<QCPColorScale>().front()->dataRange(), QCPRange(-2.0, 3.0));
  m_plot.setCompact(true);
  EXPECT_TRUE(layoutElements<QCPColorScale>().empty());
  m_plot.setCompact(false);
  m_plot.setShowColorScale(false);
  EXPECT_TRUE(layoutElements<QCPColorScale>().empty());
}

TEST_F(HeatmapPlotTest, TitleAboveTheMapOnlyWhenThereIsOne) {
  HeatmapData data = matrix(2, 2);
  data.title = QStringLiteral("head 1");
  show(data);
  const auto titles = layoutElements<QCPTextElement>();
  ASSERT_EQ(titles.size(), 1u);
  EXPECT_EQ(titles.front()->text(), "head 1");
  EXPECT_LT(titles.front()->outerRect().bottom(), m_plot.axisRect()->top());
  show(matrix(2, 2));
  EXPECT_TRUE(layoutElements<QCPTextElement>().empty());
}

}  // namespace
}  // namespace attnscope
