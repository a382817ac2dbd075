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

using testing::Snapshot;
using testing::snapshot;

std::vector<std::byte> bytesOf(const std::string& text) {
  const auto* begin = reinterpret_cast<const std::byte*>(text.data());
  return {begin, begin + text.size()};
}

OutputFile file(const std::string& name, const std::string& text) {
  return {name, bytesOf(text), {}};
}

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

// Point 7: names near NAME_MAX work, as the staging names are short.
TEST_F(OutputSafety, LongNamesWork) {
  for (const std::size_t length : {240u, 255u}) {
    const std::string name(length, 'f');
    writeFileAtomically(m_root / name, bytesOf("one"));
    writeFileAtomically(m_root / name, bytesOf("two"));  // replaced, beside a temporary
    EXPECT_EQ(slurp(m_root / name), "two");
    fs::remove(m_root / name);
    publishFiles(m_root / name, std::vector{file("a.npy", "A")});  // new folder
    publishFiles(m_root / name, std::vector{file("a.npy", "B")});  // existing folder
    EXPECT_EQ(slurp(m_root / name / "a.npy"), "B");
    fs::remove_all(m_root / name);
  }
  EXPECT_TRUE(snapshot(m_root).empty());
}

// Point 7: a new folder named with a trailing separator.
TEST_F(OutputSafety, NewFolderWithATrailingSlash) {
  publishFiles(m_root / "newdir/", std::vector{file("a.npy", "A")});
  EXPECT_EQ(snapshot(m_root), (Snapshot{{"newdir", "<dir>"}, {"newdir/a.npy", "A"}}));
  publishFiles(m_root / "deeper" / "newdir/", std::vector{file("a.npy", "A")});
  EXPECT_EQ(slurp(m_root / "deeper" / "newdir" / "a.npy"), "A");
}

// Point 7: a full disk is named as such (/dev/full fails every write with ENOSPC).
TEST_F(OutputSafety, FullDiskSaysNoSpaceLeft) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full here";
  const std::string message = errorOf([&] { writeAllBytes(fd, bytesOf("bytes"), "out.npy"); });
  ::close(fd);
  EXPECT_EQ(message, "cannot write out.npy: No space left on device");
}

// Point 2: a destination that is not a regular file stops the publish before anything moves
// (the "x.npy is a directory" repro), and so does a link standing there.
TEST_F(OutputSafety, PublishChecksEveryDestinationFirst) {
  const fs::path out = m_root / "res";
  fs::create_directories(out / "x.npy" / "keep");
  put(out / "q.npy", "old q");
  put(out / "notes.txt", "mine");
  const std::vector<OutputFile> files = {file("q.npy", "new q"), file("k.npy", "new k"),
                                         file("x.npy", "new x")};
  const Snapshot before = snapshot(m_root);
  const std::string message = errorOf([&] { publishFiles(out, files); });
  EXPECT_NE(message.find("x.npy: is a directory"), std::string::npos) << message;
  EXPECT_EQ(snapshot(m_root), before);

  fs::remove_all(out / "x.npy");
  put(m_root / "elsewhere", "theirs");
  fs::create_symlink(m_root / "elsewhere", out / "k.npy");
  const Snapshot withLink = snapshot(m_root);
  EXPECT_NE(errorOf([&] { publishFiles(out, files); }).find("symbolic link"), std::string::npos);
  EXPECT_EQ(snapshot(m_root), withLink);
}

// Point 2: a failure half-way through the renames puts every original back.
TEST_F(OutputSafety, FailureMidPublishRollsTheFolderBack) {
  const fs::path out = m_root / "out";
  fs::create_directories(out);
  put(out / "a.npy", "old a");
  put(out / "b.npy", "old b");
  put(out / "notes.txt", "mine");
  const Snapshot before = snapshot(m_root);
  const std::vector<OutputFile> files = {file("a.npy", "new a"), file("c.npy", "new c"),
                                         file("b.npy", "new b"), file("d.npy", "new d")};
  for (const char* failAt : {"a.npy", "c.npy", "b.npy", "d.npy"}) {
    PublishHooks hooks;
    hooks.beforeRename = [&](const std::string& name) {
      if (name == failAt) throw Error(ErrorKind::Io, "injected failure at " + name);
    };
    EXPECT_EQ(errorOf([&] { publishFiles(out, files, hooks); }),
              std::string("injected failure at ") + failAt);
    EXPECT_EQ(snapshot(m_root), before) << "failing at " << failAt;
  }
  publishFiles(out, files);
  EXPECT_EQ(slurp(out / "b.npy"), "new b");
  EXPECT_EQ(snapshot(out).size(), 5u);
}

// Point 1: a failure removes only the folders this run made, and only while they are empty: a
// file someone saved in one of them meanwhile survives, with its folder.
TEST_F(OutputSafety, FailureRemovesOnlyWhatThisRunCreated) {
  const std::vector<OutputFile> files = {file("a.npy", "A"), file("b.npy", "B")};
  PublishHooks hooks;
  hooks.beforeStaging = [&](const std::string& name) {
    if (name != "b.npy") return;
    put(m_root / "np" / "notes.txt", "saved meanwhile");
    throw Error(ErrorKind::Io, "injected failure");
  };
  EXPECT_THROW(publishFiles(m_root / "np" / "a" / "b" / "out", files, hooks), Error);
  EXPECT_EQ(snapshot(m_root), (Snapshot{{"np", "<dir>"}, {"np/notes.txt", "saved meanwhile"}}));

  // With nothing added, every folder it made goes again.
  fs::remove_all(m_root / "np");
  hooks.beforeStaging = [](const std::string& name) {
    if (name == "b.npy") throw Error(ErrorKind::Io, "injected failure");
  };
  EXPECT_THROW(publishFiles(m_root / "np" / "a" / "out", files, hooks), Error);
  EXPECT_TRUE(snapshot(m_root).empty());
}

// Point 1: a folder that appeared while this run staged (another run's finished output) is
// published into, not replaced and not reported as "Directory not empty".
TEST_F(OutputSafety, FolderMadeMeanwhileIsPublishedInto) {
  const fs::path out = m_root / "np" / "out";
  PublishHooks hooks;
  hooks.beforeStaging = [&](const std::string& name) {
    if (name != "a.npy") return;
    fs::create_directories(out);
    put(out / "a.npy", "other run");
    put(out / "theirs.txt", "other run");
  };
  publishFiles(out, std::vector{file("a.npy", "this run")}, hooks);
  EXPECT_EQ(snapshot(m_root), (Snapshot{{"np", "<dir>"},
                                        {"np/out", "<dir>"},
                                        {"np/out/a.npy", "this run"},
                                        {"np/out/theirs.txt", "other run"}}));
}

}  // namespace
}  // namespace attnscope
