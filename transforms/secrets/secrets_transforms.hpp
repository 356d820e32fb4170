// The secrets family: WA301 (hard-coded credentials -> AWS Secrets Manager lookups).
#pragma once

#include <memory>

#include "wafix/core/transform.hpp"

namespace wafix {

std::unique_ptr<Transform> make_hardcoded_secret();  // WA301

}  // namespace wafix
