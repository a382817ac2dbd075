#include "ui/figure/figure_choice.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStringList>
#include <algorithm>

#include "core/lesson_inputs.h"
#include "core/shell_quote.h"
#include "ui/figure/figure_export.h"
#include "ui/model/session_state.h"

namespace attnscope {
namespace {

// Gives these free functions tr(), under a context lupdate sees.
class FigureChoices {
  Q_DECLARE_TR_FUNCTIONS(attnscope::FigureChoices)
};

QString shellWord(const QString& text) {
  return QString::fromStdString(shellQuoted(text.toStdString()));
}

}  // namespace

void chooseCurrentView(FigureChoice& choice, const SessionView& view, int heads,
                       bool stepThroughShown) {
  choice.lines.reset();
  if (stepThroughShown) {
    chooseStep(choice, view.stepThrough,
               std::clamp(view.stepHead.value_or(0), 0, std::max(0, heads - 1)));
    return;
  }
  choice.stage = ScoreStage::Weights;
  choice.matrix.reset();
  choice.heads = view.averageOfHeads ? HeadChoice::mean()
                 : view.focusedHead && *view.focusedHead < heads
                     ? HeadChoice::one(*view.focusedHead)
                     : HeadChoice::all();
}

void chooseStep(FigureChoice& choice, StepThroughStop step, int head) {
  choice.stage = ScoreStage::Weights;
  choice.matrix.reset();
  choice.heads = HeadChoice::one(head);
  switch (step) {
    case StepThroughStop::Embeddings:
      choice.matrix = TraceMatrix::Input;
      choice.heads = HeadChoice::all();
      break;
    case StepThroughStop::Projections:
      choice.matrix = TraceMatrix::Queries;
      choice.heads = HeadChoice::all();
      break;
    case StepThroughStop::SplitHeads:
      choice.matrix = TraceMatrix::Queries;
      break;
    case StepThroughStop::RawScores:
      choice.stage = ScoreStage::Scores;
      break;
    case StepThroughStop::Scaling:
      choice.stage = ScoreStage::Scaled;
      break;
    case StepThroughStop::Masking:
      choice.stage = ScoreStage::Masked;
      break;
    case StepThroughStop::Softmax:
      break;
    case StepThroughStop::WeightedSum:
      choice.matrix = TraceMatrix::Context;
      break;
    case StepThroughStop::ConcatOutput:
    case StepThroughStop::AroundAttention:  // what the layer's attention hands on
      choice.matrix = TraceMatrix::Output;
      choice.heads = HeadChoice::all();
      break;
  }
}

FigureRequest figureRequestFor(const FigureChoice& choice,
                               std::shared_ptr<const AttentionResult> result,
                               const SessionView& view) {
  FigureRequest request;
  request.stage = choice.stage;
  request.matrix = choice.matrix;
  request.heads = choice.heads;
  request.lines = choice.lines;
  request.style = choice.style;
  request.crop = choice.crop;
  request.size = choice.size;
  request.dpi = choice.dpi;
  const bool weights = choice.stage == ScoreStage::Weights && !choice.matrix;
  // The grayscale style has its own map, and the command line refuses both.
  if (choice.style != FigureStyle::Grayscale) {
    request.colorMap = choice.colorMap ? choice.colorMap
                       : weights       ? std::optional(viewColorMap(view))
                                       : std::nullopt;
  }
  if (result) {
    const Lesson& p = result->parameters;
    const Session session = sessionOf(p, view);
    request.metadata.text = QString::fromStdString(p.text);
    if (p.crossAttention) request.metadata.keyValueText = QString::fromStdString(p.keyValueText);
    request.metadata.parameters = QString::fromStdString(lessonSummary(session));
    request.metadata.seed = QString::number(p.seed);
  }
  request.result = std::move(result);
  return request;
}

QString figureCommand(const Lesson& p, const QString& sessionPath, const FigureRequest& request,
                      const QString& out) {
  QStringList words = {QStringLiteral("attnscope"), QStringLiteral("export")};
  if (!p.model.isSandbox()) {
    // A pretrained encoder: the text, the model and the layer are the whole lesson.
    words << QStringLiteral("--model") << shellWord(QFile::decodeName(p.model.name.c_str()))
          << QStringLiteral("--layer") << QString::number(p.model.layer) << QStringLiteral("--text")
          << shellWord(QString::fromStdString(p.text));
  } else if (p.mask == LessonMask::KeyPadding || p.mask == LessonMask::Custom || !p.scaled ||
             p.weights.source == LessonWeights::Source::Embedded) {
    // These states and embedded weights have no flag of their own: the saved lesson carries them.
    words << QStringLiteral("--session")
          << shellWord(sessionPath.isEmpty() ? FigureChoices::tr("lesson.attnscope") : sessionPath);
  } else {
    words << QStringLiteral("--text") << shellWord(QString::fromStdString(p.text));
    if (p.crossAttention)
      words << QStringLiteral("--key-value-text")
            << shellWord(QString::fromStdString(p.keyValueText));
    // With --weights, d_model comes from the file (and its layout from its keys).
    if (p.weights.source == LessonWeights::Source::File) {
      words << QStringLiteral("--weights") << shellWord(QFile::decodeName(p.weights.path.c_str()));
    } else {
      words << QStringLiteral("--d-model") << QString::number(p.modelWidth);
    }
    words << QStringLiteral("--heads") << QString::number(p.heads) << QStringLiteral("--seed")
          << QString::number(p.seed) << QStringLiteral("--mask")
          << (p.mask == LessonMask::Causal ? QStringLiteral("causal") : QStringLiteral("none"))
          << QStringLiteral("--positional")
          << (p.positional ? QStringLiteral("sinusoidal") : QStringLiteral("none"));
  }
  words << QStringLiteral("--step") << figureStepKey(request) << QStringLiteral("--head")
        << headChoiceKey(request.heads);
  if (request.lines) {
    words << QStringLiteral("--view") << QStringLiteral("lines");
    if (request.lines->query)
      words << QStringLiteral("--query") << QString::number(*request.lines->query + 1);
    const TokenWindow window = request.lines->window;
    if (window.size() > 0)
      words << QStringLiteral("--window")
            << QStringLiteral("%1-%2").arg(window.from + 1).arg(window.to);
  }
  if (request.colorMap && request.style != FigureStyle::Grayscale)
    words << QStringLiteral("--colormap") << colorMapKey(*request.colorMap);
  words << QStringLiteral("--style") << figureStyleKey(request.style) << QStringLiteral("--width")
        << QString::number(request.size.width()) << QStringLiteral("--height")
        << QString::number(request.size.height());
  if (figureFormatFor(out).value_or(FigureFormat::Png) == FigureFormat::Png)
    words << QStringLiteral("--dpi") << QString::number(request.dpi);
  if (request.crop) words << QStringLiteral("--crop");
  words << QStringLiteral("--out") << shellWord(out);
  return words.join(QLatin1Char(' '));
}

FigureChoice loadFigureChoice() {
  const QSettings settings;
  FigureChoice choice;
  choice.style = figureStyleFromKey(settings.value(QStringLiteral("export/style")).toString())
                     .value_or(FigureStyle::Paper);
  choice.colorMap = colorMapFromKey(settings.value(QStringLiteral("export/colormap")).toString());
  choice.size = QSize(
      std::clamp(settings.value(QStringLiteral("export/width"), 1200).toInt(), 64, kMaxFigureSide),
      std::clamp(settings.value(QStringLiteral("export/height"), 900).toInt(), 64, kMaxFigureSide));
  choice.dpi = std::clamp(settings.value(QStringLiteral("export/dpi"), 96).toInt(), 10, 2400);
  choice.path = settings.value(QStringLiteral("export/path")).toString();
  choice.crop = settings.value(QStringLiteral("export/crop"), false).toBool();
  return choice;
}

void saveFigureChoice(const FigureChoice& choice) {
  QSettings settings;
  settings.setValue(QStringLiteral("export/style"), figureStyleKey(choice.style));
  settings.setValue(QStringLiteral("export/colormap"),
                    choice.colorMap ? colorMapKey(*choice.colorMap) : QString());
  settings.setValue(QStringLiteral("export/width"), choice.size.width());
  settings.setValue(QStringLiteral("export/height"), choice.size.height());
  settings.setValue(QStringLiteral("export/dpi"), choice.dpi);
  settings.setValue(QStringLiteral("export/path"), choice.path);
  settings.setValue(QStringLiteral("export/crop"), choice.crop);
}

}  // namespace attnscope
