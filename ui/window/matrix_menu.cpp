#include "ui/window/matrix_menu.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QRegularExpression>

#include "ui/figure/matrix_export.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class MatrixMenu {
  Q_DECLARE_TR_FUNCTIONS(attnscope::MatrixMenu)
};

// "head 2" → "head_2.csv": a file name from the matrix's title.
QString suggestedName(const HeatmapData& data) {
  QString name = data.title;
  name.replace(QRegularExpression(QStringLiteral("[^\\w]+")), QStringLiteral("_"));
  name = name.trimmed();
  return (name.isEmpty() || name == QLatin1String("_") ? QStringLiteral("matrix") : name) +
         QStringLiteral(".csv");
}

}  // namespace

QMenu* matrixMenu(const HeatmapData& data, QWidget* parent,
                  const std::function<void(QString)>& report, const WrittenNotice& written) {
  auto* menu = new QMenu(parent);
  menu->setAttribute(Qt::WA_DeleteOnClose);
  if (data.isPicture()) {
    menu->addAction(MatrixMenu::tr("A pooled picture holds no matrix: shorten the text to export"))
        ->setEnabled(false);
    return menu;
  }
  menu->addAction(MatrixMenu::tr("Export this matrix…"), parent, [data, parent, report, written] {
    const QString path = QFileDialog::getSaveFileName(
        parent, MatrixMenu::tr("Export this matrix"), QDir::home().filePath(suggestedName(data)),
        MatrixMenu::tr("CSV table (*.csv);;NumPy array (*.npy)"));
    if (path.isEmpty()) return;
    const QString problem = exportHeatmap(data, path);
    report(problem);
    if (problem.isEmpty()) {
      const QFileInfo file(path);
      written(MatrixMenu::tr("Exported “%1”").arg(file.fileName()), file.absolutePath());
    }
  });
  menu->addAction(MatrixMenu::tr("Copy values as CSV"), parent,
                  [data] { QApplication::clipboard()->setText(heatmapCsvText(data)); });
  return menu;
}

void offerMatrixMenu(HeatmapPlot* plot,
                     const std::function<void(const HeatmapData&, QPoint)>& show) {
  plot->setContextMenuPolicy(Qt::CustomContextMenu);
  QObject::connect(
      plot, &QWidget::customContextMenuRequested, plot,
      [plot, show](const QPoint& at) { show(plot->heatmap(), plot->mapToGlobal(at)); });
}

}  // namespace attnscope
