#include "wafix/app/cache.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

#include "wafix/core/line_diff.hpp"
#include "wafix/core/text.hpp"
#include "wafix/core/transform.hpp"
#include "wafix/rules/registry.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace wafix {

namespace {

json finding_json(const Finding& f) {
    json j = {{"rule", f.rule},
              {"begin", f.begin},
              {"end", f.end},
              {"line", f.location.line},
              {"column", f.location.column},
              {"message", f.message}};
    if (f.informational) j["informational"] = true;
    if (f.fix) {
        json edits = json::array();
        for (const Edit& e : f.fix->edits) edits.push_back({e.begin, e.end, e.text});
        j["fix"] = {{"title", f.fix->title},
                    {"unsafe", f.fix->safety == Safety::Unsafe},
                    {"edits", edits},
                    {"requirements", f.fix->requirements}};
    }
    return j;
}

Finding finding_from(const json& j) {
    Finding f;
    f.rule = j.at("rule");
    f.begin = j.at("begin");
    f.end = j.at("end");
    f.location = {j.at("line"), j.at("column")};
    f.message = j.at("message");
    f.informational = j.value("informational", false);
    if (j.contains("fix")) {
        Fix fix;
        const json& x = j["fix"];
        fix.title = x.at("title");
        fix.safety = x.at("unsafe").get<bool>() ? Safety::Unsafe : Safety::Safe;
        for (const json& e : x.at("edits")) fix.edits.push_back({e[0], e[1], e[2]});
        fix.requirements = x.at("requirements").get<std::vector<std::string>>();
        f.fix = std::move(fix);
    }
    return f;
}

bool same_finding(const Finding& a, const Finding& b) {
    return a.rule == b.rule && a.begin == b.begin && a.end == b.end && a.message == b.message;
}

std::string options_text(const EngineOptions& o) {
    std::string s;
    for (const auto& r : o.select) s += "s:" + r + ";";
    for (const auto& r : o.ignore) s += "i:" + r + ";";
    s += fmt::format("u{}p{}r{}m{}n{}", o.unsafe_fixes, o.peer_suppressions, o.report_unused_suppressions, o.max_passes,
                     o.max_nesting);
    // Every declared setting's effective value, and the project facts the run resolved.
    for (const DeclaredSetting& d : declared_settings()) {
        const std::string* chosen = o.settings.find(d.spec->name);
        s += fmt::format(";{}={}", d.spec->name, chosen ? *chosen : d.spec->default_value);
    }
    for (const auto& package : o.settings.declared_packages) s += ";declares:" + package;
    if (o.settings.line_length > 0) s += fmt::format(";line-length:{}", o.settings.line_length);
    if (o.settings.quote) s += fmt::format(";quote:{}", o.settings.quote);
    if (o.pinned.last_line) s += fmt::format(";pinned:{}:{}", o.pinned.last_line, o.pinned.by);
    if (!o.app_model_digest.empty()) s += ";a" + o.app_model_digest;  // what the model says about the file
    return s;
}

// What else decides a result: the rules compiled in and the exact binary (a rebuilt wafix of
// the same version may behave differently, and a stale answer is worse than a miss).
const std::string& build_identity() {
    static const std::string id = [] {
        std::string out;
        for (const auto& t : all_transforms()) out += t->info().id + ",";
        std::error_code ec;
        fs::path exe = fs::read_symlink("/proc/self/exe", ec);
        if (!ec) {
            auto size = fs::file_size(exe, ec);
            auto time = fs::last_write_time(exe, ec).time_since_epoch().count();
            out += exe.string() + ":" + std::to_string(size) + ":" + std::to_string(time);
        }
        return out;
    }();
    return id;
}

std::string sha1_hex(const std::string& material) {
    git_oid oid;
    git_odb_hash(&oid, material.data(), material.size(), GIT_OBJECT_BLOB);
    char hex[GIT_OID_HEXSZ + 1];
    git_oid_tostr(hex, sizeof hex, &oid);
    return hex;
}

constexpr int64_t racy_window_ns = 2'000'000'000;
constexpr std::string_view index_header = "wafix-stat-index 1\n";

}  // namespace

std::vector<LineHunk> line_hunks(std::string_view old_text, std::string_view new_text) {
    auto b = split_lines(new_text);
    std::vector<LineHunk> hunks;
    bool open = false;
    for (const LineStep& step : diff_lines(split_lines(old_text), b)) {
        if (step.op == LineOp::Common) {
            open = false;
            continue;
        }
        if (!open) {
            hunks.push_back({step.old_index, 0, {}});
            open = true;
        }
        if (step.op == LineOp::Delete) ++hunks.back().old_count;
        else hunks.back().new_lines.emplace_back(b[step.new_index]);
    }
    return hunks;
}

std::string apply_line_hunks(std::string_view old_text, const std::vector<LineHunk>& hunks) {
    auto a = split_lines(old_text);
    std::string out;
    size_t i = 0;
    for (const LineHunk& h : hunks) {
        for (; i < h.old_start && i < a.size(); ++i) out.append(a[i]);
        for (const auto& l : h.new_lines) out += l;
        i += h.old_count;
    }
    for (; i < a.size(); ++i) out.append(a[i]);
    return out;
}

ResultCache::ResultCache(fs::path dir) : dir_(std::move(dir)) {}

std::string ResultCache::key(const SourceFile& source, const EngineOptions& options) const {
    return sha1_hex(std::string(WAFIX_VERSION) + '\0' + build_identity() + '\0' + options_text(options) + '\0' +
                    source.path.generic_string() + '\0' + (source.has_bom ? "B" : "") + (source.cr_only ? "C" : "") +
                    source.text);
}

std::optional<ResultCache::Stamp> ResultCache::stamp_of(const fs::path& path) {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    auto ns = [](const timespec& t) {
        return static_cast<uint64_t>(t.tv_sec) * 1'000'000'000u + static_cast<uint64_t>(t.tv_nsec);
    };
    return Stamp{static_cast<uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim), static_cast<uint64_t>(st.st_ino),
                 static_cast<uint64_t>(st.st_dev)};
}

// The path is made absolute so runs from other directories share entries; the options and the
// build are part of the key (the build through the index file's name).
std::string ResultCache::index_key(const fs::path& path, const EngineOptions& options) const {
    std::error_code ec;
    fs::path abs = fs::absolute(path, ec);
    // The size limit too: a file under an old limit may be over a new one (an error, not empty).
    return sha1_hex((ec ? path : abs).lexically_normal().generic_string() + '\0' + options_text(options) + '\0' +
                    std::to_string(options.max_file_bytes));
}

fs::path ResultCache::index_path() const {
    return dir_ / WAFIX_VERSION /
           ("index-" + sha1_hex(std::string(WAFIX_VERSION) + '\0' + build_identity()).substr(0, 16));
}

void ResultCache::load_index() {
    run_start_ns_ =
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    index_.clear();
    std::ifstream in(index_path(), std::ios::binary);
    std::string line;
    if (!in || !std::getline(in, line) || line + "\n" != index_header) return;  // absent or foreign: empty
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string key;
        Stamp s;
        if (fields >> key >> s.size >> s.mtime_ns >> s.ctime_ns >> s.ino >> s.dev && key.size() == GIT_OID_HEXSZ)
            index_[key] = s;
    }
}

bool ResultCache::known_empty(const fs::path& path, const EngineOptions& options, const Stamp& stamp) const {
    if (index_.empty()) return false;
    auto it = index_.find(index_key(path, options));
    return it != index_.end() && it->second == stamp;
}

void ResultCache::note_result(const fs::path& path, const EngineOptions& options, const Stamp& stamp,
                              const FileResult& result) const {
    if (run_start_ns_ == 0) return;  // no index loaded: nothing to maintain
    std::string key = index_key(path, options);
    bool trusted = static_cast<int64_t>(std::max(stamp.mtime_ns, stamp.ctime_ns)) + racy_window_ns < run_start_ns_;
    std::lock_guard lock(index_mutex_);
    if (trusted && result_is_empty(result)) index_updates_[key] = stamp;
    else if (index_.count(key)) index_updates_[key] = std::nullopt;
}

void ResultCache::save_index() const {
    std::lock_guard lock(index_mutex_);
    if (index_updates_.empty()) return;  // an unchanged index is not rewritten
    std::map<std::string, Stamp> merged = index_;
    for (const auto& [key, stamp] : index_updates_) {
        if (stamp) merged[key] = *stamp;
        else merged.erase(key);
    }
    std::string data(index_header);
    for (const auto& [key, s] : merged)
        data += fmt::format("{} {} {} {} {} {}\n", key, s.size, s.mtime_ns, s.ctime_ns, s.ino, s.dev);
    std::error_code ec;
    fs::path target = index_path();
    fs::create_directories(target.parent_path(), ec);
    if (!fs::exists(dir_ / ".gitignore", ec)) {
        std::ofstream(dir_ / ".gitignore") << "# Created by wafix: a cache, never commit it.\n*\n";
    }
    std::string tmpl = target.string() + ".XXXXXX";
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return;
    bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
    ::close(fd);
    // Concurrent runs: the last rename wins, and every entry it holds is checked by stat anyway.
    if (!ok || ::rename(tmpl.c_str(), target.c_str()) != 0) ::unlink(tmpl.c_str());
}

std::optional<FileResult> ResultCache::load(const std::string& key, const SourceFile& source) const {
    std::ifstream in(dir_ / WAFIX_VERSION / key.substr(0, 2) / (key + ".json"), std::ios::binary);
    if (!in) return std::nullopt;
    try {
        json j = json::parse(in);
        FileResult r;
        r.path = source.path;
        for (const json& f : j.at("findings")) r.findings.push_back(finding_from(f));
        r.fixed_flags = j.at("fixed_flags").get<std::vector<bool>>();
        for (size_t idx : j.at("unfixed").get<std::vector<size_t>>()) r.unfixed.push_back(r.findings.at(idx));
        r.fixed = j.at("fixed").get<std::map<std::string, int>>();
        r.requirements = j.at("requirements").get<std::vector<std::string>>();
        r.notes = j.at("notes").get<std::vector<std::string>>();
        r.suppressed = j.at("suppressed");
        if (j.contains("error")) r.error = j["error"].get<std::string>();
        std::vector<LineHunk> hunks;
        for (const json& h : j.at("hunks")) hunks.push_back({h[0], h[1], h[2].get<std::vector<std::string>>()});
        r.fixed_text = apply_line_hunks(source.text, hunks);
        r.source = source;
        return r;
    } catch (const std::exception&) {
        return std::nullopt;  // an unreadable entry is a miss
    }
}

void ResultCache::store(const std::string& key, const FileResult& r) const {
    if (!r.source) return;
    json j;
    j["findings"] = json::array();
    for (const Finding& f : r.findings) j["findings"].push_back(finding_json(f));
    j["fixed_flags"] = r.fixed_flags;
    std::vector<size_t> unfixed;
    for (const Finding& u : r.unfixed)
        for (size_t i = 0; i < r.findings.size(); ++i)
            if (same_finding(u, r.findings[i])) {
                unfixed.push_back(i);
                break;
            }
    if (unfixed.size() != r.unfixed.size()) return;  // cannot represent it: do not cache
    j["unfixed"] = unfixed;
    j["fixed"] = r.fixed;
    j["requirements"] = r.requirements;
    j["notes"] = r.notes;
    j["suppressed"] = r.suppressed;
    if (r.error) j["error"] = *r.error;
    j["hunks"] = json::array();
    if (r.fixed_text != r.source->text)
        for (const LineHunk& h : line_hunks(r.source->text, r.fixed_text))
            j["hunks"].push_back({h.old_start, h.old_count, h.new_lines});

    std::error_code ec;
    fs::path sub = dir_ / WAFIX_VERSION / key.substr(0, 2);
    fs::create_directories(sub, ec);
    if (!fs::exists(dir_ / ".gitignore", ec)) {
        std::ofstream(dir_ / ".gitignore") << "# Created by wafix: a cache, never commit it.\n*\n";
    }
    std::string tmpl = (sub / (key + ".XXXXXX")).string();
    int fd = ::mkstemp(tmpl.data());
    if (fd < 0) return;
    std::string data = j.dump();
    bool ok = ::write(fd, data.data(), data.size()) == static_cast<ssize_t>(data.size());
    ::close(fd);
    if (!ok || ::rename(tmpl.c_str(), (sub / (key + ".json")).c_str()) != 0) ::unlink(tmpl.c_str());
}

}  // namespace wafix
