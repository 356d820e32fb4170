// SAM / CloudFormation templates: AWS::Serverless::Function (CodeUri + Handler, Globals
// merged, Events by type), AWS::Lambda::Function, layers and Secrets Manager secrets.
#include <fmt/format.h>

#include "cdk_extract.hpp"
#include "yaml_util.hpp"

namespace fs = std::filesystem;

namespace wafix::model_detail {

namespace {

using K = InvocationKind;

struct EventRule {
    const char* type;
    K kind;
    const char* service;
    const char* source_key;  // the property naming the source resource
};
constexpr EventRule kEvents[] = {
    {"Api", K::Sync, "api-gateway", "RestApiId"},
    {"HttpApi", K::Sync, "api-gateway", "ApiId"},
    {"SQS", K::Poll, "sqs", "Queue"},
    {"Kinesis", K::Poll, "kinesis", "Stream"},
    {"DynamoDB", K::Poll, "dynamodb", "Stream"},
    {"MSK", K::Poll, "kafka", "Stream"},
    {"SelfManagedKafka", K::Poll, "kafka", ""},
    {"MQ", K::Poll, "mq", "Broker"},
    {"DocumentDB", K::Poll, "documentdb", "Cluster"},
    {"S3", K::Async, "s3", "Bucket"},
    {"SNS", K::Async, "sns", "Topic"},
    {"EventBridgeRule", K::Async, "eventbridge", "EventBusName"},
    {"CloudWatchEvent", K::Async, "eventbridge", "EventBusName"},
    {"Schedule", K::Async, "eventbridge", ""},
    {"ScheduleV2", K::Async, "eventbridge-scheduler", ""},
    {"CloudWatchLogs", K::Async, "cloudwatch-logs", "LogGroupName"},
    {"IoTRule", K::Async, "iot", ""},
    {"Cognito", K::Sync, "cognito", "UserPool"},
    {"AlexaSkill", K::Sync, "alexa", ""},
};

class SamReader {
public:
    SamReader(const fs::path& file, AppModel& m) : file_(file), m_(m) {}

    void read(const YAML::Node& root) {
        YAML::Node resources = at(root, "Resources");
        if (!resources.IsMap()) return;
        globals_ = at(at(root, "Globals"), "Function");
        stack_ = file_.parent_path().filename().string() + "/" + file_.filename().string();
        for (auto it = resources.begin(); it != resources.end(); ++it) keys_[it->first.as<std::string>("")] = it->first;
        for (auto it = resources.begin(); it != resources.end(); ++it) {
            std::string id = it->first.as<std::string>("");
            std::string type = at(it->second, "Type").as<std::string>("");
            if (type == "AWS::Serverless::Function" || type == "AWS::Lambda::Function")
                function(id, it->first, it->second, type);
            else if (type == "AWS::Serverless::LayerVersion" || type == "AWS::Lambda::LayerVersion")
                layer(id, it->first, it->second);
            else if (type == "AWS::SecretsManager::Secret")
                m_.secrets.push_back({type, yaml_string(at(at(it->second, "Properties"), "Name")).value_or(""), id,
                                      yaml_range(file_, it->first)});
        }
        Stack s{stack_, "sam", yaml_range(file_, resources), {}};
        m_.stacks.push_back(std::move(s));
    }

private:
    fs::path file_;
    AppModel& m_;
    YAML::Node globals_;
    std::string stack_;
    std::map<std::string, YAML::Node> keys_;

    YAML::Node prop(const YAML::Node& props, const char* name) const {
        if (at(props, name).IsDefined()) return at(props, name);
        if (at(globals_, name).IsDefined()) return at(globals_, name);
        return YAML::Node(YAML::NodeType::Undefined);
    }

    std::optional<ConstructRef> resource_ref(const YAML::Node& value) {
        ConstructRef r;
        r.expression = yaml_text(value);
        std::string id = referenced_resource(value);
        auto it = keys_.find(id);
        if (!id.empty() && it != keys_.end()) {
            r.construct_id = id;
            r.variable = id;
            r.site = yaml_range(file_, it->second);
        }
        return r;
    }

    void events(const YAML::Node& evs, LambdaFunction& f, const YAML::Node& resources_root) {
        (void)resources_root;
        if (!evs.IsMap()) return;
        for (auto it = evs.begin(); it != evs.end(); ++it) {
            std::string type = at(it->second, "Type").as<std::string>("");
            YAML::Node props = at(it->second, "Properties");
            for (const EventRule& r : kEvents) {
                if (type != r.type) continue;
                Trigger t{r.kind,
                          r.service,
                          "Events." + it->first.as<std::string>("") + " (" + type + ")",
                          yaml_range(file_, it->first),
                          {},
                          {}};
                if (props.IsMap())
                    for (auto p = props.begin(); p != props.end(); ++p)
                        t.properties.push_back(
                            {p->first.as<std::string>(""), yaml_text(p->second), yaml_range(file_, p->first)});
                if (*r.source_key && props.IsMap() && at(props, r.source_key).IsDefined())
                    t.source = resource_ref(at(props, r.source_key));
                f.triggers.push_back(std::move(t));
            }
        }
    }

    void function(const std::string& id, const YAML::Node& key, const YAML::Node& res, const std::string& type) {
        bool serverless = type == "AWS::Serverless::Function";
        YAML::Node props = at(res, "Properties");
        YAML::Node saved_globals = globals_;  // Globals apply to AWS::Serverless::Function only
        if (!serverless) globals_ = YAML::Node(YAML::NodeType::Undefined);
        LambdaFunction f;
        f.origin = "sam";
        f.name = id;
        f.id = stack_ + "/" + id;
        f.construct_class = type;
        f.variable = id;
        f.stack = stack_;
        f.construct = yaml_range(file_, key);
        if (props.IsMap())
            for (auto p = props.begin(); p != props.end(); ++p)
                f.properties.push_back(
                    {p->first.as<std::string>(""), yaml_text(p->second), yaml_range(file_, p->first)});
        f.runtime = yaml_text(prop(props, "Runtime"));
        f.timeout_seconds = yaml_number(prop(props, "Timeout"));
        if (auto v = yaml_number(prop(props, "MemorySize"))) f.memory_mb = static_cast<int>(*v);
        if (auto v = yaml_number(prop(props, "ReservedConcurrentExecutions")))
            f.reserved_concurrency = static_cast<int>(*v);
        f.has_dead_letter_queue = prop(props, serverless ? "DeadLetterQueue" : "DeadLetterConfig").IsDefined();
        f.tracing = yaml_text(prop(props, serverless ? "Tracing" : "TracingConfig"));
        for (const YAML::Node& vars : {globals_.IsMap() ? at(at(globals_, "Environment"), "Variables") : YAML::Node(),
                                       at(at(props, "Environment"), "Variables")})
            if (vars.IsMap())
                for (auto v = vars.begin(); v != vars.end(); ++v) {
                    f.environment.push_back(
                        {v->first.as<std::string>(""), yaml_text(v->second), yaml_range(file_, v->first)});
                    if (yaml_text(v->second).find("{{resolve:secretsmanager:") != std::string::npos) {
                        f.secrets.push_back(m_.secrets.size());
                        m_.secrets.push_back({"resolve", yaml_text(v->second), v->first.as<std::string>(""),
                                              yaml_range(file_, v->first)});
                    }
                }
        if (YAML::Node pol = at(props, "Policies"); pol.IsDefined()) {
            for (const YAML::Node& p : pol.IsSequence() ? pol : YAML::Node(std::vector<YAML::Node>{pol})) {
                Grant g;
                g.site = yaml_range(file_, p);
                if (p.IsScalar()) g.method = "Policies", g.resources.push_back(p.Scalar());
                else if (p.IsMap() && p.size() == 1)
                    g.method = p.begin()->first.as<std::string>(""),
                    g.resources.push_back(yaml_text(p.begin()->second));
                else g.method = "Policies";
                if (at(p, "Statement").IsSequence())
                    for (const YAML::Node& st : at(p, "Statement"))
                        for (const YAML::Node& a : at(st, "Action").IsSequence()
                                                       ? at(st, "Action")
                                                       : YAML::Node(std::vector<YAML::Node>{at(st, "Action")}))
                            if (a.IsScalar()) g.actions.push_back(a.Scalar());
                f.grants.push_back(std::move(g));
            }
        }
        code(props, f);
        events(at(props, "Events"), f, YAML::Node());
        m_.functions.push_back(std::move(f));
        globals_ = saved_globals;
    }

    void code(const YAML::Node& props, LambdaFunction& f) {
        FunctionCode& c = f.code;
        fs::path dir = file_.parent_path();
        YAML::Node uri = prop(props, "CodeUri");
        YAML::Node lambda_code = at(props, "Code");
        c.handler = yaml_string(prop(props, "Handler")).value_or("");
        if (prop(props, "InlineCode").IsDefined() || at(lambda_code, "ZipFile").IsDefined()) {
            c.kind = FunctionCode::Kind::Inline;
            return;
        }
        if (yaml_text(prop(props, "PackageType")) == "Image") {
            c.kind = FunctionCode::Kind::Image;
            YAML::Node meta = at(props, "Metadata");
            (void)meta;
            return;
        }
        if (lambda_code.IsMap() || (uri.IsMap() && !intrinsic(uri))) {
            c.kind = FunctionCode::Kind::Bucket;
            return;
        }
        c.kind = FunctionCode::Kind::Asset;
        std::string rel = ".";
        if (uri.IsDefined()) {
            auto s = yaml_string(uri);
            c.path_as_written = yaml_text(uri);
            if (!s) return;  // an intrinsic or parameter: not resolved
            if (s->rfind("s3://", 0) == 0) {
                c.kind = FunctionCode::Kind::Bucket;
                return;
            }
            rel = *s;
        } else {
            c.path_as_written = ".";
        }
        c.literal = true;
        fs::path asset = (dir / rel).lexically_normal();
        std::error_code ec;
        if (!fs::exists(asset, ec)) {
            m_.notes.push_back(
                {file_, f.construct.line,
                 fmt::format("{}: CodeUri '{}' does not exist (looked for {})", f.name, rel, shown_path(asset))});
            return;
        }
        c.asset_dir = asset;
        if (c.handler.empty() || !fs::is_directory(asset, ec)) return;
        c.handler_file = handler_module(asset, c.handler, f.runtime, &c.handler_function);
        if (c.handler_file.empty() && !f.runtime.empty() && f.runtime.find("java") == std::string::npos &&
            f.runtime.find("dotnet") == std::string::npos && f.runtime.find("provided") == std::string::npos &&
            f.runtime.find("go") == std::string::npos)
            m_.notes.push_back({file_, f.construct.line,
                                fmt::format("{}: handler '{}' names a module that is not in {}", f.name, c.handler,
                                            shown_path(asset))});
    }

    void layer(const std::string& id, const YAML::Node& key, const YAML::Node& res) {
        Layer l;
        l.id = stack_ + "/" + id;
        l.construct = yaml_range(file_, key);
        YAML::Node props = at(res, "Properties");
        auto uri = yaml_string(at(props, "ContentUri"));
        std::error_code ec;
        if (uri && fs::is_directory(file_.parent_path() / *uri, ec)) {
            l.asset_dir = (file_.parent_path() / *uri).lexically_normal();
            l.python_dir = fs::is_directory(l.asset_dir / "python", ec) ? l.asset_dir / "python" : l.asset_dir;
        }
        m_.layers.push_back(std::move(l));
    }
};

}  // namespace

void read_sam_template(const fs::path& file, const std::string& text, AppModel& m) {
    if (text.find("AWS::Serverless") == std::string::npos && text.find("AWS::Lambda::") == std::string::npos) return;
    auto root = load_yaml(file, text, m);
    if (!root || !root->IsMap()) return;
    try {
        SamReader(file, m).read(*root);
    } catch (const YAML::Exception& e) {
        m.notes.push_back(
            {file, static_cast<uint32_t>(e.mark.line + 1),
             fmt::format("template not read to the end ({}); later resources are not in the model", e.msg)});
    }
}

}  // namespace wafix::model_detail
