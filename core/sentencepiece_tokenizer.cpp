#include "core/sentencepiece_tokenizer.h"

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/strict_json.h"

namespace attnscope {
namespace {

constexpr std::size_t kMaxPieces = std::size_t{1} << 20;
constexpr std::size_t kMaxTextBytes = std::size_t{1} << 20;
constexpr char16_t kWordStart = u'\u2581';

std::u16string toUtf16(const std::string& utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  return std::u16string(reinterpret_cast<const char16_t*>(text.getBuffer()),
                        static_cast<std::size_t>(text.length()));
}

// The text NFKC-normalised as UTF-16, with, for each unit, the bytes of the original text it
// came from. ICU normalises a text in pieces that start at characters with a normalisation
// boundary before them (Normalizer2::hasBoundaryBefore: nothing before them interacts with
// them), so normalising piece by piece gives the whole text's normalisation, and each unit can
// be traced to its piece.
struct NormalizedText {
  std::u16string units;
  std::vector<std::size_t> begin, end;
};

NormalizedText normalize(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw Error(ErrorKind::InvalidData, "ICU has no NFKC data");
  NormalizedText result;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(utf8.data());
  const auto length = static_cast<std::int32_t>(utf8.size());
  std::int32_t chunkBegin = 0;
  const auto flush = [&](std::int32_t chunkEnd) {
    if (chunkEnd == chunkBegin) return;
    const icu::UnicodeString chunk = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data() + chunkBegin, chunkEnd - chunkBegin));
    UErrorCode error = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfkc->normalize(chunk, error);
    if (U_FAILURE(error)) throw Error(ErrorKind::InvalidData, "the text cannot be normalised");
    for (std::int32_t i = 0; i < normalized.length(); ++i) {
      result.units.push_back(static_cast<char16_t>(normalized.charAt(i)));
      result.begin.push_back(static_cast<std::size_t>(chunkBegin));
      result.end.push_back(static_cast<std::size_t>(chunkEnd));
    }
    chunkBegin = chunkEnd;
  };
  for (std::int32_t i = 0; i < length;) {
    const std::int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      throw Error(ErrorKind::InvalidData, "invalid UTF-8 at byte " + std::to_string(start));
    }
    if (start > chunkBegin && nfkc->hasBoundaryBefore(c)) flush(start);
  }
  flush(length);
  return result;
}

}  // namespace

UnigramTokenizer UnigramTokenizer::parse(std::span<const std::byte> vocabJson,
                                         const std::string& displayName) {
  const nlohmann::json root = parseStrictJson(vocabJson, displayName,
                                              {.subject = "",
                                               .maxDepth = 2,
                                               .tooDeep = "is not a list of [piece, score] pairs",
                                               .maxMembers = kMaxPieces});
  const auto fail = [&](const std::string& message) -> void {
    throw Error(ErrorKind::InvalidData, displayName + ": " + message);
  };
  if (!root.is_array()) fail("not a vocabulary (a JSON list of [piece, score] pairs)");
  if (root.size() <= static_cast<std::size_t>(kReservedPieces)) {
    fail("has " + std::to_string(root.size()) + " pieces, not more than the " +
         std::to_string(kReservedPieces) + " reserved ones");
  }
  UnigramTokenizer tokenizer;
  tokenizer.m_nodes.emplace_back();
  for (std::size_t id = 0; id < root.size(); ++id) {
    const nlohmann::json& entry = root[id];
    if (!entry.is_array() || entry.size() != 2 || !entry[0].is_string() ||
        !(entry[1].is_number() || entry[1].is_null())) {
      fail("entry " + std::to_string(id) + " is not a [piece, score] pair");
    }
    const std::string piece = entry[0].get<std::string>();
    const double score = entry[1].is_null() ? 0.0 : entry[1].get<double>();
    if (!std::isfinite(score)) fail("entry " + std::to_string(id) + " has no finite score");
    const std::u16string units = toUtf16(piece);
    tokenizer.m_pieces.push_back(piece);
    tokenizer.m_pieceUnits.push_back(units.size());
    if (id < static_cast<std::size_t>(kReservedPieces)) continue;
    std::uint32_t node = 0;
    for (char16_t unit : units) {
      const std::uint64_t key = (std::uint64_t{node} << 16) | unit;
      const auto found = tokenizer.m_children.find(key);
      if (found != tokenizer.m_children.end()) {
        node = found->second;
      } else {
        const auto child = static_cast<std::uint32_t>(tokenizer.m_nodes.size());
        tokenizer.m_nodes.emplace_back();
        tokenizer.m_children.emplace(key, child);
        node = child;
      }
    }
    if (node != 0) {
      tokenizer.m_nodes[node] = {true, score, static_cast<int>(id)};
    }
  }
  return tokenizer;
}

std::vector<Piece> UnigramTokenizer::tokenize(std::string_view utf8) const {
  if (utf8.size() > kMaxTextBytes) {
    throw Error(ErrorKind::LimitExceeded, "the text is longer than 1 MiB");
  }
  NormalizedText text = normalize(utf8);
  if (!text.units.empty()) {
    for (char16_t& unit : text.units) {
      if (unit == u' ') unit = kWordStart;
    }
    text.units.insert(text.units.begin(), kWordStart);
    text.begin.insert(text.begin.begin(), text.begin.front());
    text.end.insert(text.end.begin(), text.begin.front());
  }
  const std::size_t n = text.units.size();

  // The lattice: for each end, its candidate pieces in increasing order of start.
  struct Edge {
    std::size_t start;
    std::size_t length;
    double score;
    int id;
  };
  std::vector<std::vector<Edge>> ending(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    bool matched = false;
    std::uint32_t node = 0;
    for (std::size_t j = i; j < n; ++j) {
      const auto found = m_children.find((std::uint64_t{node} << 16) | text.units[j]);
      if (found == m_children.end()) break;
      node = found->second;
      if (m_nodes[node].end) {
        ending[j + 1].push_back({i, j + 1 - i, m_nodes[node].score, m_nodes[node].id});
        matched = true;
      }
    }
    if (!matched) ending[i + 1].push_back({i, 1, 0.0, 0});
  }

  // Viterbi, with the reference's rule for replacing the best.
  std::vector<double> best(n + 1, 0.0);
  std::vector<int> words(n + 1, 0);
  for (std::size_t end = 0; end <= n; ++end) {
    for (const Edge& edge : ending[end]) {
      const double score = edge.score + best[end - edge.length];
      if (best[end] == 0.0 || score >= best[end]) {
        best[end] = score;
        words[end] = edge.id;
      }
    }
  }

  // Backward pass by each piece's length in UTF-16 units, as the reference steps.
  std::vector<Piece> backwards;
  std::vector<std::pair<std::size_t, std::size_t>> spans;  // units [first, last)
  for (std::size_t at = n; at > 0;) {
    const int id = words[at];
    // An empty piece would stop the reference's loop from moving; here it steps one unit.
    const std::size_t length = std::max<std::size_t>(1, m_pieceUnits[static_cast<std::size_t>(id)]);
    const std::size_t first = length >= at ? 0 : at - length;
    const bool mergeUnknown = id == 0 && !backwards.empty() && backwards.back().id == 0;
    if (mergeUnknown) {
      spans.back().first = first;
    } else {
      backwards.push_back({id, m_pieces[static_cast<std::size_t>(id)], 0, 0, true});
      spans.emplace_back(first, at);
    }
    if (length >= at) break;
    at -= length;
  }
  std::vector<Piece> pieces(backwards.rbegin(), backwards.rend());
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const auto [first, last] = spans[spans.size() - 1 - i];
    pieces[i].begin = text.begin[first];
    pieces[i].end = last > first ? text.end[last - 1] : text.begin[first];
  }
  return pieces;
}

}  // namespace attnscope
