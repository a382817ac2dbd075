#pragma once

#include <QDialog>
#include <QImage>
#include <functional>

#include "ui/figure/figure_choice.h"

class QCheckBox;
class QComboBox;
class QTimer;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace attnscope {

// File ▸ Export figure: what to draw (the current view by default), the style preset, colour
// map, size (or a slide preset) and resolution, and the file, whose extension picks PNG, SVG or
// PDF, beside a live preview. It only fills a FigureChoice; the caller exports it, so tests drive
// the same export without the dialog.
class ExportFigureDialog : public QDialog {
  Q_OBJECT

 public:
  ExportFigureDialog(const FigureChoice& initial, int heads, QWidget* parent = nullptr);

  FigureChoice choice() const;
  void setChoice(const FigureChoice& choice);
  // Draws the choice for the preview beside the form, again after every change; a null image
  // says the choice cannot be drawn. Without it the dialog shows no preview.
  void setPreviewRenderer(std::function<QImage(const FigureChoice&)> render);
  QLabel* preview() const { return m_preview; }

  // The preview's box, in device-independent pixels: about a third of a laptop screen.
  static constexpr QSize kPreviewBox{420, 315};
  // Slide sizes offered as presets, wide first: 1920 × 1080 (16:9) and 1600 × 1200 (4:3).
  static QList<QSize> slideSizes();

 signals:
  void copyFigureRequested(const FigureChoice& choice);
  void copyCommandRequested(const FigureChoice& choice);

 private:
  void browse();
  void updateEnabled();
  void updatePreview();
  void choosePreset(int index);

  int m_heads;
  QComboBox* m_content;
  QComboBox* m_head;
  QComboBox* m_style;
  QComboBox* m_colorMap;
  QComboBox* m_preset;
  QCheckBox* m_crop;  // a slide size, or "Custom" for any other size
  QSpinBox *m_width, *m_height, *m_dpi;
  QLabel* m_printed;
  QLineEdit* m_path;
  LinesFigure m_lines;  // the query and window lines are drawn with, from the view
  QLabel* m_preview;
  QTimer* m_previewPause;  // one preview per burst of changes (typing a width)
  std::function<QImage(const FigureChoice&)> m_render;
};

}  // namespace attnscope
