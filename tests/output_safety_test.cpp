// Where writes land and what a failed write leaves behind (issue 20, points 1, 2, 3 and 7): the
// output-target rules, the atomic single-file write, and publishFiles' roll-back, all in a
// temporary folder (never a real device: FIFOs and links stand in for them).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/atomic_file.h"
#include "core/error.h"
#include "core/file_bytes.h"
#include "core/output_target.h"
#include "core/publish_files.h"
#include "tests/shell_support.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using testing::slurp;

// A folder's entries with their contents ("<dir>" for folders, "-> target" for links), to
// check that a failure left it exactly as it was.
using Snapshot = std::map<std::string, std::string>;

Snapshot snapshot(const fs::path& root) {
  Snapshot result;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string name = entry.path().lexically_relative(root).string();
    if (entry.is_symlink()) {
      result[name] = "-> " + fs::read_symlink(entry.path()).string();
    } else if (entry.is_directory()) {
      result[name] = "<dir>";
    } else if (entry.is_regular_file()) {
      result[name] = slurp(entry.path());
    } else {
      result[name] = "<special>";
    }
  }
  return result;
}

std::vector<std::byte> bytesOf(const std::string& text) {
  const auto* begin = reinterpret_cast<const std::byte*>(text.data());
  return {begin, begin + text.size()};
}

OutputFile file(const std::string& name, const std::string& text) { return {name, bytesOf(text)}; }

bool isFifo(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

// The message of the Error `action` throws, or "" when it throws none.
template <typename Action>
std::string errorOf(Action action) {
  try {
    action();
  } catch (const Error& error) {
    return error.what();
  }
  return "";
}

class OutputSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() /
             ("attnscope-output-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root);
  }
  void TearDown() override { fs::remove_all(m_root); }

  void makeFifo(const fs::path& path) const { ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0); }
  static void put(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  fs::path m_root;
};

// Point 3: a file output never goes through a FIFO (standing in for a device), a folder or a
// link to either, and is refused before anything is written.
TEST_F(OutputSafety, FileTargetRefusesAnythingButARegularFile) {
  makeFifo(m_root / "fifo");
  fs::create_directory(m_root / "folder");
  fs::create_symlink(m_root / "fifo", m_root / "to-fifo");
  fs::create_symlink(m_root / "folder", m_root / "to-folder");
  fs::create_symlink(m_root / "missing", m_root / "dangling");
  EXPECT_NE(errorOf([&] { outputFileTarget(m_root / "fifo"); }).find("is a FIFO"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFileTarget(m_root / "folder"); }).find("is a directory"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFileTarget(m_root / "to-fifo"); }).find("symbolic link to a FIFO"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFileTarget(m_root / "to-folder"); }).find("symbolic link"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFileTarget(m_root / "dangling"); }).find("leads nowhere"),
            std::string::npos);
  const Snapshot before = snapshot(m_root);
  for (const char* name : {"fifo", "folder", "to-fifo", "to-folder", "dangling"}) {
    EXPECT_THROW(writeFileAtomically(m_root / name, bytesOf("PNG")), Error) << name;
  }
  EXPECT_EQ(snapshot(m_root), before);
  EXPECT_TRUE(isFifo(m_root / "fifo"));
}

TEST_F(OutputSafety, FileTargetFollowsALinkToARegularFileAndReplacesTheTarget) {
  fs::create_directory(m_root / "real");
  put(m_root / "real" / "fig.png", "old");
  fs::create_symlink(m_root / "real" / "fig.png", m_root / "hop");
  fs::create_symlink("hop", m_root / "fig.png");  // two links, one relative
  EXPECT_EQ(outputFileTarget(m_root / "fig.png"), fs::canonical(m_root / "real" / "fig.png"));
  writeFileAtomically(m_root / "fig.png", bytesOf("new"));
  EXPECT_TRUE(fs::is_symlink(m_root / "fig.png"));
  EXPECT_EQ(slurp(m_root / "real" / "fig.png"), "new");
  // The temporary file went to the target's folder and is gone.
  EXPECT_EQ(snapshot(m_root).size(), 4u);
}

TEST_F(OutputSafety, FolderTargetRules) {
  put(m_root / "plain", "x");
  makeFifo(m_root / "fifo");
  fs::create_directory(m_root / "real");
  fs::create_symlink(m_root / "real", m_root / "to-real");
  fs::create_symlink(m_root / "plain", m_root / "to-plain");
  EXPECT_EQ(outputFolderTarget(m_root / "new/"), m_root / "new");
  EXPECT_EQ(outputFolderTarget(m_root / "real//"), m_root / "real");
  EXPECT_EQ(outputFolderTarget(m_root / "to-real"), m_root / "real");
  EXPECT_NE(errorOf([&] { outputFolderTarget(m_root / "plain"); }).find("not a directory"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFolderTarget(m_root / "fifo"); }).find("is a FIFO"),
            std::string::npos);
  EXPECT_NE(errorOf([&] { outputFolderTarget(m_root / "to-plain"); }).find("not to a directory"),
            std::string::npos);
  const Snapshot before = snapshot(m_root);
  EXPECT_THROW(publishFiles(m_root / "to-plain", std::vector{file("a.npy", "A")}), Error);
  EXPECT_THROW(publishFiles(m_root / "fifo", std::vector{file("a.npy", "A")}), Error);
  EXPECT_EQ(snapshot(m_root), before);
  publishFiles(m_root / "to-real", std::vector{file("a.npy", "A")});
  EXPECT_EQ(slurp(m_root / "real" / "a.npy"), "A");
  EXPECT_TRUE(fs::is_symlink(m_root / "to-real"));
}

// Point 7: a full disk is named as such (/dev/full fails every write with ENOSPC).
TEST_F(OutputSafety, FullDiskSaysNoSpaceLeft) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full here";
  const std::string message = errorOf([&] { writeAllBytes(fd, bytesOf("bytes"), "out.npy"); });
  ::close(fd);
  EXPECT_EQ(message, "cannot write out.npy: No space left on device");
}

}  // namespace
}  // namespace attnscope
