#include "ui/figure/figure_renderer.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPainter>
#include <cmath>

#include "ui/figure/figure_legend.h"
#include "ui/figure/figure_lines.h"
#include "ui/figure/figure_look.h"
#include "ui/figure/figure_tile.h"
#include "ui/model/trace_matrices.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class Figure {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Figure)
};

std::vector<HeatmapData> mapsOf(const FigureRequest& request) {
  const AttentionResult& result = *request.result;
  if (request.matrix) return {traceMatrixHeatmap(result, *request.matrix, request.heads)};
  switch (request.heads.kind) {
    case HeadChoice::Kind::Mean:
      return {averageHeatmap(result)};
    case HeadChoice::Kind::One:
      return {headHeatmap(result, request.heads.head, request.stage)};
    case HeadChoice::Kind::All:
      break;
  }
  std::vector<HeatmapData> maps;
  for (int head = 0; head < result.trace->heads; ++head) {
    maps.push_back(headHeatmap(result, head, request.stage));
  }
  return maps;
}

TileColors colorsOf(const FigureRequest& request, const std::vector<HeatmapData>& maps) {
  TileColors colors;
  colors.map = effectiveColorMap(request);
  colors.blockedAsEmpty = !request.matrix && (request.stage == ScoreStage::Masked ||
                                              request.stage == ScoreStage::Weights);
  if (request.stage == ScoreStage::Weights && !request.matrix) return colors;
  double extent = 0;
  for (const HeatmapData& map : maps) extent = std::max(extent, symmetricRange(map).second);
  colors.low = -extent;
  colors.high = extent;
  return colors;
}

QString colorBarCaption(const FigureRequest& request) {
  if (request.matrix) return Figure::tr("value");
  if (request.heads.kind == HeadChoice::Kind::Mean) return Figure::tr("mean attention weight");
  switch (request.stage) {
    case ScoreStage::Scores:
      return Figure::tr("score q·kᵀ");
    case ScoreStage::Scaled:
      return Figure::tr("scaled score q·kᵀ/√d_k");
    case ScoreStage::Masked:
      return Figure::tr("masked score");
    case ScoreStage::Weights:
      break;
  }
  return Figure::tr("attention weight");
}

// Where the tiles go: columns × rows of maps, each cell `cell` units square.
struct Arrangement {
  int columns = 1, rows = 1;
  double cell = 0;
  AxisPlan queries, keys;
  double left = 0;  // room for query labels (or slanted key labels) left of the first column
};

// Key labels go under the tiles; a trace matrix's dimension indices (`columnsOnTop`) above.
Arrangement arrange(const FigureLook& look, const QPaintDevice& device, const QRectF& area,
                    const HeatmapData& shape, int maps, double headingHeight, bool columnsOnTop) {
  const double gapX = 16 * look.pt, gapY = 10 * look.pt + headingHeight;
  Arrangement best;
  for (int columns = 1; columns <= maps; ++columns) {
    Arrangement option;
    option.columns = columns;
    option.rows = (maps + columns - 1) / columns;
    option.cell = 1e9;
    // The labels' room depends on the cell size and the reverse: a few rounds settle both.
    for (int round = 0; round < 3; ++round) {
      option.queries = planQueryLabels(shape.rowLabels, look, device, option.cell);
      option.keys = columnsOnTop ? planColumnLabels(shape.colLabels, look, device, option.cell)
                                 : planKeyLabels(shape.colLabels, look, device, option.cell);
      option.left = std::max(option.queries.extent, option.keys.overhang);
      const double width =
          (area.width() - option.left - (columns - 1) * gapX) / (columns * shape.cols);
      const double height = (area.height() - option.keys.extent - option.rows * headingHeight -
                             (option.rows - 1) * gapY) /
                            (option.rows * shape.rows);
      option.cell = std::clamp(std::min(width, height), 0.5, 72 * look.pt);
    }
    if (option.cell > best.cell) best = option;
  }
  // Whole device units make every cell the same size in a PNG.
  if (best.cell > 6) best.cell = std::floor(best.cell);
  return best;
}

QString matrixTitle(TraceMatrix matrix, const HeadChoice& heads) {
  const bool one = heads.kind == HeadChoice::Kind::One;
  switch (matrix) {
    case TraceMatrix::Input:
      return Figure::tr("Input X = embeddings + positions");
    case TraceMatrix::Queries:
      return Figure::tr("Queries Q = XW^Qᵀ + b^Q");
    case TraceMatrix::Keys:
      return Figure::tr("Keys K = XW^Kᵀ + b^K");
    case TraceMatrix::Values:
      return Figure::tr("Values V = XW^Vᵀ + b^V");
    case TraceMatrix::Context:
      return one ? Figure::tr("Weighted sum of values A·V")
                 : Figure::tr("Concatenated head outputs");
    case TraceMatrix::Output:
      break;
  }
  return Figure::tr("Output = Concat(heads)·W^Oᵀ + b^O");
}

// The title and, under it, the line of parameters, from `top`.
void drawHeader(QPainter& painter, const FigureLook& look, const FigureRequest& request,
                const QRectF& area, double top) {
  const QFontMetricsF titleMetrics(look.title, painter.device()),
      subtitleMetrics(look.subtitle, painter.device());
  const QString title = request.title.isEmpty() ? defaultFigureTitle(request) : request.title;
  painter.setFont(look.title);
  painter.setPen(look.text);
  painter.drawText(QRectF(area.left(), top, area.width(), titleMetrics.height()),
                   Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignTop,
                   titleMetrics.elidedText(title, Qt::ElideRight, area.width()));
  painter.setFont(look.subtitle);
  painter.setPen(look.muted);
  painter.drawText(
      QRectF(area.left(), top + titleMetrics.height() + 2 * look.pt, area.width(),
             subtitleMetrics.height()),
      Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignTop,
      subtitleMetrics.elidedText(figureSubtitle(request), Qt::ElideRight, area.width()));
}

// The figure of the lines: the title and parameters above, the two columns of tokens and their
// lines below, and a line saying what width and darkness mean.
void paintLinesFigure(QPainter& painter, const FigureRequest& request, const FigureLook& look,
                      const QRectF& area, double headerHeight) {
  const HeatmapData weights =
      request.heads.kind == HeadChoice::Kind::Mean
          ? averageHeatmap(*request.result)
          : headHeatmap(*request.result, request.heads.head, ScoreStage::Weights);
  const TokenWindow window = request.lines->window.size() > 0
                                 ? clampedTokenWindow(request.lines->window, weights.rows)
                                 : defaultTokenWindow(weights.rows);
  LinesLook lines;
  lines.font = look.label;
  lines.text = look.text;
  lines.muted = look.muted;
  lines.line = figureLineColor(effectiveColorMap(request));
  lines.chosen = lines.line;
  lines.chosenText = contrastingTextColor(lines.line);
  lines.minLineWidth = 0.5 * look.pt;
  lines.maxLineWidth = 5 * look.pt;
  lines.everyLineWide = true;  // the caption says so; a figure is drawn once
  lines.queriesTitle = Figure::tr("query");
  lines.keysTitle = Figure::tr("key");
  const QFontMetricsF captionMetrics(look.subtitle, painter.device());
  const QRectF body = area.adjusted(0, headerHeight, 0, -captionMetrics.height() - 8 * look.pt);
  const LinesLayout layout =
      linesLayout(body, QFontMetricsF(look.label, painter.device()), weights, window);
  drawAttentionLines(painter, layout, weights,
                     attentionLines(weights, window, 0.0, 1.0, request.lines->query), lines,
                     request.lines->query);
  QString caption = Figure::tr("line width and opacity: the attention weight");
  if (window.size() < weights.rows) {
    caption +=
        Figure::tr(" · tokens %1–%2 of %3").arg(window.from + 1).arg(window.to).arg(weights.rows);
  }
  painter.setFont(look.subtitle);
  painter.setPen(look.muted);
  painter.drawText(QRectF(area.left(), area.bottom() - captionMetrics.height(), area.width(),
                          captionMetrics.height()),
                   Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignBottom, caption);
}

}  // namespace

QString defaultFigureTitle(const FigureRequest& request) {
  const int heads = request.result->trace->heads;
  if (request.matrix) {
    const QString title = matrixTitle(*request.matrix, request.heads);
    if (!splitIntoHeads(*request.matrix)) return title;
    if (request.heads.kind == HeadChoice::Kind::One)
      return Figure::tr("%1 · head %2").arg(title).arg(request.heads.head + 1);
    return Figure::tr("%1 · all %n heads", nullptr, heads).arg(title);
  }
  QString stage = Figure::tr("Attention weights");
  if (request.lines) {
    stage = request.heads.kind == HeadChoice::Kind::Mean
                ? Figure::tr("Attention lines · mean of %n heads", nullptr, heads)
                : Figure::tr("Attention lines · head %1").arg(request.heads.head + 1);
    const std::optional<int> query = request.lines->query;
    if (!query || *query >= int(request.result->queryTokens.size())) return stage;
    const Token& token = request.result->queryTokens[std::size_t(*query)];
    return Figure::tr("%1 · query “%2”").arg(stage, QString::fromStdString(token.text));
  }
  if (request.heads.kind != HeadChoice::Kind::Mean) {
    switch (request.stage) {
      case ScoreStage::Scores:
        stage = Figure::tr("Raw scores q·kᵀ");
        break;
      case ScoreStage::Scaled:
        stage = Figure::tr("Scaled scores q·kᵀ/√d_k");
        break;
      case ScoreStage::Masked:
        stage = Figure::tr("Masked scores");
        break;
      case ScoreStage::Weights:
        break;
    }
  }
  switch (request.heads.kind) {
    case HeadChoice::Kind::All:
      return Figure::tr("%1 · all %n heads", nullptr, heads).arg(stage);
    case HeadChoice::Kind::Mean:
      return Figure::tr("%1 · mean of %n heads", nullptr, heads).arg(stage);
    case HeadChoice::Kind::One:
      break;
  }
  return Figure::tr("%1 · head %2").arg(stage).arg(request.heads.head + 1);
}

QString figureSubtitle(const FigureRequest& request) {
  const Lesson& p = request.result->parameters;
  const AttentionTrace& trace = *request.result->trace;
  QStringList parts;
  if (!p.model.isSandbox()) {
    // A pretrained encoder: no seed, mask or positional choice; d_model is the layer's input.
    parts << Figure::tr("%1, layer %2")
                 .arg(QFileInfo(QString::fromStdString(p.model.name)).fileName())
                 .arg(p.model.layer)
          << Figure::tr("d_model %1").arg(request.result->keyValueInput.cols())
          << Figure::tr("%n heads", nullptr, trace.heads)
          << Figure::tr("d_k %1").arg(trace.headWidth);
    return parts.join(QStringLiteral(" · "));
  }
  parts << Figure::tr("d_model %1").arg(p.modelWidth)
        << Figure::tr("%n heads", nullptr, trace.heads) << Figure::tr("d_k %1").arg(trace.headWidth)
        << Figure::tr("seed %1").arg(p.seed);
  switch (p.mask) {
    case LessonMask::None:
      parts << Figure::tr("no mask");
      break;
    case LessonMask::Causal:
      parts << Figure::tr("causal mask");
      break;
    case LessonMask::KeyPadding:
      parts << Figure::tr("keys padded to %n", nullptr, p.paddedLength);
      break;
    case LessonMask::Custom:
      parts << Figure::tr("custom mask");
      break;
  }
  if (p.crossAttention) parts << Figure::tr("cross-attention");
  if (!p.positional) parts << Figure::tr("no positional encoding");
  if (!request.weightsName.isEmpty()) parts << Figure::tr("weights: %1").arg(request.weightsName);
  return parts.join(QStringLiteral(" · "));
}

void paintFigure(QPainter& painter, const FigureRequest& request) {
  const QPaintDevice& device = *painter.device();
  const FigureLook look = figureLook(request.style, device);
  const QRectF page(0, 0, request.size.width(), request.size.height());
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, true);
  painter.setRenderHint(QPainter::TextAntialiasing, true);
  painter.fillRect(page, look.background);
  const QRectF area = page.adjusted(14 * look.pt, 10 * look.pt, -14 * look.pt, -10 * look.pt);

  const QFontMetricsF titleMetrics(look.title, &device), subtitleMetrics(look.subtitle, &device);
  const double headerHeight =
      titleMetrics.height() + 2 * look.pt + subtitleMetrics.height() + 14 * look.pt;
  if (request.lines) {
    // The header at the top: the lines fill the page below it.
    drawHeader(painter, look, request, area, area.top());
    paintLinesFigure(painter, request, look, area, headerHeight);
    painter.restore();
    return;
  }
  const std::vector<HeatmapData> maps = mapsOf(request);
  const TileColors colors = colorsOf(request, maps);
  const bool grid = maps.size() > 1;
  const bool columnsOnTop = request.matrix.has_value();

  // Room on the right for the colour bar, its ticks and caption; on the left and below for the
  // axis titles.
  const QFontMetricsF tickMetrics(look.tick, &device), axisMetrics(look.axisTitle, &device);
  double tickWidth = 0;  // of the widest label any tick count the bar may choose would print
  for (int target = 2; target <= 8; ++target) {
    const Ticks ticks = niceTicks(colors.low, colors.high, target);
    for (const double value : ticks.values) {
      tickWidth =
          std::max(tickWidth, tickMetrics.horizontalAdvance(figureNumber(value, ticks.decimals)));
    }
  }
  const double barWidth = 12 * look.pt;
  const double barBlock =
      18 * look.pt + barWidth + 5 * look.pt + tickWidth + 8 * look.pt + axisMetrics.height();
  const double axisBlock = axisMetrics.height() + 6 * look.pt;
  const QRectF plots = columnsOnTop
                           ? area.adjusted(axisBlock, headerHeight + axisBlock, -barBlock, 0)
                           : area.adjusted(axisBlock, headerHeight, -barBlock, -axisBlock);
  const double headingHeight =
      grid ? QFontMetricsF(look.heading, &device).height() + 4 * look.pt : 0;
  const Arrangement layout =
      arrange(look, device, plots, maps.front(), int(maps.size()), headingHeight, columnsOnTop);

  // The tiles centred across, and the header and tiles together centred down the page, so the
  // title stays with its figure.
  const double gapX = 16 * look.pt, gapY = 10 * look.pt + headingHeight;
  const double tileWidth = layout.cell * maps.front().cols,
               tileHeight = layout.cell * maps.front().rows;
  const double usedWidth = layout.left + layout.columns * tileWidth + (layout.columns - 1) * gapX;
  const double usedHeight =
      layout.rows * (headingHeight + tileHeight) + (layout.rows - 1) * gapY + layout.keys.extent;
  const double shift = std::max(0.0, (plots.height() - usedHeight) / 2);
  const QPointF origin(plots.left() + (plots.width() - usedWidth) / 2 + layout.left,
                       plots.top() + shift + (columnsOnTop ? layout.keys.extent : 0));

  drawHeader(painter, look, request, area, area.top() + shift);

  const std::optional<QFont> valueFont =
      grid ? std::nullopt : cellValueFont(look, device, layout.cell);
  QRectF tilesBounds;
  for (std::size_t i = 0; i < maps.size(); ++i) {
    const int column = int(i) % layout.columns, row = int(i) / layout.columns;
    const QRectF cells(origin.x() + column * (tileWidth + gapX),
                       origin.y() + row * (headingHeight + tileHeight + gapY) + headingHeight,
                       tileWidth, tileHeight);
    tilesBounds = tilesBounds.isNull() ? cells : tilesBounds.united(cells);
    if (grid) {
      painter.setFont(look.heading);
      painter.setPen(look.text);
      painter.drawText(
          QRectF(cells.left(), cells.top() - headingHeight, cells.width(), headingHeight),
          Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignTop, maps[i].title);
    }
    drawCells(painter, look, maps[i], cells, colors);
    if (valueFont) {
      drawCellValues(painter, *valueFont, maps[i], cells, colors,
                     request.matrix ? ScoreStage::Scores : request.stage);
    }
    if (column == 0) drawQueryLabels(painter, look, layout.queries, cells, maps[i].rows);
    if (columnsOnTop) {
      if (row == 0) drawColumnLabels(painter, look, layout.keys, cells, maps[i].cols);
      if (request.heads.kind == HeadChoice::Kind::All && splitIntoHeads(*request.matrix))
        drawColumnGroups(painter, look, cells, maps[i].cols, int(request.result->trace->headWidth));
    } else if (i + layout.columns >= maps.size()) {
      // Key labels under the lowest tile of each column.
      drawKeyLabels(painter, look, layout.keys, cells, maps[i].cols);
    }
  }

  // Axis titles: "query" up the left, "key" centred under the key labels; a trace matrix's
  // "dimension" above its indices, and "key" up the left for K and V, whose rows are keys.
  painter.setFont(look.axisTitle);
  painter.setPen(look.muted);
  const double columnTitleTop =
      columnsOnTop ? tilesBounds.top() - layout.keys.extent - 2 * look.pt - axisMetrics.height()
                   : tilesBounds.bottom() + layout.keys.extent + 2 * look.pt;
  painter.drawText(
      QRectF(tilesBounds.left(), columnTitleTop, tilesBounds.width(), axisMetrics.height()),
      Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignTop,
      columnsOnTop ? Figure::tr("dimension") : Figure::tr("key"));
  const bool rowsAreKeys =
      request.matrix == TraceMatrix::Keys || request.matrix == TraceMatrix::Values;
  painter.save();
  painter.translate(tilesBounds.left() - layout.left - 4 * look.pt, tilesBounds.center().y());
  painter.rotate(-90);
  painter.drawText(QRectF(-tilesBounds.height() / 2, -axisMetrics.height(), tilesBounds.height(),
                          axisMetrics.height()),
                   Qt::TextDontClip | Qt::AlignHCenter | Qt::AlignBottom,
                   rowsAreKeys ? Figure::tr("key") : Figure::tr("query"));
  painter.restore();

  // The colour bar beside the tiles, at most a comfortable reading height.
  const double barHeight = std::min(tilesBounds.height(), 320 * look.pt);
  const QRectF bar(tilesBounds.right() + 18 * look.pt, tilesBounds.center().y() - barHeight / 2,
                   barWidth, barHeight);
  drawColorBar(painter, look, colors, bar, colorBarCaption(request));
  if (anyBlocked(maps))
    drawBlockedLegend(painter, look, colors, bar.bottomLeft() + QPointF(0, 10 * look.pt));
  painter.restore();
}

}  // namespace attnscope
