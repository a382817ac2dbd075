#include "ui/model/color_map.h"

#include <QCoreApplication>
#include <algorithm>
#include <array>
#include <cmath>

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class ColorMap {
  Q_DECLARE_TR_FUNCTIONS(attnscope::ColorMap)
};

namespace {

// viridis, magma and cividis: matplotlib's 256-entry tables (_cm_listed.py; viridis and magma by
// van der Walt, Smith and Firing, CC0; cividis by Nuñez, Anderton and Renslow 2018) sampled at
// 65 evenly spaced points. Linear interpolation between them stays within 2/255 of the tables.
constexpr std::array<QRgb, 65> kViridis = {
    0x440154, 0x46065a, 0x470d60, 0x471365, 0x48186a, 0x481d6f, 0x482374, 0x482878, 0x472d7b,
    0x46327e, 0x453681, 0x443b84, 0x424086, 0x404587, 0x3f4989, 0x3d4e8a, 0x3b528b, 0x39568c,
    0x375a8d, 0x355e8d, 0x33638d, 0x31668e, 0x2f6a8e, 0x2e6e8e, 0x2c728e, 0x2b768e, 0x297a8e,
    0x287d8e, 0x26818e, 0x25858e, 0x23898e, 0x228c8d, 0x21908c, 0x20948c, 0x1f988b, 0x1e9b8a,
    0x1f9f88, 0x20a387, 0x21a685, 0x24aa83, 0x28ae80, 0x2cb17e, 0x31b57b, 0x37b877, 0x3ebc74,
    0x45bf70, 0x4cc26c, 0x54c667, 0x5dc963, 0x65cc5d, 0x6ece58, 0x78d152, 0x82d34c, 0x8cd646,
    0x96d83f, 0xa0da39, 0xabdc32, 0xb5de2b, 0xc0df24, 0xcbe11f, 0xd5e21a, 0xe0e318, 0xeae51a,
    0xf4e61e, 0xfde725};
constexpr std::array<QRgb, 65> kMagma = {
    0x000004, 0x020109, 0x030311, 0x06051a, 0x0a0822, 0x0e0b2b, 0x130d33, 0x180f3d, 0x1d1146,
    0x221150, 0x28115a, 0x2f1163, 0x36106a, 0x3d0f71, 0x430f76, 0x4a1079, 0x50127c, 0x57147e,
    0x5d177f, 0x631980, 0x691c81, 0x6f1e81, 0x762181, 0x7c2382, 0x822681, 0x892881, 0x8f2a81,
    0x952c80, 0x9c2e7f, 0xa2307e, 0xa9327d, 0xaf347b, 0xb63779, 0xbc3977, 0xc33b75, 0xc93e72,
    0xcf4170, 0xd6446d, 0xdb486a, 0xe14c66, 0xe65163, 0xea5661, 0xee5c5e, 0xf2635d, 0xf5695c,
    0xf7715c, 0xf9785d, 0xfa805e, 0xfb8761, 0xfc8f64, 0xfd9668, 0xfe9e6c, 0xfea571, 0xfead76,
    0xfeb47b, 0xfebb81, 0xfec387, 0xfeca8d, 0xfed194, 0xfed99b, 0xfde0a2, 0xfde7a9, 0xfceeb0,
    0xfcf6b8, 0xfcfdbf};
constexpr std::array<QRgb, 65> kCividis = {
    0x00224e, 0x002554, 0x00285b, 0x002b62, 0x002e6a, 0x003070, 0x043371, 0x113570, 0x1a386f,
    0x213b6e, 0x273e6e, 0x2d416d, 0x32436d, 0x36466c, 0x3b496c, 0x3f4c6c, 0x434e6c, 0x47516c,
    0x4b546c, 0x4f576c, 0x52596d, 0x565c6d, 0x5a5f6e, 0x5d626e, 0x61656f, 0x646770, 0x686a71,
    0x6b6d72, 0x6f7073, 0x727374, 0x757676, 0x797877, 0x7c7b78, 0x807e78, 0x848179, 0x878478,
    0x8b8778, 0x8f8a78, 0x938d78, 0x979077, 0x9b9376, 0x9f9676, 0xa39a75, 0xa79d74, 0xaba072,
    0xafa371, 0xb3a670, 0xb7aa6e, 0xbbad6c, 0xbfb06b, 0xc3b469, 0xc8b766, 0xccba64, 0xd0be61,
    0xd4c15f, 0xd9c55c, 0xddc958, 0xe1cc55, 0xe6d051, 0xead44c, 0xefd748, 0xf4db42, 0xf8df3c,
    0xfde334, 0xfee838};
// Kenneth Moreland's smooth cool-warm diverging map ("Diverging Color Maps for Scientific
// Visualization", 2009), his 33-point table: equal lightness on both sides of a neutral centre.
constexpr std::array<QRgb, 33> kCoolWarm = {
    0x3b4cc0, 0x445acc, 0x4d68d7, 0x5775e1, 0x6282ea, 0x6c8ef1, 0x779af7, 0x82a5fb, 0x8db0fe,
    0x98b9ff, 0xa3c2ff, 0xaec9fd, 0xb8d0f9, 0xc2d5f4, 0xccd9ee, 0xd5dbe6, 0xdddddd, 0xe5d8d1,
    0xecd3c5, 0xf1ccb9, 0xf5c4ad, 0xf7bba0, 0xf7b194, 0xf7a687, 0xf49a7b, 0xf18d6f, 0xec7f63,
    0xe57058, 0xde604d, 0xd55042, 0xcb3e38, 0xc0282f, 0xb40426};
// White to black in steps of equal CIELAB lightness (L* 100 → 0), so equal steps in value look
// equal on paper; an sRGB ramp would crowd the dark end.
constexpr std::array<QRgb, 33> kGray = {
    0xffffff, 0xf6f6f6, 0xededed, 0xe4e4e4, 0xdbdbdb, 0xd2d2d2, 0xcacaca, 0xc1c1c1, 0xb9b9b9,
    0xb0b0b0, 0xa8a8a8, 0x9f9f9f, 0x979797, 0x8f8f8f, 0x878787, 0x7f7f7f, 0x777777, 0x6f6f6f,
    0x676767, 0x606060, 0x585858, 0x515151, 0x4a4a4a, 0x424242, 0x3b3b3b, 0x343434, 0x2e2e2e,
    0x272727, 0x212121, 0x1a1a1a, 0x141414, 0x0b0b0b, 0x000000};

constexpr std::array<ColorMapName, 5> kAllMaps = {ColorMapName::Viridis, ColorMapName::Magma,
                                                  ColorMapName::Cividis, ColorMapName::Grayscale,
                                                  ColorMapName::Diverging};

int lerp(int a, int b, double t) { return int(std::lround(a + (b - a) * t)); }

}  // namespace

std::span<const QRgb> colorStops(ColorMapName map) {
  switch (map) {
    case ColorMapName::Viridis:
      return kViridis;
    case ColorMapName::Magma:
      return kMagma;
    case ColorMapName::Cividis:
      return kCividis;
    case ColorMapName::Grayscale:
      return kGray;
    case ColorMapName::Diverging:
      return kCoolWarm;
  }
  return kViridis;
}

QColor colorAt(ColorMapName map, double fraction) {
  const std::span<const QRgb> stops = colorStops(map);
  const double clamped = std::isnan(fraction) ? 0.0 : std::clamp(fraction, 0.0, 1.0);
  const double position = clamped * double(stops.size() - 1);
  const auto index = std::min(std::size_t(position), stops.size() - 2);
  const double t = position - double(index);
  const QRgb a = stops[index];
  const QRgb b = stops[index + 1];
  return QColor(lerp(qRed(a), qRed(b), t), lerp(qGreen(a), qGreen(b), t),
                lerp(qBlue(a), qBlue(b), t));
}

QString colorMapDisplayName(ColorMapName map) {
  switch (map) {
    case ColorMapName::Viridis:
      return ColorMap::tr("Viridis");
    case ColorMapName::Magma:
      return ColorMap::tr("Magma");
    case ColorMapName::Cividis:
      return ColorMap::tr("Cividis");
    case ColorMapName::Grayscale:
      return ColorMap::tr("Grayscale (for print)");
    case ColorMapName::Diverging:
      return ColorMap::tr("Diverging (blue–red)");
  }
  return {};
}

std::span<const ColorMapName> allColorMaps() { return kAllMaps; }

QString colorMapKey(ColorMapName map) {
  switch (map) {
    case ColorMapName::Viridis:
      return QStringLiteral("viridis");
    case ColorMapName::Magma:
      return QStringLiteral("magma");
    case ColorMapName::Cividis:
      return QStringLiteral("cividis");
    case ColorMapName::Grayscale:
      return QStringLiteral("grayscale");
    case ColorMapName::Diverging:
      return QStringLiteral("diverging");
  }
  return {};
}

std::optional<ColorMapName> colorMapFromKey(QStringView key) {
  for (const ColorMapName map : kAllMaps) {
    if (key.compare(colorMapKey(map), Qt::CaseInsensitive) == 0) return map;
  }
  return std::nullopt;
}

QColor contrastingTextColor(const QColor& background) {
  const auto linear = [](double channel) {
    return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4);
  };
  const double luminance = 0.2126 * linear(background.redF()) +
                           0.7152 * linear(background.greenF()) +
                           0.0722 * linear(background.blueF());
  // Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05: equal at L ≈ 0.179.
  return luminance > 0.179 ? QColor(Qt::black) : QColor(Qt::white);
}

ColorMapName viewColorMap(const SessionView& view) {
  return colorMapFromKey(QString::fromStdString(view.colorMap)).value_or(ColorMapName::Viridis);
}

void setViewColorMap(SessionView& view, ColorMapName map) {
  view.colorMap = colorMapKey(map).toStdString();
}

}  // namespace attnscope
