// Issue 20, points 6 and 8, through the real binary: an input path that is not a regular file is
// refused at once (never read to its end, never waited on), the error names the option whose
// file failed, and nothing a file holds reaches the terminal unescaped.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/printable_text.h"
#include "tests/cli_fixture.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;

// Each run is stopped after 30 s: a hang fails the test (status 124) rather than the suite.
constexpr const char* kDeadline = "timeout 30";

class HostileInputCli : public testing::CliTest {
 protected:
  std::string golden(const std::string& file) const {
    return (fs::path(ATTNSCOPE_GOLDEN_DIR) / "basic" / file).string();
  }
  std::string fifo(const std::string& name) const {
    const fs::path path = m_root / name;
    EXPECT_EQ(::mkfifo(path.c_str(), 0600), 0);
    return path.string();
  }
  CommandResult dump(const std::string& weights, const std::string& query,
                     const std::string& mask = "none") const {
    return run({"dump", "--weights", weights, "--heads", "2", "--query", query, "--mask", mask,
                "--out", (m_root / "out").string()},
               kDeadline);
  }
  // One line, valid UTF-8, no control character but its newline.
  static void expectPrintable(const CommandResult& result) {
    ASSERT_TRUE(result.err.ends_with('\n')) << result.err;
    const std::string line = result.err.substr(0, result.err.size() - 1);
    EXPECT_EQ(printableText(line), line);
  }
};

TEST_F(HostileInputCli, DevicesAndPipesAreRefusedBeforeReadingAndNamed) {
  expectOneErrorLine(dump("/dev/zero", golden("query.npy")), 1,
                     "--weights: cannot read /dev/zero: it is a device");
  expectOneErrorLine(dump(golden("weights.safetensors"), "/dev/zero"), 1, "--query: ");
  expectOneErrorLine(dump(golden("weights.safetensors"), fifo("q.npy")), 1,
                     "--query: cannot read " + (m_root / "q.npy").string() + ": it is a pipe");
  expectOneErrorLine(dump(golden("weights.safetensors"), golden("query.npy"), fifo("m.npy")), 1,
                     "--mask: ");
  expectOneErrorLine(dump("/dev/null", golden("query.npy")), 1,
                     "--weights: cannot read /dev/null: it is a device");
  EXPECT_FALSE(fs::exists(m_root / "out"));
}

TEST_F(HostileInputCli, ALessonCannotPointItsWeightsAtADevice) {
  // 100 bytes that used to make `export` read 4 GiB of /dev/zero (8.4 GB peak, 49 s).
  std::ofstream(m_root / "zero.attnscope")
      << R"({"format": "attnscope-session", "version": 1, "text": "The cat sat",)"
      << R"( "weights": {"path": "/dev/zero", "format": "reference"}})";
  const fs::path figure = m_root / "figure.png";
  expectOneErrorLine(
      run({"export", "--session", (m_root / "zero.attnscope").string(), "--out", figure.string()},
          kDeadline),
      1, "--session: cannot read /dev/zero: it is a device");
  expectOneErrorLine(
      run({"export", "--session", fifo("pipe.attnscope"), "--out", figure.string()}, kDeadline), 1,
      "--session: cannot read");
  EXPECT_FALSE(fs::exists(figure));
}

TEST_F(HostileInputCli, NamesFromFilesAreEscapedInMessages) {
  // A tensor whose name clears the screen and whose byte range does not match its shape.
  const std::string name = R"(\u001b[2J\u001b[Hattnscope$ )";
  const std::string header =
      "{\"" + name + R"(": {"dtype": "F32", "shape": [3], "data_offsets": [0, 4]}})";
  std::ofstream out(m_root / "evil.safetensors", std::ios::binary);
  for (int i = 0; i < 8; ++i) out.put(char((header.size() >> (8 * i)) & 0xFF));
  out << header << std::string(4, '\0');
  out.close();
  const CommandResult result = dump((m_root / "evil.safetensors").string(), golden("query.npy"));
  expectOneErrorLine(result, 1, "tensor '\\x1b[2J\\x1b[Hattnscope$ '");
  expectPrintable(result);

  // An .npy header key and a path with a control character in it.
  const std::string npyName = (m_root / "q\x07.npy").string();
  std::ofstream npy(npyName, std::ios::binary);
  const std::string dict =
      "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 8), "
      "'\x1b]0;owned\x07': 1, }";
  std::string padded = dict + std::string(118 - dict.size() - 1, ' ') + "\n";
  npy << "\x93NUMPY\x01" << '\0' << char(padded.size() & 0xFF) << char(padded.size() >> 8)
      << padded;
  npy.close();
  const CommandResult npyResult = dump(golden("weights.safetensors"), npyName);
  expectOneErrorLine(npyResult, 1, "q\\x07.npy: header has an unexpected or repeated key");
  EXPECT_NE(npyResult.err.find("'\\x1b]0;owned\\x07'"), std::string::npos) << npyResult.err;
  expectPrintable(npyResult);

  // A lesson field named with 30 three-byte characters: the name shown is cut at 60 bytes, on
  // a character boundary, so the line stays valid UTF-8.
  std::string field = "x";
  for (int i = 0; i < 30; ++i) field += "注";
  std::ofstream(m_root / "long.attnscope")
      << R"({"format": "attnscope-session", "version": 1, "text": "a", ")" << field << R"(": 1})";
  const CommandResult lesson = run({"export", "--session", (m_root / "long.attnscope").string(),
                                    "--out", (m_root / "f.png").string()});
  expectOneErrorLine(lesson, 1, "unknown field 'x注注");
  EXPECT_EQ(lesson.err.find("\\x"), std::string::npos) << lesson.err;
  expectPrintable(lesson);
}

}  // namespace
}  // namespace attnscope
