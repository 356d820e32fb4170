// The six Well-Architected pillars in the framework's order, as the reports name them.
#pragma once

namespace wafix {

struct Pillar {
    const char* id;
    const char* title;
};
inline constexpr Pillar kPillars[] = {
    {"OPS", "Operational excellence"},  {"SEC", "Security"},           {"REL", "Reliability"},
    {"PERF", "Performance efficiency"}, {"COST", "Cost optimization"}, {"SUS", "Sustainability"},
};

}  // namespace wafix
