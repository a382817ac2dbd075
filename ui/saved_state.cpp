#include "ui/saved_state.h"

#include "core/limits.h"

namespace attnscope {
namespace {

int boundedInt(const QSettings& settings, const QString& key, int low, int high, int fallback) {
  bool ok = false;
  const int value = settings.value(key).toInt(&ok);
  return ok && value >= low && value <= high ? value : fallback;
}

QString cellsText(const std::set<std::pair<int, int>>& cells) {
  QStringList parts;
  for (const auto& [query, key] : cells) parts << QStringLiteral("%1,%2").arg(query).arg(key);
  return parts.join(QLatin1Char(';'));
}

std::set<std::pair<int, int>> cellsFromText(const QString& text) {
  std::set<std::pair<int, int>> cells;
  for (const QString& part : text.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
    const QStringList pair = part.split(QLatin1Char(','));
    bool queryOk = false, keyOk = false;
    const int query = pair.value(0).toInt(&queryOk), key = pair.value(1).toInt(&keyOk);
    if (pair.size() == 2 && queryOk && keyOk && query >= 0 && key >= 0) cells.insert({query, key});
  }
  return cells;
}

}  // namespace

void saveParameters(QSettings& settings, const Lesson& p) {
  settings.beginGroup(QStringLiteral("parameters"));
  settings.setValue(QStringLiteral("text"), QString::fromStdString(p.text));
  settings.setValue(QStringLiteral("crossAttention"), p.crossAttention);
  settings.setValue(QStringLiteral("keyValueText"), QString::fromStdString(p.keyValueText));
  settings.setValue(QStringLiteral("modelWidth"), p.modelWidth);
  settings.setValue(QStringLiteral("heads"), p.heads);
  settings.setValue(QStringLiteral("seed"), QString::number(p.seed));
  settings.setValue(QStringLiteral("positional"), p.positional);
  settings.setValue(QStringLiteral("scaled"), p.scaled);
  settings.setValue(QStringLiteral("mask"), int(p.mask));
  settings.setValue(QStringLiteral("paddedLength"), p.paddedLength);
  settings.setValue(QStringLiteral("blockedCells"), cellsText(p.blockedCells));
  settings.endGroup();
}

Lesson loadParameters(const QSettings& settings, const Lesson& defaults) {
  Lesson p = defaults;
  const QString group = QStringLiteral("parameters/");
  if (!settings.contains(group + QStringLiteral("text"))) return p;
  p.text = settings.value(group + QStringLiteral("text")).toString().toStdString();
  p.crossAttention = settings.value(group + QStringLiteral("crossAttention")).toBool();
  p.keyValueText = settings.value(group + QStringLiteral("keyValueText")).toString().toStdString();
  p.modelWidth = boundedInt(settings, group + QStringLiteral("modelWidth"), 1, 2048, p.modelWidth);
  p.heads = boundedInt(settings, group + QStringLiteral("heads"), 1, kMaxHeads, p.heads);
  if (p.modelWidth % p.heads != 0) p.heads = 1;
  bool seedOk = false;
  const qulonglong seed =
      settings.value(group + QStringLiteral("seed")).toString().toULongLong(&seedOk);
  if (seedOk) p.seed = seed;
  p.positional = settings.value(group + QStringLiteral("positional"), p.positional).toBool();
  p.scaled = settings.value(group + QStringLiteral("scaled"), p.scaled).toBool();
  p.mask = LessonMask(boundedInt(settings, group + QStringLiteral("mask"), 0, 3, int(p.mask)));
  p.paddedLength = boundedInt(settings, group + QStringLiteral("paddedLength"), 0, 512, 0);
  p.blockedCells = cellsFromText(settings.value(group + QStringLiteral("blockedCells")).toString());
  return p;
}

void saveView(QSettings& settings, const ViewSettings& view) {
  settings.setValue(QStringLiteral("view/colorMap"), colorMapKey(view.colorMap));
  settings.setValue(QStringLiteral("view/automaticRange"), view.automaticRange);
  settings.setValue(QStringLiteral("view/averageOfHeads"), view.averageOfHeads);
}

ViewSettings loadView(const QSettings& settings) {
  ViewSettings view;
  if (auto map = colorMapFromKey(settings.value(QStringLiteral("view/colorMap")).toString())) {
    view.colorMap = *map;
  }
  view.automaticRange = settings.value(QStringLiteral("view/automaticRange"), false).toBool();
  view.averageOfHeads = settings.value(QStringLiteral("view/averageOfHeads"), false).toBool();
  return view;
}

}  // namespace attnscope
