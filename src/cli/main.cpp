#include "wafix/cli/cli.hpp"

int main(int argc, char** argv) { return wafix::run_cli(argc, argv); }
