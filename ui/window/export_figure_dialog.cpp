#include "ui/window/export_figure_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTimer>

#include "ui/figure/figure_export.h"

namespace attnscope {
namespace {

// The content combo's keys are the --step keys.
QString contentKey(const FigureChoice& choice) {
  if (choice.lines) return QStringLiteral("lines");
  return choice.matrix ? traceMatrixKey(*choice.matrix) : scoreStageKey(choice.stage);
}

void selectData(QComboBox* combo, const QString& key) {
  const int index = combo->findData(key);
  if (index >= 0) combo->setCurrentIndex(index);
}

}  // namespace

ExportFigureDialog::ExportFigureDialog(const FigureChoice& initial, int heads, QWidget* parent)
    : QDialog(parent),
      m_heads(heads),
      m_content(new QComboBox),
      m_head(new QComboBox),
      m_style(new QComboBox),
      m_colorMap(new QComboBox),
      m_preset(new QComboBox),
      m_crop(new QCheckBox),
      m_width(new QSpinBox),
      m_height(new QSpinBox),
      m_dpi(new QSpinBox),
      m_printed(new QLabel),
      m_path(new QLineEdit),
      m_preview(new QLabel),
      m_previewPause(new QTimer(this)) {
  setWindowTitle(tr("Export figure"));
  m_content->setObjectName(QStringLiteral("content"));
  const std::pair<const char*, QString> contents[] = {
      {"weights", tr("Attention weights (softmax)")},
      {"scores", tr("Raw scores QKᵀ")},
      {"scaled", tr("Scaled scores QKᵀ/√d_k")},
      {"masked", tr("Masked scores")},
      {"x", tr("Input X (embeddings + positions)")},
      {"q", tr("Queries Q")},
      {"k", tr("Keys K")},
      {"v", tr("Values V")},
      {"context", tr("Weighted sums A·V (context)")},
      {"output", tr("Output (after W^O)")},
      {"lines", tr("Attention lines (head view, one head)")}};
  for (const auto& [key, text] : contents) m_content->addItem(text, QString::fromLatin1(key));
  m_head->addItem(tr("All heads"), QStringLiteral("all"));
  m_head->addItem(tr("Mean of the heads"), QStringLiteral("mean"));
  for (int head = 1; head <= heads; ++head)
    m_head->addItem(tr("Head %1").arg(head), QString::number(head));
  m_style->addItem(tr("Paper (white, print-sized text)"), figureStyleKey(FigureStyle::Paper));
  m_style->addItem(tr("Slide (large text)"), figureStyleKey(FigureStyle::Slide));
  m_style->addItem(tr("Grayscale (black-and-white print)"), figureStyleKey(FigureStyle::Grayscale));
  m_colorMap->addItem(tr("As the window shows it"), QString());
  for (const ColorMapName map : allColorMaps())
    m_colorMap->addItem(colorMapDisplayName(map), colorMapKey(map));
  m_preset->setObjectName(QStringLiteral("preset"));
  m_preset->addItem(tr("Custom"));
  m_preset->addItem(tr("Slide 16:9 (1920 × 1080)"));
  m_preset->addItem(tr("Slide 4:3 (1600 × 1200)"));
  m_crop->setObjectName(QStringLiteral("crop"));
  m_crop->setText(tr("Crop to the content"));
  m_crop->setToolTip(tr("Lay the figure out at this size, then drop its empty borders"));
  m_preview->setObjectName(QStringLiteral("preview"));
  m_preview->setAlignment(Qt::AlignCenter);
  m_preview->setMinimumSize(kPreviewBox);
  m_preview->setFrameShape(QFrame::StyledPanel);
  m_previewPause->setSingleShot(true);
  m_previewPause->setInterval(60);
  for (QSpinBox* side : {m_width, m_height}) {
    side->setRange(64, kMaxFigureSide);
    side->setSuffix(tr(" px"));
  }
  m_dpi->setRange(10, 2400);
  m_dpi->setSuffix(tr(" dpi"));
  m_path->setMinimumWidth(320);
  auto* browse = new QPushButton(tr("Browse…"));

  auto* size = new QHBoxLayout;
  size->addWidget(m_width);
  size->addWidget(new QLabel(QStringLiteral("×")));
  size->addWidget(m_height);
  size->addStretch();
  auto* resolution = new QHBoxLayout;
  resolution->addWidget(m_dpi);
  resolution->addWidget(m_printed, 1);
  auto* file = new QHBoxLayout;
  file->addWidget(m_path, 1);
  file->addWidget(browse);
  auto* form = new QFormLayout;
  form->addRow(tr("Show:"), m_content);
  form->addRow(tr("Heads:"), m_head);
  form->addRow(tr("Style:"), m_style);
  form->addRow(tr("Colour map:"), m_colorMap);
  form->addRow(tr("Preset:"), m_preset);
  form->addRow(tr("Size:"), size);
  form->addRow(QString(), m_crop);
  form->addRow(tr("Resolution (PNG):"), resolution);
  form->addRow(tr("File (.png, .svg, .pdf):"), file);

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole)->setDefault(true);
  QPushButton* copyFigure = buttons->addButton(tr("Copy figure"), QDialogButtonBox::ActionRole);
  QPushButton* copyCommand =
      buttons->addButton(tr("Copy as command"), QDialogButtonBox::ActionRole);
  auto* columns = new QHBoxLayout;
  columns->addLayout(form);
  columns->addWidget(m_preview, 1);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(columns);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(copyFigure, &QPushButton::clicked, this, [this] { emit copyFigureRequested(choice()); });
  connect(copyCommand, &QPushButton::clicked, this,
          [this] { emit copyCommandRequested(choice()); });
  connect(browse, &QPushButton::clicked, this, &ExportFigureDialog::browse);
  for (QComboBox* combo : {m_content, m_style})
    connect(combo, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updateEnabled);
  for (QSpinBox* spin : {m_width, m_height, m_dpi})
    connect(spin, &QSpinBox::valueChanged, this, &ExportFigureDialog::updateEnabled);
  connect(m_path, &QLineEdit::textChanged, this, &ExportFigureDialog::updateEnabled);
  connect(m_crop, &QCheckBox::toggled, this, &ExportFigureDialog::updateEnabled);
  connect(m_preset, &QComboBox::activated, this, &ExportFigureDialog::choosePreset);
  connect(m_colorMap, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updateEnabled);
  connect(m_head, &QComboBox::currentIndexChanged, this, &ExportFigureDialog::updateEnabled);
  connect(m_previewPause, &QTimer::timeout, this, &ExportFigureDialog::updatePreview);
  setChoice(initial);
}

FigureChoice ExportFigureDialog::choice() const {
  FigureChoice choice;
  const QString content = m_content->currentData().toString();
  choice.matrix = traceMatrixFromKey(content);
  choice.stage = scoreStageFromKey(content).value_or(ScoreStage::Weights);
  if (content == QLatin1String("lines")) choice.lines = m_lines;
  const QString head = m_head->currentData().toString();
  choice.heads = head == QLatin1String("all")    ? HeadChoice::all()
                 : head == QLatin1String("mean") ? HeadChoice::mean()
                                                 : HeadChoice::one(head.toInt() - 1);
  choice.style = figureStyleFromKey(m_style->currentData().toString()).value_or(FigureStyle::Paper);
  choice.colorMap = colorMapFromKey(m_colorMap->currentData().toString());
  choice.size = QSize(m_width->value(), m_height->value());
  choice.dpi = m_dpi->value();
  choice.crop = m_crop->isChecked();
  choice.path = m_path->text().trimmed();
  return choice;
}

void ExportFigureDialog::setChoice(const FigureChoice& choice) {
  if (choice.lines) m_lines = *choice.lines;
  selectData(m_content, contentKey(choice));
  selectData(m_head, headChoiceKey(choice.heads));
  selectData(m_style, figureStyleKey(choice.style));
  selectData(m_colorMap, choice.colorMap ? colorMapKey(*choice.colorMap) : QString());
  m_width->setValue(choice.size.width());
  m_height->setValue(choice.size.height());
  m_dpi->setValue(choice.dpi);
  m_crop->setChecked(choice.crop);
  m_path->setText(choice.path.isEmpty() ? QDir::home().filePath(QStringLiteral("attention.png"))
                                        : choice.path);
  updateEnabled();
}

QList<QSize> ExportFigureDialog::slideSizes() { return {QSize(1920, 1080), QSize(1600, 1200)}; }

void ExportFigureDialog::setPreviewRenderer(std::function<QImage(const FigureChoice&)> render) {
  m_render = std::move(render);
  updatePreview();
}

void ExportFigureDialog::choosePreset(int index) {
  if (index < 1) return;
  // A slide wants the slide style's large text too.
  selectData(m_style, figureStyleKey(FigureStyle::Slide));
  const QSize size = slideSizes().at(index - 1);
  m_width->setValue(size.width());
  m_height->setValue(size.height());
}

void ExportFigureDialog::updatePreview() {
  if (!m_render) return;
  const QImage image = m_render(choice());
  if (image.isNull()) {
    m_preview->setPixmap({});
    m_preview->setText(tr("No preview: this choice cannot be drawn"));
    return;
  }
  QPixmap pixmap = QPixmap::fromImage(image.scaled(kPreviewBox * devicePixelRatioF(),
                                                   Qt::KeepAspectRatio, Qt::SmoothTransformation));
  pixmap.setDevicePixelRatio(devicePixelRatioF());
  m_preview->setPixmap(pixmap);
}

void ExportFigureDialog::browse() {
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export figure"), m_path->text(),
      tr("PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)"));
  if (!path.isEmpty()) m_path->setText(path);
}

void ExportFigureDialog::updateEnabled() {
  const FigureChoice current = choice();
  // The mean is of the weights only; X and the output are not split into heads.
  const bool weights = !current.matrix && current.stage == ScoreStage::Weights;
  const bool split = !current.matrix || splitIntoHeads(*current.matrix);
  for (int i = 1; i < m_head->count(); ++i) {
    const bool mean = i == 1;
    const bool allowed = mean ? weights : split;
    if (auto* model = qobject_cast<QStandardItemModel*>(m_head->model()))
      model->item(i)->setEnabled(allowed);
    if (!allowed && m_head->currentIndex() == i) m_head->setCurrentIndex(0);
  }
  // Lines are drawn for one head or the mean, not the grid.
  if (auto* model = qobject_cast<QStandardItemModel*>(m_head->model()))
    model->item(0)->setEnabled(!current.lines);
  if (current.lines && m_head->currentIndex() == 0) m_head->setCurrentIndex(2);
  m_colorMap->setEnabled(current.style != FigureStyle::Grayscale);
  const int preset = int(slideSizes().indexOf(current.size)) + 1;
  m_preset->setCurrentIndex(preset);
  if (m_render) m_previewPause->start();
  const bool png = figureFormatFor(current.path).value_or(FigureFormat::Png) == FigureFormat::Png;
  m_dpi->setEnabled(png);
  const double inch = 2.54;
  m_printed->setText(png ? tr("prints at %1 × %2 cm")
                               .arg(current.size.width() * inch / current.dpi, 0, 'f', 1)
                               .arg(current.size.height() * inch / current.dpi, 0, 'f', 1)
                         : tr("SVG and PDF pages are the size at 96 dpi"));
}

}  // namespace attnscope
