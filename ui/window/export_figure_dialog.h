#pragma once

#include <QDialog>

#include "ui/figure/figure_choice.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace attnscope {

// File ▸ Export figure: what to draw (the current view by default), the style preset, colour
// map, size and resolution, and the file, whose extension picks PNG, SVG or PDF. It only fills a
// FigureChoice; the caller exports it, so tests drive the same export without the dialog.
class ExportFigureDialog : public QDialog {
  Q_OBJECT

 public:
  ExportFigureDialog(const FigureChoice& initial, int heads, QWidget* parent = nullptr);

  FigureChoice choice() const;
  void setChoice(const FigureChoice& choice);

 signals:
  void copyFigureRequested(const FigureChoice& choice);
  void copyCommandRequested(const FigureChoice& choice);

 private:
  void browse();
  void updateEnabled();

  int m_heads;
  QComboBox* m_content;
  QComboBox* m_head;
  QComboBox* m_style;
  QComboBox* m_colorMap;
  QSpinBox *m_width, *m_height, *m_dpi;
  QLabel* m_printed;
  QLineEdit* m_path;
};

}  // namespace attnscope
