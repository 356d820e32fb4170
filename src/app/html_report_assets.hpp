// The stylesheet and script of the HTML report, inlined so the page is one self-contained file.
#pragma once

namespace wafix::html_assets {

extern const char* const kStyle;
extern const char* const kScript;

}  // namespace wafix::html_assets
