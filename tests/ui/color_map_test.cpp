#include "ui/model/color_map.h"

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <cmath>
#include <limits>
#include <set>

#include "ui/window/heatmap_plot.h"

namespace attnscope {
namespace {

// CIELAB lightness L* of an sRGB colour.
double lightness(const QColor& color) {
  const auto linear = [](double c) {
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
  };
  const double y = 0.2126 * linear(color.redF()) + 0.7152 * linear(color.greenF()) +
                   0.0722 * linear(color.blueF());
  const double f = y > 216.0 / 24389.0 ? std::cbrt(y) : (24389.0 / 27.0 * y + 16.0) / 116.0;
  return 116.0 * f - 16.0;
}

TEST(ColorMap, EndpointsAreMatplotlibs) {
  EXPECT_EQ(colorAt(ColorMapName::Viridis, 0.0), QColor(0x44, 0x01, 0x54));
  EXPECT_EQ(colorAt(ColorMapName::Viridis, 1.0), QColor(0xfd, 0xe7, 0x25));
  EXPECT_EQ(colorAt(ColorMapName::Magma, 0.0), QColor(0x00, 0x00, 0x04));
  EXPECT_EQ(colorAt(ColorMapName::Magma, 1.0), QColor(0xfc, 0xfd, 0xbf));
  EXPECT_EQ(colorAt(ColorMapName::Cividis, 0.0), QColor(0x00, 0x22, 0x4e));
  EXPECT_EQ(colorAt(ColorMapName::Cividis, 1.0), QColor(0xfe, 0xe8, 0x38));
  // viridis at 0.5 is matplotlib's #21918c.
  EXPECT_EQ(colorAt(ColorMapName::Viridis, 0.5), QColor(0x21, 0x90, 0x8c));
}

TEST(ColorMap, GrayscaleIsWhiteAtZeroForPaper) {
  EXPECT_EQ(colorAt(ColorMapName::Grayscale, 0.0), QColor(Qt::white));
  EXPECT_EQ(colorAt(ColorMapName::Grayscale, 1.0), QColor(Qt::black));
}

TEST(ColorMap, DivergingIsBlueNeutralRed) {
  const QColor low = colorAt(ColorMapName::Diverging, 0.0);
  const QColor middle = colorAt(ColorMapName::Diverging, 0.5);
  const QColor high = colorAt(ColorMapName::Diverging, 1.0);
  EXPECT_GT(low.blue(), low.red());
  EXPECT_GT(high.red(), high.blue());
  EXPECT_EQ(middle.red(), middle.green());
  EXPECT_EQ(middle.green(), middle.blue());
  // Balanced: equally light at equal distances from the centre, lightest at the centre.
  for (int i = 0; i <= 50; ++i) {
    const double f = i / 100.0;
    const double below = lightness(colorAt(ColorMapName::Diverging, f));
    const double above = lightness(colorAt(ColorMapName::Diverging, 1.0 - f));
    EXPECT_NEAR(below, above, 4.0) << "at " << f;
    EXPECT_LE(below, lightness(middle) + 0.5) << "at " << f;
  }
}

TEST(ColorMap, SequentialMapsGrowLighterMonotonically) {
  for (const ColorMapName map : {ColorMapName::Viridis, ColorMapName::Magma, ColorMapName::Cividis,
                                 ColorMapName::Grayscale}) {
    // Grayscale runs the other way: dark means high.
    const double sign = map == ColorMapName::Grayscale ? -1.0 : 1.0;
    double previous = sign * lightness(colorAt(map, 0.0));
    for (int i = 1; i <= 100; ++i) {
      const double current = sign * lightness(colorAt(map, i / 100.0));
      EXPECT_GT(current, previous) << colorMapKey(map).toStdString() << " at " << i / 100.0;
      previous = current;
    }
  }
}

TEST(ColorMap, ClampsFractions) {
  for (const ColorMapName map : allColorMaps()) {
    EXPECT_EQ(colorAt(map, -3.0), colorAt(map, 0.0));
    EXPECT_EQ(colorAt(map, 7.0), colorAt(map, 1.0));
    EXPECT_EQ(colorAt(map, std::numeric_limits<double>::quiet_NaN()), colorAt(map, 0.0));
  }
}

TEST(ColorMap, GradientHasTheSameColours) {
  for (const ColorMapName map : allColorMaps()) {
    QCPColorGradient gradient = colorGradient(map);
    for (int i = 0; i <= 40; ++i) {
      const double f = i / 40.0;
      const QColor expected = colorAt(map, f);
      const QColor actual = QColor::fromRgb(gradient.color(f, QCPRange(0, 1)));
      EXPECT_NEAR(actual.red(), expected.red(), 2) << colorMapKey(map).toStdString() << " " << f;
      EXPECT_NEAR(actual.green(), expected.green(), 2) << colorMapKey(map).toStdString();
      EXPECT_NEAR(actual.blue(), expected.blue(), 2) << colorMapKey(map).toStdString();
    }
  }
}

TEST(ColorMap, KeysRoundTrip) {
  std::set<QString> keys, names;
  for (const ColorMapName map : allColorMaps()) {
    EXPECT_EQ(colorMapFromKey(colorMapKey(map)), map);
    keys.insert(colorMapKey(map));
    names.insert(colorMapDisplayName(map));
    EXPECT_FALSE(colorMapDisplayName(map).isEmpty());
  }
  EXPECT_EQ(keys.size(), allColorMaps().size());
  EXPECT_EQ(names.size(), allColorMaps().size());
  EXPECT_EQ(colorMapKey(ColorMapName::Viridis), "viridis");
  EXPECT_EQ(colorMapKey(ColorMapName::Diverging), "diverging");
  EXPECT_EQ(colorMapFromKey(u"Magma"), ColorMapName::Magma);
  EXPECT_EQ(colorMapFromKey(u"jet"), std::nullopt);
  EXPECT_EQ(colorMapFromKey(u""), std::nullopt);
}

TEST(ColorMap, TextColourContrastsWithTheCell) {
  EXPECT_EQ(contrastingTextColor(colorAt(ColorMapName::Viridis, 0.0)), QColor(Qt::white));
  EXPECT_EQ(contrastingTextColor(colorAt(ColorMapName::Viridis, 1.0)), QColor(Qt::black));
  EXPECT_EQ(contrastingTextColor(colorAt(ColorMapName::Magma, 0.0)), QColor(Qt::white));
  EXPECT_EQ(contrastingTextColor(colorAt(ColorMapName::Grayscale, 0.0)), QColor(Qt::black));
  EXPECT_EQ(contrastingTextColor(colorAt(ColorMapName::Grayscale, 1.0)), QColor(Qt::white));
}

}  // namespace
}  // namespace attnscope
