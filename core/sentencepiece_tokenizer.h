#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

// The SentencePiece unigram tokenizer of Universal Sentence Encoder, exactly as the reference
// (the `Tokenizer` of @tensorflow-models/universal-sentence-encoder 1.3.3, a port of
// SentencePiece's EncodeAsIds) does it, quirks included, because the golden ids come from it:
//  - the text is NFKC-normalised; if that is not empty, "▁" is put in front and every U+0020
//    space becomes "▁" (no other white space, and runs of spaces are kept);
//  - it works on UTF-16 code units (its loop over the string is compiled to an index loop), so
//    an emoji is two symbols;
//  - the lattice holds, for each start, every vocabulary piece that starts there (pieces with
//    ids below 6, the reserved ones, are not in it); where none does, the one unit as unknown
//    piece 0 with score 0; a piece listed twice takes the later id and score; a null score
//    counts as 0 (JavaScript's null + x);
//  - Viterbi over the pieces' scores in double, visiting starts in increasing order and taking a
//    candidate whose total is ≥ the best so far, or any candidate while the best is exactly 0
//    (its "not yet set");
//  - the backward pass steps back by the chosen piece's UTF-16 length, and consecutive unknown
//    pieces become one.
// Why not libsentencepiece (Debian's libsentencepiece-dev): it reads a .model protobuf, and this
// vocabulary is a JSON list of [piece, score]; and it would not reproduce the reference's quirks
// above, which decide the ids the graph was run on.
namespace attnscope {

// One piece of tokenised text.
struct Piece {
  int id = 0;             // vocabulary index (0: unknown)
  std::string piece;      // the vocabulary's piece, UTF-8 ("▁" marks a word start)
  std::size_t begin = 0;  // byte offsets in the original text of what the piece stands for:
  std::size_t end = 0;    // a leading "▁" stands for the space before (none at the start)
  bool read = true;       // within the model's maximum length (set by EncoderModel::tokenize)
  bool operator==(const Piece&) const = default;
};

class UnigramTokenizer {
 public:
  // The reference's number of reserved pieces (unknown, control and user-defined symbols).
  static constexpr int kReservedPieces = 6;

  // vocab.json: a JSON array of [piece, score] pairs, score a number or null. Throws
  // Error(InvalidData) "<displayName>: <reason>" for anything else, fewer than kReservedPieces + 1
  // pieces, or more than 1 << 20.
  static UnigramTokenizer parse(std::span<const std::byte> vocabJson,
                                const std::string& displayName);

  std::size_t size() const { return m_pieces.size(); }
  const std::string& piece(int id) const { return m_pieces[static_cast<std::size_t>(id)]; }

  // The reference's ids for the text, each with its place in the text. Throws
  // Error(InvalidData) for invalid UTF-8 (naming the byte), LimitExceeded past 1 MiB of text.
  std::vector<Piece> tokenize(std::string_view utf8) const;

 private:
  struct TrieNode {
    bool end = false;
    double score = 0.0;
    int id = 0;
  };
  std::vector<std::string> m_pieces;                            // UTF-8
  std::vector<std::size_t> m_pieceUnits;                        // UTF-16 length of each piece
  std::vector<TrieNode> m_nodes;                                // node 0 is the root
  std::unordered_map<std::uint64_t, std::uint32_t> m_children;  // (node << 16 | unit) → child
};

}  // namespace attnscope
