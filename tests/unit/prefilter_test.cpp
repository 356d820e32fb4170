// The raw-byte prefilter (Transform::may_apply) decides which files are parsed at all. It may let
// through files with nothing to flag, but must never hide a finding: every case here is checked
// by running the rule itself on the parsed file, with no prefilter in the way.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "secrets/secret_patterns.hpp"
#include "test_util.hpp"
#include "wafix/core/engine.hpp"
#include "wafix/core/semantic.hpp"
#include "wafix/core/syntax.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using namespace wafix;
using namespace wafix::test;

namespace {

// What `t` flags in `text`, the file parsed unconditionally.
std::vector<Finding> unfiltered_findings(const Transform& t, const std::string& path, const std::string& text) {
    auto loaded = source_from_bytes(path, text);
    REQUIRE(loaded.file);
    Parser parser;
    Tree tree = parser.parse(loaded.file->text);
    SemanticModel model(tree);
    RuleSettings settings;
    Context ctx(*loaded.file, tree, model, settings);
    std::vector<Finding> out;
    t.run(ctx, out);
    return out;
}

const Transform& rule(std::string_view id) {
    const Transform* t = find_transform(id);
    REQUIRE(t);
    return *t;
}

}  // namespace

TEST_CASE("the prefilter lets through every golden case a rule flags", "[prefilter]") {
    int flagged_cases = 0;
    for (const auto& t : all_transforms()) {
        fs::path dir = source_dir() / "testdata" / std::string(t->info().id);
        if (!fs::is_directory(dir)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (entry.path().extension() != ".py") continue;
            std::string text = read_file(entry.path());
            // Named as the case would be deployed: the test-path skip is not what is tested here.
            std::string as_path = "app/" + entry.path().filename().string();
            if (unfiltered_findings(*t, as_path, text).empty()) continue;
            ++flagged_cases;
            INFO(entry.path().string());
            CHECK(t->may_apply(text));
        }
    }
    CHECK(flagged_cases > 150);
}

TEST_CASE("the secrets prefilter passes each labelled secret on its own", "[prefilter][secrets]") {
    // One statement per file: the prefilter cannot lean on a neighbour's words or literals.
    std::string text = read_file(source_dir() / "testdata" / "WA301" / "labelled" / "labelled_literals.py");
    std::regex secret_line(R"(# expect: secret \w+\s*$)");
    std::vector<std::string> lines;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    int positives = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!std::regex_search(lines[i], secret_line)) continue;
        // The statement may open on an earlier line (a call or a dict spread over lines).
        size_t first = i;
        while (first > 0 && !lines[first - 1].empty() && lines[first - 1][0] != '#' && lines[first][0] == ' ') --first;
        std::string stmt;
        for (size_t k = first; k <= i; ++k) stmt += lines[k] + "\n";
        if (unfiltered_findings(rule("WA301"), "app/module.py", stmt).empty()) continue;  // a known miss
        ++positives;
        INFO(stmt);
        CHECK(rule("WA301").may_apply(stmt));
    }
    CHECK(positives > 30);
}

TEST_CASE("the secrets prefilter sees literal forms a naive scan misses", "[prefilter][secrets]") {
    const Transform& wa301 = rule("WA301");
    for (std::string code : {
             "API_TOKEN = 'q8Zr2Lm' 'Vx7Kp4N' 'wT9s'\n",                              // implicit concatenation
             "API_TOKEN = ('q8Zr2Lm'  # first half\n             'Vx7Kp4N')\n",       // parts split by a comment
             "API_TOKEN = \"\\x71\\x38Zr2LmVx7Kp4NwT9s\"\n",                          // escapes
             "API_TOKEN = r'q8Zr\\2LmVx7Kp4NwT9s'\n",                                 // raw string
             "API_TOKEN = '''q8Zr2LmVx7Kp4NwT9s'''\n",                                // triple quotes
             "headers = {'Authorization': 'Bearer q8Zr2LmVx7Kp4NwT9s'}\n",            // scheme then space
             "def check(t):\n    return 'q8Zr2LmVx7Kp4NwT9s' == t.token\n",           // value before its name
             "aws_secret_access_key = 'abcdefghijABCDEFGHIJabcdefghijABCDEFGHIJ'\n",  // no digits, fixed shape
             "conn = connect(\n    user='app',\n    password=\"q8Zr2LmVx7Kp4NwT9s\",\n)\n",
         }) {
        INFO(code);
        REQUIRE_FALSE(unfiltered_findings(wa301, "app/module.py", code).empty());
        CHECK(wa301.may_apply(code));
        // And through the engine, which is what users run.
        auto loaded = source_from_bytes("app/module.py", code);
        REQUIRE(loaded.file);
        EngineOptions options;
        options.select = {"WA301"};
        FileResult r = process_source(*loaded.file, options);
        CHECK_FALSE(r.findings.empty());
    }
}

TEST_CASE("the secrets prefilter skips ordinary code that only mentions keys and tokens", "[prefilter][secrets]") {
    const Transform& wa301 = rule("WA301");
    CHECK_FALSE(wa301.may_apply("def get(self, key, default=None):\n    return self._data.get(key, default)\n"));
    CHECK_FALSE(wa301.may_apply("token = tokenize.generate_tokens(readline)\nif token.type == 'NAME':\n    pass\n"));
    CHECK_FALSE(wa301.may_apply("password = getpass.getpass('Password: ')\n"));
    CHECK_FALSE(wa301.may_apply("ENCODING = 'iso-8859-1'\nkey = 'utf-8'\n\n\n" + std::string(300, '#') +
                                "\nsecret_label = 'x'\n"));
    // A plausible value far from any secret-like name is not worth a parse.
    CHECK_FALSE(wa301.may_apply("VERSION_TAG = 'v2.7.1-rc3'\n" + std::string(400, '\n') + "token_count = 0\n"));
}

TEST_CASE("the XML prefilter wants an import naming the xml package", "[prefilter][xml]") {
    const Transform& wa101 = rule("WA101");
    for (std::string code : {
             "import xml.etree.ElementTree as ET\nET.parse('a.xml')\n",
             "import os; import xml.dom.minidom\nxml.dom.minidom.parse('a.xml')\n",
             "def f(p):\n    from xml.sax import parse\n    parse(p, None)\n",
             "from xml import sax\nsax.parse('a.xml', None)\n",
         }) {
        INFO(code);
        REQUIRE_FALSE(unfiltered_findings(wa101, "app/module.py", code).empty());
        CHECK(wa101.may_apply(code));
    }
    CHECK_FALSE(wa101.may_apply("\"\"\"Writes the report as xml.\"\"\"\nimport json\n"));
    CHECK_FALSE(wa101.may_apply("from defusedxml.ElementTree import parse\nparse('a.xml')\n"));
    CHECK_FALSE(wa101.may_apply("from .compat import xml_parser\n"));
}

TEST_CASE("the sleep prefilter wants a module-level handler", "[prefilter][report]") {
    const Transform& wa502 = rule("WA502");
    for (std::string code : {
             "import time\n\ndef lambda_handler(event, context):\n    time.sleep(5)\n",
             "import time\n\nasync def handle_order(_event, _context):\n    time.sleep(1)\n",
             "from time import sleep\n\ndef main(Event: dict, ctx):\n    wait()\n\ndef wait():\n    sleep(3)\n",
         }) {
        INFO(code);
        REQUIRE_FALSE(unfiltered_findings(wa502, "app/module.py", code).empty());
        CHECK(wa502.may_apply(code));
    }
    CHECK_FALSE(wa502.may_apply("import time\n\ndef poll(client):\n    time.sleep(5)\n"));
}
