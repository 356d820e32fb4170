// What code does with a requests response (WA202): whether it checks the status, hands the
// response on, reads its body as if it were a success, or only looks at metadata; and whether
// the code around it is a test that inspects statuses on purpose.
#pragma once

#include <string_view>
#include <vector>

#include "wafix/core/transform.hpp"

namespace wafix::http {

enum class ResponseUse {
    Checked,   // status_code / ok / raise_for_status() / a truth test (Response.__bool__ is .ok)
    HandedOn,  // returned, yielded, passed to a call, stored, put in a container: the receiver decides
    Asserted,  // part of an assert: the code states what it expects, error or not
    BodyRead,  // .json() / .text / .content / iter_* / iteration: consumed as a success
    Handled,   // .json() in a try that catches decode errors, or a read in an except clause
    Metadata,  // headers, url, cookies, elapsed, a bare `r.raise_for_status` (never called)...
};

// What the read of the response at `identifier` (a use of its name) does.
ResponseUse classify_response_use(Node identifier);

// Body attributes: reading one consumes the response as data.
bool is_body_read(std::string_view attribute);
// Status attributes: reading one is a check.
bool is_status_read(std::string_view attribute);

// The verdict for a response whose uses are `uses`: true when it needs a raise_for_status()
// (its body is read unchecked, or it is never read at all).
bool consumed_unchecked(const std::vector<Node>& uses);

// A bare `r.raise_for_status` statement (the call was forgotten) that runs before the first body
// read: completing it is the fix a reviewer expects, even when the response is then returned (the
// author meant to check it). Null when there is none.
Node forgotten_raise_call(const std::vector<Node>& uses);

// True when some use checks the status or asserts on the response.
bool checked_or_asserted(const std::vector<Node>& uses);

// True inside an assert statement (up to the enclosing function).
bool inside_assert(Node n);

// A test that inspects statuses: `n` sits in a test module (test_*.py, *_test.py, tests/,
// conftest.py) or a test function / TestCase class, and the module reads status codes
// somewhere. raise_for_status() there would turn the expected 4xx into an exception.
bool in_status_test(const Context& ctx, Node n);

}  // namespace wafix::http
