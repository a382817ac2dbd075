#include "app/export_command.h"

#include <QFile>
#include <QGuiApplication>
#include <iostream>
#include <memory>

#include "app/export_options.h"
#include "core/attention_engine.h"
#include "core/error.h"
#include "core/lesson_inputs.h"
#include "core/limits.h"
#include "core/output_target.h"
#include "core/shell_quote.h"
#include "core/version.h"
#include "ui/figure/figure_export.h"
#include "ui/model/session_state.h"

namespace attnscope::cli {

const char* const kExportUsage =
    R"(Usage:
  attnscope export --text "..." [--key-value-text "..."] --d-model D --heads H [--seed S]
                   [--mask none|causal|MASK.npy] [--weights W.safetensors]
                   [--positional none|sinusoidal] [--tokens words|characters] [--step STEP]
                   [--head N|all|mean] [--colormap NAME] [--style paper|slide|grayscale]
                   [--width PX --height PX] [--dpi N] [--crop] --out FIGURE.png|.svg|.pdf
  attnscope export ... --view lines [--head N|mean] [--query Q] [--window FIRST-LAST]
                   --out FIGURE.png|.svg|.pdf
  attnscope export --model use-lite|MODEL_DIR [--layer N] --text "..." [--step STEP] [--head ...]
                   [figure options as above] --out FIGURE.png|.svg|.pdf
  attnscope export --session lesson.attnscope [any option above to override]
                   --out FIGURE.png|.svg|.pdf

Runs the reference module's forward pass once and draws it as a figure, with token labels,
title, colour bar and, for one head, the values in the cells. The format follows the extension
of --out in any letter case; SVG and PDF keep cells as vector rectangles and text as text. The
figure records what made it (PNG text chunks, SVG title and description, PDF document info and
XMP). Needs no display. Nothing is written on failure.

Options:
  --session FILE      a saved .attnscope lesson; the options below override its values, and its
                      view supplies the defaults of --step, --head and --colormap
  --text TEXT         the sentence
  --key-value-text T  a second sentence for keys and values (cross-attention)
  --d-model D         model width (with --weights it comes from the file)
  --heads H           number of heads; must divide d_model
  --seed S            seed of embeddings and seeded weights (default 0)
  --mask M            none (default), causal, or a .npy of shape (Lq, Lk) or (H, Lq, Lk), 0 = blocked
  --weights FILE      .safetensors: the reference module's state_dict (W_q.weight ... W_o.bias) or
                      nn.MultiheadAttention's (in_proj_weight, in_proj_bias, out_proj.weight,
                      out_proj.bias), run under the reference module's rules
  --positional P      sinusoidal (default) or none
  --tokens T          how Chinese is cut: words (default; 注意力 / 机制) or characters
  --model M           a pretrained encoder instead of the options above: use-lite, or a folder
                      with model.json and vocab.json (scripts/fetch-model installs use-lite);
                      the tokens are its pieces read, x is the layer-normalised input of the
                      layer; --d-model, --heads, --seed, --mask, --weights, --key-value-text,
                      --positional and --tokens do not apply
  --layer N           the encoder layer to draw, from 1 (default 1)
  --step S            scores, scaled, masked or weights (default); or another matrix of the
                      trace, tokens × dimensions: x (input), q, k, v, context (the heads'
                      weighted sums) or output, as the step-through shows them
  --head N            a head from 1 to H, all (default: the grid of every head) or mean (the
                      average of the heads' weights); for q, k, v and context a head's d_k
                      columns, or all of them; x and output are drawn whole
  --view V            matrix (default) or lines: one head's weights (or their mean) as lines from
                      each query token to each key token, as wide and as dark as the weight
                      (the head view of BertViz); without --head the first head
  --query Q           with --view lines: the query token, from 1, whose lines are drawn strong
                      and the others faint (default: the session's chosen query, else none)
  --window F-L        with --view lines: draw tokens F to L, from 1 (default: all of a sentence
                      of up to 40 tokens, else the first 32)
  --colormap NAME     viridis (default), magma, cividis, grayscale or diverging; scores, scaled and
                      masked default to diverging, centred on zero
  --style S           paper (default), slide (large text) or grayscale (for black-and-white print)
  --width PX          figure width in pixels (default 1200)
  --height PX         figure height in pixels (default 900)
  --dpi N             PNG resolution (default 96): text is set in points, so a higher dpi at the
                      same size gives a smaller printed figure; SVG and PDF pages are at 96 dpi
  --crop              lay the figure out at --width × --height, then drop its empty borders
  --out FILE          the figure: .png, .svg or .pdf
  --help              show this help
)";

namespace {

// Fonts need a QGuiApplication. Figures need no screen, so the offscreen platform is used unless
// the caller chose one: a stale DISPLAY would otherwise abort the verb.
std::unique_ptr<QGuiApplication> startGui() {
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
  // Qt's own warnings (an unset XDG_RUNTIME_DIR, font fallbacks) are not for scripts, whose
  // stderr carries one error line or nothing.
  qInstallMessageHandler([](QtMsgType, const QMessageLogContext&, const QString&) {});
  static int argc = 1;
  static char name[] = "attnscope";
  static char* argv[] = {name, nullptr};
  auto app = std::make_unique<QGuiApplication>(argc, argv);
  QGuiApplication::setApplicationName(QStringLiteral("AttnScope"));
  QGuiApplication::setApplicationVersion(QString::fromLatin1(kVersion));
  return app;
}

// The command that made the figure, written into its metadata.
std::string commandOf(std::span<const std::string> arguments) {
  std::string command = "attnscope export";
  for (const std::string& argument : arguments) command += ' ' + shellQuoted(argument);
  return command;
}

// A figure of a score stage holds the kept H × Lq × Lk array (4 bytes a cell) and, while it is
// drawn, the cells' values and their one-pixel-per-cell image (4 + 4 bytes, and Qt's conversions
// of it): 17 bytes a cell measured at 13377², hence 18. Refusing more than the full trace's
// budget makes that budget export's real peak, as the README states.
constexpr std::uint64_t kFigureBytesPerCell = 18;

void requireFigureFits(int heads, std::size_t queries, std::size_t keys) {
  const std::uint64_t cells = std::uint64_t(heads) * queries * keys;
  const std::uint64_t maxCells = kFullTraceBudgetBytes / kFigureBytesPerCell;
  if (cells > maxCells) {
    throw Error(ErrorKind::LimitExceeded,
                "a figure of " + std::to_string(heads) + " × " + std::to_string(queries) + " × " +
                    std::to_string(keys) + " scores would need more than export's " +
                    std::to_string(kFullTraceBudgetBytes >> 30) + " GiB (at most " +
                    std::to_string(maxCells) + " cells, heads × queries × keys): shorten the text");
  }
}

std::shared_ptr<AttentionResult> compute(const ExportPlan& plan) {
  if (!plan.session.model.isSandbox()) {
    EncoderRunner runner;
    return std::make_shared<AttentionResult>(encoderAttention(plan.session, runner));
  }
  LessonInputs inputs = lessonInputs(plan.session);
  if (plan.maskFile) inputs.mask = *plan.maskFile;
  if (!plan.matrix) {
    requireFigureFits(inputs.heads, std::size_t(inputs.query.rows()),
                      std::size_t(inputs.keyValue.rows()));
  }
  auto result = std::make_shared<AttentionResult>();
  result->parameters = plan.session;
  if (plan.maskFile) result->parameters.mask = LessonMask::Custom;
  AttentionEngine engine;
  engine.setScoreScaling(plan.session.scaled ? ScoreScaling::SqrtHeadWidth : ScoreScaling::None);
  // The figure draws one stage: the trace keeps only the array it is drawn from (at the trace's
  // limit each array is 1 GiB), or neither for the matrices x, q, k, v, context and output.
  engine.setKeptScoreArrays(plan.matrix                         ? KeptScoreArrays::Neither
                            : plan.stage == ScoreStage::Weights ? KeptScoreArrays::WeightsOnly
                                                                : KeptScoreArrays::ScoresOnly);
  engine.run(inputs.weights, inputs.query, inputs.keyValue, inputs.mask, inputs.heads);
  result->trace = engine.takeTrace();
  result->queryTokens = std::move(inputs.queryTokens);
  result->keyTokens = std::move(inputs.keyTokens);
  labelTokens(*result);
  return result;
}

}  // namespace

int runExport(std::span<const std::string> arguments) {
  const std::vector<OptionSpec> specs = exportOptionSpecs();
  const ParsedOptions options = parseOptions(arguments, specs);
  if (options.has("help")) {
    std::cout << kExportUsage;
    return 0;
  }
  const ExportPlan plan = planExport(options);
  outputFileTarget(plan.out);  // a refused --out fails before any work
  const std::unique_ptr<QGuiApplication> app = startGui();

  FigureRequest request;
  request.result = compute(plan);
  request.stage = plan.stage;
  request.matrix = plan.matrix;
  request.heads = plan.heads;
  request.lines = plan.lines;
  request.colorMap = plan.colorMap;
  request.style = plan.style;
  request.crop = plan.crop;
  request.size = QSize(plan.width, plan.height);
  request.dpi = plan.dpi;
  request.weightsName = QString::fromStdString(plan.weightsName);
  request.metadata.text = QString::fromStdString(plan.session.text);
  if (plan.session.crossAttention) {
    request.metadata.keyValueText = QString::fromStdString(plan.session.keyValueText);
  }
  request.metadata.parameters = QString::fromStdString(lessonSummary(plan.session));
  request.metadata.seed = QString::number(plan.session.seed);
  request.metadata.command = QString::fromStdString(commandOf(arguments));

  const QString problem = exportFigure(request, QFile::decodeName(plan.out.c_str()));
  if (!problem.isEmpty()) throw Error(ErrorKind::Io, problem.toStdString());
  return 0;
}

}  // namespace attnscope::cli
