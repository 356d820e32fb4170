// Whether the Lambda functions that run a file can read a secret once the literal is gone: the
// application model says which functions ship the file and what their roles are granted. A fix
// that moves a secret is only complete when each of them can call GetSecretValue on it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace wafix {
class AppModel;
struct LambdaFunction;
}  // namespace wafix

namespace wafix::secrets {

struct SecretAccess {
    // Said after the finding's message ("" when the model is not known): which function must be
    // granted what, or that it already is.
    std::string note;
    // One line for the pull request's list of moved secrets: the grant or policy to add.
    std::string to_add;
    // A function that ships the file runs with a role its construct cannot extend (an explicit
    // role on a CfnFunction or a SAM `Role:`): the rewrite alone would fail with AccessDenied, so
    // a human decides.
    bool role_unseen = false;
};

// `model` may be null (a file analysed alone): nothing is known then.
SecretAccess secret_access(const AppModel* model, const std::filesystem::path& file, const std::string& secret_id);

// Whether `fn` is already allowed to read `secret_id` (a grant on a secret of that name, a
// policy on its ARN, or a policy on every resource).
bool function_reads_secret(const AppModel& model, const LambdaFunction& fn, const std::string& secret_id);

// The IAM resource of the secret: Secrets Manager appends six random characters to the name.
std::string secret_arn_pattern(const std::string& secret_id);

}  // namespace wafix::secrets
