#include "ui/window/step_through_view.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <cmath>

#include "ui/model/attention_document.h"
#include "ui/model/head_maps.h"
#include "ui/model/worked_numbers.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/matrix_menu.h"
#include "ui/window/row_softmax_plot.h"

namespace attnscope {
namespace {

// The narrowest a matrix cell is drawn: a projector must still show its colour and a mouse hit
// it for the tooltip. Matrices that cannot all be this wide side by side are stacked instead.
constexpr int kMinCellPixels = 14;
// A panel's room around its cells: row labels on the left, the colour bar on the right, the
// title and column labels above.
constexpr int kPanelChromeWidth = 140;
constexpr int kPanelChromeHeight = 90;
// Past this many cells a side a matrix is a texture (d_model 512, a feed-forward of 2048), not
// numbers to hover one by one: it gets the room of this many and draws its cells smaller.
constexpr int kMaxCellsAtMinimumSize = 40;

// The least room for `cells` cells a side plus the panel's own `chrome`.
int minimumExtent(int cells, int chrome) {
  return std::max(200, chrome + std::min(cells, kMaxCellsAtMinimumSize) * kMinCellPixels);
}

}  // namespace

StepThroughView::StepThroughView(AttentionDocument* document, QWidget* parent)
    : QWidget(parent),
      m_document(document),
      m_steps(new QListWidget),
      m_title(new QLabel),
      m_formula(new QLabel),
      m_explanation(new QLabel),
      m_previous(new QPushButton),
      m_play(new QPushButton),
      m_next(new QPushButton),
      m_speed(new QSlider(Qt::Horizontal)),
      m_speedCaption(new QLabel),
      m_headCaption(new QLabel),
      m_head(new QSpinBox),
      m_panelArea(new QScrollArea),
      m_panelGrid(new QGridLayout),
      m_rowSoftmax(new RowSoftmaxPlot),
      m_workedCaption(new QLabel),
      m_worked(new QPlainTextEdit) {
  m_title->setObjectName(QStringLiteral("stepTitle"));
  m_formula->setObjectName(QStringLiteral("stepFormula"));
  m_worked->setObjectName(QStringLiteral("workedNumbers"));
  // The list is as wide as its longest title (showStepList), never scrolls sideways, and so
  // never changes width from one step to the next.
  m_steps->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_steps->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
  m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_explanation->setWordWrap(true);
  m_explanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  m_play->setCheckable(true);
  m_speed->setRange(1, 10);
  m_speed->setValue(4);
  m_speed->setMaximumWidth(140);
  m_head->setMinimum(1);
  m_worked->setReadOnly(true);
  // One term per line: wrapping could only break a number apart ("(0.⏎01909)").
  m_worked->setLineWrapMode(QPlainTextEdit::NoWrap);
  m_worked->setMinimumWidth(300);
  applyFonts();

  auto* controls = new QHBoxLayout;
  controls->addWidget(m_previous);
  controls->addWidget(m_play);
  controls->addWidget(m_next);
  controls->addWidget(m_speedCaption);
  controls->addWidget(m_speed);
  controls->addSpacing(16);
  controls->addWidget(m_headCaption);
  controls->addWidget(m_head);
  controls->addStretch();

  auto* panels = new QWidget;
  panels->setLayout(m_panelGrid);
  m_panelGrid->setContentsMargins(0, 0, 0, 0);
  m_panelArea->setWidget(panels);
  m_panelArea->setWidgetResizable(true);
  m_panelArea->setFrameShape(QFrame::NoFrame);
  m_panelArea->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  m_panelArea->viewport()->installEventFilter(this);

  auto* side = new QVBoxLayout;
  side->addWidget(m_workedCaption);
  side->addWidget(m_worked, 1);
  side->addWidget(m_rowSoftmax, 1);

  auto* body = new QHBoxLayout;
  body->addWidget(m_panelArea, 3);
  body->addLayout(side, 1);

  // The buttons come first: above every text whose length changes with the step, they stay
  // under the mouse while a teacher clicks through.
  auto* main = new QVBoxLayout;
  main->addLayout(controls);
  main->addWidget(m_title);
  main->addWidget(m_formula);
  main->addWidget(m_explanation);
  main->addLayout(body, 1);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_steps);
  layout->addLayout(main, 1);

  m_playTimer.setSingleShot(false);
  connect(&m_playTimer, &QTimer::timeout, this, [this] {
    if (step() + 1 >= stepCount()) {
      setPlaying(false);
    } else {
      next();
    }
  });
  connect(m_steps, &QListWidget::currentRowChanged, this, [this](int row) {
    if (row >= 0) changeView([row](SessionView& v) { v.stepThrough = StepThroughStop(row); });
  });
  connect(m_previous, &QPushButton::clicked, this, &StepThroughView::previous);
  connect(m_next, &QPushButton::clicked, this, &StepThroughView::next);
  connect(m_play, &QPushButton::toggled, this, &StepThroughView::setPlaying);
  connect(m_speed, &QSlider::valueChanged, this,
          [this](int speed) { m_playTimer.setInterval(6000 / speed); });
  m_playTimer.setInterval(6000 / m_speed->value());
  connect(m_head, &QSpinBox::valueChanged, this,
          [this](int head) { changeView([head](SessionView& v) { v.stepHead = head - 1; }); });
  m_leftKey = new QShortcut(Qt::Key_Left, this, this, &StepThroughView::previous);
  m_rightKey = new QShortcut(Qt::Key_Right, this, this, &StepThroughView::next);
  m_leftKey->setContext(Qt::WidgetWithChildrenShortcut);
  m_rightKey->setContext(Qt::WidgetWithChildrenShortcut);

  connect(document, &AttentionDocument::resultChanged, this, &StepThroughView::showResult);
  connect(document, &AttentionDocument::viewChanged, this, &StepThroughView::showView);
  retranslate();
  showResult(document->result());
}

int StepThroughView::stepCount() const {
  return m_result ? attnscope::stepCount(*m_result) : kStepThroughStops;
}

int StepThroughView::step() const {
  return std::clamp(int(m_document->view().stepThrough), 0, stepCount() - 1);
}

QString StepThroughView::formula() const { return m_formula->text(); }

QString StepThroughView::workedText() const { return m_worked->toPlainText(); }

void StepThroughView::next() {
  const int last = stepCount() - 1;
  changeView([last](SessionView& v) {
    v.stepThrough = StepThroughStop(std::min(int(v.stepThrough) + 1, last));
  });
}

void StepThroughView::previous() {
  changeView(
      [](SessionView& v) { v.stepThrough = StepThroughStop(std::max(int(v.stepThrough) - 1, 0)); });
}

void StepThroughView::setPlaying(bool playing) {
  const QSignalBlocker blocker(m_play);
  m_play->setChecked(playing);
  m_play->setText(playing ? tr("❚❚ Pause") : tr("▶ Play"));
  if (playing) {
    if (step() + 1 >= stepCount())
      changeView([](SessionView& v) { v.stepThrough = StepThroughStop::Embeddings; });
    m_playTimer.start();
  } else {
    m_playTimer.stop();
  }
}

void StepThroughView::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::FontChange) applyFonts();
  QWidget::changeEvent(event);
}

void StepThroughView::applyFonts() {
  // Sizes relative to the view's own font, set again when it changes (presentation mode), so
  // that the title and the formula stay larger than the text around them.
  const QFont body = font();
  const auto scaled = [&body](QFont font, double factor) {
    if (body.pointSizeF() > 0) {
      font.setPointSizeF(body.pointSizeF() * factor);
    } else {
      font.setPixelSize(int(std::lround(body.pixelSize() * factor)));
    }
    return font;
  };
  QFont title = scaled(body, 1.3);
  title.setBold(true);
  m_title->setFont(title);
  m_formula->setFont(scaled(body, 1.4));
  m_worked->setFont(scaled(QFontDatabase::systemFont(QFontDatabase::FixedFont), 1.0));
  showStepList();  // its width follows the font
}

void StepThroughView::retranslate() {
  m_previous->setText(tr("◀ Previous"));
  m_previous->setToolTip(tr("Previous step (Left arrow)"));
  m_next->setText(tr("Next ▶"));
  m_next->setToolTip(tr("Next step (Right arrow)"));
  // What Help ▸ Keyboard shortcuts lists for the arrow keys.
  m_leftKey->setWhatsThis(tr("Step through: previous step"));
  m_rightKey->setWhatsThis(tr("Step through: next step"));
  m_speedCaption->setText(tr("Speed:"));
  m_headCaption->setText(tr("Head:"));
  m_workedCaption->setText(tr("Worked numbers (click a cell to choose it):"));
  // Wide enough for both of its texts, so Next does not move when Play becomes Pause.
  const QFontMetrics metrics(m_play->font());
  const int playText =
      std::max(metrics.horizontalAdvance(tr("▶ Play")), metrics.horizontalAdvance(tr("❚❚ Pause")));
  m_play->setMinimumWidth(playText + 2 * metrics.horizontalAdvance(QLatin1Char('M')));
  setPlaying(m_playTimer.isActive());
  refresh();
}

void StepThroughView::changeView(const std::function<void(SessionView&)>& edit) {
  SessionView view = m_document->view();
  edit(view);
  m_document->setView(view);
}

void StepThroughView::showResult(const std::shared_ptr<const AttentionResult>& result) {
  if (result && result->ok()) m_result = result;
  refreshWhenShown();
}

void StepThroughView::showView(const SessionView&) { refreshWhenShown(); }

void StepThroughView::refreshWhenShown() {
  m_stale = !isVisible();
  if (!m_stale) refresh();
}

void StepThroughView::showEvent(QShowEvent* event) {
  QWidget::showEvent(event);
  if (m_stale) refresh();
  m_stale = false;
}

void StepThroughView::selectCell(int row, int col, bool rowsAreQueries, bool colsAreKeys) {
  changeView([=](SessionView& v) {
    if (rowsAreQueries) v.selectedQuery = row;
    if (colsAreKeys) v.selectedKey = col;
  });
}

void StepThroughView::showStepList() {
  const QSignalBlocker blockSteps(m_steps);
  // An encoder lesson has a tenth step; titles follow the language and the lesson's kind.
  while (m_steps->count() > stepCount()) delete m_steps->takeItem(m_steps->count() - 1);
  while (m_steps->count() < stepCount()) m_steps->addItem(QString());
  const bool encoder = m_result && m_result->encoder;
  const QFontMetrics metrics(m_steps->font());
  int widest = 0;
  for (int s = 0; s < m_steps->count(); ++s) {
    m_steps->item(s)->setText(stepTitle(s, encoder));
    widest = std::max(widest, metrics.horizontalAdvance(m_steps->item(s)->text()));
  }
  // Every title whole: the text, the items' padding and the frame, and a vertical scroll bar's
  // room in case the list is ever shorter than its ten entries.
  const int chrome =
      2 * m_steps->frameWidth() + 16 + m_steps->verticalScrollBar()->sizeHint().width();
  m_steps->setFixedWidth(widest + chrome);
}

bool StepThroughView::eventFilter(QObject* watched, QEvent* event) {
  if (watched == m_panelArea->viewport() && event->type() == QEvent::Resize) arrangePanels();
  return QWidget::eventFilter(watched, event);
}

void StepThroughView::arrangePanels() {
  const auto count = int(m_panels.size());
  // As many side by side as fit at their minimum width (two by two for four), else stacked.
  const int room = m_panelArea->viewport()->width();
  int columns = count == 4 ? 2 : count;
  auto fits = [&](int perRow) {
    for (int first = 0; first < count; first += perRow) {
      int width = 0;
      for (int p = first; p < std::min(count, first + perRow); ++p) {
        width += m_panels[p]->minimumWidth() + m_panelGrid->horizontalSpacing();
      }
      if (width > room) return false;
    }
    return true;
  };
  while (columns > 1 && !fits(columns)) --columns;
  // Re-placing the same panels would resize them, and each resize reallocates the plots'
  // paint buffers: only a new arrangement is laid out again.
  // Compared with the count last arranged, not the grid's: a deleted panel leaves the grid on
  // its own, and the rows it stacked in would keep their stretch.
  if (columns == m_panelColumns && count == m_arrangedPanels) return;
  m_panelColumns = columns;
  m_arrangedPanels = count;
  while (m_panelGrid->count() > 0) delete m_panelGrid->takeAt(0);
  if (count == 0) return;
  const int rows = (count + columns - 1) / columns;
  for (int p = 0; p < count; ++p) m_panelGrid->addWidget(m_panels[p], p / columns, p % columns);
  for (int c = 0; c < m_panelGrid->columnCount(); ++c)
    m_panelGrid->setColumnStretch(c, c < columns);
  for (int r = 0; r < m_panelGrid->rowCount(); ++r) m_panelGrid->setRowStretch(r, r < rows);
}

void StepThroughView::refresh() {
  showStepList();
  if (!m_result) return;
  const AttentionResult& result = *m_result;
  const SessionView& view = m_document->view();
  const int heads = result.trace->heads;
  const int head = std::clamp(view.stepHead.value_or(0), 0, heads - 1);
  const int query =
      std::clamp(view.selectedQuery.value_or(0), 0, int(result.queryTokens.size()) - 1);
  const int key = std::clamp(view.selectedKey.value_or(0), 0, int(result.keyTokens.size()) - 1);
  {
    const QSignalBlocker blockSteps(m_steps), blockHead(m_head);
    m_steps->setCurrentRow(step());
    m_head->setMaximum(heads);
    m_head->setValue(head + 1);
  }
  m_previous->setEnabled(step() > 0);
  m_next->setEnabled(step() + 1 < stepCount());

  m_content = stepContent(result, step(), head);
  m_title->setText(m_content.title);
  m_formula->setText(m_content.formula);
  m_explanation->setText(m_content.explanation);

  const auto count = qsizetype(m_content.panels.size());
  while (m_panels.size() > count) delete m_panels.takeLast();
  while (m_panels.size() < count) {
    auto* plot = new HeatmapPlot;
    plot->setShowValues(true);
    plot->setShowColorScale(true);
    offerMatrixMenu(
        plot, [this](const HeatmapData& data, QPoint at) { emit matrixMenuRequested(data, at); });
    const int index = int(m_panels.size());
    connect(plot, &HeatmapPlot::cellPressed, this, [this, index](int row, int col) {
      const QStringList queries = m_result->queryLabels;
      const QStringList keys = m_result->keyLabels;
      const HeatmapData& data = m_panels[index]->heatmap();
      selectCell(row, col, data.rowLabels == queries, data.colLabels == keys);
    });
    plot->setToolTipProvider([this, index](int row, int col) {
      return matrixCellToolTip(m_panels[index]->heatmap(), row, col);
    });
    m_panels.append(plot);
  }
  const QStringList queries = result.queryLabels;
  double sharedExtent = 0.0;  // the largest |value| over the panels, when they share a scale
  if (m_content.sharedScale) {
    for (const StepPanel& panel : m_content.panels) {
      sharedExtent = std::max(sharedExtent, symmetricRange(panel.data).second);
    }
  }
  for (int p = 0; p < count; ++p) {
    StepPanel& panel = m_content.panels[std::size_t(p)];
    HeatmapPlot* plot = m_panels[p];
    const auto [low, high] = !panel.signedValues     ? std::pair(0.0, 1.0)
                             : m_content.sharedScale ? std::pair(-sharedExtent, sharedExtent)
                                                     : symmetricRange(panel.data);
    plot->setColorMap(panel.signedValues ? ColorMapName::Diverging : viewColorMap(view));
    plot->setValueRange(low, high);
    plot->setHighlightedRow(panel.data.rowLabels == queries ? query : -1);
    plot->setColumnGroups(panel.columnGroup);
    plot->setMinimumSize(std::max(minimumExtent(panel.data.cols, kPanelChromeWidth),
                                  plot->titleWidth(panel.data.title) + 40),
                         minimumExtent(panel.data.rows, kPanelChromeHeight));
    plot->setHeatmap(panel.data);
  }
  arrangePanels();

  // Not isVisible(): that is false while the whole step-through is hidden behind the heads tab,
  // and the chart would keep an old sentence's bars when the tab comes back.
  const bool chartShown =
      step() == int(StepThroughStop::Scaling) || step() == int(StepThroughStop::Softmax);
  m_rowSoftmax->setVisible(chartShown);
  if (chartShown) m_rowSoftmax->showRow(result, head, query);
  m_worked->setPlainText(describeWorkedNumbers(workedNumbers(result, head, query, key), result));
}

}  // namespace attnscope
