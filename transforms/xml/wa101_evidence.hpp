// WA101's helpers beyond the rewrite itself: the bytes evidence that lets a str-sensitive parse
// call move to defusedxml (wa101_bytes_evidence.cpp), and the except clauses that would stop
// catching a rewritten call's errors (wa101_handlers.cpp).
#pragma once

#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"

namespace wafix::wa101 {

// True when the code itself shows `expr` is bytes: a bytes literal, `.encode()`, a base64 /
// zlib / gzip decode, `bytes(...)`, a binary-mode read (`open(p, "rb")`, `Path.read_bytes()`,
// a boto3 `["Body"].read()`), or a name every definition of which is such a value or a
// parameter annotated `bytes`.
bool is_bytes_value(const SemanticModel& model, Node expr);

// The except clause that handled the stdlib's parse errors for `call` and lets defusedxml's
// escape: the innermost enclosing `try` (in the same function) that catches either decides.
Node narrow_parse_handler(const SemanticModel& model, Node call);

}  // namespace wafix::wa101
