// Every string the UI itself draws (labels, buttons, messages) that is not plain ASCII, so the
// font atlas can hold its characters. A label missing here would render as the fallback glyph;
// tests check each screen's labels against this list.
#pragma once

#include <string>
#include <vector>

namespace mondo::app {

const std::vector<std::string>& UiStrings();

}  // namespace mondo::app
