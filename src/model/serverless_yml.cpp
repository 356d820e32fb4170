// serverless.yml (Serverless Framework): `functions:` with `handler: path/module.function`
// relative to the service folder, provider defaults, events by kind, and sources named in
// `resources.Resources` through Fn::GetAtt / Ref (short or long form).
#include <fmt/format.h>

#include "cdk_extract.hpp"
#include "yaml_util.hpp"

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

using K = InvocationKind;

struct EventRule {
    const char* key;
    K kind;
    const char* service;
};
constexpr EventRule kEvents[] = {
    {"http", K::Sync, "api-gateway"},
    {"httpApi", K::Sync, "api-gateway"},
    {"websocket", K::Sync, "api-gateway-websocket"},
    {"alb", K::Sync, "alb"},
    {"cognitoUserPool", K::Sync, "cognito"},
    {"alexaSkill", K::Sync, "alexa"},
    {"sqs", K::Poll, "sqs"},
    {"stream", K::Poll, "stream"},
    {"msk", K::Poll, "kafka"},
    {"kafka", K::Poll, "kafka"},
    {"activemq", K::Poll, "mq"},
    {"rabbitmq", K::Poll, "mq"},
    {"s3", K::Async, "s3"},
    {"sns", K::Async, "sns"},
    {"schedule", K::Async, "eventbridge"},
    {"eventBridge", K::Async, "eventbridge"},
    {"cloudwatchEvent", K::Async, "eventbridge"},
    {"cloudwatchLog", K::Async, "cloudwatch-logs"},
    {"iot", K::Async, "iot"},
};

}  // namespace

void read_serverless_yml(const fs::path& file, const std::string& text, AppModel& m) {
    auto root = load_yaml(file, text, m);
    if (!root || !root->IsMap()) return;
    YAML::Node functions = at(*root, "functions");
    if (!functions.IsMap()) return;
    YAML::Node provider = at(*root, "provider");
    YAML::Node resources = at(at(*root, "resources"), "Resources");
    fs::path dir = file.parent_path();
    std::string service = yaml_text(at(*root, "service"));
    if (service.empty()) service = dir.filename().string();
    m.stacks.push_back({service, "serverless", yaml_range(file, functions), {}});
    auto setting = [&](const YAML::Node& fn, const char* key) {
        return at(fn, key).IsDefined() ? at(fn, key) : at(provider, key);
    };
    auto source_of = [&](const YAML::Node& v) {
        ConstructRef r;
        r.expression = yaml_text(v);
        std::string id = referenced_resource(v);
        if (!id.empty() && at(resources, id).IsDefined()) {
            r.construct_id = r.variable = id;
            r.type = yaml_text(at(at(resources, id), "Type"));
            for (auto it = resources.begin(); it != resources.end(); ++it)
                if (it->first.Scalar() == id) r.site = yaml_range(file, it->first);
        }
        return r;
    };
    for (auto it = functions.begin(); it != functions.end(); ++it) {
        YAML::Node fn = it->second;  // a copy: the iterator yields a temporary
        LambdaFunction f;
        f.origin = "serverless";
        f.name = it->first.as<std::string>("");
        f.id = service + "/" + f.name;
        f.construct_class = "serverless function";
        f.stack = service;
        f.construct = yaml_range(file, it->first);
        if (fn.IsMap())
            for (auto p = fn.begin(); p != fn.end(); ++p)
                f.properties.push_back(
                    {p->first.as<std::string>(""), yaml_text(p->second), yaml_range(file, p->first)});
        f.runtime = yaml_text(setting(fn, "runtime"));
        f.timeout_seconds = yaml_number(setting(fn, "timeout"));
        if (auto v = yaml_number(setting(fn, "memorySize"))) f.memory_mb = static_cast<int>(*v);
        if (auto v = yaml_number(at(fn, "reservedConcurrency"))) f.reserved_concurrency = static_cast<int>(*v);
        f.has_dead_letter_queue = at(fn, "onError").IsDefined() || at(fn, "deadLetter").IsDefined();
        f.tracing = yaml_text(at(at(provider, "tracing"), "lambda"));
        for (const YAML::Node& env : {at(provider, "environment"), at(fn, "environment")})
            if (env.IsMap())
                for (auto v = env.begin(); v != env.end(); ++v)
                    f.environment.push_back(
                        {v->first.as<std::string>(""), yaml_text(v->second), yaml_range(file, v->first)});
        // Code: the service folder (or the function's `module`), handler relative to it.
        FunctionCode& c = f.code;
        c.kind = at(fn, "image").IsDefined() ? FunctionCode::Kind::Image : FunctionCode::Kind::Asset;
        c.handler = yaml_string(at(fn, "handler")).value_or("");
        fs::path base = dir;
        if (auto module = yaml_string(at(fn, "module"))) base = (dir / *module).lexically_normal();
        c.asset_dir = base;
        c.path_as_written = base == dir ? "." : base.lexically_relative(dir).generic_string();
        c.literal = !c.handler.empty();
        if (!c.handler.empty()) {
            c.handler_file = handler_module(base, c.handler, f.runtime, &c.handler_function);
            if (c.handler_file.empty()) c.handler_file = handler_module(dir, c.handler, f.runtime, &c.handler_function);
            if (c.handler_file.empty())
                m.notes.push_back({file, f.construct.line,
                                   fmt::format("{}: handler '{}' names a module that is not in {}", f.name, c.handler,
                                               shown_path(base))});
        }
        YAML::Node events = at(fn, "events");
        if (events.IsSequence())
            for (const YAML::Node& e : events) {
                if (!e.IsMap() || e.size() != 1) continue;
                std::string key = e.begin()->first.as<std::string>("");
                YAML::Node v = e.begin()->second;
                for (const EventRule& r : kEvents) {
                    if (key != r.key) continue;
                    Trigger t{r.kind, r.service, key, yaml_range(file, e.begin()->first), {}, {}};
                    if (v.IsMap())
                        for (auto p = v.begin(); p != v.end(); ++p)
                            t.properties.push_back(
                                {p->first.as<std::string>(""), yaml_text(p->second), yaml_range(file, p->first)});
                    YAML::Node arn = v.IsMap() ? at(v, "arn") : v;
                    if (key == "stream" && v.IsMap() && at(v, "type").IsScalar()) t.service = at(v, "type").Scalar();
                    if (key == "sqs" || key == "stream" || key == "msk") t.source = source_of(arn);
                    else if (key == "sns" || key == "s3")
                        t.source = source_of(v.IsMap() ? (at(v, "arn").IsDefined()
                                                              ? at(v, "arn")
                                                              : at(v, key == "s3" ? "bucket" : "topicName"))
                                                       : v);
                    f.triggers.push_back(std::move(t));
                }
            }
        m.functions.push_back(std::move(f));
    }
}

}  // namespace wafix::model_detail
