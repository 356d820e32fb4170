// What every rule file shares, so that the file states only what is its own: its check and its
// description. The rule's id, name and family are those of its registry.def line, which
// registry.cpp hands to the rule's factory; the file does not spell them again.
//
// A rule file: a class deriving from Transform that takes its RuleInfo as it is
// (`using Transform::Transform;`, public as Transform's constructor is) and overrides check()
// (and refine() where it has one, private: the engine calls them through Transform), then, after
// the anonymous namespace,
//   WAFIX_RULE_FILE(xmlrpc_unprotected, XmlrpcUnprotected, {.pillars = ..., .summary = ...})
// which defines make_xmlrpc_unprotected(), the factory registry.def names.
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "wafix/core/transform.hpp"

namespace wafix {

// What a rule's registry.def line says of it.
struct RuleIdentity {
    std::string id;      // "WA102"
    std::string name;    // "xmlrpc-unprotected"
    std::string family;  // "xml", its transforms/ folder
};

// The rule's RuleInfo: what its file describes, with the registry's identity.
inline RuleInfo identified(const RuleIdentity& identity, RuleInfo described) {
    described.id = identity.id;
    described.name = identity.name;
    described.family = identity.family;
    return described;
}

// The description is the macro's last argument (a braced RuleInfo, commas and all).
#define WAFIX_RULE_FILE(factory, Class, ...)                                        \
    std::unique_ptr<Transform> make_##factory(const RuleIdentity& identity) {       \
        return std::make_unique<Class>(identified(identity, RuleInfo __VA_ARGS__)); \
    }

}  // namespace wafix
