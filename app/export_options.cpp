#include "app/export_options.h"

#include <QFile>
#include <QString>

#include "app/attention_setup.h"
#include "app/model_options.h"
#include "app/option_file.h"
#include "core/error.h"
#include "core/lesson_run.h"
#include "core/lesson_weights.h"
#include "core/limits.h"

namespace attnscope::cli {
namespace {

QString qtString(const std::string& text) {
  return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// "FIRST-LAST", 1-based and inclusive, as the window's label counts tokens.
TokenWindow windowFromOption(const std::string& text) {
  const QStringList parts = qtString(text).split(QLatin1Char('-'));
  bool firstOk = false, lastOk = false;
  const int first = parts.size() == 2 ? parts[0].toInt(&firstOk) : 0;
  const int last = parts.size() == 2 ? parts[1].toInt(&lastOk) : 0;
  if (!firstOk || !lastOk || first < 1 || last < first) {
    throw UsageError("--window must be FIRST-LAST, token numbers from 1 with FIRST ≤ LAST, got '" +
                     text + "'");
  }
  return {first - 1, last};
}

// --view lines and its --query and --window; the query's range is checked once the tokens are.
void readLinesOptions(const ParsedOptions& options, ExportPlan& plan) {
  const std::optional<std::string> view = options.value("view");
  if (view && *view != "matrix" && *view != "lines")
    throw UsageError("--view must be matrix or lines, got '" + *view + "'");
  const bool lines = view == std::optional<std::string>("lines");
  if (!lines) {
    if (options.has("query") || options.has("window"))
      throw UsageError("--query and --window go with --view lines");
    return;
  }
  if (plan.matrix || plan.stage != ScoreStage::Weights)
    throw UsageError("--view lines draws the attention weights: leave out --step or give weights");
  LinesFigure figure;
  if (options.has("query"))
    figure.query =
        int(options.integer("query", 1, static_cast<long long>(kMaxSequenceLength), 1)) - 1;
  if (const std::optional<std::string> window = options.value("window"))
    figure.window = windowFromOption(*window);
  plan.lines = figure;
}

// Figure options, checked before any file is read.
void readFigureOptions(const ParsedOptions& options, ExportPlan& plan) {
  plan.out = options.required("out");
  const std::optional<FigureFormat> format = figureFormatFor(QFile::decodeName(plan.out.c_str()));
  if (!format) {
    throw UsageError("--out must end in .png, .svg or .pdf (in any letter case), got '" + plan.out +
                     "'");
  }
  plan.format = *format;
  if (const auto step = options.value("step")) {
    const std::optional<ScoreStage> stage = scoreStageFromKey(qtString(*step));
    plan.matrix = traceMatrixFromKey(qtString(*step));
    if (!stage && !plan.matrix) {
      throw UsageError(
          "--step must be scores, scaled, masked, weights, x, q, k, v, context or output, got '" +
          *step + "'");
    }
    plan.stage = stage.value_or(ScoreStage::Weights);
  }
  if (const auto name = options.value("colormap")) {
    plan.colorMap = colorMapFromKey(qtString(*name));
    if (!plan.colorMap) {
      throw UsageError("--colormap must be viridis, magma, cividis, grayscale or diverging, got '" +
                       *name + "'");
    }
  }
  readLinesOptions(options, plan);
  plan.crop = options.has("crop");
  if (const auto style = options.value("style")) {
    const std::optional<FigureStyle> parsed = figureStyleFromKey(qtString(*style));
    if (!parsed)
      throw UsageError("--style must be paper, slide or grayscale, got '" + *style + "'");
    plan.style = *parsed;
  }
  if (plan.style == FigureStyle::Grayscale && options.has("colormap")) {
    throw UsageError("--style grayscale draws with the grayscale map: leave out --colormap");
  }
  plan.width = int(options.integer("width", 64, kMaxFigureSide, plan.width));
  plan.height = int(options.integer("height", 64, kMaxFigureSide, plan.height));
  if (qint64(plan.width) * plan.height > kMaxFigurePixels) {
    throw UsageError("--width × --height may be at most 100 megapixels");
  }
  if (options.has("dpi") && plan.format != FigureFormat::Png) {
    throw UsageError(
        "--dpi applies to PNG only: SVG and PDF pages take --width × --height at 96 dpi");
  }
  plan.dpi = int(options.integer("dpi", 10, 2400, plan.dpi));
}

// The session the figure is computed from: --session's, or defaults that --text etc. must fill.
Session baseSession(const ParsedOptions& options) {
  if (const auto path = options.value("session")) {
    if (path->empty()) throw UsageError("--session needs a file name");
    return readOptionFile("--session", [&] { return readSession(*path); });
  }
  if (!options.has("text")) throw UsageError("give --text (or --session)");
  if (options.has("model")) return Session{};  // the model fixes d_model and the heads
  if (!options.has("heads")) throw UsageError("missing required option --heads");
  if (!options.has("d-model") && !options.has("weights")) {
    throw UsageError("missing required option --d-model (or --weights)");
  }
  return Session{};
}

// Loads the weights; with weights from a file their width is d_model, and --d-model must agree.
void loadWeights(const ParsedOptions& options, ExportPlan& plan) {
  Session& session = plan.session;
  // 0 when --d-model is absent (a given value is at least 1). Not std::optional: GCC 12 warns
  // falsely that its value may be used uninitialized (-Wmaybe-uninitialized, bug 80635).
  const long long dModel = options.integer("d-model", 1, kMaxModelWidth, 0);
  if (session.weights.isSeeded()) {
    if (dModel != 0) session.modelWidth = int(dModel);
    return;
  }
  if (session.weights.source == LessonWeights::Source::File) {
    // The file came from --weights (its layout detected), or from the lesson --session names.
    const bool given = options.has("weights");
    const std::optional<WeightsLayout> layout =
        given ? std::nullopt : std::optional(session.weights.layout);
    session.weights = readOptionFile(given ? "--weights" : "--session",
                                     [&] { return weightsFromFile(session.weights.path, layout); });
    plan.weightsName = std::filesystem::path(session.weights.path).filename().string();
  } else {
    plan.weightsName = "embedded in the session";
  }
  const int width = session.weights.loaded->weights.modelWidth();
  if (dModel != 0 && dModel != width) {
    throw UsageError("--d-model " + std::to_string(dModel) + " disagrees with the weights' " +
                     std::to_string(width));
  }
  // A lesson's own weights must have its d_model, as the window requires; only weights given
  // with --weights set d_model from their file.
  if (!options.has("weights") && dModel == 0 && session.modelWidth != width) {
    throw Error(ErrorKind::InvalidData, *options.value("session") + ": the weights have d_model " +
                                            std::to_string(width) + " but the lesson says " +
                                            std::to_string(session.modelWidth));
  }
  session.modelWidth = width;
}

// Reads the encoder and takes the shown layer's heads and input width as the lesson's, so that
// --head is checked against them.
void loadEncoderLayer(const ParsedOptions& options, ExportPlan& plan) {
  LessonModel& model = plan.session.model;
  readOptionFile(options.has("model") ? "--model" : "--session", [&] { loadModel(model); });
  requireEncoderLayer(*model.loaded, model.layer);
  const EncoderLayer& layer = model.loaded->layers[std::size_t(model.layer - 1)];
  plan.session.heads = layer.heads;
  plan.session.modelWidth = layer.inputWidth();
}

// --head N|all|mean, or what the session's view showed.
HeadChoice headsOf(const ParsedOptions& options, const ExportPlan& plan, bool fromSession) {
  const std::optional<std::string> head = options.value("head");
  const int heads = plan.session.heads;
  // X and the output are not split into heads: always drawn whole.
  if (plan.matrix && !splitIntoHeads(*plan.matrix)) {
    if (head && *head != "all") {
      throw UsageError("--step " + traceMatrixKey(*plan.matrix).toStdString() +
                       " is not split into heads: leave out --head or give all");
    }
    return HeadChoice::all();
  }
  if (!head) {
    const SessionView& view = plan.session.view;
    if (fromSession && view.focusedHead && *view.focusedHead < heads)
      return HeadChoice::one(*view.focusedHead);
    if (fromSession && view.averageOfHeads && plan.stage == ScoreStage::Weights && !plan.matrix)
      return HeadChoice::mean();
    return HeadChoice::all();
  }
  if (*head == "all") return HeadChoice::all();
  if (*head == "mean") {
    if (plan.stage != ScoreStage::Weights || plan.matrix) {
      throw UsageError(
          "--head mean is the average of the heads' weights: use it with --step weights");
    }
    return HeadChoice::mean();
  }
  try {
    // Counts from 1, as head_1 … head_h in the formula.
    return HeadChoice::one(int(options.integer("head", 1, heads, 0)) - 1);
  } catch (const UsageError&) {
    throw UsageError("--head must be a head from 1 to " + std::to_string(heads) +
                     ", all or mean, got '" + *head + "'");
  }
}

// Lines are drawn for one head or the mean: without --head, the session's head (or the first),
// and without --query, the query the session had chosen.
void chooseLinesHead(const ParsedOptions& options, ExportPlan& plan, bool fromSession) {
  if (!plan.lines) return;
  if (plan.heads.kind == HeadChoice::Kind::All) {
    if (options.has("head"))
      throw UsageError("--view lines draws one head or the mean: give --head N or mean");
    plan.heads = HeadChoice::one(0);
  }
  if (fromSession && !options.has("query")) plan.lines->query = plan.session.view.selectedQuery;
}

}  // namespace

std::vector<OptionSpec> exportOptionSpecs() {
  return {{"session", true},    {"text", true},  {"key-value-text", true}, {"d-model", true},
          {"heads", true},      {"seed", true},  {"mask", true},           {"weights", true},
          {"positional", true}, {"step", true},  {"head", true},           {"colormap", true},
          {"style", true},      {"width", true}, {"height", true},         {"dpi", true},
          {"out", true},        {"help", false}, {"model", true},          {"layer", true},
          {"tokens", true},     {"crop", false}, {"view", true},           {"query", true},
          {"window", true}};
}

ExportPlan planExport(const ParsedOptions& options) {
  ExportPlan plan;
  readFigureOptions(options, plan);
  // Malformed numbers are usage errors even when a session supplies the value.
  options.integer("heads", 1, kMaxHeads, 0);
  options.integer("d-model", 1, kMaxModelWidth, 0);
  options.unsignedInteger("seed", 0);
  positionalFromOption(options.value("positional"));
  chineseTokensFromOption(options.value("tokens"));
  if (options.value("mask") == std::optional<std::string>("")) {
    throw UsageError("--mask needs none, causal or a .npy file");
  }
  rejectSandboxOptions(options);

  const bool fromSession = options.has("session");
  plan.session = baseSession(options);
  if (fromSession && !options.has("step")) {
    plan.stage = plan.session.view.step;
  }
  // The session's map is the one its weights were shown in; signed scores keep the diverging
  // map, as the window's step-through shows them.
  if (fromSession && !options.has("colormap") && plan.stage == ScoreStage::Weights &&
      !plan.matrix) {
    plan.colorMap = colorMapFromKey(qtString(plan.session.view.colorMap));
  }
  overlaySessionOptions(options, plan.session);
  overlayModelOptions(options, plan.session.model);
  if (!plan.session.model.isSandbox()) {
    // The model is read first: the heads --head chooses among are the layer's.
    loadEncoderLayer(options, plan);
    plan.heads = headsOf(options, plan, fromSession);
    chooseLinesHead(options, plan, fromSession);
    return plan;
  }
  plan.heads = headsOf(options, plan, fromSession);
  chooseLinesHead(options, plan, fromSession);
  const std::optional<std::string> mask = options.value("mask");
  if (mask && *mask != "none" && *mask != "causal") plan.maskFile = maskFromOption(mask);
  loadWeights(options, plan);
  return plan;
}

}  // namespace attnscope::cli
