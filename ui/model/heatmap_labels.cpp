#include "ui/model/heatmap_labels.h"

#include <QFontMetricsF>
#include <QHash>

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
  const double needed = labelExtent / pixelsPerCell;
  for (int decade = 1; decade < (1 << 24); decade *= 10) {
    for (const int multiple : {1, 2, 5}) {
      if (multiple * decade >= needed) return multiple * decade;
    }
  }
  return 1 << 24;
}

}  // namespace attnscope
