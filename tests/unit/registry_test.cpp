// The registry and what the rules declare about themselves: the layers above read it blindly, so
// its consistency is checked here (ids, families, docs, settings, peer codes).
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <regex>
#include <set>

#include "test_util.hpp"
#include "wafix/core/settings.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

TEST_CASE("rules are listed once, in id order, each with its file and doc in its family's folder", "[unit][registry]") {
    const auto& all = all_transforms();
    REQUIRE_FALSE(all.empty());
    std::string previous;
    static const std::regex id_shape("WA[1-9][0-9]{2}");
    for (const auto& t : all) {
        const RuleInfo& i = t->info();
        INFO(i.id);
        CHECK(std::regex_match(i.id, id_shape));
        CHECK(i.id > previous);
        previous = i.id;
        CHECK_FALSE(i.pillars.empty());
        CHECK_FALSE(i.summary.empty());
        std::string stem = i.id + "_" + i.name;
        for (char& c : stem) c = c == '-' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        fs::path dir = source_dir() / "transforms" / i.family;
        CHECK(fs::exists(dir / (stem + ".cpp")));
        CHECK(fs::exists(dir / (stem + ".md")));
        CHECK(rule_doc(i.id).find("## What it does") != std::string_view::npos);
        CHECK(fs::is_directory(source_dir() / "testdata" / i.id));
        if (i.fix == FixAvailability::None) CHECK_FALSE(i.pr_note.has_value());
    }
}

TEST_CASE("settings have names no other rule or flag uses, and valid defaults", "[unit][registry]") {
    // The fixed flags and keys of the front ends: a setting must not shadow one of them.
    std::set<std::string> taken = {"select",
                                   "ignore",
                                   "exclude",
                                   "per-file-ignores",
                                   "unsafe-fixes",
                                   "peer-suppressions",
                                   "dependency-manifest",
                                   "jobs",
                                   "cache-dir",
                                   "no-cache",
                                   "format",
                                   "statistics",
                                   "color",
                                   "secrets-manifest",
                                   "help",
                                   "version"};
    REQUIRE_FALSE(declared_settings().empty());
    for (const DeclaredSetting& d : declared_settings()) {
        const SettingSpec& s = *d.spec;
        INFO(d.rule->id << " " << s.name);
        CHECK(taken.insert(s.name).second);
        for (const auto& alias : s.aliases) CHECK(taken.insert(alias).second);
        CHECK_FALSE(s.help.empty());
        CHECK_FALSE(s.value_name.empty());
        CHECK(setting_error(s, s.default_value).empty());
        if (s.type == SettingType::Integer) CHECK(s.min <= s.max);
        CHECK(find_setting(s.name) == &d);
        for (const auto& alias : s.aliases) {
            CHECK(find_setting(alias) == nullptr);
            CHECK(find_setting(alias, true) == &d);
        }
    }
}

TEST_CASE("a peer's code names one rule", "[unit][registry]") {
    std::map<std::pair<PeerTool, std::string>, std::string> owner;
    for (const auto& t : all_transforms())
        for (const PeerCode& p : t->info().peers) {
            INFO(t->info().id << " " << peer_tool_name(p.tool) << " " << p.code);
            CHECK_FALSE(p.code.empty());
            auto [it, fresh] = owner.emplace(std::pair{p.tool, p.code}, t->info().id);
            CHECK((fresh || it->second == t->info().id));
        }
}

namespace {

// Reads what the test asks it to through the rule API, so the checks below run inside a check.
class Probe final : public Transform {
public:
    explicit Probe(std::function<void(Context&)> body)
        : Transform({.id = "T901",
                     .name = "probe",
                     .family = "test",
                     .pillars = {Pillar::Ops},
                     .summary = "test",
                     .settings = {{.name = "probe-count",
                                   .type = SettingType::Integer,
                                   .default_value = "7",
                                   .help = "h",
                                   .value_name = "N",
                                   .min = 1,
                                   .max = 100}},
                     .project_packages = {"some-package"}}),
          body_(std::move(body)) {}

private:
    void check(Context& ctx, std::vector<Finding>&) const override { body_(ctx); }
    std::function<void(Context&)> body_;
};

void probe(const RuleSettings& settings, std::function<void(Context&)> body) {
    auto loaded = source_from_bytes("p.py", "x = 1\n");
    REQUIRE(loaded.file);
    Parser parser;
    Tree tree = parser.parse(loaded.file->text);
    SemanticModel model(tree);
    Context ctx(*loaded.file, tree, model, settings);
    std::vector<Finding> out;
    Probe(std::move(body)).run(ctx, out);
}

}  // namespace

TEST_CASE("a rule reads its declared settings typed, with their defaults, and nothing else", "[unit][registry]") {
    RuleSettings none;
    probe(none, [](Context& ctx) {
        CHECK(ctx.setting<int>("probe-count") == 7);
        CHECK_THROWS_AS(ctx.setting<std::string>("probe-count"), std::logic_error);  // an integer is not text
    });
    RuleSettings chosen;
    chosen.set("probe-count", "42");
    chosen.declared_packages.insert("some-package");
    probe(chosen, [](Context& ctx) {
        CHECK(ctx.setting<int64_t>("probe-count") == 42);
        CHECK(ctx.project_declares("some-package"));
        CHECK_THROWS_AS(ctx.setting<int>("undeclared"), std::logic_error);
        CHECK_THROWS_AS(ctx.project_declares("other-package"), std::logic_error);
    });
    RuleSettings unchecked;
    unchecked.set("probe-count", "4294967296");  // never passed a front end's check
    probe(unchecked, [](Context& ctx) { CHECK_THROWS_AS(ctx.setting<int>("probe-count"), std::logic_error); });
}
