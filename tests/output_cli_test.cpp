// Issue 20's output repros through the real binary, as scripts run it: a refused output leaves
// everything as it was, concurrent dumps into one folder never mix runs or lose other files,
// long names and trailing slashes work, and output that cannot reach stdout is an error. FIFOs
// and links in a temporary folder stand in for devices: no test touches a real device but
// /dev/full, which only ever fails writes.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "tests/shell_support.h"

namespace attnscope {
namespace {

namespace fs = std::filesystem;
using testing::shellQuote;
using testing::slurp;

struct CommandResult {
  int status;
  std::string err;
};

using testing::Snapshot;
using testing::snapshot;

bool isFifo(const fs::path& path) {
  struct stat info {};
  return ::lstat(path.c_str(), &info) == 0 && S_ISFIFO(info.st_mode);
}

const std::string kText = "The cat sat on the mat because the mat was warm and the day was cold";

std::vector<std::string> dumpArguments(int seed, const fs::path& out) {
  return {"dump",    "--text", kText,       "--d-model",          "32",
          "--heads", "4",      "--seed",    std::to_string(seed), "--threads",
          "1",       "--out",  out.string()};
}

class OutputCli : public ::testing::Test {
 protected:
  void SetUp() override {
    m_root = fs::temp_directory_path() /
             (std::string("attnscope-output-cli-") +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(m_root);
    fs::create_directories(m_root / "work");
    m_work = m_root / "work";
  }
  void TearDown() override { fs::remove_all(m_root); }

  static std::string commandLine(const std::vector<std::string>& arguments) {
    std::string command =
        "env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM " + shellQuote(ATTNSCOPE_BINARY);
    for (const std::string& argument : arguments) command.append(" ").append(shellQuote(argument));
    return command;
  }

  CommandResult run(const std::vector<std::string>& arguments,
                    const std::string& stdoutTo = "/dev/null") const {
    const fs::path err = m_root / "stderr";
    const std::string command =
        commandLine(arguments) + " >" + stdoutTo + " 2>" + shellQuote(err.string()) + " </dev/null";
    const int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(err)};
  }

  static void expectOneErrorLine(const CommandResult& result, const std::string& fragment) {
    EXPECT_EQ(result.status, 1) << result.err;
    EXPECT_TRUE(result.err.starts_with("attnscope: error: ")) << result.err;
    EXPECT_EQ(std::ranges::count(result.err, '\n'), 1) << result.err;
    EXPECT_NE(result.err.find(fragment), std::string::npos) << result.err;
  }

  void makeFifo(const fs::path& path) const { ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0); }

  fs::path m_root;  // holds the work folder plus the captured stderr
  fs::path m_work;  // everything the commands may touch
};

// Point 2, the repro: a folder in the way of one output stops the run before any file
// is replaced.
TEST_F(OutputCli, DumpWithADirectoryInTheWayLeavesTheFolderAsItWas) {
  const fs::path res = m_work / "res";
  fs::create_directories(res / "x.npy" / "keep");
  std::ofstream(res / "q.npy") << "old\n";
  const Snapshot before = snapshot(m_work);
  expectOneErrorLine(run(dumpArguments(0, res)), "x.npy: is a directory");
  EXPECT_EQ(snapshot(m_work), before);
}

// Point 3: a dump folder given as a FIFO or as a link to one is refused, untouched; a link to a
// folder publishes into that folder.
TEST_F(OutputCli, DumpFolderRules) {
  makeFifo(m_work / "fifo");
  fs::create_symlink(m_work / "fifo", m_work / "to-fifo");
  const Snapshot before = snapshot(m_work);
  expectOneErrorLine(run(dumpArguments(0, m_work / "fifo")), "is a FIFO, not a directory");
  expectOneErrorLine(run(dumpArguments(0, m_work / "to-fifo")), "symbolic link to a FIFO");
  EXPECT_EQ(snapshot(m_work), before);

  fs::create_directory(m_work / "real");
  fs::create_symlink(m_work / "real", m_work / "to-real");
  ASSERT_EQ(run(dumpArguments(0, m_work / "to-real")).status, 0);
  EXPECT_TRUE(fs::is_symlink(m_work / "to-real"));
  EXPECT_TRUE(fs::is_regular_file(m_work / "real" / "weights.npy"));
}

// Point 3: export never writes through a FIFO (standing in for /dev/null) or a link to one,
// and replaces the target of a link to a regular file, keeping the link.
TEST_F(OutputCli, ExportOutputRules) {
  const std::vector<std::string> figure = {"export", "--text",   "The cat sat", "--d-model",
                                           "8",      "--heads",  "2",           "--width",
                                           "200",    "--height", "150",         "--out"};
  auto exportTo = [&](const fs::path& out) {
    std::vector<std::string> arguments = figure;
    arguments.push_back(out.string());
    return run(arguments);
  };
  makeFifo(m_work / "fifo.png");
  fs::create_symlink(m_work / "fifo.png", m_work / "link-to-fifo.png");
  fs::create_directory(m_work / "folder.png");
  const Snapshot before = snapshot(m_work);
  expectOneErrorLine(exportTo(m_work / "fifo.png"), "is a FIFO, not a regular file");
  expectOneErrorLine(exportTo(m_work / "link-to-fifo.png"), "symbolic link to a FIFO");
  expectOneErrorLine(exportTo(m_work / "folder.png"), "is a directory");
  EXPECT_EQ(snapshot(m_work), before);
  EXPECT_TRUE(isFifo(m_work / "fifo.png"));

  fs::create_directory(m_work / "figures");
  std::ofstream(m_work / "figures" / "real.png") << "old";
  fs::create_symlink(m_work / "figures" / "real.png", m_work / "fig.png");
  ASSERT_EQ(exportTo(m_work / "fig.png").status, 0);
  EXPECT_TRUE(fs::is_symlink(m_work / "fig.png"));
  EXPECT_TRUE(slurp(m_work / "figures" / "real.png").starts_with("\x89PNG"));
  EXPECT_EQ(fs::directory_iterator(m_work / "figures")->path().filename(), "real.png");

  // Point 7: a 240-byte name is valid and must work (the temporary name is short).
  const fs::path longName = m_work / (std::string(236, 'f') + ".png");
  ASSERT_EQ(exportTo(longName).status, 0) << slurp(m_root / "stderr");
  EXPECT_TRUE(slurp(longName).starts_with("\x89PNG"));
}

// Point 7: a new folder given with a trailing slash, and a 240-byte folder name.
TEST_F(OutputCli, DumpIntoNewFolderWithTrailingSlashOrLongName) {
  ASSERT_EQ(run(dumpArguments(0, m_work.string() + "/new/dir/")).status, 0)
      << slurp(m_root / "stderr");
  EXPECT_TRUE(fs::is_regular_file(m_work / "new" / "dir" / "output.npy"));
  const fs::path longName = m_work / std::string(240, 'd');
  ASSERT_EQ(run(dumpArguments(0, longName)).status, 0) << slurp(m_root / "stderr");
  ASSERT_EQ(run(dumpArguments(1, longName)).status, 0) << slurp(m_root / "stderr");
  EXPECT_TRUE(fs::is_regular_file(longName / "output.npy"));
  EXPECT_EQ(snapshot(m_work).size(), snapshot(m_work / "new").size() + 1 +
                                         snapshot(longName).size() + 1);  // no staging left
}

// Point 7: output that cannot reach stdout (a full disk) is an error, not exit 0.
TEST_F(OutputCli, FullStdoutIsAnError) {
  if (!fs::exists("/dev/full")) GTEST_SKIP() << "no /dev/full here";
  expectOneErrorLine(run({"--version"}, "/dev/full"), "No space left on device");
  expectOneErrorLine(run({"--help"}, "/dev/full"), "No space left on device");
  expectOneErrorLine(run({"bench", "--seq-len", "8", "--d-model", "16", "--heads", "2", "--threads",
                          "1", "--repeat", "1", "--json"},
                         "/dev/full"),
                     "No space left on device");
  EXPECT_EQ(run({"--version"}).status, 0);
}

// Points 1 and 2: dumps with different seeds racing into one folder. Each round must end with
// every run successful, the folder holding one run's complete set (no mix of seeds), another
// user's file still there and no staging folder left behind. A third of the rounds start with the
// folder and its parents missing (each run creates them), while a note is saved in the
// outermost new parent at the same time. Fixed seeds, a bounded number of rounds.
TEST_F(OutputCli, ConcurrentDumpsNeverMixRunsOrLoseOtherFiles) {
  constexpr int kWriters = 4;
  constexpr int kRounds = 45;
  // Each seed's files, written alone.
  std::vector<Snapshot> reference;
  for (int seed = 1; seed <= kWriters; ++seed) {
    const fs::path folder = m_root / ("reference-" + std::to_string(seed));
    ASSERT_EQ(run(dumpArguments(seed, folder)).status, 0) << slurp(m_root / "stderr");
    reference.push_back(snapshot(folder));
  }
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    fs::remove_all(m_work);
    fs::create_directories(m_work);
    const bool newParents = round % 3 == 2;
    const fs::path out = newParents ? m_work / "np" / "a" / "b" / "out" : m_work / "out";
    const fs::path note = newParents ? m_work / "np" / "notes.txt" : m_work / "out" / "notes.txt";
    if (!newParents) {
      fs::create_directories(out);
      std::ofstream(note) << "mine\n";
    }
    std::string script;
    for (int seed = 1; seed <= kWriters; ++seed) {
      const fs::path status = m_root / ("status-" + std::to_string(seed));
      script += "(" + commandLine(dumpArguments(seed, out)) + " >/dev/null 2>" +
                shellQuote(status.string() + ".err") + "; echo $? >" + shellQuote(status.string()) +
                ") & ";
    }
    if (newParents) {
      script += "(mkdir -p " + shellQuote(note.parent_path().string()) + " && echo mine >" +
                shellQuote(note.string()) + ") & ";
    }
    script += "wait";
    ASSERT_EQ(std::system(script.c_str()), 0);

    for (int seed = 1; seed <= kWriters; ++seed) {
      const fs::path status = m_root / ("status-" + std::to_string(seed));
      EXPECT_EQ(slurp(status), "0\n") << slurp(status.string() + ".err");
    }
    EXPECT_EQ(slurp(note), "mine\n");
    // Which seeds every file agrees with: at least one, or the runs were mixed.
    const Snapshot published = snapshot(out);
    std::set<int> consistent = {1, 2, 3, 4};
    for (const auto& [name, bytes] : reference.front()) {
      ASSERT_TRUE(published.contains(name)) << name;
      std::erase_if(consistent, [&](int seed) {
        return reference[std::size_t(seed - 1)].at(name) != published.at(name);
      });
    }
    EXPECT_FALSE(consistent.empty()) << "the folder mixes files from different runs";
    for (const auto& [name, unused] : snapshot(m_work)) {
      EXPECT_EQ(fs::path(name).filename().string().find(".attnscope-"), std::string::npos) << name;
    }
    if (::testing::Test::HasFailure()) break;
  }
}

}  // namespace
}  // namespace attnscope
