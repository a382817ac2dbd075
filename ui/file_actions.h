#pragma once

#include <QObject>
#include <QString>
#include <functional>

#include "core/session_file.h"
#include "ui/weights_source.h"

class QAction;
class QMenu;
class QWidget;

namespace attnscope {

class AttentionDocument;

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
  // Reads a .safetensors file (layout from its keys) and emits weightsChosen; returns an empty
  // string or the problem, and then the state is unchanged.
  QString loadWeights(const QString& path);
  QAction* embedWeightsAction() const { return m_embedWeights; }
  QAction* randomWeightsAction() const { return m_randomWeights; }
  // The `attnscope export` line that redraws the current heads as a figure.
  QString exportCommand() const;
  QString currentPath() const { return m_path; }

 signals:
  // Weights to run from now on: loaded ones, or the seeded ones again (File ▸ Use random weights).
  void weightsChosen(const WeightsSource& weights);

 private:
  void rememberRecent(const QString& path);
  void rebuildRecentMenu();
  void exportFigureInteractively();
  void exportMatricesInteractively();

  AttentionDocument* m_document;
  QWidget* m_window;
  std::function<void(QString)> m_report;
  QString m_path;  // the session file the state came from or was saved to
  // The opened lesson's figure step (`export --session` draws it; the window does not show it),
  // kept so that saving again does not lose it.
  SessionStep m_figureStep = SessionStep::Weights;
  QMenu* m_examples = nullptr;
  QMenu* m_recent = nullptr;
  QAction *m_loadWeights = nullptr, *m_randomWeights = nullptr, *m_embedWeights = nullptr;
  QAction *m_open = nullptr, *m_save = nullptr, *m_saveAs = nullptr, *m_exportFigure = nullptr,
          *m_exportMatrices = nullptr, *m_copyImage = nullptr, *m_copyCommand = nullptr;
};

}  // namespace attnscope
