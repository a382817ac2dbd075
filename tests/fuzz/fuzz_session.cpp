// The .attnscope session parser on arbitrary bytes: parse, write the session again and parse that,
// then, when it is small, build the forward pass's inputs from it as the window and `export` do.
// Returning or throwing attnscope::Error is fine; any other exception, a sanitizer report or a
// broken invariant is a bug.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "core/error.h"
#include "core/lesson_inputs.h"
#include "core/mask.h"
#include "core/session_file.h"
#include "tests/fuzz/fuzz_check.h"

namespace attnscope::fuzz {
namespace {

// One input must stay fast: random weights hold 4·d_model² floats, the embeddings and a custom
// mask grow with the tokens, and key padding adds up to padded_length tokens.
constexpr int kMaxCheapModelWidth = 64;
constexpr std::size_t kMaxCheapTextBytes = 256;
constexpr int kMaxCheapPaddedLength = 256;

bool cheapToRun(const Session& session) {
  return session.modelWidth <= kMaxCheapModelWidth && session.text.size() <= kMaxCheapTextBytes &&
         session.keyValueText.size() <= kMaxCheapTextBytes &&
         session.paddedLength <= kMaxCheapPaddedLength &&
         session.weights.source != LessonWeights::Source::File;  // would read whatever it names
}

void checkRoundTrip(const Session& session) {
  std::vector<std::byte> written;
  try {
    written = serializeSession(session);
  } catch (const Error& error) {
    // Pretty-printing may push a file near the size limit over it: refused, never truncated.
    check(error.kind() == ErrorKind::LimitExceeded, "only an oversized session is not written");
    return;
  }
  check(parseSession(written, "written") == session, "a written session reads back the same");
}

// Refusing is fine here: an empty text, weights of another width or broken embedded weights.
std::optional<LessonInputs> inputsOf(const Session& session) {
  try {
    return lessonInputs(session);
  } catch (const Error&) {
    return std::nullopt;
  }
}

void checkInputs(const Session& session, const LessonInputs& inputs) {
  const std::size_t queries = inputs.queryTokens.size();
  const std::size_t keys = inputs.keyTokens.size();
  check(inputs.query.rows() == Eigen::Index(queries), "one query row per query token");
  check(inputs.keyValue.rows() == Eigen::Index(keys), "one key row per key token");
  check(inputs.query.cols() == session.modelWidth && inputs.keyValue.cols() == session.modelWidth,
        "inputs have d_model columns");
  check(inputs.weights.modelWidth() == session.modelWidth, "the weights have d_model");
  if (session.mask == LessonMask::KeyPadding) {
    check(keys >= std::size_t(session.paddedLength), "keys are padded up to padded_length");
  }
  if (!session.crossAttention) check(queries == keys, "self-attention's queries are its keys");
  try {
    const ResolvedMask mask(inputs.mask, inputs.heads, queries, keys);
  } catch (const Error&) {
    check(false, "the mask fits the inputs it was built for");
  }
}

void run(std::span<const std::byte> bytes) {
  Session session;
  try {
    session = parseSession(bytes, "fuzz.attnscope");
  } catch (const Error& error) {
    checkMessage(error);
    return;
  }
  // Issue 20, point 9: nothing may follow a NUL byte (nlohmann's lexer stops there).
  check(std::find(bytes.begin(), bytes.end(), std::byte{0}) == bytes.end(),
        "a session with a NUL byte is refused");
  checkRoundTrip(session);
  check(!lessonSummary(session).empty(), "every session has a summary");
  if (!cheapToRun(session)) return;
  if (const std::optional<LessonInputs> inputs = inputsOf(session)) checkInputs(session, *inputs);
}

}  // namespace
}  // namespace attnscope::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  attnscope::fuzz::run({reinterpret_cast<const std::byte*>(data), size});
  return 0;
}
