#include "ui/model/heatmap_labels.h"

#include <QFontMetricsF>
#include <QHash>
#include <algorithm>

namespace attnscope {
namespace {

// Laid-out labels by token, one table per font and width; bounded, as tokens come and go.
QHash<QString, AxisLabel>& labelCache(const QFont& font, double maxWidth) {
  static QHash<QString, QHash<QString, AxisLabel>> caches;
  const QString key = font.key() + QLatin1Char('/') + QString::number(maxWidth);
  if (caches.size() > 16 && !caches.contains(key)) caches.clear();
  QHash<QString, AxisLabel>& cache = caches[key];
  if (cache.size() > 20000) cache.clear();
  return cache;
}

}  // namespace

QString cellLabel(const QStringList& labels, int index) {
  return index < labels.size() ? labels[index] : QString::number(index);
}

std::vector<AxisLabel> axisLabels(const QStringList& labels, int count, const QFont& font,
                                  double maxWidth) {
  QHash<QString, AxisLabel>& cache = labelCache(font, maxWidth);
  const QFontMetricsF metrics(font);
  std::vector<AxisLabel> result;
  result.reserve(std::size_t(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    const QString token = cellLabel(labels, i);
    auto cached = cache.constFind(token);
    if (cached == cache.constEnd()) {
      const QString text = metrics.elidedText(token, Qt::ElideRight, maxWidth);
      cached = cache.insert(token, AxisLabel{text, metrics.horizontalAdvance(text)});
    }
    result.push_back(*cached);
  }
  return result;
}

int labelStep(double pixelsPerCell, double labelExtent) {
  if (!(pixelsPerCell > 0)) return 1;
  // Less a rounding error: a label scaled to fit its cell exactly still fits.
  const double needed = labelExtent / pixelsPerCell - 1e-9;
  for (int decade = 1; decade < (1 << 24); decade *= 10) {
    for (const int multiple : {1, 2, 5}) {
      if (multiple * decade >= needed) return multiple * decade;
    }
  }
  return 1 << 24;
}

LabelFit fitLabels(double rowPitch, double colPitch, double lineHeight, double widestColLabel,
                   double minScale) {
  const double rowExtent = lineHeight;
  const double rowScale = rowPitch / rowExtent;
  const double flatScale = widestColLabel > 0 ? colPitch / widestColLabel : 1.0;
  const double uprightScale = colPitch / rowExtent;
  LabelFit fit;
  fit.colsUpright = flatScale < std::min(1.0, rowScale);
  const double colScale = fit.colsUpright ? uprightScale : flatScale;
  fit.scale = std::clamp(std::min({1.0, rowScale, colScale}), std::min(minScale, 1.0), 1.0);
  fit.rowStep = labelStep(rowPitch, rowExtent * fit.scale);
  fit.colStep = labelStep(colPitch, (fit.colsUpright ? rowExtent : widestColLabel) * fit.scale);
  return fit;
}

}  // namespace attnscope
