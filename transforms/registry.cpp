// The list of transforms. Adding a rule: its files under transforms/, one line here, a
// testdata/<RULE>/ folder and a CHANGELOG line.
#include "wafix/rules/registry.hpp"

#include <map>
#include <string>

#include "cdk/cdk_transforms.hpp"
#include "http/http_transforms.hpp"
#include "report/report_transforms.hpp"
#include "secrets/secrets_transforms.hpp"
#include "xml/xml_transforms.hpp"

namespace wafix {

const std::map<std::string, std::string_view>& rule_docs();  // generated at build time

const std::vector<std::unique_ptr<Transform>>& all_transforms() {
    static const std::vector<std::unique_ptr<Transform>> transforms = [] {
        std::vector<std::unique_ptr<Transform>> v;
        v.push_back(make_xml_external_entities());         // WA101
        v.push_back(make_xmlrpc_unprotected());            // WA102
        v.push_back(make_lxml_unsafe_parser());            // WA103
        v.push_back(make_http_call_without_timeout());     // WA201
        v.push_back(make_http_status_unchecked());         // WA202
        v.push_back(make_hardcoded_secret());              // WA301
        v.push_back(make_lambda_without_dlq());            // WA401
        v.push_back(make_lambda_unbounded_concurrency());  // WA402
        v.push_back(make_iam_wildcard());                  // WA501
        v.push_back(make_sleep_in_lambda());               // WA502
        v.push_back(make_unencrypted_logs_and_env());      // WA503
        return v;
    }();
    return transforms;
}

const std::vector<const Transform*>& registered_transforms() {
    static const std::vector<const Transform*> pointers = [] {
        std::vector<const Transform*> v;
        for (const auto& t : all_transforms()) v.push_back(t.get());
        return v;
    }();
    return pointers;
}

const Transform* find_transform(std::string_view id) {
    for (const auto& t : all_transforms())
        if (t->info().id == id) return t.get();
    return nullptr;
}

std::string_view rule_doc(std::string_view id) {
    const auto& docs = rule_docs();
    auto it = docs.find(std::string(id));
    return it == docs.end() ? std::string_view() : it->second;
}

FileResult process_source(SourceFile source, const EngineOptions& options) {
    return process_source(std::move(source), options, registered_transforms());
}

}  // namespace wafix
