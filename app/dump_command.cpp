#include "app/dump_command.h"

#include <iostream>

#include "app/attention_setup.h"
#include "app/model_options.h"
#include "core/lesson_run.h"
#include "core/output_target.h"
#include "core/trace_files.h"

namespace attnscope::cli {

const char* const kDumpUsage =
    R"(Usage:
  attnscope dump --weights W.safetensors --heads H --query Q.npy [--key-value KV.npy]
                 [--mask none|causal|MASK.npy] [--threads N] --out DIR
  attnscope dump --text "The cat sat on the mat." [--key-value-text "..."] --d-model D --heads H
                 [--seed S] [--mask none|causal|MASK.npy] [--positional none|sinusoidal]
                 [--tokens words|characters] [--threads N] --out DIR
  attnscope dump --model use-lite|MODEL_DIR --text "..." [--threads N] --out DIR

Runs the reference module's forward pass once and writes every intermediate into DIR as
float32 C-order .npy files: q.npy, k.npy, v.npy (H, L, d_k); scores.npy, scaled.npy,
masked.npy, weights.npy (H, Lq, Lk); context.npy (Lq, H*d_v); output.npy (Lq, d_model).
With --text it also writes tokens.json and x.npy (embeddings plus positional encoding), and
x_kv.npy for a separate key/value sequence. Files appear complete or not at all.

With --model it runs a pretrained encoder (scripts/fetch-model installs use-lite) on the text
instead and writes tokens.json (every piece, with its vocabulary id, the piece, and "read": false
past the model's maximum length), embedding.npy (the sentence embedding) and a folder per layer,
layer1/, layer2/, ..., each with the files above for that layer's attention and x.npy, the
layer-normalised input it projects (a layer's output may be wider than its input).

Options:
  --weights FILE      the reference module's state_dict (.safetensors: W_q.weight ... W_o.bias)
  --query FILE        queries (Lq, d_model), float32 or float64 .npy
  --key-value FILE    keys and values (Lk, d_model); default: the queries (self-attention)
  --text TEXT         a sentence, tokenized and embedded from --seed
  --key-value-text T  a second sentence for keys and values (cross-attention)
  --d-model D         model width for --text (with --weights it comes from the file)
  --heads H           number of heads; must divide d_model
  --seed S            seed of embeddings and weights (default 0)
  --mask M            none (default), causal, or a .npy of shape (Lq, Lk) or (H, Lq, Lk),
                      0 = blocked; leading size-1 dimensions are allowed
  --positional P      sinusoidal (default) or none
  --tokens T          how Chinese (ideographs) is cut: words (default; 注意力 / 机制, by ICU's
                      dictionary) or characters (注 / 意 / 力)
  --model M           a pretrained encoder: use-lite, or a folder with model.json and
                      vocab.json; needs --text, and takes none of --weights, --query,
                      --key-value, --key-value-text, --d-model, --heads, --seed, --mask,
                      --positional and --tokens, which the model fixes
  --threads N         worker threads (default 0: one per core; at most 4 per core, 256 in
                      all); results do not depend on it
  --out DIR           output folder, created if missing
  --help              show this help
)";

namespace {

// --model: the whole forward pass, every layer's trace in its own folder.
std::vector<OutputFile> encoderFiles(const ParsedOptions& options, EncoderLessonRun& run) {
  rejectSandboxOptions(options);
  if (options.has("layer")) throw UsageError("--layer applies to export: dump writes every layer");
  if (!options.has("text")) throw UsageError("--model needs --text");
  Lesson lesson;
  lesson.text = options.required("text");
  overlayModelOptions(options, lesson.model);
  run = runEncoderLesson(lesson, {.threads = threadsFromOption(options), .cancel = nullptr});
  std::vector<OutputFile> files;
  files.push_back(tokensFile(run.pieces));
  files.push_back(vectorFile("embedding.npy", run.trace->embedding));
  for (std::size_t n = 0; n < run.trace->layers.size(); ++n) {
    const EncoderLayerTrace& layer = run.trace->layers[n];
    const std::string folder = "layer" + std::to_string(n + 1);
    files.push_back(matrixFile(folder + "/x.npy", layer.x));
    for (OutputFile& file : traceFiles(layer.attention, folder)) files.push_back(std::move(file));
  }
  return files;
}

}  // namespace

int runDump(std::span<const std::string> arguments) {
  std::vector<OptionSpec> specs = attentionOptionSpecs();
  for (const OptionSpec& spec : modelOptionSpecs()) specs.push_back(spec);
  specs.push_back({"out", true});
  specs.push_back({"help", false});
  const ParsedOptions options = parseOptions(arguments, specs);
  if (options.has("help")) {
    std::cout << kDumpUsage;
    return 0;
  }
  const std::string outputDirectory = options.required("out");
  if (outputDirectory.empty()) throw UsageError("--out needs a folder name");
  outputFolderTarget(outputDirectory);  // a refused DIR fails before any work
  if (options.has("model") || options.has("layer")) {
    EncoderLessonRun run;  // the files are written straight from its trace
    if (!options.has("model")) throw UsageError("--layer applies only with --model");
    publishFiles(outputDirectory, encoderFiles(options, run));
    return 0;
  }
  const AttentionSetup setup = buildAttentionSetup(options);
  const AttentionTrace trace = runSetup(setup);

  std::vector<OutputFile> files = traceFiles(trace);
  if (setup.queryTokens) {
    files.push_back(tokensFile(*setup.queryTokens,
                               setup.keyValueTokens
                                   ? std::optional<std::span<const Token>>(*setup.keyValueTokens)
                                   : std::nullopt));
    files.push_back(matrixFile("x.npy", setup.query));
    if (setup.keyValueTokens) files.push_back(matrixFile("x_kv.npy", setup.keyValue));
  }
  publishFiles(outputDirectory, files);
  return 0;
}

}  // namespace attnscope::cli
