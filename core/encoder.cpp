#include "core/encoder.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "core/attention_engine.h"
#include "core/error.h"
#include "core/file_bytes.h"
#include "core/isa.h"
#include "core/kernel_table.h"
#include "core/tfjs_graph_model.h"

namespace attnscope {
namespace {

using kernels::kPanelWidth;

constexpr std::uint64_t kMaxVocabularyBytes = std::uint64_t{64} << 20;

// Finds the encoder's parts in the graph by the names of the operations that use them, so every
// weight and constant comes from the file, and checks that the operations are wired as the
// comment in encoder.h says. Every complaint names model.json.
class GraphReader {
 public:
  explicit GraphReader(const GraphModel& graph) : m_graph(graph) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw Error(ErrorKind::InvalidData, m_graph.displayName() + ": " + message);
  }

  const GraphNode* find(const std::string& suffix) const { return m_graph.nodeEndingWith(suffix); }
  const GraphNode& op(const std::string& suffix) const {
    const GraphNode* node = find(suffix);
    if (node == nullptr) fail("no node …/" + suffix + ": not an encoder AttnScope can run");
    return *node;
  }

  static std::string_view plain(std::string_view input) {
    if (!input.empty() && input.front() == '^') input.remove_prefix(1);
    const auto colon = input.rfind(':');
    if (colon != std::string_view::npos && colon + 1 < input.size() &&
        input.find_first_not_of("0123456789", colon + 1) == std::string_view::npos) {
      input = input.substr(0, colon);
    }
    return input;
  }

  // Input `index` of the node `suffix` must be the node ending with `inputSuffix`.
  void expectInput(const std::string& suffix, std::size_t index,
                   const std::string& inputSuffix) const {
    const GraphNode& node = op(suffix);
    const GraphNode& expected = op(inputSuffix);
    if (index >= node.inputs.size() || plain(node.inputs[index]) != expected.name) {
      fail("…/" + suffix + " does not read …/" + inputSuffix +
           ": the graph is not wired as AttnScope's encoder");
    }
  }

  // The weight that input `index` of the node `suffix` reads, with the given number of dimensions.
  const GraphTensor& weight(const std::string& suffix, std::size_t index, std::size_t rank,
                            bool integer = false) const {
    const GraphNode& node = op(suffix);
    if (index >= node.inputs.size()) fail("…/" + suffix + " has too few inputs");
    const std::string_view name = plain(node.inputs[index]);
    const GraphTensor* tensor = m_graph.tensor(name);
    if (tensor == nullptr)
      fail("…/" + suffix + " reads " + std::string(name) + ", which is not a weight");
    if (tensor->shape.size() != rank ||
        (integer ? tensor->ints.size() : tensor->floats.size()) != tensor->size()) {
      fail("weight " + std::string(name) + " has " + std::to_string(tensor->shape.size()) +
           " dimensions" + (integer ? " or is not int32" : " or is not float32") + ", expected " +
           std::to_string(rank));
    }
    return *tensor;
  }
  float scalar(const std::string& suffix, std::size_t index) const {
    return weight(suffix, index, 0).floats[0];
  }
  std::int32_t integer(const std::string& suffix, std::size_t index) const {
    return weight(suffix, index, 0, true).ints[0];
  }

  void expectShape(const GraphTensor& tensor, std::vector<std::size_t> shape,
                   const std::string& what) const {
    if (tensor.shape != shape) {
      std::string expected, found;
      for (std::size_t d : shape) expected += (expected.empty() ? "" : " × ") + std::to_string(d);
      for (std::size_t d : tensor.shape) found += (found.empty() ? "" : " × ") + std::to_string(d);
      fail(what + " is " + (found.empty() ? "a scalar" : found) + ", expected " + expected);
    }
  }

 private:
  const GraphModel& m_graph;
};

Vector vectorOf(const GraphTensor& tensor) {
  return Eigen::Map<const Vector>(tensor.floats.data(), Eigen::Index(tensor.floats.size()));
}

DenseWeights denseOf(const GraphTensor& kernel, const GraphTensor& bias, std::size_t inputs,
                     std::size_t outputs) {
  DenseWeights dense;
  dense.inputs = inputs;
  dense.outputs = outputs;
  dense.paddedOutputs = (outputs + kPanelWidth - 1) / kPanelWidth * kPanelWidth;
  dense.weights.assign(inputs * dense.paddedOutputs, 0.0f);
  dense.bias.assign(dense.paddedOutputs, 0.0f);
  // Panel p holds, for each input i, outputs 16p … 16p + 15 side by side: one panel is one
  // contiguous inputs × 16 block, read front to back by the kernel.
  for (std::size_t i = 0; i < inputs; ++i) {
    for (std::size_t o = 0; o < outputs; ++o) {
      dense.weights[(o / kPanelWidth) * inputs * kPanelWidth + i * kPanelWidth + o % kPanelWidth] =
          kernel.floats[i * outputs + o];
    }
  }
  std::copy_n(bias.floats.data(), outputs, dense.bias.data());
  return dense;
}

LayerNormWeights layerNormOf(const GraphReader& graph, const std::string& prefix,
                             std::size_t width) {
  // layer_norm/mul = scale · rsqrt(var + ε); mul_1 = mul · (x − mean); add_1 = mul_1 + bias.
  graph.expectInput(prefix + "layer_norm/mul", 1, prefix + "layer_norm/Rsqrt");
  graph.expectInput(prefix + "layer_norm/Rsqrt", 0, prefix + "layer_norm/add");
  graph.expectInput(prefix + "layer_norm/add", 0, prefix + "layer_norm/Mean_1");
  graph.expectInput(prefix + "layer_norm/add_1", 0, prefix + "layer_norm/mul_1");
  const GraphTensor& scale = graph.weight(prefix + "layer_norm/mul", 0, 1);
  const GraphTensor& bias = graph.weight(prefix + "layer_norm/add_1", 1, 1);
  graph.expectShape(scale, {width}, prefix + "layer_norm's scale");
  graph.expectShape(bias, {width}, prefix + "layer_norm's bias");
  const float epsilon = graph.scalar(prefix + "layer_norm/add", 1);
  if (!(epsilon >= 0.0f)) graph.fail(prefix + "layer_norm's epsilon is negative");
  return {vectorOf(scale), vectorOf(bias), epsilon};
}

// W (in × out, TensorFlow's layout) as the engine's out × in.
Matrix transposedBlock(const GraphTensor& kernel, std::size_t rows, std::size_t cols,
                       std::size_t firstCol, std::size_t count) {
  Matrix result(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(rows));
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < count; ++c) {
      result(Eigen::Index(c), Eigen::Index(r)) = kernel.floats[r * cols + firstCol + c];
    }
  }
  return result;
}

EncoderLayer layerOf(const GraphReader& graph, int n, std::size_t width) {
  const std::string layer = "TransformerStack/Layer_" + std::to_string(n) + "/TransformerLayer/";
  const std::string attention = layer + "MultiheadAttention/";
  EncoderLayer result;

  // The pre-norm wiring: attention reads LN(x); the residual adds to its output; the FFN reads
  // LN of that sum and adds to it.
  graph.expectInput(attention + "qkv_transform_single/Conv2D", 0, attention + "ExpandDims");
  graph.expectInput(attention + "ExpandDims", 0, layer + "layer_prepostprocess/layer_norm/add_1");
  graph.expectInput(layer + "layer_postprocess/add", 0, attention + "Squeeze_1");
  graph.expectInput(layer + "FFN/layer_postprocess/add", 1, layer + "layer_postprocess/add");
  graph.expectInput(layer + "FFN/layer_prepostprocess/layer_norm/Mean", 0,
                    layer + "layer_postprocess/add");
  graph.expectInput(layer + "FFN/conv1/Relu", 0, layer + "FFN/conv1/BiasAdd");
  result.attentionNorm = layerNormOf(graph, layer + "layer_prepostprocess/", width);

  const GraphTensor& qkv = graph.weight(attention + "qkv_transform_single/Conv2D", 1, 4);
  const GraphTensor& qkvBias = graph.weight(attention + "qkv_transform_single/BiasAdd", 1, 1);
  const GraphTensor& split = graph.weight(attention + "split", 1, 1, true);
  if (split.ints.size() != 3 || split.ints[0] != split.ints[1] || split.ints[1] != split.ints[2]) {
    graph.fail(attention + "split does not cut q, k and v of one width");
  }
  const auto w = static_cast<std::size_t>(split.ints[0]);
  if (w != width) {
    graph.fail(attention + "projects " + std::to_string(width) + " columns to " +
               std::to_string(w) + ": AttnScope's engine needs q, k, v as wide as its input");
  }
  graph.expectShape(qkv, {1, 1, width, 3 * w}, attention + "qkv_transform_single/kernel");
  graph.expectShape(qkvBias, {3 * w}, attention + "qkv_transform_single/bias");

  const std::string shape = attention + "split_heads/split_last_dimension/Reshape/shape";
  const std::int32_t heads = graph.integer(shape, 2);
  const std::int32_t headWidth = graph.integer(shape, 3);
  if (heads < 1 || headWidth < 1 || std::size_t(heads) * std::size_t(headWidth) != w) {
    graph.fail(attention + "splits " + std::to_string(w) + " columns into " +
               std::to_string(heads) + " heads of " + std::to_string(headWidth));
  }
  result.heads = heads;
  graph.expectInput(attention + "mul", 0, attention + "split_heads/transpose");
  const float queryScale = graph.scalar(attention + "mul", 1);
  if (std::abs(double(queryScale) * std::sqrt(double(headWidth)) - 1.0) > 1e-6) {
    graph.fail(attention + "mul scales queries by " + std::to_string(queryScale) +
               ", not 1/√d_k as AttnScope's engine does");
  }

  const GraphTensor& out = graph.weight(attention + "output_transform_single/Conv2D", 1, 4);
  const GraphTensor& outBias = graph.weight(attention + "output_transform_single/BiasAdd", 1, 1);
  if (out.shape.size() != 4 || out.shape[0] != 1 || out.shape[1] != 1 || out.shape[2] != w ||
      out.shape[3] < 1) {
    graph.fail(attention + "output_transform_single/kernel is not 1 × 1 × " + std::to_string(w) +
               " × out");
  }
  const std::size_t outWidth = out.shape[3];
  graph.expectShape(outBias, {outWidth}, attention + "output_transform_single/bias");
  for (int role = 0; role < 3; ++role) {
    Projection& projection = role == 0   ? result.attention.query
                             : role == 1 ? result.attention.key
                                         : result.attention.value;
    projection.weight = transposedBlock(qkv, width, 3 * w, std::size_t(role) * w, w);
    projection.bias =
        Eigen::Map<const Vector>(qkvBias.floats.data() + std::size_t(role) * w, Eigen::Index(w));
  }
  result.attention.output.weight = transposedBlock(out, w, outWidth, 0, outWidth);
  result.attention.output.bias = vectorOf(outBias);

  const std::string adjust = layer + "AdjustResidualInput/dense/";
  result.projectsResidual = graph.find(adjust + "MatMul") != nullptr;
  if (result.projectsResidual) {
    graph.expectInput(layer + "layer_postprocess/add", 1,
                      layer + "AdjustResidualInput/Scatter/ScatterNd");
    const GraphTensor& kernel = graph.weight(adjust + "MatMul", 1, 2);
    const GraphTensor& bias = graph.weight(adjust + "BiasAdd", 1, 1);
    graph.expectShape(kernel, {width, outWidth}, adjust + "kernel");
    graph.expectShape(bias, {outWidth}, adjust + "bias");
    result.residual = denseOf(kernel, bias, width, outWidth);
  } else if (outWidth != width) {
    graph.fail(attention + "widens " + std::to_string(width) + " to " + std::to_string(outWidth) +
               " but the layer has no AdjustResidualInput");
  }

  result.feedForwardNorm = layerNormOf(graph, layer + "FFN/layer_prepostprocess/", outWidth);
  const GraphTensor& conv1 = graph.weight(layer + "FFN/conv1/Tensordot/MatMul", 1, 2);
  const GraphTensor& bias1 = graph.weight(layer + "FFN/conv1/BiasAdd", 1, 1);
  const GraphTensor& conv2 = graph.weight(layer + "FFN/conv2/Tensordot/MatMul", 1, 2);
  const GraphTensor& bias2 = graph.weight(layer + "FFN/conv2/BiasAdd", 1, 1);
  const std::size_t hidden = conv1.shape[1];
  graph.expectShape(conv1, {outWidth, hidden}, layer + "FFN/conv1 kernel");
  graph.expectShape(bias1, {hidden}, layer + "FFN/conv1 bias");
  graph.expectShape(conv2, {hidden, outWidth}, layer + "FFN/conv2 kernel");
  graph.expectShape(bias2, {outWidth}, layer + "FFN/conv2 bias");
  result.feedForwardIn = denseOf(conv1, bias1, outWidth, hidden);
  result.feedForwardOut = denseOf(conv2, bias2, hidden, outWidth);
  try {
    validateWeights(result.attention, OutputWidth::Any);
  } catch (const Error& error) {
    graph.fail("Layer_" + std::to_string(n) + " attention: " + error.what());
  }
  return result;
}

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

// y (rows × dense.outputs, row stride ldy) = x·W + b on the GEMM kernels.
void applyDense(const kernels::KernelTable& kernels, const DenseWeights& dense, const float* x,
                std::size_t rows, float* y) {
  kernels.gemm({.a = x,
                .lda = dense.inputs,
                .b = dense.weights.data(),
                .ldb = kPanelWidth,
                .panelStride = dense.inputs * kPanelWidth,
                .bias = dense.bias.data(),
                .c = y,
                .ldc = dense.outputs,
                .rows = rows,
                .cols = dense.outputs,
                .depth = dense.inputs});
}

// As the graph: mean, x − mean, mean of its squares, rsqrt(var + ε), scale·rsqrt, ·(x − mean),
// + bias, each rounded to float32; the sums in double.
void layerNorm(const LayerNormWeights& norm, const Matrix& x, Matrix& y) {
  y.resize(x.rows(), x.cols());
  const Eigen::Index n = x.cols();
  for (Eigen::Index r = 0; r < x.rows(); ++r) {
    double sum = 0.0;
    for (Eigen::Index c = 0; c < n; ++c) sum += x(r, c);
    const float mean = static_cast<float>(sum / double(n));
    double squares = 0.0;
    for (Eigen::Index c = 0; c < n; ++c) {
      const float d = x(r, c) - mean;
      squares += double(d) * double(d);
    }
    const float variance = static_cast<float>(squares / double(n));
    const float inverse = 1.0f / std::sqrt(variance + norm.epsilon);
    for (Eigen::Index c = 0; c < n; ++c) {
      y(r, c) = norm.scale[c] * inverse * (x(r, c) - mean) + norm.bias[c];
    }
  }
}

void requireFinite(const Matrix& m, const std::string& what) {
  if (!m.allFinite()) {
    throw Error(ErrorKind::InvalidData, what + " overflowed float32 (NaN or infinity)");
  }
}

}  // namespace

std::vector<Piece> EncoderModel::tokenize(std::string_view text) const {
  std::vector<Piece> pieces = tokenizer.tokenize(text);
  for (std::size_t i = 0; i < pieces.size(); ++i) pieces[i].read = i < maxLength;
  return pieces;
}

std::filesystem::path encoderFolder(std::string_view nameOrPath) {
  const std::filesystem::path given{std::string(nameOrPath)};
  std::error_code error;
  if (nameOrPath.find('/') != std::string_view::npos ||
      std::filesystem::is_directory(given, error)) {
    return given;
  }
  std::filesystem::path models;
  if (const std::string dir = environment("ATTNSCOPE_MODEL_DIR"); !dir.empty()) {
    models = dir;
  } else if (const std::string data = environment("XDG_DATA_HOME"); !data.empty()) {
    models = std::filesystem::path(data) / "attnscope" / "models";
  } else {
    models =
        std::filesystem::path(environment("HOME")) / ".local" / "share" / "attnscope" / "models";
  }
  return models / given;
}

EncoderModel loadEncoder(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::exists(folder / "model.json", error)) {
    throw Error(ErrorKind::InvalidData,
                "no model in " + folder.string() +
                    " (model.json is missing): scripts/fetch-model installs use-lite");
  }
  const GraphModel graphModel = GraphModel::read(folder);
  const GraphReader graph(graphModel);
  EncoderModel model;
  model.folder = folder;

  // 1. ClipToMaxLength.
  graph.expectInput("ClipToMaxLength/Where", 0, "ClipToMaxLength/Less");
  const std::int32_t maxLength = graph.integer("ClipToMaxLength/Less", 1);
  if (maxLength < 1 || maxLength > 65536) {
    graph.fail("ClipToMaxLength reads " + std::to_string(maxLength) +
               " pieces (1 … 65536 expected)");
  }
  model.maxLength = static_cast<std::size_t>(maxLength);

  // 2. The embeddings.
  const GraphTensor& embeddings = graph.weight("Encode/embedding_lookup", 0, 2);
  const std::size_t width = embeddings.shape[1];
  if (embeddings.shape[0] < 1 || width < 2 || width % 2 != 0) {
    graph.fail("the embeddings must be rows × an even width");
  }
  model.embeddings = Eigen::Map<const Matrix>(
      embeddings.floats.data(), Eigen::Index(embeddings.shape[0]), Eigen::Index(width));

  // 3. The timing signal, and the embeddings added a second time.
  const std::string timing = "TransformerStack/Layer_0/AddTimingSignal/";
  graph.expectInput(timing + "TimingSignal/concat", 0, timing + "TimingSignal/Sin");
  graph.expectInput(timing + "TimingSignal/concat", 1, timing + "TimingSignal/Cos");
  const GraphTensor& inverse = graph.weight(timing + "TimingSignal/mul_2", 1, 2);
  graph.expectShape(inverse, {1, width / 2}, timing + "TimingSignal inverse timescales");
  model.inverseTimescales = vectorOf(inverse);
  graph.expectInput("TransformerStack/Layer_0/add", 0, "Encode/Scatter/ScatterNd");
  graph.expectInput("TransformerStack/Layer_0/add", 1, timing + "Scatter/ScatterNd");
  graph.expectInput(timing + "Gather/GatherNd", 0, "Encode/Scatter/ScatterNd");
  model.embeddingsTwice = true;
  graph.expectInput(
      "TransformerStack/Layer_0/TransformerLayer/layer_prepostprocess/layer_norm/Mean", 0,
      "TransformerStack/Layer_0/add");

  // 4. The layers, as many as the graph has.
  std::size_t stream = width;
  for (int n = 0; graph.find("TransformerStack/Layer_" + std::to_string(n) +
                             "/TransformerLayer/MultiheadAttention/qkv_transform_single/Conv2D");
       ++n) {
    if (n > 0) {
      const std::string previous = "TransformerStack/Layer_" + std::to_string(n - 1) +
                                   "/TransformerLayer/FFN/layer_postprocess/add";
      const std::string layer =
          "TransformerStack/Layer_" + std::to_string(n) + "/TransformerLayer/";
      graph.expectInput(layer + "layer_prepostprocess/layer_norm/Mean", 0, previous);
      if (graph.find(layer + "AdjustResidualInput/dense/MatMul") == nullptr) {
        graph.expectInput(layer + "layer_postprocess/add", 1, previous);
      }
    }
    model.layers.push_back(layerOf(graph, n, stream));
    stream = static_cast<std::size_t>(model.layers.back().outputWidth());
  }
  if (model.layers.empty())
    graph.fail("no TransformerStack/Layer_0: not an encoder AttnScope can run");

  // 5. Mean over the pieces, the tanh layer, l2_normalize.
  const std::string last = "TransformerStack/Layer_" + std::to_string(model.layers.size() - 1) +
                           "/TransformerLayer/FFN/layer_postprocess/add";
  graph.expectInput("KonaTransformer/mul", 0, last);
  graph.expectInput("KonaTransformer/Sum", 0, "KonaTransformer/mul");
  graph.expectInput("KonaTransformer/div", 0, "KonaTransformer/Sum");
  graph.expectInput("hidden_layers/tanh_layer_0/MatMul", 0, "KonaTransformer/div");
  graph.expectInput("hidden_layers/tanh_layer_0/Tanh", 0, "hidden_layers/tanh_layer_0/BiasAdd");
  const GraphTensor& tanhKernel = graph.weight("hidden_layers/tanh_layer_0/MatMul", 1, 2);
  const GraphTensor& tanhBias = graph.weight("hidden_layers/tanh_layer_0/BiasAdd", 1, 1);
  if (tanhKernel.shape[0] != stream || tanhKernel.shape[1] < 1) {
    graph.fail("hidden_layers/tanh_layer_0/weights must have " + std::to_string(stream) + " rows");
  }
  graph.expectShape(tanhBias, {tanhKernel.shape[1]}, "hidden_layers/tanh_layer_0/bias");
  model.sentence = denseOf(tanhKernel, tanhBias, stream, tanhKernel.shape[1]);
  graph.expectInput("hidden_layers/l2_normalize", 0, "hidden_layers/tanh_layer_0/Tanh");
  model.normalizeEpsilon = graph.scalar("hidden_layers/l2_normalize/Maximum", 1);

  // The vocabulary must index the embeddings.
  const std::filesystem::path vocabPath = folder / "vocab.json";
  if (!std::filesystem::exists(vocabPath, error)) {
    throw Error(ErrorKind::InvalidData,
                vocabPath.string() + " is missing (run scripts/fetch-model again)");
  }
  model.tokenizer =
      UnigramTokenizer::parse(readFileBytes(vocabPath, kMaxVocabularyBytes), vocabPath.string());
  if (model.tokenizer.size() > embeddings.shape[0]) {
    throw Error(ErrorKind::InvalidData,
                vocabPath.string() + ": " + std::to_string(model.tokenizer.size()) +
                    " pieces, but the model has embeddings for " +
                    std::to_string(embeddings.shape[0]) + ": not this model's vocabulary");
  }
  return model;
}

EncoderRunner::EncoderRunner() = default;
EncoderRunner::~EncoderRunner() = default;

const EncoderTrace& EncoderRunner::run(const EncoderModel& model, std::span<const int> ids,
                                       const EncoderOptions& options) {
  if (ids.empty()) throw Error(ErrorKind::InvalidArgument, "the text has no pieces");
  const std::size_t length = std::min(ids.size(), model.maxLength);
  const auto rows = static_cast<Eigen::Index>(length);
  const std::size_t width = static_cast<std::size_t>(model.embeddings.cols());
  const std::size_t half = width / 2;
  EncoderTrace& trace = m_trace;
  trace.ids.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(length));
  for (int id : trace.ids) {
    if (id < 0 || id >= model.embeddings.rows()) {
      throw Error(ErrorKind::InvalidArgument,
                  "piece id " + std::to_string(id) + " is outside the model's embeddings");
    }
  }

  // x_0 = e + (e + [sin(p·τ), cos(p·τ)]), rounded as the graph rounds.
  trace.embedded.resize(rows, Eigen::Index(width));
  for (std::size_t p = 0; p < length; ++p) {
    const auto e = model.embeddings.row(trace.ids[p]);
    for (std::size_t c = 0; c < width; ++c) {
      const float angle = static_cast<float>(p) * model.inverseTimescales[Eigen::Index(c % half)];
      const float signal =
          static_cast<float>(c < half ? std::sin(double(angle)) : std::cos(double(angle)));
      const float withSignal = e[Eigen::Index(c)] + signal;
      trace.embedded(Eigen::Index(p), Eigen::Index(c)) =
          model.embeddingsTwice ? e[Eigen::Index(c)] + withSignal : withSignal;
    }
  }

  const kernels::KernelTable& kernels = kernelsFor(activeIsa());
  while (m_engines.size() < model.layers.size()) {
    m_engines.push_back(std::make_unique<AttentionEngine>());
  }
  trace.layers.resize(model.layers.size());
  const Matrix* stream = &trace.embedded;
  for (std::size_t n = 0; n < model.layers.size(); ++n) {
    const EncoderLayer& layer = model.layers[n];
    EncoderLayerTrace& out = trace.layers[n];
    const auto outWidth = Eigen::Index(layer.outputWidth());
    out.input = *stream;
    layerNorm(layer.attentionNorm, out.input, out.x);

    AttentionEngine& engine = *m_engines[n];
    engine.setCancelFlag(options.cancel);
    engine.run(layer.attention, out.x, out.x, MaskSpec::none(), layer.heads, options.threads);
    out.attention = engine.takeTrace();

    if (layer.projectsResidual) {
      out.residual.resize(rows, outWidth);
      applyDense(kernels, layer.residual, out.input.data(), length, out.residual.data());
    } else {
      out.residual = out.input;
    }
    out.attended = out.attention.output + out.residual;
    layerNorm(layer.feedForwardNorm, out.attended, out.feedForwardInput);
    out.hidden.resize(rows, Eigen::Index(layer.feedForwardIn.outputs));
    applyDense(kernels, layer.feedForwardIn, out.feedForwardInput.data(), length,
               out.hidden.data());
    out.hidden = out.hidden.cwiseMax(0.0f);
    out.output.resize(rows, outWidth);
    applyDense(kernels, layer.feedForwardOut, out.hidden.data(), length, out.output.data());
    out.output += out.attended;
    requireFinite(out.output, "layer " + std::to_string(n + 1));
    stream = &out.output;
  }

  // Mean over the pieces, tanh layer, l2 normalisation.
  Eigen::VectorXd sum = stream->cast<double>().colwise().sum().transpose();
  trace.pooled = (sum / double(std::max<std::size_t>(length, 1))).cast<float>();
  trace.embedding.resize(Eigen::Index(model.sentence.outputs));
  applyDense(kernels, model.sentence, trace.pooled.data(), 1, trace.embedding.data());
  trace.embedding = trace.embedding.array().tanh();
  const double squares = trace.embedding.cast<double>().squaredNorm();
  const float inverse =
      static_cast<float>(1.0 / std::sqrt(std::max(squares, double(model.normalizeEpsilon))));
  trace.embedding *= inverse;
  return trace;
}

EncoderTrace runEncoder(const EncoderModel& model, std::span<const int> ids,
                        const EncoderOptions& options) {
  EncoderRunner runner;
  runner.run(model, ids, options);
  return runner.takeTrace();
}

std::vector<int> pieceIds(std::span<const Piece> pieces) {
  std::vector<int> ids;
  ids.reserve(pieces.size());
  for (const Piece& piece : pieces) ids.push_back(piece.id);
  return ids;
}

}  // namespace attnscope
