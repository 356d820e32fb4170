// The one error type: a failure of input, file system, git or network raises an Error (or a type
// derived from it) whose message is the whole sentence a user reads ("pyproject.toml:3:1: unknown
// key `bogus` in [tool.wafix]"). It travels up to the boundary of the unit of work that failed
// (one file, one configuration, one branch, one command), which records it as data (an `error`
// field, a RunError) and goes on with the next unit. See docs/ARCHITECTURE.md, "Errors".
#pragma once

#include <stdexcept>
#include <string>

namespace wafix {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace wafix
