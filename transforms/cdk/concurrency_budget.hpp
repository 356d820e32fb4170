// WA402's budget: which Lambda functions of the app get how much reserved concurrency, so that
// the app's reservations (existing and added) leave the account the 100 unreserved executions
// AWS requires. Planned over the whole application model, the same in every file of a run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace wafix {

class AppModel;
struct LambdaFunction;

// Where a cap belongs: a reservation on the function, or max_concurrency on its SQS event source
// (a function fed only by SqsEventSource: the cap protects what it calls without reserving any of
// the account's pool).
enum class CapSite { Reservation, EventSource };
CapSite cap_site(const LambdaFunction& fn);

// "OrderWorker=50, ApiStack/ApiHandler=200": per-function values by construct id or model id.
// Why the text is refused ("" when it is fine), for the setting's check.
std::string overrides_error(std::string_view text);
std::map<std::string, int, std::less<>> parse_overrides(std::string_view text);

struct ConcurrencyRequest {
    int64_t account = 1000;
    int default_value = 10;
    std::map<std::string, int, std::less<>> overrides;
};

struct ConcurrencyPlan {
    int64_t limit = 0;     // account - 100
    int64_t existing = 0;  // literal reservations already written in the app
    int unknown = 0;       // reservations whose value is not a literal (not counted)
    int64_t added = 0;     // granted by this plan
    struct Entry {
        int value = 0;
        bool granted = false;
        int64_t total_if_granted = 0;  // the app's sum had it been granted
    };
    std::map<std::string, Entry> by_function;  // model id -> the plan for it (reservations only)

    // The value a function asks for: its override (model id, else construct id), else the default.
    static int wanted(const ConcurrencyRequest& r, const LambdaFunction& fn);
};

ConcurrencyPlan plan_concurrency(const AppModel& model, const ConcurrencyRequest& request);

}  // namespace wafix
