// The plan of `wafix pr`: families, one commit per rule computed on the previous rule's result,
// counts, manifests, and no secret value in any commit message. Pure: no git remote, no network.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "test_util.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/pr/pr_command.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::pr;
using namespace wafix::test;

namespace {

fs::path sample() { return source_dir() / "testdata" / "sample"; }

std::map<std::string, std::string> files_of(const fs::path& root) {
    std::map<std::string, std::string> out;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
        fs::path rel = it->path().lexically_relative(root);
        if (*rel.begin() == ".git" || *rel.begin() == ".wafix_cache") {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) out[rel.generic_string()] = read_file(it->path());
    }
    return out;
}

const FamilyPlan* family(const Plan& plan, const std::string& name) {
    for (const auto& f : plan.families)
        if (f.family == name) return &f;
    return nullptr;
}

std::string rules_of(const FamilyPlan& f) {
    std::string out;
    for (const auto& c : f.commits) out += (out.empty() ? "" : ",") + c.rule;
    return out;
}

// The plan on the sample project is computed once: it runs the engine several times.
const Plan& sample_plan() {
    static const Plan plan = plan_directory(sample(), PlanOptions{});
    return plan;
}

}  // namespace

TEST_CASE("family_of names the transforms/ directory holding the rule", "[pr][plan]") {
    for (const auto& t : all_transforms()) {
        const std::string& id = t->info().id;
        fs::path dir = source_dir() / "transforms" / family_of(id);
        std::string prefix = id;
        std::transform(prefix.begin(), prefix.end(), prefix.begin(), [](unsigned char c) { return std::tolower(c); });
        bool found = false;
        if (fs::is_directory(dir))
            for (const auto& e : fs::directory_iterator(dir))
                if (e.path().filename().string().rfind(prefix + "_", 0) == 0) found = true;
        INFO(id << " -> " << family_of(id));
        CHECK(found);
    }
    CHECK(family_of("WA999") == "wa9xx");
}

TEST_CASE("report-only rules never produce commits", "[pr][plan]") {
    CHECK(committing_families() == std::vector<std::string>{"xml", "http", "secrets", "cdk"});
    for (const auto& t : all_transforms()) {
        const RuleInfo& i = t->info();
        if (i.fix == FixAvailability::None || family_of(i.id) == "report") CHECK_FALSE(commits_rule(i.id));
        else CHECK(commits_rule(i.id));
    }
    for (const auto& f : sample_plan().families)
        for (const auto& c : f.commits) CHECK(commits_rule(c.rule));
}

TEST_CASE("the sample project gives one branch per family, one commit per rule with its counts", "[pr][plan]") {
    const Plan& plan = sample_plan();
    CHECK(plan.errors.empty());
    std::set<std::string> names;
    for (const auto& f : plan.families) {
        names.insert(f.family);
        CHECK(f.branch == "wafix/" + f.family);
        REQUIRE_FALSE(f.commits.empty());
        for (size_t i = 0; i < f.commits.size(); ++i) {
            const RuleCommit& c = f.commits[i];
            CHECK(family_of(c.rule) == f.family);
            if (i > 0) CHECK(f.commits[i - 1].rule < c.rule);
            int sum = 0;
            for (const auto& [file, n] : c.fixes_per_file) sum += n;
            CHECK(sum == c.fixed);
            CHECK(c.fixed > 0);
            CHECK(c.found >= c.fixed);
            const Transform* t = find_transform(c.rule);
            REQUIRE(t);
            std::string subject = c.spec.message.substr(0, c.spec.message.find('\n'));
            CHECK(subject.rfind("wafix: " + c.rule + " " + t->info().name + ": " + std::to_string(c.fixed) + " fix",
                                0) == 0);
            CHECK(subject.find(std::to_string(c.spec.changes.size()) + " file") != std::string::npos);
            for (const auto& ch : c.spec.changes) {
                CHECK(c.spec.message.find("- " + ch.path + ":") != std::string::npos);
                CHECK(ch.path.find("/tmp") == std::string::npos);
                CHECK(fs::exists(sample() / ch.path));
            }
        }
    }
    // The sample has fixable findings of every committing family.
    CHECK(names == std::set<std::string>{"xml", "http", "secrets", "cdk"});
    CHECK(plan.idle.empty());
    CHECK(rules_of(*family(plan, "cdk")).find("WA402") != std::string::npos);
}

TEST_CASE("each family's result is what `wafix fix --select <its rules>` writes", "[pr][plan]") {
    const Plan& plan = sample_plan();
    for (const auto& f : plan.families) {
        TempDir tmp;
        fs::copy(sample(), tmp.path() / "s", fs::copy_options::recursive);
        auto r = run(shell_quote(WAFIX_BINARY) + " fix --no-cache --select " + rules_of(f) + " s", tmp.path());
        REQUIRE(r.status <= 1);
        INFO(f.family);
        REQUIRE(f.result_dir);
        CHECK(files_of(*f.result_dir) == files_of(tmp.path() / "s"));
    }
}

TEST_CASE("commits replayed in order rebuild the result; rule N starts from rule N-1's output", "[pr][plan]") {
    PlanOptions options;
    options.combined = true;
    Plan plan = plan_directory(sample(), options);
    REQUIRE(plan.families.size() == 1);
    const FamilyPlan& all = plan.families[0];
    CHECK(all.family == "all");
    CHECK(all.branch == "wafix/all");
    auto files = files_of(sample());
    for (const auto& c : all.commits)
        for (const auto& ch : c.spec.changes) files[ch.path] = ch.content;
    CHECK(files == files_of(*all.result_dir));
    // The invoice parser is rewritten by WA101, then WA201 and WA301: each later commit keeps the
    // earlier edits.
    std::string previous;
    int touched = 0;
    for (const auto& c : all.commits)
        for (const auto& ch : c.spec.changes)
            if (ch.path == "functions/invoice_parser/handler.py") {
                if (!previous.empty()) CHECK(ch.content.find("defusedxml") != std::string::npos);
                previous = ch.content;
                ++touched;
            }
    CHECK(touched >= 2);
}

TEST_CASE("a fix's dependency is committed with the rule that needs it", "[pr][plan]") {
    const FamilyPlan* xml = family(sample_plan(), "xml");
    REQUIRE(xml);
    bool found = false;
    for (const auto& c : xml->commits)
        for (const auto& d : c.dependencies) {
            auto it = std::find_if(c.spec.changes.begin(), c.spec.changes.end(),
                                   [&](const FileChange& ch) { return ch.path == d.manifest; });
            REQUIRE(it != c.spec.changes.end());
            for (const auto& req : d.requirements) {
                CHECK(it->content.find(req) != std::string::npos);
                CHECK(c.spec.message.find(req) != std::string::npos);
                if (req.find("defusedxml") != std::string::npos) found = true;
            }
        }
    CHECK(found);
}

TEST_CASE("no secret value reaches a commit message or the PR text", "[pr][plan][secrets]") {
    const FamilyPlan* secrets = family(sample_plan(), "secrets");
    REQUIRE(secrets);
    auto values = secret_texts(*secrets);
    // The sample's ERP key is among the moved values, so the checks below are not vacuous.
    CHECK(std::find(values.begin(), values.end(), "K4NlIzpnTHt2MT5XSvtxuleswrR4QYX7") != values.end());
    for (const auto& f : sample_plan().families) {
        for (const auto& c : f.commits) {
            CHECK_FALSE(holds_secret(c.spec.message, values));
            for (const auto& l : c.left) CHECK_FALSE(holds_secret(l.message, values));
        }
        CHECK_FALSE(holds_secret(pr_title(f), values));
        CHECK_FALSE(holds_secret(pr_body(f, "main"), values));
    }
    // ...while the files no longer hold them either.
    for (const auto& c : secrets->commits)
        for (const auto& ch : c.spec.changes) CHECK_FALSE(holds_secret(ch.content, values));
}

TEST_CASE("holds_secret finds whole values and lines of multi-line values", "[pr][plan][secrets]") {
    CHECK(holds_secret("x = abcd1234 y", {"abcd1234"}));
    CHECK_FALSE(holds_secret("x = abcd123 y", {"abcd1234"}));
    CHECK(holds_secret("...MIIEpAIBAAKCAQEA...",
                       {"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"}));
    CHECK_FALSE(holds_secret("-----BEGIN RSA PRIVATE KEY-----", {"-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA"}));
    CHECK_FALSE(holds_secret("abc", {"ab"}));  // too short to mean anything
}

TEST_CASE("the planner respects the configuration's ignores and leaves the snapshot alone", "[pr][plan]") {
    TempDir tmp;
    fs::copy(sample(), tmp.path() / "s", fs::copy_options::recursive);
    write_file(tmp.path() / "s" / "wafix.toml", "ignore = [\"WA201\", \"WA402\"]\n");
    auto before = files_of(tmp.path() / "s");
    Plan plan = plan_directory(tmp.path() / "s", PlanOptions{});
    CHECK(files_of(tmp.path() / "s") == before);
    for (const auto& f : plan.families)
        for (const auto& c : f.commits) {
            CHECK(c.rule != "WA201");
            CHECK(c.rule != "WA402");
        }
    const FamilyPlan* cdk = family(plan, "cdk");
    if (cdk) CHECK(rules_of(*cdk).find("WA402") == std::string::npos);
}

TEST_CASE("a family without fixes is idle; the prefix is configurable", "[pr][plan]") {
    TempDir tmp;
    write_file(tmp.path() / "ok.py", "import json\n\nprint(json.dumps({}))\n");
    PlanOptions options;
    options.branch_prefix = "bot/";
    Plan plan = plan_directory(tmp.path(), options);
    CHECK(plan.families.empty());
    CHECK(plan.idle == std::vector<std::string>{"bot/xml", "bot/http", "bot/secrets", "bot/cdk"});
    options.combined = true;
    CHECK(plan_directory(tmp.path(), options).idle == std::vector<std::string>{"bot/all"});
}
