#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/attention.h"
#include "core/matrix.h"
#include "core/sentencepiece_tokenizer.h"

// A pretrained Transformer encoder read from a TensorFlow.js GraphModel folder (model.json, its
// weight shards and vocab.json): Universal Sentence Encoder lite ("KonaTransformer") and any
// encoder of its shape, with the number of layers, heads and widths read from the graph. Each
// layer's attention runs on AttentionEngine with its full trace; the rest (timing signal, layer
// norm, feed-forward, sentence embedding) runs here on the same GEMM kernels.
//
// The order of operations, read from model.json's modelTopology.node (op names in brackets):
//  1. ClipToMaxLength: pieces at positions ≥ the graph's maximum (Less against 128) are dropped.
//  2. embedding_lookup [GatherV2] of the ids in Embeddings_en (vocabulary rows × d_0).
//  3. Layer_0/AddTimingSignal: signal = [sin(p·τ), cos(p·τ)] (ConcatV2 of Sin then Cos), p the
//     position 0, 1, … and τ the graph's inverse timescales (1 × d_0/2, TimingSignal/ExpandDims_1);
//     AddTimingSignal/add = e + signal. Then Layer_0/add adds the embeddings a second time:
//     x_0 = e + (e + signal), as the graph does (its inputs are the scattered embeddings and the
//     scattered AddTimingSignal/add).
//  4. Per layer n (pre-norm; every step below is a node of
//  TransformerStack/Layer_n/TransformerLayer):
//     a. layer_prepostprocess/layer_norm: LN(x) = scale·(x − mean)·rsqrt(var + ε) + bias over
//        the last axis (ε = 1e-6 from the graph; var the mean of squared deviations);
//     b. MultiheadAttention: qkv_transform_single (a 1×1 Conv2D: [1,1,d,3w] + bias) on LN(x),
//        SplitV into q, k, v of w each, split_heads (heads × d_k, head h = columns h·d_k …),
//        q multiplied by 1/√d_k (MultiheadAttention/mul), BaseDotProductAttention: q·kᵀ + the
//        padding bias (0 for one sentence), Softmax, ·v, combine_heads, output_transform_single
//        ([1,1,w,d_out] + bias). The engine divides the scores by √d_k instead of scaling q.
//     c. layer_postprocess/add: attention output + residual, where the residual is x itself or,
//        when the layer widens (Layer_0: 256 → 512), AdjustResidualInput/dense(x) = x·W + b of
//        the un-normalised x.
//     d. FFN: layer_prepostprocess/layer_norm, conv1 (x·W₁ + b₁, Relu), conv2 (·W₂ + b₂), and
//        FFN/layer_postprocess/add with c's result.
//  5. No final layer norm: the mean over the pieces read (Sum / max(count, 1)),
//     hidden_layers/tanh_layer_0 = tanh(mean·W + b), then l2_normalize: y·rsqrt(max(Σy², 1e-12)).
namespace attnscope {

// y = x·W + b (W in × out, as TensorFlow stores it), rearranged once into the panels the GEMM
// kernels read: panel p is the inputs × 16 block of outputs 16p … 16p + 15, zero past outputs.
struct DenseWeights {
  std::size_t inputs = 0, outputs = 0, paddedOutputs = 0;
  std::vector<float> weights;  // paddedOutputs / 16 panels of inputs × 16
  std::vector<float> bias;     // paddedOutputs
};

struct LayerNormWeights {
  Vector scale, bias;
  float epsilon = 0.0f;
};

struct EncoderLayer {
  LayerNormWeights attentionNorm;
  AttentionWeights
      attention;  // W_q, W_k, W_v: w × d; W_o: d_out × w (out × in, as the engine reads)
  int heads = 0;
  bool projectsResidual = false;  // AdjustResidualInput: the residual is x·W + b, not x
  DenseWeights residual;
  LayerNormWeights feedForwardNorm;
  DenseWeights feedForwardIn, feedForwardOut;

  int inputWidth() const { return attention.modelWidth(); }
  int outputWidth() const { return attention.outputWidth(); }
};

struct EncoderModel {
  std::filesystem::path folder;
  UnigramTokenizer tokenizer;
  Matrix embeddings;            // vocabulary rows × d_0
  Vector inverseTimescales;     // d_0 / 2
  bool embeddingsTwice = true;  // x_0 = e + (e + signal), as this graph does
  std::size_t maxLength = 0;    // pieces the graph reads (ClipToMaxLength)
  std::vector<EncoderLayer> layers;
  DenseWeights sentence;  // hidden_layers/tanh_layer_0
  float normalizeEpsilon = 0.0f;

  std::size_t embeddingWidth() const { return sentence.outputs; }
  // Every piece of the text (tokenizer.tokenize), those past maxLength marked read = false.
  std::vector<Piece> tokenize(std::string_view text) const;
};

// Where a model named `nameOrPath` lives: a path with a '/' (or an existing folder) as given,
// else <models>/<name> with <models> = ATTNSCOPE_MODEL_DIR, or $XDG_DATA_HOME/attnscope/models,
// or ~/.local/share/attnscope/models (where scripts/fetch-model installs "use-lite").
std::filesystem::path encoderFolder(std::string_view nameOrPath);

// Reads model.json, its shards and vocab.json from a folder and finds the encoder in the graph.
// Throws Error with one line naming the file and the problem: InvalidData when the model is not
// installed ("… run scripts/fetch-model"), a file is malformed or truncated, a shard is missing
// or short, the shapes disagree with the shards or with each other, the graph is not an encoder
// of this shape, or the vocabulary does not fit the embeddings; Io when a file cannot be read.
EncoderModel loadEncoder(const std::filesystem::path& folder);

struct EncoderOptions {
  int threads = 1;  // for each layer's attention (0 = all cores); the rest runs on one
  const std::atomic<bool>* cancel = nullptr;  // see AttentionEngine::setCancelFlag
};

// One layer of a forward pass. `attention` is the single-layer engine's trace of this layer
// (q, k, v, scores, weights, context, output; scaled and masked derived), `x` what it projects.
struct EncoderLayerTrace {
  Matrix input;  // L × d: the stream entering the layer
  Matrix x;      // L × d: LN(input), the attention's input
  AttentionTrace attention;
  Matrix residual;          // L × d_out: input, or AdjustResidualInput's projection of it
  Matrix attended;          // L × d_out: attention.output + residual
  Matrix feedForwardInput;  // L × d_out: LN(attended)
  Matrix hidden;            // L × d_ff: Relu(conv1)
  Matrix output;            // L × d_out: conv2 + attended, the next layer's input
};

struct EncoderTrace {
  std::vector<int> ids;  // the pieces read (at most maxLength)
  Matrix embedded;       // L × d_0: x_0, embeddings and timing signal
  std::vector<EncoderLayerTrace> layers;
  Vector pooled;     // d_last: mean of the last layer's output over the pieces
  Vector embedding;  // the sentence embedding (l2-normalised tanh layer)
};

// Runs forward passes, keeping one attention engine per layer (and its prepared weights)
// between runs. Not for use by two threads at once.
class EncoderRunner {
 public:
  EncoderRunner();
  ~EncoderRunner();
  // The forward pass over ids[0 … min(size, maxLength)), as the graph clips them. Throws Error
  // (InvalidArgument) for no ids or an id outside the embeddings, and as AttentionEngine::run.
  const EncoderTrace& run(const EncoderModel& model, std::span<const int> ids,
                          const EncoderOptions& options = {});
  EncoderTrace takeTrace() { return std::move(m_trace); }

 private:
  std::vector<std::unique_ptr<class AttentionEngine>> m_engines;
  EncoderTrace m_trace;
};

// One forward pass (a convenience over EncoderRunner).
EncoderTrace runEncoder(const EncoderModel& model, std::span<const int> ids,
                        const EncoderOptions& options = {});

// The ids of pieces, in order (for runEncoder).
std::vector<int> pieceIds(std::span<const Piece> pieces);

}  // namespace attnscope
