#include "ui/window/step_through_view.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <cmath>

#include "ui/model/attention_document.h"
#include "ui/model/head_maps.h"
#include "ui/model/token_labels.h"
#include "ui/model/worked_numbers.h"
#include "ui/window/heatmap_plot.h"
#include "ui/window/matrix_menu.h"
#include "ui/window/row_softmax_plot.h"

namespace attnscope {

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
      m_panelGrid(new QGridLayout),
      m_rowSoftmax(new RowSoftmaxPlot),
      m_workedCaption(new QLabel),
      m_worked(new QPlainTextEdit) {
  m_title->setObjectName(QStringLiteral("stepTitle"));
  m_formula->setObjectName(QStringLiteral("stepFormula"));
  m_worked->setObjectName(QStringLiteral("workedNumbers"));
  m_formula->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_explanation->setWordWrap(true);
  m_play->setCheckable(true);
  m_speed->setRange(1, 10);
  m_speed->setValue(4);
  m_speed->setMaximumWidth(140);
  m_head->setMinimum(1);
  m_worked->setReadOnly(true);
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

  auto* side = new QVBoxLayout;
  side->addWidget(m_workedCaption);
  side->addWidget(m_worked, 1);
  side->addWidget(m_rowSoftmax, 1);

  auto* body = new QHBoxLayout;
  body->addLayout(m_panelGrid, 3);
  body->addLayout(side, 1);

  auto* main = new QVBoxLayout;
  main->addWidget(m_title);
  main->addWidget(m_formula);
  main->addWidget(m_explanation);
  main->addLayout(controls);
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
  auto* left = new QShortcut(Qt::Key_Left, this, this, &StepThroughView::previous);
  auto* right = new QShortcut(Qt::Key_Right, this, this, &StepThroughView::next);
  left->setContext(Qt::WidgetWithChildrenShortcut);
  right->setContext(Qt::WidgetWithChildrenShortcut);

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
  // The list of steps is narrow, as wide as about 36 characters of the text.
  m_steps->setFixedWidth(int(QFontMetricsF(body).averageCharWidth() * 36));
}

void StepThroughView::retranslate() {
  m_previous->setText(tr("◀ Previous"));
  m_previous->setToolTip(tr("Previous step (Left arrow)"));
  m_next->setText(tr("Next ▶"));
  m_next->setToolTip(tr("Next step (Right arrow)"));
  m_speedCaption->setText(tr("Speed:"));
  m_headCaption->setText(tr("Head:"));
  m_workedCaption->setText(tr("Worked numbers (click a cell to choose it):"));
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
  refresh();
}

void StepThroughView::showView(const SessionView&) { refresh(); }

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
  for (int s = 0; s < m_steps->count(); ++s) {
    // The list is narrow; the whole title shows on hovering.
    m_steps->item(s)->setText(stepTitle(s, encoder));
    m_steps->item(s)->setToolTip(m_steps->item(s)->text());
  }
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
    plot->setMinimumSize(200, 200);
    plot->setShowValues(true);
    plot->setShowColorScale(true);
    offerMatrixMenu(
        plot, [this](const HeatmapData& data, QPoint at) { emit matrixMenuRequested(data, at); });
    const int index = int(m_panels.size());
    connect(plot, &HeatmapPlot::cellPressed, this, [this, index](int row, int col) {
      const QStringList queries = tokenLabels(m_result->queryTokens);
      const QStringList keys = tokenLabels(m_result->keyTokens);
      const HeatmapData& data = m_panels[index]->heatmap();
      selectCell(row, col, data.rowLabels == queries, data.colLabels == keys);
    });
    m_panels.append(plot);
  }
  const QStringList queries = tokenLabels(result.queryTokens);
  const int columns = count == 4 ? 2 : int(count);
  for (int p = 0; p < count; ++p) {
    StepPanel& panel = m_content.panels[std::size_t(p)];
    HeatmapPlot* plot = m_panels[p];
    m_panelGrid->addWidget(plot, p / columns, p % columns);
    const auto [low, high] = panel.signedValues ? symmetricRange(panel.data) : std::pair(0.0, 1.0);
    plot->setColorMap(panel.signedValues ? ColorMapName::Diverging : viewColorMap(view));
    plot->setValueRange(low, high);
    plot->setHighlightedRow(panel.data.rowLabels == queries ? query : -1);
    plot->setColumnGroups(panel.columnGroup);
    plot->setHeatmap(panel.data);
  }

  // Not isVisible(): that is false while the whole step-through is hidden behind the heads tab,
  // and the chart would keep an old sentence's bars when the tab comes back.
  const bool chartShown =
      step() == int(StepThroughStop::Scaling) || step() == int(StepThroughStop::Softmax);
  m_rowSoftmax->setVisible(chartShown);
  if (chartShown) m_rowSoftmax->showRow(result, head, query);
  m_worked->setPlainText(describeWorkedNumbers(workedNumbers(result, head, query, key), result));
}

}  // namespace attnscope
