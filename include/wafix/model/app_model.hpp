// The application model: which code ships in which Lambda function, how each function is
// invoked, what it is granted and what ships beside it. Built once per run from every file under
// the given paths (src/model/build.cpp), before any rule runs; rules read it (EngineOptions /
// Context::app_model()) and never build it. docs/app-model.md states the resolution rules.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace wafix {

class Tree;
class SemanticModel;

// A place in a file: byte range of the construct (or YAML key) and its 1-based line.
struct SourceRange {
    std::filesystem::path file;
    uint32_t begin = 0, end = 0;
    uint32_t line = 0;
};

// A keyword argument (CDK) or property (SAM / serverless.yml) as written.
struct Property {
    std::string name;   // "timeout", "Timeout", "memorySize"
    std::string value;  // its text as written ("Duration.seconds(10)", "30")
    SourceRange range;  // the whole `name=value` (CDK) or the key (YAML)
};

// How the function is invoked (what a failure or a throttle means for the caller).
enum class InvocationKind { Sync, Async, Poll, Unknown };
const char* invocation_kind_name(InvocationKind k);  // "sync", "async", "poll", "unknown"

// A construct the model points at that is not a function: a queue, stream, bucket, API, secret.
struct ConstructRef {
    std::string expression;  // as written where it is used ("queue", "self.orders_queue")
    std::string type;        // qualified class when resolved ("aws_cdk.aws_sqs.Queue"; YAML: resource type)
    std::string variable;    // what the construct is bound to where it is created ("" when passed directly)
    std::string construct_id;
    std::optional<SourceRange> site;  // where it is created, when resolved in the repository
    std::vector<Property> properties;

    // How to name it in one line: its variable, else its construct id, else the expression's
    // first line.
    std::string display_name() const;
};

struct Trigger {
    InvocationKind kind = InvocationKind::Unknown;
    std::string service;               // "api-gateway", "sqs", "s3", "sns", "eventbridge", "step-functions", ...
    std::string via;                   // the class or method that wires it ("SqsEventSource", "add_event_notification")
    SourceRange site;                  // the wiring call (the event source, the integration, the SAM event)
    std::vector<Property> properties;  // of the wiring call (batch_size, invocation_type, ...)
    std::optional<ConstructRef> source;  // the queue, stream, bucket, topic, API, rule
};

struct Grant {
    std::string method;                // "grant_read", "grant_send_messages", "add_to_role_policy", "Policies"
    std::vector<std::string> actions;  // policy statement actions as written (literals only)
    std::vector<std::string> resources;
    SourceRange site;
    std::optional<ConstructRef> target;  // the granting construct (bucket.grant_read(fn): the bucket)
};

struct EnvironmentVariable {
    std::string name;
    std::string value;  // as written
    SourceRange site;
};

struct FunctionCode {
    enum class Kind { Asset, Inline, Image, Bucket, Unknown } kind = Kind::Unknown;
    bool literal = false;                // the asset path was written as a literal (or literal join)
    std::string path_as_written;         // "functions/invoice_parser"
    std::filesystem::path asset_dir;     // resolved, when it exists
    std::filesystem::path handler_file;  // resolved handler module, when it exists
    std::string handler;                 // as written ("handler.lambda_handler")
    std::string handler_function;        // "lambda_handler"
    // The handler module names `batchItemFailures`: it reports partial batch failures (an SQS or
    // stream event source needs report_batch_item_failures=True for Lambda to honour them).
    bool reports_batch_item_failures = false;
    bool resolved() const { return !handler_file.empty(); }
};

struct LambdaFunction {
    std::string id;                    // unique in the model: "<stack>/<construct id>" (SAM: template stem/logical id)
    std::string name;                  // construct id / logical id / serverless function name
    std::string origin;                // "cdk", "sam", "serverless"
    std::string construct_class;       // "aws_cdk.aws_lambda.Function", "AWS::Serverless::Function", project subclass
    std::string variable;              // "fn", "self.handler", "" when passed directly
    std::string stack;                 // enclosing Stack/Construct class, SAM template, serverless service
    SourceRange construct;             // the constructor call / the resource key
    std::vector<Property> properties;  // every keyword / property as written
    std::string runtime;               // as written ("_lambda.Runtime.PYTHON_3_12", "python3.12")
    std::optional<double> timeout_seconds;  // when written as a literal (Duration.seconds(10), Timeout: 10)
    std::optional<int> memory_mb;
    std::optional<int> reserved_concurrency;
    bool has_dead_letter_queue = false;  // dead_letter_queue(_enabled|_topic) / DeadLetterQueue / onError
    std::string tracing;                 // as written
    std::vector<EnvironmentVariable> environment;
    FunctionCode code;
    std::vector<Trigger> triggers;  // empty: unknown (no trigger visible in the repository)
    std::vector<Grant> grants;
    std::vector<size_t> secrets;      // indices into AppModel::secrets this function is granted or given
    std::vector<size_t> layers;       // indices into AppModel::layers
    std::filesystem::path manifest;   // requirements.txt / pyproject.toml / Pipfile that ships with it
    bool manifest_inherited = false;  // found above the asset dir (not shipped by CDK/SAM bundling)

    // The kind that decides: sync when every visible trigger is sync, etc.; Unknown when none.
    InvocationKind invocation() const;
};

struct Layer {
    std::string id;
    SourceRange construct;
    std::filesystem::path asset_dir;
    std::filesystem::path python_dir;  // asset_dir/python when present
    std::filesystem::path manifest;
    bool vendored = false;  // its python/ holds installed third-party packages
};

struct SecretConstruct {
    std::string how;   // "Secret", "from_secret_name_v2", "AWS::SecretsManager::Secret", "resolve"
    std::string name;  // the secret's name or ARN when written as a literal
    std::string variable;
    SourceRange site;
};

struct Stack {
    std::string name;  // class name (CDK), template path stem (SAM), service (serverless)
    std::string kind;  // "stack", "construct", "sam", "serverless"
    SourceRange site;
    std::vector<std::string> instances;  // construct ids it is instantiated with (CDK)
};

struct VendoredTree {
    std::filesystem::path dir;
    std::string reason;  // "holds requests-2.31.0.dist-info", "layer python/ folder", "vendor/ folder"
};

struct ModelNote {
    std::filesystem::path file;
    uint32_t line = 0;
    std::string message;
};

class AppModel {
public:
    std::vector<std::filesystem::path> app_roots;  // folders with cdk.json / template.yaml / serverless.yml
    std::vector<Stack> stacks;
    std::vector<LambdaFunction> functions;
    std::vector<Layer> layers;
    std::vector<SecretConstruct> secrets;
    std::vector<VendoredTree> vendored;
    std::vector<ModelNote> notes;

    // Functions whose deployment package holds `file` (its handler module or any file under its
    // asset directory), most specific asset first.
    std::vector<const LambdaFunction*> functions_shipping(const std::filesystem::path& file) const;
    // Functions whose construct is written in `file` (CDK stacks), in document order.
    std::vector<const LambdaFunction*> functions_defined_in(const std::filesystem::path& file) const;
    // The function whose construct call contains byte `offset` of `file`.
    const LambdaFunction* function_at(const std::filesystem::path& file, uint32_t offset) const;
    // The layer whose python/ folder holds `file`.
    const Layer* layer_of(const std::filesystem::path& file) const;
    // The vendored tree that holds `file`, if any.
    const VendoredTree* vendored_tree_of(const std::filesystem::path& file) const;
    // A stable digest of every fact about `file` a rule may read (its functions, their triggers,
    // the functions defined in it or wired or fed from it, the app's reserved concurrency): the
    // result cache keys on it. Empty when the model says nothing.
    std::string digest_for(const std::filesystem::path& file) const;

    // Indexes the folders and files the queries above look up (build_app_model calls it last;
    // call it again after changing the vectors). The queries are then a walk up the file's
    // folders, and safe to call from several threads.
    void index();

    // The parse of each CDK module the model read, kept for the engine's first pass over the
    // same bytes (EngineOptions::parsed_tree / parsed_semantic). Null when the model did not
    // parse `file`.
    struct Parsed {
        std::shared_ptr<const Tree> tree;
        std::shared_ptr<const SemanticModel> semantic;
    };
    const Parsed* parsed(const std::filesystem::path& file) const;
    std::map<std::filesystem::path, Parsed> parsed_files;

private:
    std::map<std::filesystem::path, std::vector<size_t>> by_folder_;  // asset dir / handler file -> functions
    std::map<std::filesystem::path, std::vector<size_t>> by_construct_file_;
    std::map<std::filesystem::path, size_t> layer_by_folder_, vendored_by_folder_;
    // Model path of a file where a trigger is wired or its source built -> functions, ascending.
    std::map<std::string, std::vector<size_t>> by_trigger_file_;
};

// Paths are compared absolute and lexically normal.
std::filesystem::path model_path(const std::filesystem::path& p);
// A path for notes: relative to the current directory when below it, else absolute.
std::string shown_path(const std::filesystem::path& p);

}  // namespace wafix
