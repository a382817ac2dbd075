#include "core/trace_files.h"

#include <nlohmann/json.hpp>

#include "core/npy.h"

namespace attnscope {
namespace {

OutputFile headTensorFile(std::string name, const HeadTensor& tensor) {
  const std::vector<std::size_t> shape = tensor.shape();
  return {std::move(name), npy::encodeFloat32(shape, tensor.values())};
}

nlohmann::ordered_json tokensJson(std::span<const Token> tokens) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Token& token : tokens) {
    list.push_back({{"text", token.text}, {"begin", token.begin}, {"end", token.end}});
  }
  return list;
}

}  // namespace

OutputFile matrixFile(std::string name, const Matrix& matrix) {
  const std::vector<std::size_t> shape = {static_cast<std::size_t>(matrix.rows()),
                                          static_cast<std::size_t>(matrix.cols())};
  return {std::move(name),
          npy::encodeFloat32(shape, std::span<const float>(matrix.data(), matrix.size()))};
}

std::vector<OutputFile> traceFiles(const AttentionTrace& trace) {
  std::vector<OutputFile> files;
  files.push_back(headTensorFile("q.npy", trace.q));
  files.push_back(headTensorFile("k.npy", trace.k));
  files.push_back(headTensorFile("v.npy", trace.v));
  files.push_back(headTensorFile("scores.npy", trace.scores));
  files.push_back(headTensorFile("scaled.npy", trace.scaledScores()));
  files.push_back(headTensorFile("masked.npy", trace.maskedScores()));
  files.push_back(headTensorFile("weights.npy", trace.weights));
  files.push_back(matrixFile("context.npy", trace.context));
  files.push_back(matrixFile("output.npy", trace.output));
  return files;
}

OutputFile tokensFile(std::span<const Token> query,
                      std::optional<std::span<const Token>> keyValue) {
  nlohmann::ordered_json document = {
      {"format", "attnscope-tokens"}, {"version", 1}, {"query", tokensJson(query)}};
  if (keyValue) document["key_value"] = tokensJson(*keyValue);
  const std::string text = document.dump(2) + "\n";
  const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
  return {"tokens.json", std::vector<std::byte>(bytes, bytes + text.size())};
}

}  // namespace attnscope
