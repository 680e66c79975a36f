"""What sends an item to a person, what the customer asks for, and their direct questions.

Routing flags are the cases where a drafted reply is a risk: safety or health, privacy or
security, a legal threat, a refund or billing dispute, bereavement, discrimination, a
disruption still going on, a text about another company, sarcasm. Each flag names the clause
that raised it, so a person sees why. Patterns read lower-cased text and are written from how
people say these things in any business, not from one data set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from reviewwatch.triage.gate import FirstOf, GateSet, finditer_near, necessary, reach

_I = re.IGNORECASE

# Held matters a reply also names (responders/manager.py compiles these, not copies of them);
# lower-case patterns, as the flags below
ABUSIVE = (r"(?:drunk|intoxicated|wasted)\b[^\n]{0,60}?\b(?:abusive|abusing|aggressive|"
           r"threaten\w*|shouting at|screaming at)|abusive (?:to|towards) (?:the |a |my )?(?:woman|"
           r"girl|lady|passenger|wife|daughter|crew|staff)")
SWOLLEN_BATTERY = (r"batter(?:y|ies)\b[^.!?\n]{0,60}?\b(?:swollen|swelled|swelling|swell|bulging|"
                   r"bloated|puffed)|(?:swollen|bulging|bloated) (?:lithium )?batter(?:y|ies)|"
                   r"case (?:is )?(?:bulging|split open|splitting)")
LEFT_TO_MANAGE = (r"(?:had to|have to) (?:lift|carry) (?:him|her|them|my \w+)\b|no ramp\b|"
                  r"(?:cane|walker|crutches|walking stick)\b[^\n]{0,120}?\b(?:nobody|no one) came|"
                  r"(?:nobody|no one) came\b[^\n]{0,120}?\b(?:cane|walker|crutches|walking "
                  r"stick)\b")
DETAILS_SHARED = (r"(?:posted|shared|sent|forwarded|published|leaked|exposed|showed) (?:a |the )?"
                  r"(?:photo of )?my (?:boarding pass|passport|id|photo|picture|full name|home "
                  r"address|address|phone number|number|booking details|card details|card|details|"
                  r"data|information)|ha(?:s|ve|d) my (?:data|details|information|number|photo|"
                  r"passport)")
SAME_UTENSIL = (r"same (?:ladle|spoon|spoons|utensils?|tongs|fryer|oil|plate|knife|board)\b"
                r"[^\n]{0,80}?\b(?:veg|non-veg|vegetarian|jain|halal|meat)|(?:veg|vegetarian)\b"
                r"[^\n]{0,60}?\bsame (?:ladle|spoon|utensils?|tongs|fryer|oil)")
SOILED_SEAT = (r"(?:seat|blanket|pillow|cushion)\b[^.!?\n]{0,60}?\b(?:soaked|wet)\b[^.!?\n]{0,40}?"
               r"\bvomit|(?:soaked|covered) in (?:vomit|urine|blood)")
# a seatbelt that failed ("the seatbelt on 14C was broken ... they said just hold it")
# a medicine that had to stay with the customer, put in the hold ("my insulin had to stay with
# me, they forced it into checked baggage at the gate"); the group names the medicine
MEDICINE_IN_HOLD = (r"(insulin|medication|medicine|inhaler|epi-?pen)\b[^.!?\n]{0,80}?\b(?:checked "
                    r"(?:bag|baggage|luggage|it in)|into the hold|in the hold|gate[- ]check\w*)")
SEATBELT = (r"seat ?belt\b[^.!?\n]{0,40}?\b(?:broken|broke|didn'?t work|not working|wouldn'?t "
            r"(?:close|buckle|latch|fasten)|won'?t (?:close|buckle|latch|fasten)|missing|frayed|"
            r"(?:does ?n'?t|does not|ca ?n'?t|cannot|did ?n'?t|did not) (?:close|buckle|latch|"
            r"fasten|lock|click))")
# recordings kept, data sent on, data asked to be deleted (privacy; read by the flag and by the
# holding reply's naming of it)
KEPT_RECORDINGS = (r"(?:keeps?|kept|stores?|stored|saves?|saved|keeping|storing) (?:my |our |all "
                   r"|the )?(?:voice )?(?:recordings|voice data|voice history|audio clips)")
# recordings sent off the device ("was sending voice recordings to your servers")
RECORDINGS_SENT = (r"(?:sends?|sending|sent|uploads?|uploading|uploaded) (?:my |our |the |all )?"
                   r"(?:voice )?(?:recordings|audio|voice data|voice clips)\b")
DATA_SENT = (r"(?:sends?|sending|sold|sells?|selling|shares?|sharing|shared) (?:my |our |usage |"
             r"user |personal )?data\b|"
             # ... and what was kept asked for ("I'd like to know exactly what you stored")
             + RECORDINGS_SENT + r"|what (?:data )?(?:you|they) "
             r"(?:stored|store|kept|keep|collected|collect|hold|have on (?:me|us))\b|"
             r"data protection (?:authority|commissioner|office|regulator|board)")
DELETE_DATA = (r"(?:delete|erase|remove) (?:all )?(?:of )?(?:my|our) (?:data|information|account "
               r"data)|(?:my|our) data (?:deleted|erased|removed)")
# a cost the customer bore themself, to be paid back ("Stuck in Frankfurt overnight paid my own
# hotel €140. Want that back."): a billing dispute, a refund asked, a night that is over; the
# group names what was paid for
PAID_OWN = r"paid (?:for )?(?:my|our) own (hotel|room|taxi|meals?|food|accommodation)"
# a sum paid, then asked back ("Paid €70 at the gate. Want that back.")
PAID_BACK = (r"(?:paid|pay|charged(?: me| us)?)(?: an? extra| extra)? (?:[£$€₹]|rs\.? ?)?\s?"
             r"\d[\d,.]*[^.!?\n]{0,60}[.!?]?\s{0,3}(?:[^.!?\n]{4,60}[.!?]\s{1,3})?(?:and |so )?"
             r"(?:i |we )?(?:want|need|expect|"
             r"would like|'d like) (?:that|it|this|my money|our money|them) back")
# one of the business's own people drunk at work ("I think the delivery boy was drunk")
DRUNK_STAFF = (r"(delivery (?:boy|guy|man|rider|driver|person|agent|executive)|driver|pilot|"
               r"waiter|bartender|server|cashier|chef|cook|manager|captain|flight attendant|"
               r"cabin crew|crew member|staff member)s?\b[^.!?\n]{0,30}?\b(?:was|were|is|seemed|"
               r"looked|smelled|smelt|smelling|appeared) (?:\w+ )?(?:drunk|intoxicated|tipsy|high|"
               r"of (?:alcohol|liquor|booze))\b")
MEDICAL_KIT = r"defibrillator|(?:first aid|medical) kit\b[^.!?\n]{0,40}?\b(?:missing|empty|broken)"
GONE_OFF = (r"(chicken|fish|meat|prawns?|mutton|seafood|lamb)\b[^.!?\n]{0,30}?(?<!not )(?<!never )"
            r"(?<!n't )\b(?:smell\w* (?:bad|off|rotten|funny|stale)|smelled off|stale|rotten|"
            r"spoiled|gone off)")  # (the dish is the first group: the hold names it)
SHOUTED_FOR_MEDICINE = (r"(?:shouted|yelled|screamed) at (?:me|him|her)\b[^\n]{0,120}?"
                        r"\b(?:medicine|medication|insulin|inhaler)")
# a cabin's air that harms people ("fumes in the cabin ... one woman felt faint"), someone sick
# ("2 hours on the tarmac with no AC and no water handed out, a kid behind me was sick"; the
# heat and thirst alone are the delay's), and a person pushed into something ("My daughter got
# pushed into a barrier")
WELFARE = (r"fumes\b[^.!?\n]{0,60}?\b(?:cabin|plane|aircraft|cough\w*|headaches?|faint|dizzy|"
           r"sick|nause\w*|eyes|breath\w*|chok\w*|sting\w*)|(?:cabin|plane|aircraft|exposed to|"
           r"exposed|breathing|breathed|inhal\w*)\b[^.!?\n]{0,30}?\bfumes|"
           r"felt (?:faint|dizzy|light-?headed)|"
           r"(?:kid|kids|child|children|baby|toddler|son|daughter|boy|girl|wife|husband|mum|mom|"
           r"dad|someone|somebody|passenger|man|woman|people)(?: \w+){0,3}? (?:was|were|got) "
           r"(?:violently |physically )?sick(?! of\b| and tired\b)|"
           r"(?:got|was|were|been|being) (?:pushed|shoved|knocked) (?:into|against|onto|down)\b"
           r"(?! (?:buying|paying|taking|signing|upgrading|accepting|a plan|a contract))")
# consent forced ("forces me to create an account and accept marketing"), a device that
# records everything, and the question what it records
CONSENT_FORCED = (r"(?:forc\w*|makes? (?:me|us|you)|made (?:me|us)|requires?|required|have to|"
                  r"had to|must)\b[^.!?\n]{0,60}?\b(?:accept|agree to|consent to|opt in to|opt "
                  r"into) (?:all |their |your |the )?['\"\u2018\u201c]?(?:personali[sz]ed |"
                  r"targeted )?(?:marketing|tracking|ads|advertising|data sharing)|records "
                  r"(?:us|me|everything|what (?:we|i) say|(?:our |my )?"
                  r"(?:conversations|voice|calls))|"
                  r"what (?:exactly )?(?:are|is) (?:you|it) recording")
# a cost put on the customer for the business's failure: postage to return a faulty item, new
# tickets after a missed connection ("We had to buy new tickets for the next day")
COST_PUT_ON = (r"(?<!n't have to )(?<!not have to )(?<!no need to )pay (?:for )?(?:the )?"
               r"(?:return )?(?:postage|shipping|courier)(?: costs?| fees?)?"
               r"(?: myself| ourselves)?\b[^.!?\n]{0,30}?\b(?:faulty|defective|broken|damaged|"
               r"doa)\b|(?:faulty|defective|broken|damaged)\b[^.!?\n]{0,60}?\bpay (?:for )?"
               r"(?:the )?(?:return )?(?:postage|shipping)|"
               # postage for a unit that came used or damaged ("a box that had clearly been
               # opened before. Sold as new. ... told to pay return postage myself")
               r"(?:opened|used) before\b[^\n]{0,120}?\bpay (?:for )?(?:the )?(?:return )?"
               r"(?:postage|shipping)|(?:had to|have to|forced to|made "
               r"(?:us|me)) (?:buy|book|pay for|purchase) (?:new|another|other|replacement|"
               r"last[- ]minute|fresh) (?:tickets?|flights?|seats?|fares?)")
# a remark on someone's body or person by staff ("a crew member made a comment about my weight")
REMARK_ON_PERSON = (r"(?:comments?|remarks?|jokes?|joked|commented|remarked) (?:made )?about "
                    r"(?:my|her|his|our|their) (?:weight|size|body|appearance|looks|accent|skin|"
                    r"colou?r|religion|hijab|turban|disability|age)\b")
PERMISSIONS = (r"(?:needs?|wants?|asks? for|requires?|requesting|demands?) (?:access to )?my "
               r"(?:location|contacts|microphone|camera|photos)")

FLAGS: tuple[tuple[str, str, str], ...] = (
    ("safety", "a safety or health risk",
     r"\b(?:food poisoning|poison(?:ed|ing)|got (?:really |very )?sick|made (?:me|us|my \w+) "
     r"(?:sick|ill)|threw up|throwing up|(?<!like )(?<!of )vomit\w*|diarrh?o?ea|"
     r"allerg(?:y|ic|ies|en)\w*|"
     r"upset stomach|stomach (?:ache|upset|pain|cramps|bug)|loose motions|(?:fell|felt|was) "
     r"(?:very |so |really )?(?:ill|sick) (?:after|the next|all night|the whole)|"
     # poultry or pork served raw ("the chicken tikka was pink inside")
     r"(?:chicken|pork|turkey)\b[^.!?\n]{0,30}?\b(?:pink|raw|undercooked|under ?cooked|"
     r"bloody|not cooked)\b|raw chicken|"
     r"anaphyla\w*|epi ?pen|(?:in|to|at|from|into) (?:the |a )?hospital|hospitali[sz]\w*|"
     r"hospital (?:visit|bill|stay|trip)|emergency room|\ber\b visit|ambulance|"
     r"(?<!insult to )injur\w*|"
    # blood, and a blow to the head ("a suitcase hit the man next to me on the head")
    r"(?:was|is|were|are|started|kept|still|and|left|got) bleeding|bleeding (?:from|badly|"
    r"heavily)|blood (?:everywhere|all over|on (?:my|his|her|the))|"
    r"(?:hit|struck|smacked|landed on|fell on) (?:me|him|her|us|my \w+|the (?:man|woman|guy|"
    r"lady|kid|child|boy|girl|passenger|person)(?: \w+){0,4}?) (?:on|in) the (?:head|face)|"
    r"concussion|stitches|(?:has|have|had|got|left (?:her|him|me) with) (?:a )?(?:big |bad |"
    r"huge )?bruises?\b|bruised (?:her|his|my|their)\b|"
    r"hit (?:my|her|his|our) (?:\w+(?:'s)? )?(?:foot|feet|leg|head|face|hand|toe|eye|arm)\b|"
    # a pet left in danger ("the crate was left on the tarmac in 41 degree heat ... at the vet")
    r"(?:dog|cat|pet|puppy|kitten)\b[^\n]{0,200}?\b(?:heat|hot tarmac|overheat\w*|injur\w*|died|"
    r"dead|dehydrat\w*|panting)|(?:at|to) the vet\b|vet (?:bill|visit)|"
     # a mobility aid or a medicine lost or broken leaves someone unable to move or be safe
     # a medical episode nobody helped with ("clearly having a panic attack")
     r"panic attack|anxiety attack|asthma attack|seizure|heart attack|chest pains?|"
     r"(?:could ?n'?t|could not|can'?t|cannot|struggling to) breathe|"
     # a mobility aid handed back damaged ("My own chair came back with a bent footrest")
     r"(?:wheelchair|(?:my|his|her|our) (?:own )?chair|walker|mobility scooter)\b[^.!?\n]{0,60}?"
     r"\b(?:bent|broken|damaged|cracked|snapped|missing)\b|"
     r"(?:lost|broke|damaged|broken|lose|losing|misplaced) (?:my|his|her|our|their|mom'?s|dad'?s|"
     r"son'?s|daughter'?s|wife'?s|husband'?s) (?:wheelchair|walker|mobility (?:scooter|aid)|"
     r"oxygen|insulin|medication|medicine|epi-?pen|cpap)|"
     # a medicine that had to stay with the customer, put in the hold ("my insulin had to
     # stay with me, they forced it into checked baggage at the gate")
     + MEDICINE_IN_HOLD + r"|"
     r"(?:bag|luggage|suitcase)\b[^.!?\n]{0,80}?\b(?:inhaler|insulin|medication|medicine|"
     r"epi-?pen|cpap|oxygen)|(?:inhaler|insulin|medication|medicine|epi-?pen)s? (?:is|was|are|"
     r"were) in (?:it|my bag|the bag|that bag)|(?:inhaler|insulin|medication|medicine|epi-?pen)s?"
     r"(?: cooler| supplies| kit| pen)? that(?: is|'s| was| are| were) in (?:it|there|my bag|the "
     r"bag|that bag)|"  # ("I need my medication
     # that was in it")
     r"(?:got|has|had) my \w+(?:'s)? (?:inhaler|insulin|"
     r"medication|medicine|epi-?pen)(?: \w+){0,3} in it|"  # ("my kid's insulin supplies backups
     # in it")
     r"hurt (?:me|my|us|him|her|myself)|burn(?:ed|t) (?:me|my|myself)|caught fire|on fire|"
     # a fall or a faint ("fell on the escalator", "a passenger fainted")
     r"(?:fell|slipped|tripped) (?:down|over|on|off|and)\b(?! asleep)|(?:had|took) a (?:bad )?fall|"
     r"fainted|passed out|collapsed|"
     # a hazard named ("the floor was wet and slippery, somebody could get hurt"; "smells like
     # fuel ... is this safe??")
     r"(?:could|might|will) (?:get|have gotten|have been|be) (?:hurt|injured)|slippery|"
     r"smell\w* (?:something |like |of )?(?:fuel|gas|petrol|jet fuel|smoke|burning)|"
     r"is (?:this|it|that) (?:even |really |actually )?safe\b|"
     # a diabetic left without food ("I'm a diabetic and had nothing to eat for hours")
     r"diabetic\b[^\n]{0,80}?\b(?:nothing to eat|no food|could ?n'?t eat|could not eat|had ?n'?t "
     r"eaten|had not eaten|without food|without eating)|"
     # a diabetic told a sweet was sugar-free when it was not
     r"diabetic\b[^\n]{0,200}?\bsugar|sugar[- ]free\b[^\n]{0,120}?\b(?:normal sugar|full of sugar|"
     r"had sugar|not sugar[- ]free|was ?n'?t|was not|is not|is ?n'?t)\b|"
     r"fire hazard|electric(?:al)? shock|shocked me|sparks?|smok(?:e|ing) (?:came|coming)|"
     r"(?:started|starts|began|was|were|is|it|then) smoking|smoke (?:poured|pouring|came out)|"
     r"overheat\w*|explod\w*|unsafe|"
     # melting is a hazard in a device, not in a pizza ("the cheese wasn't fully melted")
     r"(?:charger|cable|plug|wires?|cord|adapter|outlet|socket|battery|plastic|port|casing|"
     r"connector|device|unit|power strip)[^.!?\n]{0,40}\bmelt(?:ed|ing)|melted (?:plastic|wires?)|"
     r"dangerous|chok(?:e|ed|ing)|broken glass|"
     # a seatbelt that failed ("the seatbelt on 14C was broken ... they said just hold it"),
     # a safety issue named as one
     + SEATBELT + r"|"
     r"(?:a|that'?s a|this is a|it'?s a) safety (?:issue|hazard|risk|problem|concern)|"
     # a child travelling alone left without the escort promised
     # a child flying alone handed to a stranger ("flew unaccompanied ... LEFT HER with another
     # family's dad"), a vulnerable passenger left alone ("she's blind ... Nobody met her")
     r"unaccompanied\b[^\n]{0,160}?\b(?:left (?:her|him|them)|handed (?:her|him|them) (?:over )?"
     r"to|nobody|no one|alone|lost)\b|"
     r"(?:wheelchair|special assistance)\b[^\n]{0,120}?\bnever (?:showed|came|turned up|arrived)|"
     # assistance booked and nobody there ("booked wheelchair assistance twice, confirmed by
     # email. Nobody came at arrival. My 81yo dad had to walk")
     r"(?:wheelchair|special) assistance\b[^\n]{0,80}?\b(?:nobody|no one|noone) (?:came|showed|"
     r"turned up|was there)|"
     r"(?:a |the )?(?:hot|boiling|scalding) (?:coffee|tea|water|soup|drink) (?:went|spilled|spilt|"
     r"poured|fell) (?:all )?(?:over|on) (?:my|his|her|our|the)|blisters?\b|"
     # hot food or drink spilled on someone ("Waiter spilled hot curry on my wife hand ... Her
     # hand was red and burning")
     r"(?:spilled|spilt|poured|dropped|threw) (?:the |a |some )?(?:hot|boiling|scalding) "
     r"[a-z]+ (?:all )?(?:over|on) (?:me|my|his|her|our|the)\b|(?:hand|arm|leg|skin|face|lap) "
     r"(?:was|is|got|went) (?:red and |all red and )?(?:burn(?:ing|ed|t)|scalded|blistered)\b|"
     r"(?:blind|deaf|disabled|dementia|wheelchair user)\b[^\n]{0,160}?\b(?:nobody|no one|noone) "
     r"(?:met|came|helped|was there)|(?:blind|deaf|disabled|dementia)\b[^\n]{0,160}?\b(?:sat|left|"
     r"waited|was) alone\b|"
     # a medicine kept from the person who needs it ("refused to store my insulin in the fridge")
     r"(?:refused|wouldn'?t|would not|did ?n'?t|won'?t|would ?n'?t let (?:me|her|him)) "
     r"(?:\w+ ){0,3}?(?:store|keep|refrigerate|bring|take|carry) (?:my |her |his |the )?"
     r"(?:insulin|medication|medicine|epi-?pen|inhaler|oxygen)|"
     r"(?:made|forced|told) (?:me|her|him) (?:to )?(?:put|check|leave) (?:my |her |his )?"
     r"(?:insulin|medication|medicine|inhaler|epi-?pen)|"
     r"confiscated (?:my |her |his |the )?(?:\w+ )?(?:insulin|medication|medicine|inhaler|"
     r"epi-?pen)|"
     # a pet harmed ("The vet says mild dehydration", "was panting badly")
     r"(?:the )?vet (?:says|said|told|confirmed)|panting (?:badly|heavily|hard)|"
     # explicit content played to a child ("My 8-year-old asked for a song and it played the
     # explicit version")
     r"(?:kids?|child|children|son|daughter|\d+[- ]year[- ]old)\b[^\n]{0,120}?\b(?:explicit|"
     r"swearing|swear words|adult content|porn\w*)|(?:explicit|adult) (?:content|version|"
     r"lyrics)\b[^\n]{0,100}?\b(?:kids?|child|children|son|daughter|\d+[- ]year[- ]old)\b|"
     r"unaccompanied minor[^.!?\n]{0,60}\b(?:nobody|no one|noone|left|alone|waited|waiting|"
     r"lost|missing|forgot\w*|never)|(?:nobody|no one|noone) (?:met|was there for|came for|"
     r"picked up) (?:my|our) (?:\d+ ?(?:year|yr)[- ]old|son|daughter|child|kid|boy|girl)\b|"
     # harassment, and pests where food is served
     r"harass\w*|groped|grop(?:e|ing)|touched (?:me|her|him|my \w+) inappropriately|"
     # a drunk or abusive passenger left to it ("drunk and abusive to the woman next to him")
     + ABUSIVE + r"|" +
     # a swollen battery ("Swollen too, case is bulging", "swelled up and the case split open")
     SWOLLEN_BATTERY + r"|"
     # veg and non-veg served with the same ladle
     + SAME_UTENSIL + r"|"
     # a person with limited mobility left to manage ("we had to lift him ourselves", "with my
     # cane ... Nobody came")
     + LEFT_TO_MANAGE + r"|"
     r"cockroach(?:es)?|(?:a|an|the|saw|seen|spotted|found|dead|live|two|several|some|huge|"
     r"big|baby) (?:roach(?:es)?|rats?|mouse|mice|rodents?)\b|"
     r"(?:got|gets|getting|became|becomes|gone|runs?|running) (?:really |very |extremely |too |"
     r"so |super |dangerously )?hot|too hot to (?:touch|hold)|scorch\w*|spark(?:ed|ing)|"
     r"smell(?:s|ed|ing)? (?:of |like )?(?:burning|burnt|smoke)|burning (?:smell|plastic|"
     r"rubber)|"
     r"glass in|mou?ld(?:y)? (?:in|on|food|bread)|bed ?bugs?|carbon monoxide|gas leak|"
     r"fruit ?flies|maggots?|flies everywhere|flies (?:in|on|all over|inside|around|crawling) "
     r"(?:the |my |our )?(?:\w+ )?"
     r"(?:food|case|kitchen|counter|table|drinks?|pastries|cakes?|plates?|display)|"
     r"evacuat\w*|fire alarm|bomb threat|active shooter|stampede|crush of people|"
     r"(?:warning|announcement|alarm)[^.!?\n]{0,60}\b(?:to leave|to exit|to get out)\b|"
     # a stone in the food, hot drink spilled on someone, a vegan meal with dairy in it
     r"(?:a |small )?(?:stone|pebble|rock)s? in (?:my|the|our|his|her)|(?:could have|nearly|"
     r"almost) (?:broken|broke|chipped|cracked) (?:my|a|his|her) (?:tooth|teeth)|"
     r"(?:broke|chipped|cracked) (?:my|a) (?:tooth|teeth)|(?:spilled|spilt|poured|dropped) "
     r"(?:hot|boiling|scalding) (?:coffee|tea|water|soup|oil) (?:on|over) (?:me|my|him|her|us|"
     r"our)|vegan (?:meal|dish|option|order|burger|curry|food|pizza|bowl|thali|plate)\b[^.!?\n]"
     r"{0,60}?\b(?:had|with|contained|came with|full of)\b[^.!?\n]{0,30}?\b(?:ghee|paneer|butter|"
     r"cheese|milk|cream|eggs?|dairy|honey)\b|"
     # a Jain meal (no onion, no garlic) served with them
     r"jain (?:meal|food|dish|order|thali|option)\b[^.!?\n]{0,80}?\b(?:had|with|contained|"
     r"came with|full of|found)\b(?! no\b| out\b)[^.!?\n]{0,30}?(?<!\bno )(?<!\bwithout )"
     r"\b(?:onions?|garlic|potato(?:es)?)\b|"
     # Jain food asked for, and onion or garlic served ("Asked clearly for Jain food, no onion
     # no garlic, for my mother in law. They served with onion.")
     r"jain\b[^\n]{0,160}?\b(?:served|came|gave us|gave me|put|added|cooked|contained|found)\b"
     r"(?: (?:it|us|me|them|the \w+))?(?: with)? (?:some |the |lots of |full of )?"
     r"(?:onions?|garlic)\b|"
     # a Jain or religious request broken ("I am Jain and asked for no onion ... came with onion
     # pieces")
     # Jain food, and onion or garlic found in it ("Dal clearly had onion in it", "clearly onion
     # was there")
     r"jain\b[^\n]{0,200}?\b(?:had|has|with|contain\w*|found|served|came with) (?:some |clearly |"
     r"lots of |visible )?(?:onions?|garlic)\b|"
     r"jain\b[^\n]{0,200}?\b(?:onions?|garlic) (?:was|were) (?:there|in it|inside|present|"
     r"visible)\b|"
     r"(?:i am|i'm|we are|we're) jain\b[^\n]{0,160}?\b(?:came with|had|with|found|contained)\b"
     r"(?! no\b| out\b)[^.!?\n]{0,20}?(?<!\bno )(?<!\bwithout )\b(?:onions?|garlic)\b|"
     r"acidity|(?:a |long )?hairs? in (?:my|the|our|his|her)|(?:found|there was|there is|got|"
     r"saw) (?:a |long |some )?hairs? (?:in|on)\b|foreign (?:object|particle|body|"
     r"bodies|matter)s?|(?:glass|plastic|metal|bug|insect|fly|worm|maggot|cockroach|roach|mouse|"
     r"rat|band-?aid|plaster|wire|screw|staple) (?:in|on) (?:my|the|our|his|her) (?:food|meal|"
     r"plate|drink|salad|soup|dish|sandwich|burger|rice|curry|pizza|bowl|calzone|pasta|taco|"
     r"burrito|wrap|sub|fries|dessert|cake|coffee|smoothie|order|biryani|dal|daal|naan|dosa|"
     r"thali|paneer|korma|sambar|raita|kulfi|idli|\w+ (?:pizza|salad|sandwich|"
     r"burger|soup))|(?:piece|shard|bit|chunk) of (?:glass|plastic|metal|wire)|"
     r"(?:vegetarian|vegan|veg|veggie|meatless|halal|"
     r"kosher)\b[\s\S]{0,240}?\b(?:meat|bacon|chicken|pork|beef|ham|sausage|pepperoni|"
     r"salami|prosciutto|chorizo|anchov(?:y|ies)|shrimp|fish sauce|lard|gelatin)"
     r"(?<!instead of chicken)(?<!instead of meat)(?<!instead of mutton)(?<!instead of fish)"
     r"(?<!instead of my chicken)(?<!instead of my mutton)(?<!instead of our chicken)"
     r"(?<!instead of pork)(?<!instead of beef)(?<!instead of prawn)"
     # (offered instead, not served in it: "the crew offered me a chicken wrap instead")
     r"(?<!offered me a chicken)(?<!offered a chicken)(?<!offered us a chicken)"
     r"(?<!offered me chicken)(?<!offered chicken)|"
     r"(?:(?:spoon|ladle|plate)\b[^.!?\n]{0,30}?\b(?:had|with) egg\b|"
     r"(?<!offered me a )(?<!offered a )(?<!offered us a )(?<!offered me )"
     r"(?:meat|bacon|chicken|pork|beef|ham|sausage|pepperoni|salami))\b[^!?\n]{0,80}?"
     r"\b(?:i'?m|i am|we'?re|we are|he'?s|she'?s|he is|she is|who is|who are|(?:mother|"
     r"mom|mum|father|dad|wife|husband|son|daughter|friend|guest|parents|family) (?:is|are)) "
     r"(?:a )?(?:strict |pure )?(?:vegetarian|vegan)|"  # ("for my mother who is pure veg...")
     # a plastic piece in the food; a seat soaked in vomit; a medical kit that failed
     r"(?:plastic|glass|metal|wire) (?:piece|pieces|shard|shards|bits?)\b|"
     + SOILED_SEAT + r"|" + MEDICAL_KIT + r"|" + DRUNK_STAFF + r"|" +
     # meat or fish gone off ("Chicken was smelling bad, like stale", "the fish smelled off")
     GONE_OFF + r"|" +
     # shouted at for fetching medicine ("shouted at me ... to get my medicine ... I am diabetic")
     SHOUTED_FOR_MEDICINE + r"|" + WELFARE + r")\b"),
    ("privacy", "privacy or security",
     r"\b(?:spy(?:ing)?|spies|listening (?:to|in on) (?:us|me|my|our)|recording (?:us|me|our|"
     r"my|everything)|(?:is it|is this|it'?s|it is) (?:always |secretly )?(?:recording|listening)|"
     r"(?:someone|somebody|some ?one|anyone|anybody) (?:else )?(?:is )?(?:able to |can |could )?"
     r"(?:access|control|hack)\w* (?:it|this|my|our|the) ?(?:\w+ )?remotely|"
     # someone listening in through the device ("Is someone able to hear us through it??")
     r"(?:someone|somebody|some ?one|anyone|anybody|people|strangers) (?:else )?(?:is |are )?"
     r"(?:able to |can |could |be )?(?:hear|listen|listening|watch|see)\w* (?:to |in on )?(?:us|"
     r"me|everything|what we say)\b[^.!?\n]{0,12}?\bthrough (?:it|this|the (?:speaker|device|"
     r"camera|app|mic))|"
     r"(?:someone|somebody|some ?one) (?:else )?(?:is )?(?:controlling|using|accessing) (?:it|my|"
     r"our|the)|"
     # asked outright ("Is someone listening?", "is the mic always on?")
     r"(?:is|are) (?:someone|somebody|anyone|anybody|you|you guys|they|it|this|the (?:speaker|"
     r"device|mic|microphone)) (?:actually |really |secretly |still |always )?(?:listening|"
     r"recording|watching)\b|is the (?:mic|microphone) (?:always |secretly )?(?:on|listening|"
     r"recording)\b|(?:mic|microphone)(?: light)? (?:stays|is|was|remains|keeps) (?:on|lit)\b"
     r"[^.!?\n]{0,20}\b(?:muted|off)|"
     # recordings the customer found of talk never meant for it
     r"(?:found|saw|noticed|there (?:are|were)) (?:voice )?recordings\b[^.!?\n]{0,60}?\b(?:never|"
     r"conversations|private|without)|"
     # data shown to someone else ("shared my Spotify listening with another account ... who
     # else can see my data?")
     r"who (?:else )?(?:can|could) see (?:my|our) (?:data|history|listening|activity|recordings|"
     r"searches)|shared (?:my|our) (?:\w+ )?(?:listening|history|activity|data|recordings)\b"
     r"[^.!?\n]{0,20}\bwith|"
     # recordings kept without the customer's say ("keeps voice recordings in my account ...
     # I never agreed to that. How do I delete them?")
     + KEPT_RECORDINGS + r"|delete (?:my |the |all )?"
     r"(?:voice )?(?:recordings|voice history|voice data)|"
     # data sent or kept against the customer's wishes ("sends usage data to third parties
     # even with 'share data' turned off", "I want ... my data deleted", GDPR)
     + DATA_SENT + r"|(?:data|information|recordings?)\b[^.!?\n]{0,40}\b(?:to|with) third "
     r"parties|" + DELETE_DATA + r"|gdpr|"
     r"(?:recording|listening) all the time|(?<!\bno )(?<!\bany )(?<!\blittle )(?<!\bsome )"
     r"privacy(?! (?:at all|for (?:a|our|the|my) (?:party|group|family|function|event|"
     r"celebration|dinner)))|"  # ("no privacy at all" in a hall: where they sat)
     r"personal (?:data|information|info|details)|"
     # the customer's details passed around ("posted my boarding pass photo with my full name
     # in a staff group chat", "why does your staff have my data in WhatsApp?")
     + DETAILS_SHARED + r"|"
     r"ha(?:s|ve|d) my (?:data|details|information|number|photo|passport)(?: \w+){0,3}? (?:in|on) "
     r"(?:whatsapp|a group|facebook|instagram|telegram|their phone)|"
     # a microphone or camera on when it should not be ("was recording and storing clips even
     # when I hadn't said the wake word")
     r"recording\b[^.!?\n]{0,50}\b(?:even when|even though|without (?:me|us|the wake word|"
     r"asking|permission|consent)|when (?:i|we) (?:had ?n['\u2019]?t|did ?n['\u2019]?t|had not|"
     r"did not)|when (?:nobody|no one|noone) (?:said|spoke|was talking|had said))|"
     # a recording the customer never started, and what is done with it ("it had recorded
     # 'clips' I never triggered. What are you doing with those recordings?")
     r"recorded (?:['\u2018\u2019\"]?(?:clips|audio|conversations?|snippets|things|stuff)"
     r"['\u2018\u2019\"]?|us|me)\b[^.!?\n]{0,30}\b(?:i|we) (?:never|did ?n['\u2019]?t|did not|had "
     r"not|had ?n['\u2019]?t) (?:trigger|ask|say|said|start|made|make|activat)\w*|"
     r"what (?:are|do|did|will) you (?:doing|do|did|done|do) with (?:those|the|these|my|our|all "
     r"(?:the|my|our|those)) (?:voice )?(?:recordings|clips|audio|voice data|data)\b|"
     # clips the customer never made, and who heard them ("Found clips in my history I never
     # made ... I want to know who listened to them")
     r"who (?:listened|listens|has listened|can listen|could listen) to (?:them|it|those|the "
     r"(?:recordings|clips)|my (?:recordings|clips|voice))|(?:clips|recordings) in my "
     r"(?:history|account)\b[^.!?\n]{0,30}\b(?:never|didn'?t) (?:made|make|record\w*|say|said)|"
     r"(?:microphone|mic|camera)s? (?:is |was |are |were )?(?:ever |still |always |secretly )?"
     r"(?:recording|listening|on)\b(?= (?:when|while|even|with|after|at night|all))|"
     r"(?:mute|muted)\b[^.!?\n]{0,60}\b(?:still (?:responded|responds|answered|answers|heard|"
     r"hears|listening|recording|woke|wakes|lit up)|is on but)|(?:the )?mute (?:does ?n'?t|"
     r"did ?n'?t|doesn't|does not) work|"
     r"(?:recording|listening) (?:when|while|even when|even though) (?:the )?(?:mute|muted|it'?s "
     r"off|off|switched off)|"
     + PERMISSIONS + r"|" + CONSENT_FORCED + r"|"
     r"my (?:data|information) "
     r"(?:was|is|got|being)|(?:sold|shared|leaked) my (?:data|information|info|details|"
     r"personal|number|phone number|e-?mail|address|contacts|photos)|data (?:breach|leak)|"
     r"hack(?:ed|ers?)|"
     r"(?:leak(?:s|ed|ing)?|expos(?:es|ed|ing)|shows?|showed|showing) (?:other |other "
     r"people'?s? |other users'? |other customers'? |customers'? |users'? |people'?s? )"
     r"(?:personal |private )?(?:data|addresses|address|information|info|details|e-?mails?|"
     r"phone numbers?|orders?|card details|names)|"
     r"identity theft|stole my (?:identity|card|data)|unauthori[sz]ed (?:access|login)|"
     # a breach told to the customer, or someone else's data in their hands ("my info may have
     # been exposed in a 'security incident'", "someone else's account already logged in",
     # "reply from different customer with their documents attached")
     r"security incident|data incident|(?:info|information|data|details) (?:may have been|might "
     r"have been|was|were|has been|have been) (?:exposed|leaked|compromised|stolen)|"
     r"(?:someone|somebody) else'?s (?:account|details|data|documents|playlists|photos|"
     r"information|passport)|(?:another|different|other) customer'?s? (?:\w+ )?(?:with their "
     r"|their )?(?:documents|details|data|account|passport|information)|"
     # recordings nobody made ("the app history shows recordings from times when nobody ... spoke")
     r"(?:history|log|account|app) (?:shows?|showed|has|had) (?:\w+ )?recordings|recordings "
     r"(?:from|at) times when|"
     r"recordings\b[^.!?\n]{0,60}?\b(?:asleep|sleeping|nobody|no one)|(?:microphone|mic) light "
     r"(?:coming|came|comes|turning|turned|going|goes) on|phones? home\b|(?<!no )telemetry|"
    # an account taken over ("my account was updated with a new email address. I didn't
    # change anything"; "my points are gone")
    r"(?:someone|somebody|some ?one) (?:has )?(?:changed|took over|taken over|logged into|"
    r"accessed|got into|used) (?:my|our) (?:account|password|e-?mail|login|points|miles)|"
    r"account (?:was |has been |got )?(?:hacked|compromised|taken over|broken into)|"
    r"(?:i|we) (?:did ?n['\u2019]?t|did not|never) change (?:anything|it|a thing|my (?:e-?mail|"
    r"password|details))|"
    r"(?:points|miles|balance|credits?) (?:are|were|is|was|have|has) (?:\w+ )?(?:gone|"
    r"disappeared|vanished|been (?:stolen|taken|emptied|drained|redeemed))|"
     r"harvest(?:s|ed|ing)? (?:\w+ ){0,5}?(?:data|information|info|details)|"
     # an account or data the customer cannot get deleted is a data-rights matter
     r"(?:can'?t|cannot|can not|unable to|won'?t let (?:me|us)|no way to|impossible to|"
     r"can'?t (?:i|we)) "
     r"(?:delete|remove|close|erase) (?:my|our|the) (?:account|data|profile|information)|"
     r"camera in|tracking (?:me|us|my)|(?:share|sharing|shares|give|access to|tracks?) my "
     r"(?:location|contacts|microphone|camera|photos)|location (?:data|permission|access|"
     r"tracking))\b"),
    ("legal", "a legal threat",
     r"\b(?:lawyers?|attorneys?|solicitors?|law ?suits?|su(?:e|ing|ed) (?:you|them|the|this)|"
     r"legal action|small claims|court|class action|report(?:ed|ing)? (?:you|this|them) to|"
     r"better business bureau|\bbbb\b|ftc|attorney general|trading standards|ombudsman|"
     r"consumer protection|consumer (?:forum|court|commission)|health (?:department|inspector)|"
     r"eu ?261|ec ?261|uk ?261|"
     r"dot complaint|department of transportation|"
     r"passenger rights regulation|is (?:that|this|it) (?:even )?legal|gdpr|"
     r"data protection (?:authority|officer|commissioner|act|law)|information commissioner|"
     r"\bico\b|right to (?:be forgotten|erasure)|"
     # a theft reported to the police ("the padlock had been cut and my camera lens was gone
     # ... Police report filed"; "This is theft")
     r"police (?:report|complaint|case)|report(?:ed)? (?:it |this )?to the police|"
     r"fil(?:ed|ing) (?:an? )?(?:fir|police)|(?:this|that|it) is (?:theft|stealing)|"
     # a complaint to a regulator ("a complaint with the aviation authority", "I will file
     # complaint with food department"), and a practice called unlawful ("that's not legal")
     r"complain(?:t|ts|ing)? (?:with|to) (?:the )?(?:[\w-]+ ){0,2}?(?:authority|authorities|"
     r"department|regulator|commission|ministry|board)|aviation authority|civil aviation|"
     r"food (?:safety )?(?:department|authority|inspector)|fssai|"
     r"(?:that'?s|that is|this is|it'?s|it is|is) (?:not legal|illegal|unlawful)|illegally|"
     # the law cited against a practice ("As per government rule service charge is not
     # compulsory")
     r"(?:as per|according to|under|against) (?:the )?(?:government|govt|consumer) "
     r"(?:rules?|guidelines?|law|laws|regulations?|norms)|against the law)\b"),
    ("billing_dispute", "a refund or billing dispute",
     r"\b(?:refunds?|refunded|money back|reimburs\w*|charge ?backs?|dispute[ds]?|"
     r"charged (?:me |us )?(?:twice|double|again|extra|without|three times|(?:two|3|2|four|"
     r"multiple|several) times)|double[- ]charged|"
     r"charg(?:ed|ing) (?:my|our) (?:card|account) (?:twice|two times|double|three times)|"
     r"overcharg\w*|unauthori[sz]ed (?:charges?|payments?|transactions?)|"
     r"still (?:being )?(?:billed|charged)|billed (?:after|twice|again)|stole my money|"
     r"took my money|scam(?:med)?|" + COST_PUT_ON + r"|"
     # a cost the customer bore, to be paid back ("paid my own hotel €140. Want that back.")
     + PAID_OWN + r"|" + PAID_BACK + r"|"
    # an amount asked back ("Can I at least get the $30 back?", "I want my 40 dollars back")
    r"(?:my|the|our) (?:\$|£|€|₹|rs\.? ?)?\d[\d,.]*(?: ?(?:dollars|bucks|pounds|euros|"
    r"rupees|rs))? back|"
    # charged on after cancelling ("cancelled my subscription in January and you've charged
    # me $9.99 every month since")
    r"cancel\w*\b(?:[^.!?\n]|\.\d){0,80}\b(?:charg\w*|bill\w*|debit\w*)\b(?:[^.!?\n]|\.\d){0,40}"
    r"\b(?:every|each|since|still|again|anyway|monthly)|"
    # charged although cancelled ("charged for Premium after the trial even though I
    # cancelled it"); an amount wanted back ("That's 3 months of €4.99 I want back")
    r"charg\w*\b[^.!?\n]{0,80}?\b(?:even though|although|though|despite|after) (?:i |we )?"
    r"(?:had |'d |already )?cancel\w*|"
    r"(?:\$|£|€|₹|rs\.? ?)\d[\d,.]*[^.!?\n]{0,30}?\b(?:i|we) (?:want|need|expect)(?: it| that)? "
    r"back|"
    # the menu's price against the bill's ("Menu says paneer tikka 320, bill shows 380")
    r"(?:menu|menu card|website|app|online price)\w* (?:says?|said|shows?|showed)[^.!?\n]{0,40}?"
    r"\d[^.!?\n]{0,12}?\b(?:bill|receipt|invoice) (?:says?|said|shows?|showed|had|was|is|"
    r"came to)\b[^.!?\n]{0,20}?\d|"
    r"prices? (?:on|in) (?:the )?menu\b[^.!?\n]{0,40}?\b(?:bill|receipt)\b[^.!?\n]{0,20}?"
    r"\bdifferent|"
    # paid and asked to pay again ("after paying via UPI they said payment not received and
    # asked to pay again. Money was debited"); a fee asked back
    r"(?:asked|made|forced|told) (?:me |us )?to pay (?:again|twice|a second time)|"
    # a fee asked back and refused ("Asked for the shipping fee back and was told that's 'not
    # possible'")
    r"ask(?:ed)? for (?:the |my |our )?(?:[\w-]+ )?(?:fee|charge|money|payment|cost|shipping|"
    r"postage|deposit) back|"
    # charged for what nobody asked for ("charge for water bottle without asking")
    r"charg\w* (?:us |me )?for (?:the |a |an )?[\w ]{2,25}? (?:without (?:asking|telling|"
    r"ordering)|(?:which|that) (?:we|i) (?:never|didn'?t|did not) (?:ask|order)\w*)|"
    # a unit sold as new that had been used
    r"used (?:one|unit|item|speaker|device|product|phone|model)? ?as new|"
    r"(?:money|amount|payment) (?:was |got |has been )?(?:debited|deducted|taken) (?:twice|two "
    r"times|again|from my (?:account|card))|"
    r"(?:want|need|get|give me) (?:my |the |that |this |our )?(?:seat |bag |baggage |wifi |"
    r"change |booking |cancellation |upgrade |delivery |service )?(?:fee|charge|deposit|money|"
    r"payment|"
    r"euros|dollars|pounds) back|"
    # charged against what was promised ("menu says unlimited thali" but extra rotis charged;
    # "Bill was 2340 but they charged 2840")
    r"(?:menu|board|website|bill|receipt|price list) (?:says?|said|shows?|showed|was|is) "
    r"[^.!?\n]{1,40}?\bbut\b[^.!?\n]{0,40}?\bcharg\w*|charg\w* [^.!?\n]{0,30}?\bbut (?:the )?"
    r"(?:menu|board|website) (?:says?|said|shows?)|"
    # an advance or deposit paid for what was not delivered, and who will make it good
    r"(?:paid|gave|deposited) (?:the |a |full |the full )?(?:advance|deposit)\b[^\n]{0,120}?"
    r"\bwho (?:will|is going to|would) (?:compensate|pay|refund|return)|"
    # a cost the customer was put to, asked back ("Who will pay for my dry cleaning?")
    r"who (?:will|is going to|would|'?ll) (?:pay|cover|refund) (?:for )?(?:my|the|our) (?:dry "
    r"cleaning|cleaning|laundry|shirt|dress|repairs?|damage|taxi|hotel|medical bills?)\b|"
    # charged for more than was ordered ("Ordered two speakers, was charged for three"); a
    # fee to fix the business's own mistake; a service charge called compulsory, or taxed
    r"charged (?:me |us )?for (?:three|four|3|4|two|2)\b(?! (?:people|of us|guests|persons)\b)|"
    r"(?:refused|would ?n'?t|wouldn'?t|won'?t) (?:to )?(?:fix|change|correct) (?:it|my name|"
    r"the name|the typo|the booking)\b[^.!?\n]{0,30}?\bwithout (?:a |an )?(?:€|£|\$|rs\.? ?)?"
    r"\d*\s?(?:fee|charge)|"
    r"service charge\b[^.!?\n]{0,80}?\b(?:compulsory|mandatory|without asking|without telling|"
    r"not optional)|gst\b[^.!?\n]{0,40}?\bservice charge|"
    # charged for what was promised free ("the 'free' subwoofer. Got charged £99 ... anyway")
    r"charged\b[^.!?\n]{0,40}?\banyway\b|"
    # a bill padded with what nobody ordered
    r"\b(?:added|charged|billed|put)\b[^.!?\n]{0,40}?\b(?:we|i) (?:never|did ?n['\u2019]?t|did "
    r"not) (?:order(?:ed)?|ask(?:ed)? for|have|had|get|got|eat|ate)\b|"
    r"(?:items?|things?|drinks?|dishes?|mocktails?|cocktails?|beers?|starters?)[^.!?\n]{0,40}?"
    r"\b(?:we|i) (?:never|did ?n['\u2019]?t|did not) (?:order(?:ed)?|have|had|get|got)\b|"
    r"charged (?:me |us )?for (?:\w+ ){1,4}?(?:we|i) (?:never|did ?n['\u2019]?t|did not) "
    r"(?:order|have|get|eat|drink)|"
     # paid and not given what was paid for ("paid multiple times for pro, but it says the
     # version is still the free one")
     r"paid (?:\w+ ){0,3}?(?:twice|multiple times|several times|(?:two|three|\d+) times)"
     r"(?! (?:as|more|the price))|"
     r"(?:paid|payment went through|charged)[^.!?\n]{0,60}\b(?:still (?:the |on the |shows? "
     r"(?:the )?|says? (?:the )?)?free|never (?:got|received|unlocked|activated)|not "
     r"(?:unlocked|activated|upgraded)|(?:did ?n[o']?t|does ?n[o']?t|won'?t|wont|will not) "
     r"(?:activate|unlock|upgrade|let me use|give me)|can'?t use (?:it|plus|pro|premium|the)))\b"),
    ("bereavement", "bereavement",
     # ("it died", "the battery died after a week": a device, not a person)
     r"\b(?:passed away|(?<!\bit )(?<!\bthen )(?<!\bjust )(?<!\bbattery )(?<!\bphone )"
     r"(?<!\bhave )(?<!\bnearly )(?<!\balmost )(?<!\bve )"
     r"(?<!\bspeaker )(?<!\bspeakers )(?<!\bdevice )(?<!\bunit )(?<!\bcharger )(?<!\bremote )"
     r"(?<!\bscreen )(?<!\bapp )(?<!\bearbuds )(?<!\bheadphones )(?<!\bbulb )(?<!\bmotor )"
     r"(?<!\bmodel )(?<!\bsoundbar )(?<!\bproduct )(?<!\bthing )(?<!\bsubwoofer )"
     r"died(?! (?:on (?:me|us)|after|within|in (?:a|an|one|two|three|\d))\b)|"
     r"death (?:of|in)|funeral|bereave\w*|my late (?:husband|wife|"
     r"mother|father|mom|dad|son|daughter|partner)|lost my (?:husband|wife|mother|father|mom|"
     r"dad|son|daughter|baby|partner|brother|sister)(?!['\u2019]s)|in mourning|"
     r"memorial service)\b"),
    ("discrimination", "discrimination",
     r"\b(?:racis[mt]\w*|discriminat\w*|sexis[mt]\w*|homophob\w*|transphob\w*|bigot\w*|"
     r"because (?:i am|i'm|we are|we're|he is|she is) (?:black|white|asian|gay|muslim|jewish|"
     r"disabled|a woman|trans|old|indian|mexican)|racial(?:ly)? profil\w*|slurs?|"
     # mocked for how someone speaks, made to prove a disability
     r"because (?:her|his|my|our) english|(?:mocked|laughed at|made fun of) (?:her|his|my) "
     r"(?:accent|english)|repeated (?:her|his|my) words|prove (?:my|her|his) disability|"
     # who is not welcome ("minorities aren't welcome here")
     r"(?:minorities|people of colou?r|black people|brown people|immigrants|foreigners|gay "
     r"couples?)\b[^.!?\n]{0,20}\b(?:are ?n'?t|are not|were ?n'?t|were not|not) welcome|"
     r"(?:made|make) (?:us|me) feel unwelcome because|"
     r"(?:refused|denied) (?:service )?because (?:of )?(?:my|our) (?:race|religion|"
     r"disability|wheelchair|service dog|guide dog)|"
     r"(?:refused|denied|wouldn'?t|would not|did ?n'?t) (?:to )?(?:let|allow) (?:me|us|my \w+|"
     r"him|her|them) (?:to )?(?:board|in|enter|on|sit|fly|stay)[^.!?\n]{0,30}\bwith (?:a |my |"
     r"his |her |their )?(?:cane|wheelchair|walker|crutch(?:es)?|service (?:dog|animal)|guide "
     r"dog|oxygen|mobility)|" + REMARK_ON_PERSON + r")\b"),
    ("ongoing", "a disruption still going on",
     # a disruption the customer is in now, not one they remember: "still not worth what
     # I paid" and a "right now" in quoted dialogue are not; "still not working" is
     r"\b(?:(?<!would be )(?<!could be )(?<!will be )stranded|"  # (not "would be stranded
     # again", a sarcastic sign-off)
     r"stuck (?:at|in|on) (?:the |an? )?(?:airport|gate|plane|tarmac|station|"
     r"lobby|line|queue|hold|traffic|gridlock|customs|security|terminal|runway|bus|train|"
     r"[a-z]+ airport)|"
     r"(?:paid|ordered)(?: online)? (?:\d+|two|three) ?(?:hours?|hrs?|mins?|minutes) (?:back|ago)"
     r"\b[^\n]{0,60}?\b(?:no food|nothing|not (?:come|arrived|received)|no call)|"
     r"(?:boarding|departure|the gate|check-?in|bag drop|my flight) (?:closes|leaves|departs|"
     r"shuts|is) in \d+ ?(?:min|mins|minutes)\b|"
     r"still (?:waiting|stuck|down|on hold|without (?:power|water|heat|internet|wifi|service|"
     r"a (?:room|flight|refund|bag|car))|unable to|"
     r"(?:not|no|can't|cannot|haven't|hasn't) (?:been )?(?:working|fixed|resolved|received|"
     r"arrived|delivered|refunded|answered|heard|back|here|got|gotten|able|loading|"
     r"connecting|charging|shipped|word|response|reply|answer|refund|update|sign of|one|"
     r"power|water|heat|internet|wifi|service|signal|luggage|bag|cheque|check|money|payment|"
     r"email|call|delivery|package|parcel|order))|"
     r"(?:waiting|stuck|sitting|standing|on hold|stranded)[^.!?\n]{0,30}\b(?:right now|as we "
     r"speak)|currently (?:stuck|waiting|on hold|down|unable)|(?:is|are|been) down (?:for|"
     r"since|again)|(?:ongoing|current) outage|outage (?:in|at|since|for|again|today|right now|"
     r"still)|there(?:'s| is) an outage|"  # (not "stopped working after a power outage")
     r"hours? and counting|since (?:this morning|yesterday|last night)|"
     r"next flight in|(?<!\bsat )(?<!\bwaited )(?<!\bspent \w )(?<!\bkept us )(?<!\bheld us )"
     r"(?<!\bwere )(?<!\bwas )on the tarmac(?! for (?:\d+|an?|one|two|three|four) ?(?:hours?|"
     r"hrs?|h\b|mins?|minutes)[^.!?\n]{0,40}\b(?:before|until|then)\b)|"  # (not "sat on
     # the tarmac for 2 hours 40 min", told after)
     r"no one (?:is )?(?:answering|picking up)|"
     r"(?:no|without|lost) (?:signal|service|power|internet|wifi|wi-fi|connection|water|heat|hot "
     r"water|coverage)[^.!?\n]{0,40}\bsince (?:monday|tuesday|wednesday|thursday|friday|"
     r"saturday|sunday|yesterday|last \w+|this morning|\d))\b"),
)

# In a post written in the moment, these are the disruption itself ("stuck at JFK").
# "Right now" is the disruption only next to one ("at the gate right now and nobody is
# here"); "it's playing music right now" is not.
_NOW_MARK = (r"(?:\b(?:no|not|nobody|no one|never|still|stuck|delayed|cancell?ed|waiting|"
             r"hold)\b|n't)")
_LIVE_ONGOING = re.compile(
    r"\b(?:stuck (?:at|in|on)|(?:i am|i'm|we are|we're|sitting|standing) (?:at|in) the "
    r"(?:gate|airport|terminal|counter|desk|station|store|lobby)|still (?:not|no|can't|cannot|"
    r"haven't|"
    r"hasn't|unable|without|waiting)|(?:now|just) (?:cancell?ed|delayed)|no hotel|no voucher|"
    r"still (?:at|in) the (?:airport|gate|terminal|plane)|(?:we'?re|i'?m|we are|i am) still "
    r"(?:here|at|in|on)|(?:i'?m|we'?re|i am|we are) (?:now )?stuck (?:here|in|at)|"
    r"(?:been )?(?:sitting|waiting|stuck) (?:at|in) (?:the )?gate \w+ for|(?:we'?re|we are) "
    r"(?:now )?(?:going|heading|taxiing) back to the gate|just (?:said|announced) (?:we'?re|we "
    r"are|that we)|what is going on|what'?s going on|"
    # ("delayed 3 hours now": the delay still running)
    r"delayed (?:for )?(?:\d+|an?|one|two|three|four|five|six) ?(?:hours?|hrs?|h|minutes?|mins?) "
    r"(?:now|and counting|so far))\b|"
    + _NOW_MARK + r"[^.!?\n]{0,40}\b(?:right now|as we speak)\b|\b(?:right now|as we speak)\b"
    r"[^.!?\n]{0,40}" + _NOW_MARK)

_SARCASM = re.compile(
    r"\b(?:(?:thanks?|thank you|thx|thnx|thanx|ty|cheers) (?:a lot |so much )?for (?:nothing|"
    r"ruining|wasting|losing|breaking|damaging|smashing|moving (?:my|our)|changing (?:my|our)|"
    r"cancell?ing (?:my|our)|delaying (?:my|our)|bumping (?:me|us)|downgrading (?:me|us)|"
    r"making me|the (?:delay|wait|nothing|\d+ hours?(?: delay)?))|"
    # thanks for a thing that was bad ("thanks for the $12 sandwich that was still frozen")
    r"(?:thanks?|thank you) (?:a lot |so much )?for the [^.!?\n]{1,40}? (?:that|which) "
    r"(?:was|were|is|are) (?:still |completely |totally |all )?(?:frozen|cold|raw|stale|broken|"
    r"late|cancell?ed|missing|lost|dirty|burnt|soggy|expired|empty|wrong)\b|"
    # "... 200 people long. great start": a verdict after a failure
    r"(?:line|queue|wait|delay|lost|late|broke|ate|crash\w*|\d+ (?:people|hours|minutes))\b"
    r"[^\n]{0,120}\b(?:great|fantastic|wonderful|awesome|brilliant|lovely) start\W*$|"
    r"thanks a lot\b(?! for (?:the|your) (?:help|quick))|"
    # thanks for a thing in scare quotes ("thanks for the 'meal' ... One bag of pretzels")
    # a feature's name in scare quotes beside a failure ("your 'free' wifi works for exactly 4
    # minutes at a time", "the 'premium' speaker that can't hold a connection")
    r"(?:your|the|our|my|this|that) ['\"\u2018\u201c](?:free|premium|fast|priority|express|"
    r"unlimited|complimentary|high[- ]speed|smart|luxury|comfort|upgraded?)['\"\u2019\u201d] "
    r"[^.!?\n]{0,60}?(?:\b(?:not|never|only|exactly|broken|dead|failed|fails|drops?|dropped|"
    r"stopped)\b|n't\b)|"
    r"(?:thanks?|thank you|cheers) (?:a lot |so much )?for (?:the|my|our|that|this) "
    r"(?:[\w-]+ ){0,3}?['\"\u2018\u201c][\w -]{2,24}['\"\u2019\u201d]|"
    # ("thanks for the 500 bonus miles 'apology'", "cheers for the 'bonus' 500 miles")
    # praise that mocks what came before it ("Truly a 5 star experience", "great value, really")
    r"(?:truly|really|such|what) an? (?:5|five)[- ]star (?:experience|service|airline|restaurant)|"
    r"(?:great|fantastic|awesome|amazing|excellent|wonderful|superb|brilliant|lovely|stellar) "
    r"(?:value|service|job|experience|hospitality),? "
    r"(?:really|thanks|guys|lol)\W*$|"
    r"great job\b.{0,40}\b(?:not|never|again|lost|late|broke|cancell?\w*|charg\w*)|yeah,? right|"
    r"oh,? (?:great|wonderful|brilliant|perfect|lovely|fantastic|awesome|nice)|just great|"
    r"(?:love|loving) (?:how|that|it when) (?:the |your |my )?(?:[a-z]+ ){0,4}?[a-z]+\b[^\n]{0,80}?"
    r"\b(?:rolled (?:her|his|their) eyes|ignored|not my job|shrugged|laughed|lost|cancell?ed|"
    r"charged|broke|logs? (?:me|us) out|logged (?:me|us) out|crash\w*|freez\w*|fails?|failed)\b|"
    r"(?:5|five)[- ]star \w+\W+not\W*$|"
    r"truly innovative|how innovative|exactly what (?:nobody|no one|no-one) (?:asked|wanted)|"
    r"truly (?:a |an )?(?:premium|first[- ]class|world[- ]class|luxury|top[- ]notch|5[- ]star|"
    r"five[- ]star|outstanding|amazing|great) (?:experience|service|airline|product|hospitality)|"
    r"(?:love|loving) (?:paying|being charged|getting charged)\b|can'?t wait to never\b|"
    r"(?:thank you|thanks) for charging (?:me|us)\b|(?:love|loving) (?:that|how) (?:your|the) "
    r"['\"\u2018\u201c]|"

    r"so much for|love (?:how|that|it when) (?:the |my |your )?\w+\b.{0,60}\b(?:worked for "
    r"(?:exactly|only|about|just) |lasted (?:exactly|only|about|just) )|truly the future of|"
    r"love (?:how|that|it when) (?:you|your|i|we|my|it)\b.{0,60}\b(?:not|never|"
    r"no|can't|won't|again|lost|late|cancel|wait|delay|broke|charg)|(?:wow|gee),? thanks|"
    r"(?:brilliant|fantastic|wonderful|awesome|perfect|great|lovely|nice),? (?:just |yet )?"
    r"(?:another|now|more) (?:delay|cancel|hour|error|crash|outage|wait|bug|charge|fee|update|"
    r"price rise|price increase)|"
    # a shrug repeated ("cool cool cool"), a rating of a disaster ("10/10 experience would be
    # stranded again")
    r"\bcool,? cool,? cool\b|"
    # an upside-down smile; "Really family friendly airline you are."; "wow, €45 to pick a
    # seat"; "Totally manageable. Not like I have a job or anything."
    r"\breally [a-z-]+(?: [a-z-]+)? (?:airline|company|service|app|place|"
    r"restaurant|business|brand) you are\b|\bwow,? (?:[£$€₹]|rs\.? ?)\d|"
    r"\bnot like (?:i|we) (?:have|had|need|needed|care|cared)\b[^.!?\n]{0,30}\bor anything\b|"
    r"(?:^|[.!?]\s+)(?:totally|very|so|really) (?:manageable|convenient|reasonable|professional|"
    r"helpful)[.!]|"
    # "lol 'on time performance' my foot", "thanks for charging my card twice"
    r"['\"\u2019\u201d] my foot\b|(?:thanks?|thank you) for charging (?:my|our) (?:card|account)|"
    # applause for a failure ("45 minutes for two rotis 👏👏")
    r"\b(?:\d+|an?) (?:minutes?|mins?|hours?|hrs?)\b[^\n]{0,80}(?:\U0001f44f|\U0001f644){1,}|"
    # praise taken back in brackets ("Will definitely come again (not)"), and "only" an hour
    # or more ("took only 1 hour 15 min for 2 rotis")
    r"[a-z]+!? \(not\)|\b(?:took|waited|wait of|waiting) (?:only|just) (?:\d+|an?|one|two|three) "
    r"(?:hours?|hrs?)\b|"
    r"\b(?:10/10|ten out of ten|5/5|five stars?)\b[^.!?\n]{0,30}\bwould (?:\w+ ){0,2}?"
    r"(?:be stranded|get stranded|be delayed|get delayed|lose|get lost|be lost|wait|be bumped|"
    r"get bumped|be cancell?ed)\b|"
    # what nobody loves: "love spending my birthday at O'Hare", "love being on hold"
    r"(?:love|loving|enjoy|enjoying) (?:spending|being stuck|sitting|waiting|standing|being on "
    r"hold|being (?:charged|ignored|lied to))\b.{0,40}\b(?:airport|gate|tarmac|hold|line|"
    r"queue|terminal|lobby|o'hare|jfk|lax|delay|hours?|again))", _I)

ASKS: tuple[tuple[str, str], ...] = (
    ("refund", r"\b(?:refund|money back|reimburs\w*|pay (?:me )?back|compensat\w*|"
               + PAID_OWN + r"|" + PAID_BACK + r"|"
               r"(?:fee|charge|deposit|shipping|postage|cost) back|(?:my|the|our) (?:\$|£|€|₹|"
               r"rs\.? ?)?\d[\d,.]*(?: ?(?:dollars|bucks|pounds|euros|rupees|rs))? back)"),
    ("replacement", r"\b(?:replace(?:ment)?|send (?:me )?(?:a )?new|exchange (?:it|this|them))\b"),
    ("callback", r"\b(?:call me|call (?:me )?back|contact me|reach out to me|get back to me|"
                 r"email me|dm me|message me|respond to (?:me|my)|please (?:respond|reply))\b"),
    ("fix", r"\b(?:please fix|fix (?:this|it|the)|need(?:s)? (?:a|to be) fix\w*|bring back|"
            r"add (?:an? |the )?(?:option|feature|way)|please (?:add|update|change|make))\b"),
    ("cancellation", r"\b(?:cancel (?:my|the) (?:account|subscription|order|booking)|"
                     r"unsubscribe|delete my (?:account|data))\b"),
    ("rebooking", r"\b(?:rebook\w*|next (?:available )?flight|get (?:me|us) (?:home|on)|"
                  r"(?:anything|nothing) sooner|(?:an )?earlier flight|sooner flight|partner "
                  r"airline|"
                  r"stuck (?:here |in \w+ |at \w+ )?(?:until|till|overnight))\b"),
    # (a voucher asked for, not one complained about: "thanks for the $10 voucher")
    ("voucher", r"\b(?:need|want|get|give|offer|no|any|without|ca ?n'?t get|cannot get|promised|"
                r"did ?n'?t get|never got|where'?s|where is) (?:\w+ ){0,2}?(?:voucher|meal "
                r"credit|hotel(?: room)?|room for the night|place to stay)\b|"
                r"\bpay for (?:\w+ ){0,3}?(?:hotels?|nights?|accommodation|a room|rooms)\b"),
)
_QMARK = re.compile(r"\?+")
_HANDLES = re.compile(r"^(?:[@#][\w.]+[,:]?\s+)+")  # "@Bluejet why does ...?" asks "why"
_DIRECT = re.compile(r"^(?:why|how|when|where|what|who|which|can|could|will|would|is|are|am|do|"
                     r"does|did|has|have|should|any ?one|anybody)\b|\b(?:can|could|will|would) "
                     r"(?:you|someone|anyone)\b|"
                     r"\b(?:for what|what for)(?: exactly| really| then)?\W*$", _I)  # ("'Service
# fee' for what exactly?")
_RHETORICAL = re.compile(r"\b(?:wondering|ask yourself|you might|right\?$|how (?:do|can|should|"
                         r"shall) i (?:explain|put|say|describe)|what (?:can|else can|more "
                         r"can) i say|who in (?:their|his|her|your|the) right mind|who "
                         r"(?:cares|knows|wants|needs)|who (?:would|on earth|the hell)|"
                         r"is (?:any ?one|anybody|somebody|someone) (?:there|home|listening|"
                         r"out there|awake|(?:actually |even )?working|in charge|reading)|"
                         r"how is (?:that|this|it) (?:acceptable|ok|okay|fair|legal|possible)|"
                         r"how (?:does|do|can|could) (?:any ?one|anybody|"
                         r"people) |how is this (?:a|an|even|still|allowed|legal)|how "
                         r"(?:can|could|do) (?:you|they) (?:make|sell|call|charge|expect|"
                         r"justify|put)|what (?:happened|has happened) to (?:this|the) "
                         r"(?:place|app|company|brand|restaurant|shop|store))|"
                         # the customer's own exasperation, asked of nobody
                         r"^(?:did|do|was|am|have) (?:i|we) not\b|^(?:didn'?t|don'?t|wasn'?t|"
                         r"haven'?t) (?:i|we) (?:make|say|tell|ask|explain)|^am i (?:wrong|"
                         r"crazy|the only|missing)|^are you (?:kidding|serious|joking)|"
                         r"['\"\u2018\u2019\u201c\u201d]", _I)
# Compiled twice: case-sensitive, to read the lower-cased text (three times faster than
# IGNORECASE), and case-blind for the rare text whose lower-casing changes its length.
_COMPILED = tuple((k, reason, re.compile(p)) for k, reason, p in FLAGS)
_COMPILED_I = tuple(re.compile(p, _I) for _, _, p in FLAGS)
_ASKS = tuple((k, re.compile(p)) for k, p in ASKS)
_ASKS_I = tuple(re.compile(p, _I) for _, p in ASKS)
_SARCASM_LOWER = re.compile(_SARCASM.pattern)
_SARCASM_GATE = GateSet([necessary(_SARCASM_LOWER)])  # "thanks for nothing", "oh, great", ...
_FLAG_GATES = GateSet([necessary(p) for _, _, p in _COMPILED])
_ASK_GATES = GateSet([necessary(p) for _, p in _ASKS])
GATES = (_FLAG_GATES, _SARCASM_GATE, _ASK_GATES)  # what the `gates` arguments answer
# Each flag's pattern is one long alternation (161 alternatives for safety): searched whole,
# every alternative is tried at every word boundary of the text (~100 us a text for safety
# alone). Searched as its alternatives, each only near its own literals, the leftmost match
# starts at the same place, which is all a flag reads of it (the clause it is in).
# Built on the first text read (the fork server's warm-up, before it forks the workers), not
# on import: a process that imports the triage and never reads a text (the collecting
# process, a CLI command) does not compile the ~300 alternatives.


@lru_cache(maxsize=1)
def _flag_first() -> tuple[FirstOf, ...]:
    return tuple(FirstOf(p) for _, _, p in _COMPILED)


@lru_cache(maxsize=1)
def _sarcasm_first() -> FirstOf:
    return FirstOf(_SARCASM_LOWER)
_ASK_REACH = [reach(p) for _, p in _ASKS]
# Platforms and companies whose failures a business often hears about but does not own.
PLATFORMS = ("amazon", "doordash", "uber eats", "ubereats", "grubhub", "deliveroo", "swiggy",
             "zomato", "foodpanda", "talabat", "careem", "wolt", "glovo", "rappi", "menulog",
             "skipthedishes", "skip the dishes", "seamless", "caviar", "dunzo", "blinkit",
             "just eat", "postmates", "instacart", "expedia", "booking.com", "airbnb",
             "hotels.com", "priceline", "paypal", "klarna", "fedex", "ups", "usps", "dhl",
             "royal mail", "opentable", "resy", "ticketmaster")
# Names that are also plain words ("pop ups", "check-ups"): a company only in capitals
WRITTEN_IN_CAPITALS = frozenset({"ups", "dhl", "usps"})
# ... and names that are plain phrases ("he said why you want to know, just eat"; "a
# seamless setup"): a company only when capitalised
WRITTEN_CAPITALISED = frozenset({"just eat", "seamless", "caviar", "skip the dishes"})


@dataclass(frozen=True)
class Flag:
    flag: str
    reason: str
    clause: str

    def as_dict(self) -> dict[str, str]:
        return {"flag": self.flag, "reason": self.reason, "clause": self.clause}


def _clause_at(spans: list[Any], starts: list[int], position: int) -> str:
    i = max(0, bisect_right(starts, position) - 1)
    return spans[i].text if spans else ""


def flags_in(text: str, spans: list[Any], lowered: str | None = None,
             live: bool = False, gates: list[dict[int, Any]] | None = None) -> list[Flag]:
    """The routing flags a text raises, one per kind, each with the clause it is in.

    Each pattern reads the whole text once (not once per clause), and not at all when none
    of its necessary words is there; the clause is found by position. `live` says the text
    is a post written in the moment (a mention), not a review written afterwards: there
    "stuck at JFK" or "still no reply" is a disruption going on now. `gates` is what `GATES`
    open in the lower-cased text, when the caller found it already (`gate.GateUnion`)."""
    starts = [s.start for s in spans]
    lowered = text.lower() if lowered is None else lowered
    same = len(lowered) == len(text)  # positions in the lower-cased text are the text's
    found: list[Flag] = []
    opened = gates[0] if gates else _FLAG_GATES.open_at(lowered)
    first = _flag_first()
    for k, (kind, reason, _) in enumerate(_COMPILED):
        if k not in opened:
            continue
        if same:
            at = first[k].start(lowered)
        else:
            m = _COMPILED_I[k].search(text)
            at = m.start() if m else None
        if at is not None:
            found.append(Flag(kind, reason, _clause_at(spans, starts, at)))
    if live and not any(f.flag == "ongoing" for f in found):
        m = _LIVE_ONGOING.search(lowered if same else text.lower())
        if m:
            found.append(Flag("ongoing", "a disruption still going on",
                              _clause_at(spans, starts, m.start())))
    if any(f.flag == "ongoing" for f in found) and _OVER.search(lowered) and not \
            _STILL_NOW.search(lowered):
        found = [f for f in found if f.flag != "ongoing"]  # "the crew on BJ88 last night":
        # told the morning after, with nothing still going on
    return found


_OVER = re.compile(r"\b(?:last (?:night|week|month|weekend|year|time)|yesterday|the other day|"
                   r"earlier this week|on (?:monday|tuesday|wednesday|thursday|friday|saturday|"
                   r"sunday)|" + PAID_OWN + r"|"
                   r"(?:want|need) (?:that|it|the money|my money) back|"  # ("Stuck in Frankfurt
                   # overnight paid my own hotel €140. Want that back.": the night is over)
                   r"(?:we|i) (?:were|was) (?:waiting|sitting|stuck|sat|held)\b"
                   r"[^.!?\n]{0,40}\bon the (?:tarmac|runway))\b")  # ("We were waiting 2 hours
# on the tarmac": told after)
_STILL_NOW = re.compile(r"\b(?:still|now|right now|currently|as we speak|at the moment|yet to|"
                        r"hasn'?t|haven'?t|not yet)\b")


def sarcasm_in(text: str, spans: list[Any], lowered: str | None = None,
               gates: list[dict[int, Any]] | None = None) -> str | None:
    """The clause that reads as sarcasm ("thanks for nothing"), if any."""
    lowered = text.lower() if lowered is None else lowered
    if len(lowered) == len(text):  # searched only near its literals, and not at all without
        opened = gates[1] if gates else _SARCASM_GATE.open_at(lowered)
        first = _sarcasm_first()  # (built on the first text, whether it is open or not)
        at = first.start(lowered) if 0 in opened else None  # (its alternatives,
        # each near its own literals: the same leftmost start as the pattern read whole)
    else:
        m = _SARCASM.search(text)
        at = m.start() if m else None
    if at is None and "\U0001f643" in text and _FAILED_BEFORE.search(lowered):
        smile = text.index("\U0001f643")  # an upside-down smile beside a failure ("logs me
        m = _FAILED_BEFORE.search(lowered, max(0, smile - 300))  # out every time ... 🙃")
        at = m.start() if m else None
    if at is None and len(lowered) == len(text):  # (a sign-off is read in the last 80 characters)
        tail = len(lowered) - min(len(lowered), 80)
        m = _SIGN_OFF.search(lowered, tail)
        if m:  # the sentence before it tells a failure, with no kind word beside it
            before = lowered[max(0, m.start() - 300):m.start()].rstrip(" .!,")
            before = before[max(before.rfind(c) for c in ".!?\n") + 1:]
            if _FAILED_BEFORE.search(before) and not _KIND_BEFORE.search(before):
                at = m.start()
    if at is None and "love" in lowered:
        m = _LOVE_HOW.match(lowered)  # "love how the bag that fit last month is suddenly €45
        at = m.start(1) if m else None  # too big today"
    if at is None and "," in lowered[:40]:
        m = _GREAT_OPEN.match(lowered)  # "great, the app logged me out mid check-in"
        if m and (_FAILED_BEFORE.search(m.group(2)) or _WAITED.search(m.group(2))) and not \
                _KIND_BEFORE.search(m.group(2)) and not _THANKED_AFTER.search(m.group(2)):
            at = m.start(1)
    if at is None and "only" in lowered[:80]:  # "Wonderful service!! Waited only 50 minutes
        m = _DELIGHT_THEN_ONLY.match(lowered)   # for a dosa which came cold"
        at = m.start(1) if m else None
    if at is None and text.rstrip().rstrip(".!").endswith("NOT"):
        m = _NOT_SIGN_OFF.search(text)  # "Very great experience, will definitely come back...
        at = m.start(1) if m else None  # NOT."
    return _clause_at(spans, [s.start for s in spans], at) if at is not None else None


# Delight exclaimed, then a wait called short ("Wonderful service!! Waited only 50 minutes");
# praise taken back by a shouted "NOT" at the end ("will definitely come back... NOT.")
_DELIGHT_THEN_ONLY = re.compile(r"\W*(?:@[\w.]+\W+)*((?:wow,? |oh,? )?(?:what (?:a |an )?)?"
                                r"(?:great|wonderful|fantastic|amazing|excellent|superb|lovely|"
                                r"brilliant|awesome|fast|quick|speedy)(?: \w+)?!+)\s*(?:we |i )?"
                                r"(?:waited|waiting|it took|took|only took) (?:only|just) "
                                r"(?:\d|an? |one |two |three )")
_NOT_SIGN_OFF = re.compile(r"([^.!?\n]{3,80}?)(?:\.{2,}|!+|,|\s-+)?\s*NOT[.!]*\s*$")


# Mock delight opening a post about a failure ("love how the bag that fit in the sizer last
# month is suddenly €45 too big today"): read only at the start of the text
_LOVE_HOW = re.compile(r"\W*(?:@[\w.]+\W+)*((?:i |just |gotta |got to |don'?t you )?"
                       r"(?:love|loving) (?:how|that|it when) )[^.!?\n]{0,140}?\b(?:suddenly|"
                       r"too (?:big|small|heavy|late)|charg\w*|fee|fees|again|still|late|"
                       r"delay\w*|cancell?\w*|"
                       r"lost|broke\w*|never|no one|nobody|nothing|not|n't|every time|stuck|"
                       r"missing)")


# One word of delight, then a failure in the same sentence: "great, the app logged me out mid
# check-in", "perfect, another delay" (not "great, thanks for sorting it so fast")
_GREAT_OPEN = re.compile(r"\W*(?:@[\w.]+\W+)*((?:oh |well |just )?(?:wow,? )?(?:(?:what|such) "
                         r"(?:a |an )?)?"
                         r"(?:great|perfect|brilliant|wonderful|fantastic|awesome|lovely|amazing|"
                         r"super|excellent|nice)(?: (?:service|experience|job|start|evening))?,) "
                         r"(?!but\b|though\b|however\b)([^.!?\n]{8,160})")  # ("nice, but ...")
_WAITED = re.compile(r"\b(?:waited|waiting|only took|took (?:\d|an? (?:hour|half)|over|almost|"
                     r"nearly))")  # ("what a great service, we waited 30 minutes for water")
_THANKED_AFTER = re.compile(r"\b(?:thanks?|thank you|sorted|fixed|resolved|quick\w*|fast|"
                            r"helped|appreciate\w*|refunded)\b")


# Praise as the sign-off after a failure told before it ("... now I'm paying £55 to check in
# at the airport. Great system.", "... charged for the wrong dish. Superb service indeed")
_SIGN_OFF = re.compile(r"(?:(?<=[.!,] )|(?<=[.!,]))(?:wow,? |oh,? |just )?(?:(?:great|fantastic|"
                       r"brilliant|perfect|wonderful|awesome|amazing|excellent|superb|stellar|"
                       r"lovely|top) (?:system|service|job|work|airline|app|company|experience|"
                       r"stuff|support|customer service|planning|organi[sz]ation|communication)"
                       r"(?: indeed| guys| folks| team| as always)?|(?:lovely|brilliant|"
                       r"fantastic|perfect|wonderful|superb|marvellous|marvelous)|(?:love|loving) "
                       r"(?:that|this) for (?:me|us)|(?:fun|good) times)\W*$")
# ("... now says my seat is 'unavailable'. Love that for me.")
# (a bare "Lovely." after "ran out of everything except crisps": the failure before it)
_FAILED_BEFORE = re.compile(r"n't\b|\b(?:not|never|no|nobody|lost|late|cancell?ed|delayed|"
                            r"charged|paying|broke|broken|wrong|logged me out|stale|cold|rude|"
                            r"ran out|run out|out of|except|empty|missing|lost|stuck)\b")
_KIND_BEFORE = re.compile(r"\b(?:kind|friendly|good|great|nice|lovely|helpful|delicious|tasty|"
                          r"amazing|polite|excellent|fantastic|wonderful|best)\b")


# The customer dealt with the business itself, though a platform is named ("they said talk to
# Swiggy. But I ordered on your number only")
ORDERED_DIRECT = re.compile(r"\b(?:i|we) (?:ordered|booked|paid) (?:directly )?(?:on|from|through|"
                            r"via|with|at) (?:your|the restaurant'?s?|your own) (?:own )?(?:number|"
                            r"phone|website|site|app|counter)\b|\b(?:i|we) ordered directly\b",
                            re.I)


def other_company(text: str, competitors: tuple[str, ...] = (),
                  own_names: tuple[str, ...] = (), lowered: str | None = None) -> str | None:
    """A named competitor or platform the text is about, when it is not about the business."""
    pattern, names, automaton = _companies(tuple(competitors), tuple(own_names))
    if pattern is None:
        return None
    lowered = text.lower() if lowered is None else lowered
    # Every match starts where a name occurs: the pattern is tried only there, leftmost
    # first, which is the match pattern.search() finds (its lookbehind sees the text before).
    for start in sorted({last + 1 - size for last, size in automaton.iter(lowered)}):
        m = pattern.match(lowered, start)
        if m and (m.group(0) not in WRITTEN_IN_CAPITALS or len(lowered) != len(text) or
                  text[m.start():m.end()].isupper()) and (
                m.group(0) not in WRITTEN_CAPITALISED or len(lowered) != len(text) or
                text[m.start():m.start() + 1].isupper()):
            return names[m.group(0)]
    return None


@lru_cache(maxsize=64)
def _companies(competitors: tuple[str, ...], own: tuple[str, ...]
               ) -> tuple[re.Pattern[str] | None, dict[str, str], Any]:
    """One pattern for every other company's name, and an Aho-Corasick automaton over the
    names that says where the pattern can match."""
    import ahocorasick

    mine = {o.lower().strip() for o in own}
    names = {n.lower().strip(): n for n in (*competitors, *PLATFORMS)
             if n.strip() and n.lower().strip() not in mine}
    if not names:
        return None, {}, None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    automaton = ahocorasick.Automaton()
    for n in names:
        automaton.add_word(n, len(n))
    automaton.make_automaton()
    return re.compile(rf"(?<![\w@.])(?:{alternation})(?![\w])"), names, automaton


def asks_in(text: str, spans: list[Any], lowered: str | None = None,
            gates: list[dict[int, Any]] | None = None) -> list[dict[str, str]]:
    """What the customer asks for (a refund, a callback, a fix, ...), with the clause."""
    starts = [s.start for s in spans]
    lowered = text.lower() if lowered is None else lowered
    same = len(lowered) == len(text)
    found = []
    opened = gates[2] if gates else _ASK_GATES.open_at(lowered)
    for k, (kind, pattern) in enumerate(_ASKS):
        if k not in opened:
            continue
        m = next(finditer_near(pattern, lowered, opened[k], _ASK_REACH[k]), None) if same \
            else _ASKS_I[k].search(text)
        if m:
            found.append((m.start(), {"ask": kind, "clause": _clause_at(spans, starts,
                                                                         m.start())}))
    return [a for _, a in sorted(found, key=lambda pair: pair[0])]


_ASKED_AFTER = re.compile(r"^[^?]{0,80}?,\s*(?:also|and|but|so)\s+(?=(?:is there|can (?:i|we|you)|"
                          r"could (?:i|we|you)|how (?:do|can) (?:i|we)|will (?:i|you))\b)", _I)


def questions_in(text: str, limit: int = 3) -> list[str]:
    """Direct questions, verbatim (a sentence ending in '?', addressed to someone).

    Found from each '?' back to the sentence's start, so the work is linear in the text."""
    out: list[str] = []
    text = text[:5_000]
    if "?" not in text:
        return out
    for m in _QMARK.finditer(text):
        end = m.end()
        start = max(text.rfind(ch, 0, m.start()) for ch in ".!?\n") + 1
        if end - start > 300 or end - start < 4:
            continue
        q = _HANDLES.sub("", " ".join(text[start:end].split()).lstrip(",;:-) "))
        tail = _ASKED_AFTER.search(q)
        if tail and not _DIRECT.search(q):  # ("Please roll back or fix, also is there a way
            q = q[tail.end():]              # to downgrade?")
        if _DIRECT.search(q) and not _RHETORICAL.search(q) and len(q.split()) >= 3 and \
                q not in out:
            out.append(q)
            if len(out) >= limit:
                break
    return out
