#include "ui/model/heatmap_labels.h"

#include <gtest/gtest.h>

#include <QApplication>
#include <QFontMetricsF>

namespace attnscope {
namespace {

TEST(HeatmapLabels, StepIsOneWhenLabelsFit) {
  EXPECT_EQ(labelStep(30.0, 14.0), 1);
  EXPECT_EQ(labelStep(14.0, 14.0), 1);
}

TEST(HeatmapLabels, StepIsTheSmallestOneTwoFiveMultipleThatFits) {
  EXPECT_EQ(labelStep(10.0, 14.0), 2);
  EXPECT_EQ(labelStep(5.0, 14.0), 5);
  EXPECT_EQ(labelStep(2.5, 14.0), 10);
  EXPECT_EQ(labelStep(1.0, 14.0), 20);
  EXPECT_EQ(labelStep(0.1, 14.0), 200);
  EXPECT_EQ(labelStep(0.0, 14.0), 1);  // before the first layout
}

TEST(HeatmapLabels, MissingLabelsShowThePosition) {
  const QStringList labels = {QStringLiteral("The"), QStringLiteral("cat")};
  EXPECT_EQ(cellLabel(labels, 1), "cat");
  EXPECT_EQ(cellLabel(labels, 2), "2");
}

TEST(HeatmapLabels, LongTokensAreElided) {
  const QFont font = QApplication::font();
  const QFontMetricsF metrics(font);
  const QString longToken(40, QLatin1Char('x'));
  const double maxWidth = metrics.averageCharWidth() * 10;
  for (int pass = 0; pass < 2; ++pass) {  // the second from the cache
    const std::vector<AxisLabel> labels =
        axisLabels({QStringLiteral("cat"), longToken, QStringLiteral("注意")}, 4, font, maxWidth);
    ASSERT_EQ(labels.size(), 4u);
    EXPECT_EQ(labels[0].text, "cat");
    EXPECT_EQ(labels[2].text, "注意");
    EXPECT_EQ(labels[3].text, "3");
    EXPECT_TRUE(labels[1].text.endsWith(QChar(0x2026))) << labels[1].text.toStdString();
    EXPECT_LE(labels[1].width, maxWidth);
    EXPECT_DOUBLE_EQ(labels[0].width, metrics.horizontalAdvance(QStringLiteral("cat")));
  }
  // Another width is another table.
  EXPECT_EQ(axisLabels({longToken}, 1, font, 1000.0).front().text, longToken);
}

}  // namespace
}  // namespace attnscope
