#pragma once

#include <QWidget>

#include "ui/model/color_map.h"

namespace attnscope {

// A vertical colour scale with ticks, shared by all the heads in the grid.
class ColorBar : public QWidget {
  Q_OBJECT

 public:
  explicit ColorBar(QWidget* parent = nullptr);
  void setColorMap(ColorMapName map);
  // With labels instead of numbers (automatic range: every head has its own low and high).
  void setRange(double low, double high);
  void setRelative(bool relative);
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  ColorMapName m_map = ColorMapName::Viridis;
  double m_low = 0.0, m_high = 1.0;
  bool m_relative = false;
};

}  // namespace attnscope
