#pragma once

#include <QTimer>
#include <QWidget>
#include <memory>

#include "core/lesson_view.h"
#include "ui/model/computation_steps.h"

class QGridLayout;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QShortcut;
class QSlider;
class QSpinBox;

namespace attnscope {

class AttentionDocument;
class HeatmapPlot;
class RowSoftmaxPlot;

// The computation one matrix at a time: a list of the nine steps (ten for an encoder layer), the
// current formula with its shapes, the matrices of the step, and the worked arithmetic of one
// chosen cell. The chosen query row stays highlighted through every step.
class StepThroughView : public QWidget {
  Q_OBJECT

 public:
  explicit StepThroughView(AttentionDocument* document, QWidget* parent = nullptr);

  // The step shown, from 0 (a StepThroughStop, or kAroundAttentionStep for an encoder lesson).
  int step() const;
  // How many steps the result on screen has: 9, or 10 for an encoder lesson.
  int stepCount() const;
  QList<HeatmapPlot*> panels() const { return m_panels; }
  const QPushButton* previousButton() const { return m_previous; }
  const QPushButton* nextButton() const { return m_next; }
  const QListWidget* stepList() const { return m_steps; }
  const RowSoftmaxPlot* rowSoftmaxChart() const { return m_rowSoftmax; }
  QString formula() const;
  QString workedText() const;
  const StepContent& content() const { return m_content; }
  void next();
  void previous();
  void setPlaying(bool playing);

 signals:
  // A right click on a matrix: its values, for the window's Export / Copy values menu.
  void matrixMenuRequested(const HeatmapData& data, QPoint globalPosition);

 protected:
  void changeEvent(QEvent* event) override;
  void showEvent(QShowEvent* event) override;
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void showResult(const std::shared_ptr<const AttentionResult>& result);
  void showView(const SessionView& view);
  // Rebuilds the step's contents now when the step-through shows, else when it is next shown:
  // a live update behind the heads tab does not rebuild matrices no one sees.
  void refreshWhenShown();
  void refresh();
  void showStepList();
  // Lays the step's matrices out side by side where they fit at kMinCellPixels a cell, else in
  // rows; the area scrolls when even one is wider than the room.
  void arrangePanels();
  void retranslate();
  void applyFonts();
  void changeView(const std::function<void(SessionView&)>& edit);
  void selectCell(int row, int col, bool rowsAreQueries, bool colsAreKeys);

  AttentionDocument* m_document;
  std::shared_ptr<const AttentionResult> m_result;
  StepContent m_content;
  QListWidget* m_steps;
  QLabel* m_title;
  QLabel* m_formula;
  QLabel* m_explanation;
  QPushButton *m_previous, *m_play, *m_next;
  QSlider* m_speed;
  QLabel* m_speedCaption;
  QLabel* m_headCaption;
  QSpinBox* m_head;
  QScrollArea* m_panelArea;
  QGridLayout* m_panelGrid;
  QList<HeatmapPlot*> m_panels;
  int m_panelColumns = 0;    // how arrangePanels last laid them out:
  int m_arrangedPanels = 0;  // so many, so many side by side
  RowSoftmaxPlot* m_rowSoftmax;
  QLabel* m_workedCaption;
  QPlainTextEdit* m_worked;
  QTimer m_playTimer;
  QShortcut* m_leftKey = nullptr;
  QShortcut* m_rightKey = nullptr;
  bool m_stale = false;  // a result or view arrived while hidden
};

}  // namespace attnscope
