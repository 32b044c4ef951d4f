// What the 朗读 (read aloud) button reads for each kind of item, as plain Chinese text in
// reading order, sentences ending in 。 (see reading.hpp for how text becomes speech).
//
// Promises:
//  - A guide: its name, the summary, who may apply, what to bring, the steps, how long and
//    what it costs, where, when and which phone number to call. A card: title and its seven
//    answers. A policy: title, number, issuer and date, its 问答, then the full text. A notice:
//    title and body.
//  - Nothing personal: only published guide, card, policy and notice fields are read (fund
//    publications have no script at all), and reading.hpp drops masked names and numbers.
#pragma once
#include <string>

#include "bianmin/content/model.hpp"

namespace bianmin::speech {

std::string guide_script(const content::ServiceGuide& guide, const content::Department* dept,
                         const content::Site& site);
std::string card_script(const content::ConvenienceCard& card);
std::string policy_script(const content::PolicyDocument& policy);
std::string notice_script(const content::Notice& notice);

}  // namespace bianmin::speech
