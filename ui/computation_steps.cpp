#include "ui/computation_steps.h"

#include <QCoreApplication>

#include "ui/head_maps.h"
#include "ui/token_labels.h"

namespace attnscope {

// Carries tr() for these free functions, with a context lupdate can see.
class Steps {
  Q_DECLARE_TR_FUNCTIONS(attnscope::Steps)
};

namespace {

// Digits as Unicode superscripts or subscripts, so formulas read as written: ℝ⁶ˣ⁸, Q₂.
QString superscript(int value) {
  static const QString digits = QStringLiteral("⁰¹²³⁴⁵⁶⁷⁸⁹");
  QString text;
  for (QChar c : QString::number(value)) text += digits[c.digitValue()];
  return text;
}

QString subscript(int value) {
  static const QString digits = QStringLiteral("₀₁₂₃₄₅₆₇₈₉");
  QString text;
  for (QChar c : QString::number(value)) text += digits[c.digitValue()];
  return text;
}

QString space(Eigen::Index rows, Eigen::Index cols) {
  return QStringLiteral("ℝ%1ˣ%2").arg(superscript(int(rows)), superscript(int(cols)));
}

QStringList indexLabels(Eigen::Index count) {
  QStringList labels;
  for (Eigen::Index i = 0; i < count; ++i) labels << QString::number(i + 1);
  return labels;
}

StepPanel matrixPanel(const Matrix& matrix, QStringList rows, QStringList cols, QString title,
                      bool signedValues = true, int columnGroup = 0) {
  StepPanel panel;
  panel.signedValues = signedValues;
  panel.columnGroup = columnGroup;
  HeatmapData& data = panel.data;
  data.rows = int(matrix.rows());
  data.cols = int(matrix.cols());
  data.values.assign(matrix.data(), matrix.data() + matrix.size());
  data.rowLabels = std::move(rows);
  data.colLabels = std::move(cols);
  data.title = std::move(title);
  return panel;
}

// Q, K or V with all heads side by side again: column h·d_k + c is column c of head h.
Matrix joinHeads(const HeadTensor& split) {
  const auto width = Eigen::Index(split.cols());
  Matrix joined(Eigen::Index(split.rows()), width * Eigen::Index(split.heads()));
  for (std::size_t h = 0; h < split.heads(); ++h) {
    joined.middleCols(Eigen::Index(h) * width, width) = split.head(h);
  }
  return joined;
}

StepPanel stagePanel(const AttentionResult& result, int head, ScoreStage stage, QString title,
                     bool signedValues = true) {
  StepPanel panel;
  panel.data = headHeatmap(result, head, stage);
  panel.data.title = std::move(title);
  panel.signedValues = signedValues;
  return panel;
}

}  // namespace

QString stepTitle(StepThroughStop step) {
  switch (step) {
    case StepThroughStop::Embeddings:
      return Steps::tr("1. Tokens and embeddings");
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
  }
  return {};
}

StepContent stepContent(const AttentionResult& result, StepThroughStop step, int head) {
  const AttentionTrace& trace = *result.trace;
  const QStringList queries = tokenLabels(result.queryTokens);
  const QStringList keys = tokenLabels(result.keyTokens);
  const auto lq = Eigen::Index(trace.queryLength()), lk = Eigen::Index(trace.keyLength());
  const Eigen::Index d = trace.output.cols();
  const auto dk = Eigen::Index(trace.headWidth);
  const QString i = subscript(head + 1);
  const QString h = QString::number(trace.heads);
  StepContent content;
  content.title = stepTitle(step);

  switch (step) {
    case StepThroughStop::Embeddings: {
      content.formula = QStringLiteral("X = E + PE ∈ %1").arg(space(lq, d));
      content.explanation = Steps::tr(
          "Each token becomes a vector of d_model numbers drawn from the "
          "seed. The positional encoding adds a pattern of sines and "
          "cosines that tells the model where each token stands.");
      content.panels.push_back(
          matrixPanel(result.queryEmbeddings, queries, indexLabels(d), Steps::tr("embeddings E")));
      content.panels.push_back(matrixPanel(result.queryPositions, queries, indexLabels(d),
                                           Steps::tr("positional encoding PE")));
      content.panels.push_back(matrixPanel(result.queryEmbeddings + result.queryPositions, queries,
                                           indexLabels(d), QStringLiteral("X")));
      break;
    }
    case StepThroughStop::Projections: {
      content.formula = QStringLiteral("Q = XW^Qᵀ + b^Q,  K = XW^Kᵀ + b^K,  V = XW^Vᵀ + b^V ∈ %1")
                            .arg(space(lq, d));
      content.explanation = Steps::tr(
          "Three learned linear maps turn every token into a query (what it "
          "looks for), a key (what it offers) and a value (what it passes on).");
      content.panels.push_back(matrixPanel(result.weights.query.weight, indexLabels(d),
                                           indexLabels(d), Steps::tr("W^Q (out × in)")));
      content.panels.push_back(
          matrixPanel(joinHeads(trace.q), queries, indexLabels(d), QStringLiteral("Q")));
      content.panels.push_back(
          matrixPanel(joinHeads(trace.k), keys, indexLabels(d), QStringLiteral("K")));
      content.panels.push_back(
          matrixPanel(joinHeads(trace.v), keys, indexLabels(d), QStringLiteral("V")));
      break;
    }
    case StepThroughStop::SplitHeads: {
      content.formula = QStringLiteral("Q = [Q₁ | … | Q%1],  Q%2 ∈ %3")
                            .arg(subscript(trace.heads), i, space(lq, dk));
      content.explanation = Steps::tr(
                                "The d_model columns are cut into %1 blocks of d_k = %2, one per "
                                "head. Each head attends in its own subspace.")
                                .arg(h)
                                .arg(dk);
      content.panels.push_back(matrixPanel(joinHeads(trace.q), queries, indexLabels(d),
                                           Steps::tr("Q, coloured by head"), true, int(dk)));
      const auto index = std::size_t(head);
      content.panels.push_back(
          matrixPanel(trace.q.head(index), queries, indexLabels(dk), QStringLiteral("Q") + i));
      content.panels.push_back(
          matrixPanel(trace.k.head(index), keys, indexLabels(dk), QStringLiteral("K") + i));
      content.panels.push_back(
          matrixPanel(trace.v.head(index), keys, indexLabels(dk), QStringLiteral("V") + i));
      break;
    }
    case StepThroughStop::RawScores:
      content.formula = QStringLiteral("S%1 = Q%1K%1ᵀ ∈ %2").arg(i, space(lq, lk));
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
      content.formula = QStringLiteral("A%1 = softmax(S%1 / √d_k) ∈ %2").arg(i, space(lq, lk));
      content.explanation = Steps::tr(
          "Each row is exponentiated and divided by its sum, so it becomes a "
          "distribution: non-negative weights that add up to 1.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Weights, Steps::tr("weights"), false));
      break;
    case StepThroughStop::WeightedSum: {
      const auto index = std::size_t(head);
      const auto width = Eigen::Index(trace.headWidth);
      content.formula = QStringLiteral("head%1 = A%1V%1 ∈ %2").arg(i, space(lq, dk));
      content.explanation = Steps::tr(
          "Each output row is a mix of the value rows, weighted by that "
          "query's attention: a weighted average of what the keys offer.");
      content.panels.push_back(
          stagePanel(result, head, ScoreStage::Weights, QStringLiteral("A") + i, false));
      content.panels.push_back(
          matrixPanel(trace.v.head(index), keys, indexLabels(dk), QStringLiteral("V") + i));
      content.panels.push_back(
          matrixPanel(trace.context.middleCols(Eigen::Index(head) * width, width), queries,
                      indexLabels(dk), QStringLiteral("head") + i));
      break;
    }
    case StepThroughStop::ConcatOutput:
      content.formula = QStringLiteral("MultiHead = Concat(head₁ … head%1)W^Oᵀ + b^O ∈ %2")
                            .arg(subscript(trace.heads), space(lq, d));
      content.explanation = Steps::tr(
          "The heads' outputs are laid side by side again and mixed by one "
          "more linear map, W^O, into the layer's output.");
      content.panels.push_back(matrixPanel(trace.context, queries, indexLabels(d),
                                           Steps::tr("Concat(head₁ … head_h)"), true, int(dk)));
      content.panels.push_back(matrixPanel(result.weights.output.weight, indexLabels(d),
                                           indexLabels(d), Steps::tr("W^O (out × in)")));
      content.panels.push_back(
          matrixPanel(trace.output, queries, indexLabels(d), Steps::tr("output")));
      break;
  }
  return content;
}

}  // namespace attnscope
