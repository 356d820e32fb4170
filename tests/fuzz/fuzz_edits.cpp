// libFuzzer target: the edit applier and the diff renderer (see invariants.hpp).
#include "invariants.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    wafix::fuzz::check_edits(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
