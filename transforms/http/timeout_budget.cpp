// An HTTP timeout that fits inside the Lambda function that runs the code: a timeout longer than
// the function's own never fires, the function is stopped first.
#include <cmath>

#include <fmt/format.h>

#include "http/http_transforms.hpp"
#include "wafix/model/app_model.hpp"

namespace wafix::http {
namespace {

// Whole seconds from 1 s up, tenths below: values a reviewer reads at a glance.
double round_down(double seconds) {
    if (seconds >= 1) return std::floor(seconds);
    return std::max(0.1, std::floor(seconds * 10) / 10);
}

std::string literal(double seconds) {
    if (seconds == std::floor(seconds)) return fmt::format("{}", static_cast<int64_t>(seconds));
    return fmt::format("{:.1f}", seconds);
}

}  // namespace

std::optional<FunctionTimeout> shortest_function_timeout(const Context& ctx) {
    const AppModel* model = ctx.app_model();
    if (!model) return std::nullopt;
    std::optional<FunctionTimeout> out;
    for (const LambdaFunction* f : model->functions_shipping(ctx.file().path))
        if (f->timeout_seconds && *f->timeout_seconds > 0 && (!out || *f->timeout_seconds < out->seconds))
            out = FunctionTimeout{*f->timeout_seconds, f->name.empty() ? f->id : f->name};
    return out;
}

std::optional<TimeoutSetting> fit_timeout(const TimeoutSetting& s, double function_seconds) {
    double budget = round_down(function_seconds * kFunctionTimeoutShare);
    auto number = [](const std::string& text) { return std::stod(text); };
    if (!s.pair) {
        if (number(s.literal) <= budget) return std::nullopt;
        std::string b = literal(budget);
        return TimeoutSetting{b, b, false};
    }
    // "(3.05, 27)": cap each of connect and read; a pair that collapses becomes one number.
    std::string inner = s.literal.substr(1, s.literal.size() - 2);
    size_t comma = inner.find(',');
    std::string connect = inner.substr(0, comma), read = inner.substr(comma + 2);
    if (number(connect) <= budget && number(read) <= budget) return std::nullopt;
    std::string c = number(connect) <= budget ? connect : literal(budget);
    std::string r = number(read) <= budget ? read : literal(budget);
    if (number(c) == number(r)) return TimeoutSetting{r, r, false};
    return TimeoutSetting{"(" + c + ", " + r + ")", number(c) > number(r) ? c : r, true};
}

}  // namespace wafix::http
