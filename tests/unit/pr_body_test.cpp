// The pull request's title and body: per rule what was found, the pillar, why it matters, the fix
// and its safety, the files, the checks before merging, the marker, and never a secret value.
#include <catch2/catch.hpp>

#include "wafix/core/transform.hpp"
#include "wafix/pr/pr_command.hpp"
#include "wafix/rules/registry.hpp"

using namespace wafix;
using namespace wafix::pr;

namespace {

RuleCommit commit(const std::string& rule, int found, int fixed, std::map<std::string, int> per_file) {
    RuleCommit c;
    c.rule = rule;
    c.found = found;
    c.fixed = fixed;
    c.fixes_per_file = std::move(per_file);
    for (const auto& [file, n] : c.fixes_per_file) c.spec.changes.push_back({file, "new bytes\n"});
    return c;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

}  // namespace

TEST_CASE("the body names each rule with counts, pillar, why, fix, safety and files", "[pr][body]") {
    FamilyPlan plan;
    plan.family = "xml";
    plan.branch = "wafix/xml";
    RuleCommit a = commit("WA101", 4, 3, {{"functions/a/handler.py", 2}, {"functions/b/handler.py", 1}});
    a.left.push_back({"functions/c/handler.py", 12, "an XML parser the fix cannot route"});
    a.dependencies.push_back({"functions/a/requirements.txt", {"defusedxml>=0.7.1"}});
    a.spec.changes.push_back({"functions/a/requirements.txt", "defusedxml>=0.7.1\n"});
    plan.commits.push_back(a);
    plan.commits.push_back(commit("WA103", 1, 1, {{"functions/d/handler.py", 1}}));
    std::string body = pr_body(plan, "main");

    CHECK(body.rfind("<!-- wafix:family=xml -->\n", 0) == 0);
    CHECK(marker_family(body) == std::optional<std::string>("xml"));
    CHECK(has(body, "wafix found 5 findings of WA101, WA103 on `main` and fixes 4"));
    CHECK(has(body, "### WA101 xml-external-entities"));
    CHECK(has(body, "### WA103 lxml-unsafe-parser"));
    CHECK(has(body, "**Well-Architected pillar:** Security"));
    CHECK(has(body, "**Found:** 4 findings; 3 fixed here, 1 left for a human (" +
                        find_transform("WA101")->info().summary + ")"));
    CHECK(has(body, "**Found:** 1 finding; 1 fixed here, 0 left for a human"));
    CHECK(has(body, "| WA101 xml-external-entities | Security | 4 | 3 | 1 | safe |"));
    // "Why it matters" and "Safety" come from the rule's doc.
    std::string doc(rule_doc("WA101"));
    size_t why = doc.find("## Why is this bad\n");
    REQUIRE(why != std::string::npos);
    std::string first_words = doc.substr(why + 19, 40);
    CHECK(has(body, "**Why it matters:** " + first_words));
    size_t what = doc.find("## What it does\n");
    REQUIRE(what != std::string::npos);
    CHECK(has(body, "**The fix:** " + doc.substr(what + 16, 40)));
    CHECK(has(body, "**Safety:** safe"));
    CHECK(has(body, "`functions/a/handler.py` (2 fixes)"));
    CHECK(has(body, "`functions/b/handler.py` (1 fix)"));
    CHECK(has(body, "`functions/a/requirements.txt` (adds `defusedxml>=0.7.1`)"));
    CHECK(has(body, "`functions/c/handler.py:12`: an XML parser the fix cannot route"));
    CHECK(has(body, "### Before merging"));
    CHECK(has(body, "`defusedxml>=0.7.1` added to `functions/a/requirements.txt`"));
    CHECK(has(body, "1 finding left for a human (WA101)"));
    CHECK_FALSE(has(body, "Reserved concurrency"));
    CHECK_FALSE(has(body, "Secrets Manager"));
    CHECK(pr_body(plan, "main") == body);  // deterministic: reruns can compare bodies
    CHECK(pr_body(plan, "develop") != body);

    CHECK(pr_title(plan) == "wafix(xml): fix 4 findings of WA101, WA103");
}

TEST_CASE("WA402 warns that reserved concurrency caps scaling", "[pr][body]") {
    FamilyPlan plan;
    plan.family = "cdk";
    plan.commits.push_back(commit("WA402", 2, 2, {{"infra/stack.py", 2}}));
    std::string body = pr_body(plan, "main");
    CHECK(has(body, "Reserved concurrency caps scaling (WA402)"));
    CHECK(has(body, "**Well-Architected pillar:** Reliability, Cost optimization"));
    CHECK(has(body, "throttled"));
    // The doc's list under "Fix safety" keeps its items.
    CHECK(has(body, "cap: invocations beyond N concurrent executions are throttled"));
    CHECK(has(body, "\n  - AWS refuses a reservation"));
}

TEST_CASE("WA301 lists secret ids, asks to create them from the manifest and rotate, shows no value",
          "[pr][body][secrets]") {
    FamilyPlan plan;
    plan.family = "secrets";
    RuleCommit c = commit("WA301", 2, 2, {{"functions/a/handler.py", 2}});
    const std::string value = "K4NlIzpnTHt2MT5XSvtxuleswrR4QYX7";
    c.secrets.push_back({"a/erp-api-key", "password", "functions/a/handler.py", 31, value, {"\"" + value + "\""}});
    c.secrets.push_back({"a/github-token",
                         "github-token",
                         "functions/a/handler.py",
                         40,
                         "ghp_abcdefghijklmnop0123456789ABCDEFGH",
                         {},
                         "before deploying, `S/A` needs `x.grant_read(a)`"});
    c.spec.message = commit_message(c);
    plan.commits.push_back(c);
    std::string body = pr_body(plan, "main");
    CHECK(has(body, "`a/erp-api-key` (password, was in `functions/a/handler.py` line 31)\n"));
    CHECK(has(body,
              "`a/github-token` (github-token, was in `functions/a/handler.py` line 40): before deploying, "
              "`S/A` needs `x.grant_read(a)`\n"));
    CHECK(has(body, "Create and rotate the secrets (WA301)"));
    CHECK(has(body, "secrets manifest"));
    CHECK(has(body, "they stay in git history"));
    CHECK(has(body, "secretsmanager:GetSecretValue"));
    CHECK(has(body, "rotate each credential at its provider first"));
    auto values = secret_texts(plan);
    CHECK(holds_secret(value, values));
    CHECK_FALSE(holds_secret(body, values));
    CHECK_FALSE(holds_secret(pr_title(plan), values));
    CHECK_FALSE(holds_secret(c.spec.message, values));
    CHECK(has(c.spec.message, "a/erp-api-key"));
}

TEST_CASE("the marker identifies wafix's own pull requests", "[pr][body]") {
    CHECK(family_marker("all") == "<!-- wafix:family=all -->");
    CHECK(marker_family("text\n<!-- wafix:family=http -->\nmore") == std::optional<std::string>("http"));
    CHECK_FALSE(marker_family("a pull request by a person"));
    CHECK_FALSE(marker_family("<!-- wafix:family= -->"));
    CHECK_FALSE(marker_family("<!-- wafix:family=x y -->"));
}

TEST_CASE("the stale comment says why the pull request is closed", "[pr][body]") {
    std::string c = stale_comment("xml", "main");
    CHECK(has(c, "the findings are gone from `main` (fixed by hand or merged)"));
    CHECK(has(c, "`xml`"));
}
