#pragma once

#include <QString>
#include <functional>

#include "ui/window/heatmap_plot.h"
#include "ui/window/written_notice.h"

class QMenu;
class QWidget;

namespace attnscope {

// The right-click menu of a matrix on screen (a head's map, a step-through panel): "Export this
// matrix…" to .csv or .npy by the extension, and "Copy values as CSV". Problems go to `report`,
// the file written to `written`. The menu deletes itself when closed.
QMenu* matrixMenu(const HeatmapData& data, QWidget* parent,
                  const std::function<void(QString)>& report, const WrittenNotice& written);

// Makes `plot` call `show` with its heatmap and the global position on a right click.
void offerMatrixMenu(HeatmapPlot* plot,
                     const std::function<void(const HeatmapData&, QPoint)>& show);

}  // namespace attnscope
