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
  // The values at the two ends, printed at its ticks.
  void setRange(double low, double high);
  double low() const { return m_low; }
  double high() const { return m_high; }
  QSize sizeHint() const override;

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  ColorMapName m_map = ColorMapName::Viridis;
  double m_low = 0.0, m_high = 1.0;
};

}  // namespace attnscope
