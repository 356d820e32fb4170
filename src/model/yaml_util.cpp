#include "yaml_util.hpp"

#include <fmt/format.h>

namespace wafix::model_detail {

YAML::Node at(const YAML::Node& n, const std::string& key) {
    if (!n.IsDefined() || !n.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
    for (auto it = n.begin(); it != n.end(); ++it)
        if (it->first.IsScalar() && it->first.Scalar() == key) return it->second;
    return YAML::Node(YAML::NodeType::Undefined);
}

std::optional<Intrinsic> intrinsic(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull()) return std::nullopt;
    const std::string& tag = n.Tag();
    if (tag.size() > 1 && tag[0] == '!' && tag != "!") {
        std::string fn = tag.substr(1);
        return Intrinsic{fn == "Ref" || fn == "Condition" ? fn : "Fn::" + fn, n};
    }
    if (n.IsMap() && n.size() == 1) {
        std::string key = n.begin()->first.as<std::string>("");
        if (key == "Ref" || key.rfind("Fn::", 0) == 0) return Intrinsic{key, n.begin()->second};
    }
    return std::nullopt;
}

std::string referenced_resource(const YAML::Node& n) {
    auto i = intrinsic(n);
    if (!i) return {};
    const YAML::Node& a = i->argument;
    if (i->function == "Ref" && a.IsScalar()) return a.Scalar();
    if (i->function == "Fn::GetAtt") {
        if (a.IsScalar()) return a.Scalar().substr(0, a.Scalar().find('.'));
        if (a.IsSequence() && a.size() > 0 && a[0].IsScalar()) return a[0].Scalar();
    }
    return {};
}

std::string yaml_text(const YAML::Node& n) {
    if (!n.IsDefined() || n.IsNull()) return "";
    if (n.IsScalar()) {
        const std::string& tag = n.Tag();
        return tag.size() > 1 && tag != "!" && tag[0] == '!' ? tag + " " + n.Scalar() : n.Scalar();
    }
    YAML::Emitter out;
    out << YAML::Flow << n;
    std::string s = out.c_str();
    for (char& c : s)
        if (c == '\n') c = ' ';
    return s;
}

std::optional<std::string> yaml_string(const YAML::Node& n) {
    if (!n.IsDefined() || !n.IsScalar() || intrinsic(n)) return std::nullopt;
    return n.Scalar();
}

std::optional<double> yaml_number(const YAML::Node& n) {
    auto s = yaml_string(n);
    if (!s) return std::nullopt;
    try {
        size_t used = 0;
        double v = std::stod(*s, &used);
        if (used != s->size()) return std::nullopt;
        return v;
    } catch (...) {
        return std::nullopt;
    }
}

SourceRange yaml_range(const std::filesystem::path& file, const YAML::Node& key) {
    YAML::Mark mk = key.Mark();
    uint32_t begin = mk.pos < 0 ? 0 : static_cast<uint32_t>(mk.pos);
    uint32_t len = key.IsScalar() ? static_cast<uint32_t>(key.Scalar().size()) : 0;
    return {file, begin, begin + len, static_cast<uint32_t>(mk.line < 0 ? 0 : mk.line + 1)};
}

std::optional<YAML::Node> load_yaml(const std::filesystem::path& file, const std::string& text, AppModel& m) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        m.notes.push_back({file, static_cast<uint32_t>(e.mark.line < 0 ? 0 : e.mark.line + 1),
                           fmt::format("YAML does not parse ({}); its functions are not in the model", e.msg)});
        return std::nullopt;
    }
}

}  // namespace wafix::model_detail
