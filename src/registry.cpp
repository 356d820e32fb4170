// The list of transforms. Adding a rule: its files under transforms/, one line here, a
// testdata/<RULE>/ folder and a CHANGELOG line.
#include "wafix/transform.hpp"
#include "http/http_transforms.hpp"
#include "cdk/cdk_transforms.hpp"
#include "report/report_transforms.hpp"
#include "secrets/secrets_transforms.hpp"
#include "xml/xml_transforms.hpp"

namespace wafix {

const std::vector<std::unique_ptr<Transform>>& all_transforms() {
    static const std::vector<std::unique_ptr<Transform>> transforms = [] {
        std::vector<std::unique_ptr<Transform>> v;
        v.push_back(make_xml_external_entities());  // WA101
        v.push_back(make_xmlrpc_unprotected());      // WA102
        v.push_back(make_lxml_unsafe_parser());      // WA103
        v.push_back(make_http_call_without_timeout());  // WA201
        v.push_back(make_http_status_unchecked());      // WA202
        v.push_back(make_hardcoded_secret());        // WA301
        v.push_back(make_lambda_without_dlq());      // WA401
        v.push_back(make_lambda_unbounded_concurrency());  // WA402
        v.push_back(make_iam_wildcard());            // WA501
        v.push_back(make_sleep_in_lambda());         // WA502
        v.push_back(make_unencrypted_logs_and_env());  // WA503
        return v;
    }();
    return transforms;
}

}  // namespace wafix
