#include "cli_docs.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

namespace wafix::cli {

namespace {

struct OptionDoc {
    std::vector<std::string> names;  // "--select", "-j"
    bool takes_value = false;
    std::string help;
};

struct CommandDoc {
    std::string name, help;
    std::vector<OptionDoc> options;
};

// The options a user types: long and short names, never positionals.
std::vector<OptionDoc> options_of(const CLI::App& app) {
    std::vector<OptionDoc> out;
    for (const CLI::Option* o : app.get_options()) {
        if (!o->nonpositional()) continue;
        OptionDoc d;
        for (const auto& s : o->get_snames()) d.names.push_back("-" + s);
        for (const auto& l : o->get_lnames()) d.names.push_back("--" + l);
        d.takes_value = o->get_expected_min() > 0;
        d.help = o->get_description();
        out.push_back(d);
    }
    return out;
}

std::vector<CommandDoc> commands_of(const CLI::App& app) {
    std::vector<CommandDoc> out;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; }))
        out.push_back({sub->get_name(), sub->get_description(), options_of(*sub)});
    return out;
}

std::string first_sentence(const std::string& s) {
    size_t end = s.find_first_of(".\n");
    return s.substr(0, end);
}

std::string words(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
    return out;
}

std::string bash(const CLI::App& app) {
    std::vector<std::string> top;
    for (const auto& c : commands_of(app)) top.push_back(c.name);
    for (const auto& o : options_of(app)) top.insert(top.end(), o.names.begin(), o.names.end());
    std::string cases;
    for (const auto& c : commands_of(app)) {
        std::vector<std::string> names;
        for (const auto& o : c.options) names.insert(names.end(), o.names.begin(), o.names.end());
        cases += fmt::format("        {}) opts=\"{}\" ;;\n", c.name, words(names));
    }
    std::vector<std::string> commands;
    for (const auto& c : commands_of(app)) commands.push_back(c.name);
    return fmt::format(
        "# bash completion for wafix (wafix generate-shell-completion bash)\n"
        "_wafix() {{\n"
        "    local cur=\"${{COMP_WORDS[COMP_CWORD]}}\" cmd=\"\" opts w\n"
        "    for w in \"${{COMP_WORDS[@]:1:COMP_CWORD-1}}\"; do\n"
        "        case \"$w\" in {}) cmd=\"$w\"; break ;; esac\n"
        "    done\n"
        "    case \"$cmd\" in\n"
        "        \"\") opts=\"{}\" ;;\n{}"
        "    esac\n"
        "    if [[ -z \"$cmd\" || \"$cur\" == -* ]]; then\n"
        "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
        "    else\n"
        "        COMPREPLY=($(compgen -f -- \"$cur\"))\n"
        "    fi\n"
        "}}\n"
        "complete -o default -F _wafix wafix\n",
        fmt::join(commands, "|"), words(top), cases);
}

std::string zsh_escape(const std::string& s) {
    std::string out;
    for (char c : first_sentence(s)) {
        if (c == '\'') out += "'\\''";
        else if (c == '[' || c == ']' || c == ':' || c == '\\') out += std::string("\\") + c;
        else out += c;
    }
    return out;
}

std::string zsh(const CLI::App& app) {
    std::string out = "#compdef wafix\n# zsh completion for wafix (wafix generate-shell-completion zsh)\n_wafix() {\n";
    out += "    local -a commands\n    commands=(\n";
    for (const auto& c : commands_of(app)) out += fmt::format("        '{}:{}'\n", c.name, zsh_escape(c.help));
    out +=
        "    )\n    if (( CURRENT == 2 )); then\n        _describe 'command' commands\n        _files\n        return\n"
        "    fi\n    case $words[2] in\n";
    for (const auto& c : commands_of(app)) {
        out += fmt::format("        {})\n            _arguments \\\n", c.name);
        for (const auto& o : c.options)
            for (const auto& n : o.names)
                out += fmt::format("                '{}[{}]{}' \\\n", n, zsh_escape(o.help),
                                   o.takes_value ? ":value:" : "");
        out += "                '*:file:_files' ;;\n";
    }
    return out + "    esac\n}\n_wafix \"$@\"\n";
}

std::string fish_escape(const std::string& s) {
    std::string out;
    for (char c : first_sentence(s)) {
        if (c == '"' || c == '\\' || c == '$') out += '\\';
        out += c;
    }
    return out;
}

std::string fish(const CLI::App& app) {
    std::string out = "# fish completion for wafix (wafix generate-shell-completion fish)\n";
    std::vector<std::string> commands;
    for (const auto& c : commands_of(app)) commands.push_back(c.name);
    for (const auto& c : commands_of(app))
        out += fmt::format("complete -c wafix -n '__fish_use_subcommand' -f -a {} -d \"{}\"\n", c.name,
                           fish_escape(c.help));
    for (const auto& c : commands_of(app))
        for (const auto& o : c.options) {
            std::string flags;
            for (const auto& n : o.names) flags += n.rfind("--", 0) == 0 ? " -l " + n.substr(2) : " -s " + n.substr(1);
            out += fmt::format("complete -c wafix -n '__fish_seen_subcommand_from {}'{}{} -d \"{}\"\n", c.name, flags,
                               o.takes_value ? " -r" : "", fish_escape(o.help));
        }
    return out;
}

std::string roff(const std::string& s) {
    std::string out;
    bool line_start = true;
    for (char c : s) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else if ((c == '.' || c == '\'') && line_start) out += "\\&" + std::string(1, c);
        else out += c;
        line_start = c == '\n';
    }
    return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

}  // namespace

std::optional<std::string> shell_completion(const CLI::App& app, const std::string& shell) {
    if (shell == "bash") return bash(app);
    if (shell == "zsh") return zsh(app);
    if (shell == "fish") return fish(app);
    return std::nullopt;
}

std::string man_page(const CLI::App& app, const std::string& version) {
    std::string out = fmt::format(".TH WAFIX 1 \"\" \"wafix {}\" \"User Commands\"\n.SH NAME\nwafix \\- {}\n", version,
                                  roff(first_sentence(app.get_description()).substr(7)));
    out += ".SH SYNOPSIS\n.B wafix\n[\\fICOMMAND\\fR] [\\fIOPTIONS\\fR] [\\fIPATH\\fR ...]\n.SH DESCRIPTION\n";
    out +=
        roff(app.get_description()) + "\n.PP\nWithout a command, \\fBwafix\\fR \\fIPATH\\fR runs \\fBwafix diff\\fR.\n";
    out += ".SH COMMANDS\n";
    for (const auto& c : commands_of(app)) out += fmt::format(".TP\n.B {}\n{}\n", c.name, roff(c.help));
    out += ".SH OPTIONS\n";
    for (const auto& c : commands_of(app)) {
        if (c.options.empty()) continue;
        out += fmt::format(".SS \"wafix {}\"\n", c.name);
        for (const auto& o : c.options) {
            std::vector<std::string> names;
            for (const auto& n : o.names) names.push_back("\\fB" + roff(n) + "\\fR");
            out += fmt::format(".TP\n{}{}\n{}\n", fmt::join(names, ", "), o.takes_value ? " \\fIVALUE\\fR" : "",
                               roff(o.help));
        }
    }
    out +=
        ".SH EXIT STATUS\n0 nothing to change; 1 changes pending (diff) or findings left (check, fix); 2 an error.\n";
    out +=
        ".SH SEE ALSO\n\\fBwafix rules\\fR for each rule's documentation; docs/cli.md and docs/coming-from-ruff.md in "
        "the source.\n";
    return out;
}

std::optional<std::string> nearest_option(const CLI::App& app, const CLI::App* sub, const std::string& typed) {
    std::string bare = typed.substr(0, typed.find('='));
    std::vector<std::string> candidates;
    auto add = [&](const CLI::App& a) {
        for (const auto& o : options_of(a))
            for (const auto& n : o.names)
                if (n.rfind("--", 0) == 0) candidates.push_back(n);
    };
    if (sub) add(*sub);
    else
        for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; })) add(*s);
    std::optional<std::string> best;
    size_t best_distance = std::max<size_t>(2, bare.size() / 3) + 1;
    for (const auto& c : candidates) {
        size_t d = edit_distance(bare, c);
        // A prefix ("--unsafe" for "--unsafe-fixes") is as good as a typo.
        if (c.rfind(bare, 0) == 0 && bare.size() >= 4) d = std::min<size_t>(d, 1);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> out;
    for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; })) out.push_back(s->get_name());
    return out;
}

bool unknown_command(const CLI::App& app, const std::vector<std::string>& args) {
    if (args.empty() || args[0].empty() || args[0][0] == '-') return false;
    std::vector<std::string> names = command_names(app);
    const std::string& word = args[0];
    bool wordlike = std::all_of(word.begin(), word.end(),
                                [](char c) { return std::islower(static_cast<unsigned char>(c)) || c == '-'; });
    std::error_code ec;
    if (std::count(names.begin(), names.end(), word) || !wordlike || std::filesystem::exists(word, ec)) return false;
    std::cerr << fmt::format("wafix: error: unknown command '{}' (see wafix --help)\n", word);
    return true;
}

void report_extras(const CLI::App& app, const CLI::ExtrasError& e) {
    const CLI::App* sub = nullptr;
    for (const CLI::App* s : app.get_subcommands([](const CLI::App*) { return true; }))
        if (s->parsed()) sub = s;
    std::string where = sub ? "wafix " + sub->get_name() : std::string("wafix");
    bool named = false;
    for (const std::string& extra : sub ? sub->remaining() : app.remaining()) {
        if (extra.rfind('-', 0) != 0) continue;
        named = true;
        if (auto near = nearest_option(app, sub, extra))
            std::cerr << fmt::format("wafix: error: unknown option '{}'; did you mean '{}'? (see {} --help)\n", extra,
                                     *near, where);
        else std::cerr << fmt::format("wafix: error: unknown option '{}' (see {} --help)\n", extra, where);
    }
    if (!named) std::cerr << "wafix: error: " << e.what() << " (see " << where << " --help)\n";
}

}  // namespace wafix::cli
