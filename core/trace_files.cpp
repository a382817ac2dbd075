#include "core/trace_files.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/npy.h"

namespace attnscope {
namespace {

static_assert(std::endian::native == std::endian::little,
              ".npy files are little-endian: the values are written as they are in memory");

// Values per piece written: 1 MiB of float32.
constexpr std::size_t kPieceValues = std::size_t{1} << 18;

// A float32 .npy file whose `count` values `fill(first, piece)` produces piece by piece while the
// file is written, so that an H × Lq × Lk array never exists a second time as bytes.
using PieceFill = std::function<void(std::size_t first, std::span<float> piece)>;
OutputFile streamedFile(std::string name, const std::vector<std::size_t>& shape, std::size_t count,
                        PieceFill fill) {
  std::vector<std::byte> header = npy::encodeFloat32Header(shape, count);  // checks the limits now
  OutputFile file{std::move(name), {}, {}};
  file.pieces = [header = std::move(header), count, fill = std::move(fill)](const ByteSink& write) {
    write(header);
    std::vector<float> piece(std::min(count, kPieceValues));
    for (std::size_t first = 0; first < count; first += piece.size()) {
      const std::span<float> values(piece.data(), std::min(piece.size(), count - first));
      fill(first, values);
      write(std::as_bytes(values));
    }
  };
  return file;
}

// An array of the trace, as it is.
OutputFile streamedFile(std::string name, const std::vector<std::size_t>& shape,
                        std::span<const float> values) {
  return streamedFile(
      std::move(name), shape, values.size(), [values](std::size_t first, std::span<float> piece) {
        std::copy_n(values.begin() + std::ptrdiff_t(first), piece.size(), piece.begin());
      });
}

// Scaled or masked scores, derived from the scores piece by piece (the trace keeps neither).
OutputFile derivedScoresFile(std::string name, const AttentionTrace& trace, bool masked) {
  const std::size_t rows = trace.queryLength(), cols = trace.keyLength();
  return streamedFile(std::move(name), trace.scores.shape(), trace.scores.values().size(),
                      [&trace, rows, cols, masked](std::size_t first, std::span<float> piece) {
                        std::size_t h = first / (rows * cols), i = first / cols % rows,
                                    j = first % cols;
                        for (float& value : piece) {
                          value = masked ? trace.masked(h, i, j) : trace.scaled(h, i, j);
                          if (++j == cols) {
                            j = 0;
                            if (++i == rows) i = 0, ++h;
                          }
                        }
                      });
}

OutputFile headTensorFile(std::string name, const HeadTensor& tensor) {
  return streamedFile(std::move(name), tensor.shape(), tensor.values());
}

nlohmann::ordered_json tokensJson(std::span<const Token> tokens) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const Token& token : tokens) {
    list.push_back({{"text", token.text}, {"begin", token.begin}, {"end", token.end}});
  }
  return list;
}

OutputFile tokensDocument(nlohmann::ordered_json document) {
  const std::string text = document.dump(2) + "\n";
  const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
  return {.name = "tokens.json",
          .bytes = std::vector<std::byte>(bytes, bytes + text.size()),
          .pieces = {}};
}

}  // namespace

OutputFile vectorFile(std::string name, const Vector& vector) {
  const std::vector<std::size_t> shape = {static_cast<std::size_t>(vector.size())};
  return {.name = std::move(name),
          .bytes = npy::encodeFloat32(shape, std::span<const float>(vector.data(), vector.size())),
          .pieces = {}};
}

OutputFile matrixFile(std::string name, const Matrix& matrix) {
  const std::vector<std::size_t> shape = {static_cast<std::size_t>(matrix.rows()),
                                          static_cast<std::size_t>(matrix.cols())};
  return {.name = std::move(name),
          .bytes = npy::encodeFloat32(shape, std::span<const float>(matrix.data(), matrix.size())),
          .pieces = {}};
}

std::vector<OutputFile> traceFiles(const AttentionTrace& trace, const std::string& folder) {
  const auto matrix = [](const Matrix& m) {
    return std::span<const float>(m.data(), std::size_t(m.size()));
  };
  const auto shape = [](const Matrix& m) {
    return std::vector<std::size_t>{std::size_t(m.rows()), std::size_t(m.cols())};
  };
  std::vector<OutputFile> files;
  files.push_back(headTensorFile("q.npy", trace.q));
  files.push_back(headTensorFile("k.npy", trace.k));
  files.push_back(headTensorFile("v.npy", trace.v));
  files.push_back(headTensorFile("scores.npy", trace.scores));
  files.push_back(derivedScoresFile("scaled.npy", trace, false));
  files.push_back(derivedScoresFile("masked.npy", trace, true));
  files.push_back(headTensorFile("weights.npy", trace.weights));
  files.push_back(streamedFile("context.npy", shape(trace.context), matrix(trace.context)));
  files.push_back(streamedFile("output.npy", shape(trace.output), matrix(trace.output)));
  if (!folder.empty()) {
    for (OutputFile& file : files) file.name = folder + "/" + file.name;
  }
  return files;
}

OutputFile tokensFile(std::span<const Token> query,
                      std::optional<std::span<const Token>> keyValue) {
  nlohmann::ordered_json document = {
      {"format", "attnscope-tokens"}, {"version", 1}, {"query", tokensJson(query)}};
  if (keyValue) document["key_value"] = tokensJson(*keyValue);
  return tokensDocument(std::move(document));
}

OutputFile tokensFile(std::span<const LessonPiece> pieces) {
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const LessonPiece& piece : pieces) {
    list.push_back({{"text", piece.text},
                    {"begin", piece.begin},
                    {"end", piece.end},
                    {"id", piece.id},
                    {"piece", piece.piece},
                    {"read", piece.read}});
  }
  return tokensDocument({{"format", "attnscope-tokens"}, {"version", 1}, {"query", list}});
}

}  // namespace attnscope
