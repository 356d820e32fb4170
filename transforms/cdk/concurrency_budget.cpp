// WA402's budget over the application model (see concurrency_budget.hpp).
#include "cdk/concurrency_budget.hpp"

#include <fmt/format.h>

#include "cdk/cdk_transforms.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix {
namespace {

constexpr int64_t kMaxValue = 1000000;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Calls `each(id, value_text)` for each `ID=N` of the list; false at the first malformed item.
template <typename Each>
bool for_each_override(std::string_view text, Each each) {
    while (!trim(text).empty()) {
        size_t comma = text.find(',');
        std::string_view item = trim(text.substr(0, comma));
        size_t eq = item.find('=');
        if (eq == std::string_view::npos) return each(item, std::string_view(), false);
        if (!each(trim(item.substr(0, eq)), trim(item.substr(eq + 1)), true)) return false;
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return true;
}

bool has_property(const LambdaFunction& fn, std::string_view name) {
    for (const Property& p : fn.properties)
        if (p.name == name) return true;
    return false;
}

}  // namespace

CapSite cap_site(const LambdaFunction& fn) {
    if (fn.triggers.empty()) return CapSite::Reservation;
    for (const Trigger& t : fn.triggers)
        if (t.service != "sqs" || t.via != "SqsEventSource") return CapSite::Reservation;
    return CapSite::EventSource;
}

std::string overrides_error(std::string_view text) {
    std::string error;
    for_each_override(text, [&](std::string_view id, std::string_view value, bool has_value) {
        if (!has_value || id.empty()) {
            error = fmt::format("must be a list of CONSTRUCT_ID=N separated by commas (got `{}`)", id);
            return false;
        }
        auto n = parse_integer(value);
        if (!n || *n < 1 || *n > kMaxValue) {
            error = fmt::format("`{}` must be a positive integer, at most {} (got `{}`)", id, kMaxValue, value);
            return false;
        }
        return true;
    });
    return error;
}

std::map<std::string, int, std::less<>> parse_overrides(std::string_view text) {
    std::map<std::string, int, std::less<>> out;
    for_each_override(text, [&](std::string_view id, std::string_view value, bool has_value) {
        auto n = has_value ? parse_integer(value) : std::nullopt;
        if (n && *n >= 1 && *n <= kMaxValue) out[std::string(id)] = static_cast<int>(*n);
        return true;
    });
    return out;
}

int ConcurrencyPlan::wanted(const ConcurrencyRequest& r, const LambdaFunction& fn) {
    for (const std::string& key : {fn.id, fn.name}) {
        auto it = r.overrides.find(key);
        if (it != r.overrides.end()) return it->second;
    }
    return r.default_value;
}

ConcurrencyPlan plan_concurrency(const AppModel& model, const ConcurrencyRequest& request) {
    ConcurrencyPlan plan;
    plan.limit = request.account - 100;
    for (const LambdaFunction& fn : model.functions) {
        if (fn.reserved_concurrency) plan.existing += std::max(0, *fn.reserved_concurrency);
        else if (has_property(fn, "reserved_concurrent_executions") || has_property(fn, "ReservedConcurrentExecutions"))
            ++plan.unknown;
    }
    // In the model's order (files, then position): the same grants in every file of the run.
    for (const LambdaFunction& fn : model.functions) {
        if (fn.origin != "cdk" || fn.reserved_concurrency || has_property(fn, "reserved_concurrent_executions") ||
            !is_lambda_construct_class(fn.construct_class) || cap_site(fn) != CapSite::Reservation)
            continue;
        ConcurrencyPlan::Entry e;
        e.value = ConcurrencyPlan::wanted(request, fn);
        e.total_if_granted = plan.existing + plan.added + e.value;
        e.granted = e.total_if_granted <= plan.limit;
        if (e.granted) plan.added += e.value;
        plan.by_function[fn.id] = e;
    }
    return plan;
}

}  // namespace wafix
