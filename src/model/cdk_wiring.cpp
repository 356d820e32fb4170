// How each CDK function is wired, wherever in the app that is written: triggers (integrations,
// destinations, subscriptions, targets, event sources, mappings, URLs, Step Functions tasks,
// custom resources, Cognito and AppSync), grants and policy statements, environment variables
// added later, and layers. The function is found through CdkIndex::functions_of, so a construct
// made in one module and wired in another is one function.
#include <algorithm>
#include <cstring>

#include <fmt/format.h>

#include "cdk_extract.hpp"
#include "wafix/core/python_edit.hpp"

namespace wafix::model_detail {

namespace {

using K = InvocationKind;
constexpr size_t kNone = static_cast<size_t>(-1);

// A class that takes the function as an argument and wires it to a caller.
struct WrapperRule {
    const char* cls;  // qualified, after "aws_cdk."
    size_t position;
    const char* keyword;
    K kind;
    const char* service;
};
constexpr WrapperRule kWrappers[] = {
    {"aws_apigateway.LambdaIntegration", 0, "handler", K::Sync, "api-gateway"},
    {"aws_apigateway.LambdaRestApi", kNone, "handler", K::Sync, "api-gateway"},
    {"aws_apigateway.TokenAuthorizer", kNone, "handler", K::Sync, "api-authorizer"},
    {"aws_apigateway.RequestAuthorizer", kNone, "handler", K::Sync, "api-authorizer"},
    {"aws_apigatewayv2_integrations.HttpLambdaIntegration", 1, "handler", K::Sync, "api-gateway"},
    {"aws_apigatewayv2_integrations_alpha.HttpLambdaIntegration", 1, "handler", K::Sync, "api-gateway"},
    {"aws_apigatewayv2_integrations.WebSocketLambdaIntegration", 1, "handler", K::Sync, "api-gateway-websocket"},
    {"aws_apigatewayv2_integrations_alpha.WebSocketLambdaIntegration", 1, "handler", K::Sync, "api-gateway-websocket"},
    {"aws_apigatewayv2_authorizers.HttpLambdaAuthorizer", 1, "handler", K::Sync, "api-authorizer"},
    {"aws_apigatewayv2_authorizers_alpha.HttpLambdaAuthorizer", 1, "handler", K::Sync, "api-authorizer"},
    {"aws_apigatewayv2_authorizers.WebSocketLambdaAuthorizer", 1, "handler", K::Sync, "api-authorizer"},
    {"aws_elasticloadbalancingv2_targets.LambdaTarget", 0, "fn", K::Sync, "alb"},
    {"aws_lambda.FunctionUrl", kNone, "function", K::Sync, "function-url"},
    {"aws_s3_notifications.LambdaDestination", 0, "fn", K::Async, "s3"},
    {"aws_sns_subscriptions.LambdaSubscription", 0, "fn", K::Async, "sns"},
    {"aws_events_targets.LambdaFunction", 0, "handler", K::Async, "eventbridge"},
    {"aws_scheduler_targets.LambdaInvoke", 0, "func", K::Async, "eventbridge-scheduler"},
    {"aws_scheduler_targets_alpha.LambdaInvoke", 0, "func", K::Async, "eventbridge-scheduler"},
    {"aws_logs_destinations.LambdaDestination", 0, "fn", K::Async, "cloudwatch-logs"},
    {"aws_lambda_destinations.LambdaDestination", 0, "fn", K::Async, "lambda-destination"},
    {"aws_iot_actions.LambdaFunctionAction", 0, "func", K::Async, "iot"},
    {"aws_iot_actions_alpha.LambdaFunctionAction", 0, "func", K::Async, "iot"},
    {"aws_stepfunctions_tasks.LambdaInvoke", kNone, "lambda_function", K::Sync, "step-functions"},
    {"custom_resources.Provider", kNone, "on_event_handler", K::Sync, "custom-resource"},
    {"custom_resources.Provider", kNone, "is_complete_handler", K::Sync, "custom-resource"},
    {"triggers.Trigger", kNone, "handler", K::Sync, "cdk-trigger"},
    {"aws_appsync.LambdaDataSource", kNone, "lambda_function", K::Sync, "appsync"},
    {"aws_appsync_alpha.LambdaDataSource", kNone, "lambda_function", K::Sync, "appsync"},
    {"aws_lambda.EventSourceMapping", kNone, "target", K::Poll, "event-source-mapping"},
    {"aws_codepipeline_actions.LambdaInvokeAction", kNone, "lambda_", K::Async, "codepipeline"},
    {"aws_kinesisfirehose_alpha.LambdaFunctionProcessor", 0, "lambda_function", K::Sync, "firehose"},
};

// An event source a function is given (`fn.add_event_source(X)` or `events=[X]`).
struct EventSourceRule {
    const char* cls;  // after "aws_cdk.aws_lambda_event_sources."
    K kind;
    const char* service;
};
constexpr EventSourceRule kEventSources[] = {
    {"SqsEventSource", K::Poll, "sqs"},
    {"KinesisEventSource", K::Poll, "kinesis"},
    {"KinesisConsumerEventSource", K::Poll, "kinesis"},
    {"DynamoEventSource", K::Poll, "dynamodb"},
    {"ManagedKafkaEventSource", K::Poll, "kafka"},
    {"SelfManagedKafkaEventSource", K::Poll, "kafka"},
    {"S3EventSource", K::Async, "s3"},
    {"S3EventSourceV2", K::Async, "s3"},
    {"SnsEventSource", K::Async, "sns"},
    {"ApiEventSource", K::Sync, "api-gateway"},
};

bool names(const std::string& q, const char* suffix) {
    constexpr std::string_view root = "aws_cdk.";
    return q.size() == root.size() + std::strlen(suffix) && q.rfind(root, 0) == 0 &&
           q.compare(root.size(), q.npos, suffix) == 0;
}

std::vector<Property> keyword_properties(const CdkIndex& ix, size_t unit, Node call) {
    std::vector<Property> out;
    for (const Node& a : call_arguments(call))
        if (a.is("keyword_argument"))
            out.push_back(
                {std::string(a.field("name").text()), std::string(a.field("value").text()), ix.range_of(unit, a)});
    return out;
}

class Wiring {
public:
    Wiring(const CdkIndex& ix, AppModel& m) : ix_(ix), m_(m) {}

    void run() {
        for (size_t u = 0; u < ix_.units.size(); ++u)
            for (const Node& call : ix_.units[u].calls) visit(u, call);
    }

private:
    const CdkIndex& ix_;
    AppModel& m_;

    void add_trigger(const std::vector<size_t>& fns, Trigger t) {
        for (size_t f : fns) {
            auto& list = m_.functions[f].triggers;
            bool dup = std::any_of(list.begin(), list.end(), [&](const Trigger& o) {
                return o.site.file == t.site.file && o.site.begin == t.site.begin && o.service == t.service;
            });
            if (!dup) list.push_back(t);
        }
    }

    // The construct a wrapper is attached to: the receiver of the method call it is passed to
    // (`api.root.add_method(..., integration)` -> `api`), or the constructor it is an argument
    // of (`events.Rule(..., targets=[...])`). A wrapper bound to a variable: its first use.
    std::optional<ConstructRef> attached_to(size_t unit, Node wrapper) {
        Node cur = wrapper;
        Node p = cur.parent();
        if (p.is("assignment") && p.field("left").is("identifier")) {
            const Binding* b = ix_.units[unit].sem->binding_defined_at(p.field("left"));
            if (!b || b->uses.empty()) return std::nullopt;
            cur = b->uses.front();
        }
        for (p = cur.parent(); p && (p.is("argument_list") || p.is("list") || p.is("tuple") ||
                                     p.is("keyword_argument") || p.is("pair") || p.is("dictionary"));
             p = p.parent()) {
        }
        if (!p.is("call")) return std::nullopt;
        std::string q = ix_.callee(unit, p);
        Node fn = p.field("function");
        if (q.rfind("aws_cdk", 0) != 0 && fn.is("attribute"))
            return ix_.construct_ref(unit, chain_root(fn.field("object")));
        return ix_.construct_ref(unit, p);
    }

    void event_source(size_t unit, Node es_expr, const std::vector<size_t>& fns) {
        for (const Origin& o : ix_.origins(unit, es_expr)) {
            if (!o.node.is("call")) continue;
            std::string q = ix_.callee(o.unit, o.node);
            for (const EventSourceRule& r : kEventSources) {
                if (q != std::string("aws_cdk.aws_lambda_event_sources.") + r.cls) continue;
                Trigger t{
                    r.kind, r.service, r.cls, ix_.range_of(o.unit, o.node), keyword_properties(ix_, o.unit, o.node),
                    {}};
                if (Node src = call_arg(o.node, 0, "")) t.source = ix_.construct_ref(o.unit, src);
                add_trigger(fns, std::move(t));
            }
        }
    }

    void wrapper(size_t unit, Node call, const std::string& q) {
        for (const WrapperRule& r : kWrappers) {
            if (!names(q, r.cls)) continue;
            Node arg = call_arg(call, r.position, r.keyword);
            if (!arg) continue;
            std::vector<size_t> fns = ix_.functions_of(unit, arg);
            if (fns.empty()) continue;
            Trigger t{r.kind, r.service, last_segment(q), ix_.range_of(unit, call), keyword_properties(ix_, unit, call),
                      {}};
            if (std::string_view(r.service) == "step-functions") {
                Node it = keyword_argument(call, "invocation_type");
                if (it && it.text().find("EVENT") != std::string_view::npos) t.kind = K::Async;
            }
            if (std::string_view(r.service) == "event-source-mapping") {
                if (Node arn = call_arg(call, kNone, "event_source_arn"))
                    t.source = ix_.construct_ref(unit, chain_root(arn));
            } else if (std::string_view(r.cls) == "aws_apigateway.LambdaRestApi" ||
                       std::string_view(r.service) == "step-functions" ||
                       std::string_view(r.service) == "custom-resource" || std::string_view(r.service) == "appsync" ||
                       std::string_view(r.service) == "cdk-trigger") {
                t.source = ix_.construct_ref(unit, call);
            } else {
                t.source = attached_to(unit, call);
            }
            add_trigger(fns, std::move(t));
        }
        if (names(q, "aws_cognito.UserPoolTriggers") || names(q, "aws_cognito.UserPool")) {
            Node holder = call;
            if (names(q, "aws_cognito.UserPool")) {
                Node lt = call_arg(call, kNone, "lambda_triggers");
                if (!lt || !lt.is("call")) return;
                holder = lt;
            }
            for (const Node& a : call_arguments(holder)) {
                if (!a.is("keyword_argument")) continue;
                std::vector<size_t> fns = ix_.functions_of(unit, a.field("value"));
                Trigger t{K::Sync, "cognito", std::string(a.field("name").text()), ix_.range_of(unit, a), {}, {}};
                t.source = names(q, "aws_cognito.UserPool") ? std::optional(ix_.construct_ref(unit, call))
                                                            : attached_to(unit, call);
                add_trigger(fns, std::move(t));
            }
        }
    }

    void policy(size_t unit, Node statement, const std::vector<size_t>& fns, const std::string& method) {
        for (const Origin& o : ix_.origins(unit, statement)) {
            if (!o.node.is("call") || last_segment(ix_.callee(o.unit, o.node)) != "PolicyStatement") continue;
            Grant g;
            g.method = method;
            g.site = ix_.range_of(o.unit, o.node);
            auto literals = [&](const char* kw, std::vector<std::string>& into) {
                Node list = call_arg(o.node, kNone, kw);
                if (list.is("list"))
                    for (const Node& e : list.named_children()) {
                        if (auto s = string_literal_value(e)) into.push_back(*s);
                        else if (!e.is("comment")) into.emplace_back(e.text());
                    }
            };
            literals("actions", g.actions);
            literals("resources", g.resources);
            for (size_t f : fns) m_.functions[f].grants.push_back(g);
        }
    }

    void link_secret(size_t unit, Node expr, const std::vector<size_t>& fns) {
        for (const Origin& o : ix_.origins(unit, chain_root(expr))) {
            auto it = ix_.secret_by_call.find({o.unit, o.node.start()});
            if (it == ix_.secret_by_call.end()) continue;
            for (size_t f : fns) {
                auto& s = m_.functions[f].secrets;
                if (std::find(s.begin(), s.end(), it->second) == s.end()) s.push_back(it->second);
            }
        }
    }

    void method(size_t unit, Node call, Node fn) {
        std::string name(fn.field("attribute").text());
        Node receiver = fn.field("object");
        auto args = positional_args(call);
        if (name == "add_event_source" && !args.empty()) {
            event_source(unit, args[0], ix_.functions_of(unit, receiver));
        } else if (name == "add_event_source_mapping" || name == "add_function_url") {
            bool url = name == "add_function_url";
            Trigger t{url ? K::Sync : K::Poll,  url ? "function-url" : "event-source-mapping", name,
                      ix_.range_of(unit, call), keyword_properties(ix_, unit, call),           {}};
            if (Node arn = call_arg(call, kNone, "event_source_arn"))
                t.source = ix_.construct_ref(unit, chain_root(arn));
            add_trigger(ix_.functions_of(unit, receiver), std::move(t));
        } else if ((name == "add_trigger" || name == "add_lambda_data_source") && args.size() >= 2) {
            Trigger t{K::Sync, name == "add_trigger" ? "cognito" : "appsync", name, ix_.range_of(unit, call), {}, {}};
            t.source = ix_.construct_ref(unit, chain_root(receiver));
            add_trigger(ix_.functions_of(unit, args[1]), std::move(t));
        } else if (name == "add_environment" && args.size() >= 2) {
            auto key = string_literal_value(args[0]);
            std::vector<size_t> fns = ix_.functions_of(unit, receiver);
            for (size_t f : fns)
                m_.functions[f].environment.push_back(
                    {key ? *key : std::string(args[0].text()), std::string(args[1].text()), ix_.range_of(unit, call)});
            link_secret(unit, args[1], fns);
        } else if (name == "add_layers") {
            for (const Node& a : args) layers(unit, a, ix_.functions_of(unit, receiver));
        } else if ((name == "add_to_role_policy" || name == "add_to_policy" || name == "add_to_principal_policy") &&
                   !args.empty()) {
            policy(unit, args[0], ix_.functions_of(unit, receiver), name);
        } else if (name.rfind("grant", 0) == 0 && name != "grant_invoke" && name != "grant_invoke_url") {
            for (const Node& a : args) {
                std::vector<size_t> fns = ix_.functions_of(unit, a);
                if (fns.empty()) continue;
                Grant g;
                g.method = name;
                g.site = ix_.range_of(unit, call);
                g.target = ix_.construct_ref(unit, chain_root(receiver));
                for (size_t f : fns) m_.functions[f].grants.push_back(g);
                link_secret(unit, receiver, fns);
            }
        }
    }

    void layers(size_t unit, Node expr, const std::vector<size_t>& fns) {
        for (const Origin& o : ix_.origins(unit, expr)) {
            auto it = ix_.layer_by_call.find({o.unit, o.node.start()});
            if (it == ix_.layer_by_call.end()) continue;
            for (size_t f : fns) m_.functions[f].layers.push_back(it->second);
        }
    }

    void construct_keywords(size_t unit, Node call, size_t f) {
        std::vector<size_t> self{f};
        if (Node events = call_arg(call, kNone, "events"))
            for (const Origin& o : ix_.origins(unit, events)) event_source(o.unit, o.node, self);
        if (Node l = call_arg(call, kNone, "layers")) layers(unit, l, self);
        if (Node p = call_arg(call, kNone, "initial_policy")) policy(unit, p, self, "initial_policy");
        if (Node env = call_arg(call, kNone, "environment"); env.is("dictionary"))
            for (const Node& pair : env.named_children())
                if (pair.is("pair")) link_secret(unit, pair.field("value"), self);
    }

    void visit(size_t unit, Node call) {
        auto f = ix_.function_by_call.find({unit, call.start()});
        if (f != ix_.function_by_call.end()) construct_keywords(unit, call, f->second);
        std::string q = ix_.callee(unit, call);
        Node fn = call.field("function");
        if (q.rfind("aws_cdk.", 0) == 0) wrapper(unit, call, q);
        else if (fn.is("attribute")) method(unit, call, fn);
    }
};

}  // namespace

void extract_cdk_wiring(const CdkIndex& ix, AppModel& m) { Wiring(ix, m).run(); }

}  // namespace wafix::model_detail
