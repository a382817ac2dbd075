#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "core/lesson_weights.h"
#include "core/session_file.h"
#include "ui/figure_choice.h"

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;
struct HeatmapData;
struct Session;

// File ▸ Open, Save, Examples, Recent, Load weights, Export and Copy: everything that takes the
// current state out of the window or brings a saved lesson or weights in. Problems are reported
// through `report` (shown in place above the heads), and a file that cannot be opened leaves the
// state as it was.
class FileActions : public QObject {
  Q_OBJECT

 public:
  FileActions(AttentionDocument* document, QWidget* window, std::function<void(QString)> report);
  void fillMenu(QMenu* menu);
  void retranslate();

  // Opens a session file; returns an empty string or the problem.
  QString openSession(const QString& path);
  // Saves the state; loaded weights as their path, or as the file's bytes when "Embed weights in
  // the lesson" is checked.
  QString saveSession(const QString& path);
  // Opens a state given without a file (`attnscope --text ...`); returns an empty string or
  // the problem.
  QString openState(const Session& session);
  // Reads a .safetensors file (layout from its keys) and emits weightsChosen; returns an empty
  // string or the problem, and then the state is unchanged.
  QString loadWeights(const QString& path);
  QAction* embedWeightsAction() const { return m_embedWeights; }
  QAction* randomWeightsAction() const { return m_randomWeights; }
  // The `attnscope export` line that redraws the current view's figure (currentFigureChoice).
  QString exportCommand() const;
  // The current view at the last exported look and file: what Copy figure and Copy as command
  // draw, and where the export dialog starts.
  FigureChoice currentFigureChoice() const;
  // The figure `choice` asks for from the current result, with the command that redraws it.
  FigureRequest figureRequest(const FigureChoice& choice) const;
  // Writes it to choice.path, as the export dialog does; an empty string or the problem.
  QString exportFigure(const FigureChoice& choice) const;
  // The matrix on screen (the step-through's step and head, or the heads view's weights) as
  // .csv or .npy; an empty string or the problem.
  QString exportCurrentMatrix(const QString& path) const;
  // Which tab shows decides what "the current view" is.
  void setStepThroughShown(std::function<bool()> shown) { m_stepThroughShown = std::move(shown); }
  // The right-click menu of a matrix on screen.
  void showMatrixMenu(const HeatmapData& data, QPoint globalPosition);
  QString currentPath() const { return m_path; }

 signals:
  // Weights to run from now on: loaded ones, or the seeded ones again (File ▸ Use random weights).
  void weightsChosen(const LessonWeights& weights);

 private:
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void exportFigureInteractively();
  // Puts the figure on the clipboard, or reports why there is none.
  void copyFigure(const FigureChoice& choice);
  void exportMatricesInteractively();
  void exportMatrixInteractively();

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  QString m_path;  // the session file the state came from or was saved to
  std::function<bool()> m_stepThroughShown = [] { return false; };
  // The opened lesson's figure step (`export --session` draws it; the window does not show it),
  // kept so that saving again does not lose it.
  ScoreStage m_figureStep = ScoreStage::Weights;
  QMenu* m_examples = nullptr;
  QMenu* m_recent = nullptr;
  QAction *m_loadWeights = nullptr, *m_randomWeights = nullptr, *m_embedWeights = nullptr;
  QAction *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr, *m_exportFigure = nullptr,
          *m_exportMatrices = nullptr, *m_exportMatrix = nullptr, *m_copyImage = nullptr,
          *m_copyCommand = nullptr;
};

}  // namespace attnscope
