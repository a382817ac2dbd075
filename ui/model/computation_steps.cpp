#include "ui/model/computation_steps.h"

#include <QCoreApplication>

#include "ui/model/formula_text.h"
#include "ui/model/head_maps.h"
#include "ui/model/trace_matrices.h"

namespace attnscope {

// Gives these free functions tr(), under a context lupdate sees.
class Steps {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Steps)
};

namespace {

QStringList indexLabels(Eigen::Index count) {
  QStringList labels;
  for (Eigen::Index i = 0; i < count; ++i) labels << QString::number(i + 1);
  return labels;
}

// A matrix that is not part of the trace (E, PE, W^Q, W^O), as it is.
StepPanel matrixPanel(const Matrix& matrix, QStringList rows, QStringList cols, QString title) {
  StepPanel panel;
  HeatmapData& data = panel.data;
  data.rows = int(matrix.rows());
  data.cols = int(matrix.cols());
  data.values.assign(matrix.data(), matrix.data() + matrix.size());
  data.rowLabels = std::move(rows);
  data.colLabels = std::move(cols);
  data.title = std::move(title);
  return panel;
}

// One of the trace's token × dimension matrices, as the matrix views and exports draw it
// (trace_matrices.h), under the step's own title when it has one.
StepPanel tracePanel(const AttentionResult& result, TraceMatrix matrix, const HeadChoice& heads,
                     QString title = {}, int columnGroup = 0) {
  StepPanel panel;
  panel.data = traceMatrixHeatmap(result, matrix, heads);
  if (!title.isEmpty()) panel.data.title = std::move(title);
  panel.columnGroup = columnGroup;
  return panel;
}

StepPanel stagePanel(const AttentionResult& result, int head, ScoreStage stage, QString title,
                     bool signedValues = true) {
  StepPanel panel;
  panel.data = headHeatmap(result, head, stage);
  panel.data.title = std::move(title);
  panel.signedValues = signedValues;
  return panel;
}

// An encoder layer's step 1: X is the layer norm of what enters the layer, not embeddings
// plus positions as in the sandbox.
StepContent encoderLayerInput(const AttentionResult& result) {
  const EncoderLessonRun& run = *result.encoder;
  const EncoderLayerTrace& layer = run.shownLayer();
  const QStringList pieces = result.queryLabels;
  const Eigen::Index length = layer.input.rows(), width = layer.input.cols();
  StepContent content;
  content.title = stepTitle(int(StepThroughStop::Embeddings), true);
  const QString normalised =
      QStringLiteral("X = LayerNorm(input) ∈ %1").arg(realSpace(length, width));
  if (run.layer == 0) {
    content.formula = (run.model->embeddingsTwice ? QStringLiteral("input = E + (E + PE),  ")
                                                  : QStringLiteral("input = E + PE,  ")) +
                      normalised;
    content.explanation =
        (run.model->embeddingsTwice
             ? Steps::tr("Layer 1's input is each piece's learned embedding E plus a timing "
                         "signal PE of sines and cosines of its position; this model's graph adds "
                         "the embedding a second time.")
             : Steps::tr("Layer 1's input is each piece's learned embedding E plus a timing "
                         "signal PE of sines and cosines of its position.")) +
        QLatin1Char(' ') +
        Steps::tr(
            "The attention does not see it directly: X is the input after layer "
            "normalisation (each row shifted to mean 0 and scaled to variance 1, then by a "
            "learned scale and bias). The input itself comes back in step 10.");
  } else {
    content.formula =
        QStringLiteral("input = output%1,  ").arg(subscript(qlonglong(run.layer))) + normalised;
    content.explanation =
        Steps::tr(
            "Layer %1's input is layer %2's output (step 10 there). The attention does not "
            "see it directly: X is the input after layer normalisation (each row shifted to "
            "mean 0 and scaled to variance 1, then by a learned scale and bias). The input "
            "itself comes back in step 10.")
            .arg(run.layer + 1)
            .arg(run.layer);
  }
  content.panels.push_back(
      matrixPanel(layer.input, pieces, indexLabels(width), Steps::tr("the layer's input")));
  content.panels.push_back(
      matrixPanel(layer.x, pieces, indexLabels(layer.x.cols()), QStringLiteral("X = LN(input)")));
  return content;
}

// An encoder layer's closing step: the residual connection, the second layer norm and the
// feed-forward network, as core/encoder.h's steps 4c and 4d compute them.
StepContent aroundAttention(const AttentionResult& result) {
  const EncoderLessonRun& run = *result.encoder;
  const EncoderLayerTrace& layer = run.shownLayer();
  const EncoderLayer& weights = run.model->layers[run.layer];
  const QStringList pieces = result.queryLabels;
  const Eigen::Index length = layer.attended.rows(), width = layer.attended.cols();
  StepContent content;
  content.title = stepTitle(kAroundAttentionStep, true);
  const QString residual =
      weights.projectsResidual ? QStringLiteral("(input·W_r + b_r)") : QStringLiteral("input");
  // Two lines: one formula this long would widen the window beyond a laptop's screen.
  content.formula =
      QStringLiteral("x′ = MultiHead(X) + %1\noutput = x′ + ReLU(LN(x′)W₁ + b₁)W₂ + b₂ ∈ %2")
          .arg(residual, realSpace(length, width));
  const bool last = run.layer + 1 == run.trace->layers.size();
  content.explanation =
      (weights.projectsResidual
           ? Steps::tr("The residual connection adds the layer's input back to the attention's "
                       "output; this layer widens each piece from %1 to %2 numbers, so the input "
                       "first passes through a learned projection W_r.")
                 .arg(layer.input.cols())
                 .arg(width)
           : Steps::tr("The residual connection adds the layer's input back to the attention's "
                       "output.")) +
      QLatin1Char(' ') +
      Steps::tr(
          "Then a second layer norm and a feed-forward network (%1 numbers wide, with a ReLU, "
          "applied to each piece on its own) compute a correction that is added to x′.")
          .arg(layer.hidden.cols()) +
      QLatin1Char(' ') +
      (last ? Steps::tr("This is the last layer: the mean of its output over the pieces becomes "
                        "the sentence embedding.")
            : Steps::tr("The result is layer %1's input.").arg(run.layer + 2));
  // Short titles: three panels share the width, and the formula above defines each.
  content.panels.push_back(
      matrixPanel(layer.attended, pieces, indexLabels(width), QStringLiteral("x′")));
  content.panels.push_back(matrixPanel(layer.hidden, pieces, indexLabels(layer.hidden.cols()),
                                       QStringLiteral("ReLU(LN(x′)W₁ + b₁)")));
  content.panels.push_back(
      matrixPanel(layer.output, pieces, indexLabels(width), Steps::tr("output")));
  return content;
}

}  // namespace

int stepCount(const AttentionResult& result) {
  return result.encoder ? kAroundAttentionStep + 1 : kStepThroughStops;
}

QString stepTitle(int step, bool encoder) {
  switch (StepThroughStop(step)) {
    case StepThroughStop::Embeddings:
      return encoder ? Steps::tr("1. The layer's input and its layer norm")
                     : Steps::tr("1. Tokens and embeddings");
    case StepThroughStop::Projections:
      return Steps::tr("2. Projections Q, K, V");
    case StepThroughStop::SplitHeads:
      return Steps::tr("3. Split into heads");
    case StepThroughStop::RawScores:
      return Steps::tr("4. Raw scores");
    case StepThroughStop::Scaling:
      return Steps::tr("5. Scaling by 1/√d_k");
    case StepThroughStop::Masking:
      return Steps::tr("6. Masking");
    case StepThroughStop::Softmax:
      return Steps::tr("7. Softmax per row");
    case StepThroughStop::WeightedSum:
      return Steps::tr("8. Weighted sum of values");
    case StepThroughStop::ConcatOutput:
      return Steps::tr("9. Concat and output projection");
    case StepThroughStop::AroundAttention:
      return Steps::tr("10. Around the attention: residual, layer norm, feed-forward");
  }
  return {};
}

StepContent stepContent(const AttentionResult& result, int step, int head) {
  if (result.encoder && step == kAroundAttentionStep) return aroundAttention(result);
  if (result.encoder && step == int(StepThroughStop::Embeddings)) return encoderLayerInput(result);
  const AttentionTrace& trace = *result.trace;
  const QStringList queries = result.queryLabels;
  const auto lq = Eigen::Index(trace.queryLength()), lk = Eigen::Index(trace.keyLength());
  const Eigen::Index d = trace.output.cols();
  const auto dk = Eigen::Index(trace.headWidth);
  const QString i = subscript(head + 1);
  const QString h = QString::number(trace.heads);
  StepContent content;
  content.title = stepTitle(step, false);

  switch (StepThroughStop(step)) {
    case StepThroughStop::Embeddings: {
      content.formula = QStringLiteral("X = E + PE ∈ %1").arg(realSpace(lq, d));
      content.explanation = Steps::tr(
          "Each token becomes a vector of d_model numbers drawn from the "
          "seed. The positional encoding adds a pattern of sines and "
          "cosines that tells the model where each token stands.");
      content.panels.push_back(
          matrixPanel(result.queryEmbeddings, queries, indexLabels(d), Steps::tr("embeddings E")));
      content.panels.push_back(matrixPanel(result.queryPositions, queries, indexLabels(d),
                                           Steps::tr("positional encoding PE")));
      content.panels.push_back(tracePanel(result, TraceMatrix::Input, HeadChoice::all()));
      break;
    }
    case StepThroughStop::Projections: {
      content.formula = QStringLiteral("Q = XW^Qᵀ + b^Q,  K = XW^Kᵀ + b^K,  V = XW^Vᵀ + b^V ∈ %1")
                            .arg(realSpace(lq, d));
      content.explanation = Steps::tr(
          "Three learned linear maps turn every token into a query (what it "
          "looks for), a key (what it offers) and a value (what it passes on).");
      content.panels.push_back(matrixPanel(result.weights.query.weight, indexLabels(d),
                                           indexLabels(d), Steps::tr("W^Q (out × in)")));
      for (const TraceMatrix matrix :
           {TraceMatrix::Queries, TraceMatrix::Keys, TraceMatrix::Values}) {
        content.panels.push_back(tracePanel(result, matrix, HeadChoice::all()));
      }
      break;
    }
    case StepThroughStop::SplitHeads: {
      content.formula = QStringLiteral("Q = [Q₁ | … | Q%1],  Q%2 ∈ %3")
                            .arg(subscript(trace.heads), i, realSpace(lq, dk));
      content.explanation = Steps::tr(
                                "The d_model columns are cut into %1 blocks of d_k = %2, one per "
                                "head. Each head attends in its own subspace.")
                                .arg(h)
                                .arg(dk);
      content.panels.push_back(tracePanel(result, TraceMatrix::Queries, HeadChoice::all(),
                                          Steps::tr("Q, coloured by head"), int(dk)));
      for (const TraceMatrix matrix :
           {TraceMatrix::Queries, TraceMatrix::Keys, TraceMatrix::Values}) {
        content.panels.push_back(tracePanel(result, matrix, HeadChoice::one(head)));
      }
      break;
    }
    case StepThroughStop::RawScores:
      content.formula = QStringLiteral("S%1 = Q%1K%1ᵀ ∈ %2").arg(i, realSpace(lq, lk));
      content.explanation = Steps::tr(
          "Every query is compared with every key by a dot product: the "
          "larger the score, the better the key matches what the query "
          "looks for.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Scores,
                     QStringLiteral("Q") + i + QStringLiteral("K") + i + QStringLiteral("ᵀ")));
      break;
    case StepThroughStop::Scaling:
      content.formula =
          QStringLiteral("S%1 / √d_k = S%1 / %2").arg(i).arg(double(trace.scoreDivisor), 0, 'g', 4);
      content.explanation = Steps::tr(
          "Dot products of d_k numbers grow like √d_k. Dividing by √d_k keeps "
          "the scores in a range where softmax still spreads its weight; "
          "without it, softmax saturates and one key takes nearly all.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Scores, Steps::tr("before: raw scores")));
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Scaled, Steps::tr("after: scaled scores")));
      content.sharedScale = true;
      break;
    case StepThroughStop::Masking:
      content.formula = QStringLiteral("masked_fill(mask == 0, −1e9)");
      content.explanation = Steps::tr(
          "Blocked cells are set to −1e9, which softmax turns into a weight of "
          "0. It is finite, not −∞: a row with every cell blocked becomes "
          "uniform instead of undefined.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Masked, Steps::tr("masked scores")));
      break;
    case StepThroughStop::Softmax:
      content.formula = QStringLiteral("A%1 = softmax(S%1 / √d_k) ∈ %2").arg(i, realSpace(lq, lk));
      content.explanation = Steps::tr(
          "Each row is exponentiated and divided by its sum, so it becomes a "
          "distribution: non-negative weights that add up to 1.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Weights, Steps::tr("weights"), false));
      break;
    case StepThroughStop::WeightedSum: {
      content.formula = QStringLiteral("head%1 = A%1V%1 ∈ %2").arg(i, realSpace(lq, dk));
      content.explanation = Steps::tr(
          "Each output row is a mix of the value rows, weighted by that "
          "query's attention: a weighted average of what the keys offer.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Weights, QStringLiteral("A") + i, false));
      content.panels.push_back(tracePanel(result, TraceMatrix::Values, HeadChoice::one(head)));
      content.panels.push_back(tracePanel(result, TraceMatrix::Context, HeadChoice::one(head)));
      break;
    }
    case StepThroughStop::ConcatOutput:
      content.formula = QStringLiteral("MultiHead = Concat(head₁ … head%1)W^Oᵀ + b^O ∈ %2")
                            .arg(subscript(trace.heads), realSpace(lq, d));
      content.explanation = Steps::tr(
          "The heads' outputs are laid side by side again and mixed by one "
          "more linear map, W^O, into the layer's output.");
      content.panels.push_back(tracePanel(result, TraceMatrix::Context, HeadChoice::all(),
                                          Steps::tr("Concat(head₁ … head_h)"), int(dk)));
      content.panels.push_back(matrixPanel(result.weights.output.weight, indexLabels(d),
                                           indexLabels(d), Steps::tr("W^O (out × in)")));
      content.panels.push_back(
          tracePanel(result, TraceMatrix::Output, HeadChoice::all(), Steps::tr("output")));
      break;
    case StepThroughStop::AroundAttention:
      break;  // an encoder lesson's step, answered above; the sandbox has nine
  }
  return content;
}

}  // namespace attnscope
