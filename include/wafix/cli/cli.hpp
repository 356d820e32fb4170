// The command line: `wafix [diff|fix|rules] [PATH...]`. Exit codes are documented in docs/cli.md.
#pragma once

namespace wafix {

enum ExitCode : int {
    kExitClean = 0,    // nothing to change (diff) / all fixes applied, nothing left (fix)
    kExitPending = 1,  // changes pending (diff) / findings remain that need a human (fix)
    kExitError = 2,    // a file could not be processed, bad arguments, or a write failed
};

int run_cli(int argc, char** argv);

}  // namespace wafix
