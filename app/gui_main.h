#pragma once

namespace attnscope {

struct Session;

// Creates the QApplication, installs the translation and shows the main window: on `state` when
// given (`attnscope --text ...`), else on the lesson named by argv[1] if there is one.
int runGui(int argc, char** argv, const Session* state = nullptr);

}  // namespace attnscope
