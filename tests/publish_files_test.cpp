#include "core/publish_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "core/error.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;

class PublishFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root =
        fs::temp_directory_path() /
        ("attnscope-publish-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root);
  }
  void TearDown() override { fs::remove_all(m_root); }

  static OutputFile file(const std::string& name, const std::string& text) {
    const auto* bytes = reinterpret_cast<const std::byte*>(text.data());
    return {name, std::vector<std::byte>(bytes, bytes + text.size()), {}};
  }
  static std::string read(const fs::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  std::vector<std::string> entries(const fs::path& dir) const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
    std::ranges::sort(names);
    return names;
  }

  fs::path m_root;
};

TEST_F(PublishFiles, CreatesMissingFolderWithParents) {
  const std::vector<OutputFile> files = {file("a.npy", "A"), file("b.npy", "BB")};
  publishFiles(m_root / "deep" / "out", files);
  EXPECT_EQ(read(m_root / "deep" / "out" / "a.npy"), "A");
  EXPECT_EQ(read(m_root / "deep" / "out" / "b.npy"), "BB");
  EXPECT_EQ(entries(m_root / "deep"), std::vector<std::string>{"out"});  // no staging left
}

TEST_F(PublishFiles, ReplacesFilesInAnExistingFolderAndKeepsOthers) {
  fs::create_directories(m_root / "out");
  std::ofstream(m_root / "out" / "notes.txt") << "mine";
  std::ofstream(m_root / "out" / "a.npy") << "old";
  const std::vector<OutputFile> files = {file("a.npy", "new")};
  publishFiles(m_root / "out", files);
  EXPECT_EQ(read(m_root / "out" / "a.npy"), "new");
  EXPECT_EQ(read(m_root / "out" / "notes.txt"), "mine");
  EXPECT_EQ(entries(m_root / "out"), (std::vector<std::string>{"a.npy", "notes.txt"}));
}

TEST_F(PublishFiles, FailureLeavesEverythingAsItWas) {
  fs::create_directories(m_root / "out");
  std::ofstream(m_root / "out" / "a.npy") << "old";
  // The second file cannot be written (a folder stands in its way inside staging? no: a bad
  // name is refused before anything is written); then a file standing where the folder goes.
  const std::vector<OutputFile> badName = {file("a.npy", "new"), file("../escape", "x")};
  EXPECT_THROW(publishFiles(m_root / "out", badName), Error);
  EXPECT_EQ(read(m_root / "out" / "a.npy"), "old");
  EXPECT_EQ(entries(m_root / "out"), std::vector<std::string>{"a.npy"});

  std::ofstream(m_root / "plain-file") << "x";
  const std::vector<OutputFile> good = {file("a.npy", "new")};
  EXPECT_THROW(publishFiles(m_root / "plain-file", good), Error);
  EXPECT_THROW(publishFiles(m_root / "plain-file" / "sub", good), Error);
  EXPECT_EQ(entries(m_root), (std::vector<std::string>{"out", "plain-file"}));
}

TEST_F(PublishFiles, UnwritableParentIsAnIoErrorAndCreatesNothing) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can write anywhere; permissions cannot fail here";
  fs::create_directories(m_root / "locked");
  fs::permissions(m_root / "locked", fs::perms::owner_read | fs::perms::owner_exec);
  const std::vector<OutputFile> files = {file("a.npy", "A")};
  EXPECT_THROW(publishFiles(m_root / "locked" / "out", files), Error);
  fs::permissions(m_root / "locked", fs::perms::owner_all);
  EXPECT_TRUE(entries(m_root / "locked").empty());
}

// dump --model writes a folder per layer (layer1/q.npy …), into a new or an existing DIR.
TEST_F(PublishFiles, FilesInSubfoldersAppearInANewFolder) {
  const std::vector<OutputFile> files = {file("tokens.json", "T"), file("layer1/q.npy", "Q1"),
                                         file("layer2/q.npy", "Q2"),
                                         file("layer2/deep/k.npy", "K")};
  publishFiles(m_root / "out", files);
  EXPECT_EQ(read(m_root / "out" / "tokens.json"), "T");
  EXPECT_EQ(read(m_root / "out" / "layer1" / "q.npy"), "Q1");
  EXPECT_EQ(read(m_root / "out" / "layer2" / "q.npy"), "Q2");
  EXPECT_EQ(read(m_root / "out" / "layer2" / "deep" / "k.npy"), "K");
  EXPECT_EQ(entries(m_root), std::vector<std::string>{"out"});
}

TEST_F(PublishFiles, FilesInSubfoldersReplaceOnlyTheirOwnInAnExistingFolder) {
  fs::create_directories(m_root / "out" / "layer1");
  std::ofstream(m_root / "out" / "layer1" / "q.npy") << "old";
  std::ofstream(m_root / "out" / "layer1" / "notes.txt") << "mine";
  const std::vector<OutputFile> files = {file("layer1/q.npy", "new"), file("layer2/q.npy", "Q2")};
  publishFiles(m_root / "out", files);
  EXPECT_EQ(read(m_root / "out" / "layer1" / "q.npy"), "new");
  EXPECT_EQ(read(m_root / "out" / "layer1" / "notes.txt"), "mine");
  EXPECT_EQ(read(m_root / "out" / "layer2" / "q.npy"), "Q2");
  EXPECT_EQ(entries(m_root / "out"), (std::vector<std::string>{"layer1", "layer2"}));
  EXPECT_EQ(entries(m_root / "out" / "layer1"), (std::vector<std::string>{"notes.txt", "q.npy"}));
}

TEST_F(PublishFiles, AFailureInASubfolderRemovesTheSubfoldersItMadeAndRestoresTheRest) {
  fs::create_directories(m_root / "out" / "layer1");
  std::ofstream(m_root / "out" / "layer1" / "q.npy") << "old";
  const std::vector<OutputFile> files = {file("layer1/q.npy", "new"), file("layer2/q.npy", "Q2")};
  PublishHooks hooks;
  hooks.beforeRename = [](const std::string& name) {
    if (name == "layer2/q.npy") throw Error(ErrorKind::Io, "injected");
  };
  EXPECT_THROW(publishFiles(m_root / "out", files, hooks), Error);
  EXPECT_EQ(read(m_root / "out" / "layer1" / "q.npy"), "old");
  EXPECT_EQ(entries(m_root / "out"), std::vector<std::string>{"layer1"});  // no layer2, no staging
  EXPECT_EQ(entries(m_root / "out" / "layer1"), std::vector<std::string>{"q.npy"});
}

TEST_F(PublishFiles, ASubfolderThatIsALinkOrAFileIsRefusedBeforeAnythingMoves) {
  fs::create_directories(m_root / "out");
  fs::create_directories(m_root / "elsewhere");
  fs::create_directory_symlink(m_root / "elsewhere", m_root / "out" / "layer1");
  std::ofstream(m_root / "out" / "layer2") << "a file";
  EXPECT_THROW(publishFiles(m_root / "out", std::vector{file("layer1/q.npy", "Q")}), Error);
  EXPECT_THROW(publishFiles(m_root / "out", std::vector{file("layer2/q.npy", "Q")}), Error);
  EXPECT_TRUE(entries(m_root / "elsewhere").empty());
  EXPECT_EQ(entries(m_root / "out"), (std::vector<std::string>{"layer1", "layer2"}));
}

TEST_F(PublishFiles, BadSubfolderNamesAreRefused) {
  for (const char* name : {"layer1//q.npy", "layer1/", "/q.npy", "./q.npy", "a/../q.npy"}) {
    EXPECT_THROW(publishFiles(m_root / "out", std::vector{file(name, "x")}), Error) << name;
  }
  // A name cannot be a file and a folder of other files at once.
  EXPECT_THROW(publishFiles(m_root / "out", std::vector{file("a", "x"), file("a/b", "y")}), Error);
  EXPECT_FALSE(fs::exists(m_root / "out"));
}

}  // namespace
}  // namespace attnscope
