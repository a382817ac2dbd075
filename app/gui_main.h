#pragma once

namespace attnscope {

// Creates the QApplication, installs the translation and shows the main window.
int runGui(int argc, char** argv);

}  // namespace attnscope
