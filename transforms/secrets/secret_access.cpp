// What the functions that ship a file must be granted to read a moved secret (see secret_access.hpp).
#include "secrets/secret_access.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "wafix/model/app_model.hpp"

namespace wafix::secrets {

namespace {

bool names_secret(std::string_view written, const std::string& id) {
    if (written == id) return true;
    // An ARN or a `{{resolve:secretsmanager:ID:...}}` reference: the id follows "secret:" or "secretsmanager:".
    for (std::string_view marker : {":secret:", "secretsmanager:"}) {
        size_t at = written.find(std::string(marker) + id);
        if (at == std::string_view::npos) continue;
        size_t after = at + marker.size() + id.size();
        if (after == written.size() || written[after] == '-' || written[after] == ':' || written[after] == '}' ||
            written[after] == '*' || written[after] == '"' || written[after] == '\'')
            return true;
    }
    return false;
}

bool reads_secrets(const std::vector<std::string>& actions) {
    for (const auto& a : actions)
        if (a == "*" || a == "secretsmanager:*" || a == "secretsmanager:GetSecretValue" || a == "secretsmanager:Get*")
            return true;
    return false;
}

bool resource_covers(const std::vector<std::string>& resources, const std::string& id) {
    for (const auto& r : resources)
        if (r == "*" || r == "arn:aws:secretsmanager:*" || names_secret(r, id)) return true;
    return false;
}

// The secret construct a `secret.grant_read(fn)` grant comes from, by where it is created.
const SecretConstruct* granted_secret(const AppModel& model, const Grant& g) {
    if (!g.target || !g.target->site) return nullptr;
    for (const SecretConstruct& s : model.secrets)
        if (s.site.file == g.target->site->file && s.site.begin == g.target->site->begin) return &s;
    return nullptr;
}

// "invoice-parser/erp-api-key" -> "ErpApiKey": the construct id of the imported secret.
std::string construct_id(const LambdaFunction& fn, const std::string& secret_id) {
    std::string tail = secret_id.substr(secret_id.find_last_of('/') + 1);
    std::string out;
    bool upper = true;
    for (char c : tail) {
        if (!std::isalnum(static_cast<unsigned char>(c))) {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
        upper = false;
    }
    return fn.name + (out.empty() ? "Secret" : out);
}

// A function whose role its construct cannot extend: a CfnFunction takes a role ARN, a SAM
// function with `Role:` ignores Policies.
bool role_unseen(const LambdaFunction& fn) {
    if (fn.origin == "cdk") return fn.construct_class.find("CfnFunction") != std::string::npos;
    if (fn.origin == "sam")
        return std::any_of(fn.properties.begin(), fn.properties.end(),
                           [](const Property& p) { return p.name == "Role"; });
    return false;
}

std::string where(const LambdaFunction& fn) {
    return fmt::format("`{}` ({}:{})", fn.id, shown_path(fn.construct.file), fn.construct.line);
}

// What to add to the stack, template or service so that `fn` can read the secret.
std::string grant_to_add(const LambdaFunction& fn, const std::string& id) {
    if (fn.origin == "cdk")
        return fmt::format("`secretsmanager.Secret.from_secret_name_v2(self, \"{}\", \"{}\").grant_read({})`",
                           construct_id(fn, id), id, fn.variable.empty() ? "<the function>" : fn.variable);
    if (fn.origin == "sam")
        return fmt::format(
            "`AWSSecretsManagerGetSecretValuePolicy: {{SecretArn: !Sub \"arn:${{AWS::Partition}}:secretsmanager:"
            "${{AWS::Region}}:${{AWS::AccountId}}:secret:{}-*\"}}` under its Policies",
            id);
    return fmt::format("an IAM statement allowing `secretsmanager:GetSecretValue` on `{}`", secret_arn_pattern(id));
}

}  // namespace

std::string secret_arn_pattern(const std::string& secret_id) {
    return "arn:aws:secretsmanager:<region>:<account>:secret:" + secret_id + "-??????";
}

bool function_reads_secret(const AppModel& model, const LambdaFunction& fn, const std::string& secret_id) {
    for (const Grant& g : fn.grants) {
        if (g.method.rfind("grant_read", 0) == 0) {
            if (const SecretConstruct* s = granted_secret(model, g); s && names_secret(s->name, secret_id)) return true;
        } else if (g.method == "AWSSecretsManagerGetSecretValuePolicy") {
            if (resource_covers(g.resources, secret_id)) return true;
        } else if (reads_secrets(g.actions) && (g.resources.empty() || resource_covers(g.resources, secret_id))) {
            // A SAM statement's resources are not recorded: its GetSecretValue action is taken at its word.
            if (!g.resources.empty() || fn.origin == "sam") return true;
        }
    }
    return false;
}

SecretAccess secret_access(const AppModel* model, const std::filesystem::path& file, const std::string& secret_id) {
    SecretAccess access;
    if (!model) return access;
    std::vector<const LambdaFunction*> fns = model->functions_shipping(file);
    std::string arn = secret_arn_pattern(secret_id);
    if (fns.empty()) {
        access.note = fmt::format(
            "no function in this repository ships this file: the one that runs it needs "
            "`secretsmanager:GetSecretValue` on `{}`",
            arn);
        access.to_add =
            fmt::format("no function in the repository ships it: allow `secretsmanager:GetSecretValue` on `{}`", arn);
        return access;
    }
    std::vector<std::string> missing, unseen, granted;
    for (const LambdaFunction* fn : fns) {
        if (function_reads_secret(*model, *fn, secret_id)) granted.push_back(fmt::format("`{}`", fn->id));
        else if (role_unseen(*fn)) unseen.push_back(where(*fn));
        else missing.push_back(where(*fn) + " needs " + grant_to_add(*fn, secret_id));
    }
    auto joined = [](const std::vector<std::string>& parts) {
        std::string out;
        for (size_t i = 0; i < parts.size(); ++i) {
            if (i == 3) return out + fmt::format(" and {} more", parts.size() - 3);
            out += (i ? "; " : "") + parts[i];
        }
        return out;
    };
    std::vector<std::string> said;
    if (!unseen.empty()) {
        access.role_unseen = true;
        said.push_back(fmt::format(
            "{} run{} with a role {} construct does not define: allow it `secretsmanager:GetSecretValue` on `{}` "
            "first",
            joined(unseen), unseen.size() == 1 ? "s" : "", unseen.size() == 1 ? "its" : "their", arn));
    }
    if (!missing.empty()) said.push_back("before deploying, " + joined(missing));
    if (missing.empty() && unseen.empty()) said.push_back(joined(granted) + " can already read it");
    access.note = joined(said);
    access.to_add = missing.empty() && unseen.empty() ? "already granted" : access.note;
    return access;
}

}  // namespace wafix::secrets
