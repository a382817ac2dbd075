#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/command_line.h"
#include "core/session_file.h"
#include "ui/figure/figure_export.h"
#include "ui/figure/figure_request.h"

namespace attnscope::cli {

// Everything `attnscope export` was asked for, checked: the session to compute (from --session
// with the options laid over it, or from the options alone), and the figure to draw.
struct ExportPlan {
  Session session;  // its weights loaded, with session.modelWidth equal to their width
  std::optional<MaskSpec> maskFile;  // --mask MASK.npy, which a session cannot hold
  std::string weightsName;           // the weights file's name, empty for seeded weights
  std::string out;
  FigureFormat format = FigureFormat::Png;
  ScoreStage stage = ScoreStage::Weights;
  std::optional<TraceMatrix> matrix;  // --step x|q|k|v|context|output
  HeadChoice heads;
  std::optional<LinesFigure> lines;  // --view lines, with --query and --window
  std::optional<ColorMapName> colorMap;
  FigureStyle style = FigureStyle::Paper;
  bool crop = false;
  int width = 1200, height = 900, dpi = 96;
};

std::vector<OptionSpec> exportOptionSpecs();

// Throws UsageError for unknown, malformed or contradictory options (checked before any file is
// read) and attnscope::Error for unreadable sessions, weights or masks.
ExportPlan planExport(const ParsedOptions& options);

}  // namespace attnscope::cli
