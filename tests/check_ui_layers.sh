#!/usr/bin/env bash
# Checks the include boundaries of the layers (ui/CMakeLists.txt states them):
#   check_ui_layers.sh SOURCE_DIR QTWIDGETS_INCLUDE_DIR
# - core/ includes no Qt header and nothing from ui/ or app/;
# - ui/model/ includes only core/ and ui/model/ of the project's headers;
# - ui/figure/ only core/, ui/model/ and ui/figure/;
# - attnscope export's code (app/export_*, and the app headers it includes) nothing from
#   ui/window/;
# and none of these includes QCustomPlot or a QtWidgets header (every name in the QtWidgets
# include folder, so a widget class added to Qt is caught too). Prints each breach; exit 1 if any.
set -euo pipefail
source_dir=$1 widgets_dir=$2
cd "$source_dir"
status=0

# Every header name QtWidgets provides, as "<Name>" and "<QtWidgets/Name>" alternatives.
widget_headers=$(find "$widgets_dir" -maxdepth 1 -type f -printf '%f\n' | sed 's/[.]/\\./g' |
  paste -sd '|')
widgets_pattern="#include <(QtWidgets/[^>]*|qcustomplot\.h|(${widget_headers}))>"

breach() {  # FILE PATTERN WHY
  local hits
  hits=$(grep -nE "$2" "$1" || true)
  if [[ -n $hits ]]; then
    while IFS= read -r hit; do echo "$1:$hit: $3"; done <<<"$hits"
    status=1
  fi
}

for file in core/*.h core/*.cpp; do
  breach "$file" '#include [<"](Q[A-Za-z]*|ui/|app/)' "core/ is plain C++: no Qt, no ui/, no app/"
done
for file in ui/model/*.h ui/model/*.cpp; do
  breach "$file" '#include "(ui/(figure|window)/|app/)' "ui/model/ may include only core/ and ui/model/"
  breach "$file" "$widgets_pattern" "ui/model/ uses no widgets"
done
for file in ui/figure/*.h ui/figure/*.cpp; do
  breach "$file" '#include "(ui/window/|app/)' "ui/figure/ may include only core/, ui/model/ and ui/figure/"
  breach "$file" "$widgets_pattern" "ui/figure/ uses no widgets"
done
for file in app/export_command.cpp app/export_options.h app/export_options.cpp \
            app/command_line.h app/attention_setup.h app/option_file.h; do
  breach "$file" '#include "ui/window/' "attnscope export draws without the window's library"
  breach "$file" "$widgets_pattern" "attnscope export uses no widgets"
done
exit $status
