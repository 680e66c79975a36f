"""The complaint taxonomy: aspects, the cues that show them, and how much each weighs.

Customers often describe a service failure in words that carry no sentiment at all
("we waited 45 minutes", "I was charged twice"), so VADER's lexicon misses them. Each cue
below is a short regular expression over lower-cased text, tied to one aspect and a weight
in VADER valence units (the lexicon's "bad" is -2.5). Cues are written from how people
describe failures in any business, not from any one dataset.

Aspect            what it covers
wait_time         waiting, slow service, queues, delays
staff_attitude    rude, dismissive or absent staff
food_quality      cold, raw, bland, stale food and drink
cleanliness       dirt, stains, smells, pests
noise             noise, thin walls, no sleep
room_quality      broken or poor rooms and facilities (hotels, rentals)
price_value       overpriced, not worth it, waste of money
billing           wrong, double or hidden charges
refund            refunds refused or pending, returns
delivery          late, lost, missing or wrong orders
product_defect    broken, defective, stopped working
app_crash         crashes, freezes, won't open
app_bug           bugs, glitches, errors, lost data
app_login         cannot log in, locked out, codes that never come
app_performance   slow, laggy, battery drain
ads               intrusive advertising
subscription      subscriptions, paywalls, renewals, trials
support_unresponsive  nobody answers, no response, on hold
booking           lost or cancelled reservations, overbooking
privacy           personal data shared, sold or leaked; unwanted marketing
safety            unsafe, injuries, theft            (severe)
discrimination    racism, sexism, discrimination     (severe)
legal             lawyers, lawsuits, regulators      (severe)
food_poisoning    food poisoning, got sick           (severe)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reviewwatch.triage.gate import GateSet, finditer_near, necessary, reach

SEVERE = ("safety", "discrimination", "legal", "food_poisoning")
_NUM = (r"(?:\d+|an?|one|two|three|four|five|six|ten|twenty|thirty|forty|fifty|several|"
        r"many|over an?)")
_UNIT = r"(?:min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?)"

# (aspect, weight, pattern). A weight is what the cue adds to the negative side.
CUES: tuple[tuple[str, float, str], ...] = (
    ("wait_time", 2.0, rf"\b(?:wait(?:ed|ing)?|took|queued?|sat(?: there)?|held)\b(?: \w+){{0,3}}? "
                       rf"(?:for )?(?:almost |nearly |over |about |more than )?{_NUM}\+? {_UNIT}"),
    # a flight or order delayed by hours ("delayed 6h", "delayed by 4 hours")
    ("wait_time", 2.0, rf"\bdelayed (?:by |for )?(?:almost |nearly |over |about |more than )?"
                       rf"(?:{_NUM} {_UNIT}|\d+ ?(?:h|hrs?|hours?)\b)"),
    ("wait_time", 1.5, rf"\b{_NUM} {_UNIT} (?:wait|late|delay)|\b(?:it'?s|it has|has) been "
                       rf"(?:over |almost |nearly |more than )?{_NUM} {_UNIT}\b"),
    ("wait_time", 1.5, r"\b(?:line|queue) (?:is|was) (?:\d+|a hundred|fifty|forty|thirty) "
                       r"people\b|\b(?:long|endless|forever) (?:wait|line|queue)s?\b|"
                       r"\btook (?:forever|ages)\b"
                       r"|\bstill waiting\b|\bwaited (?:forever|ages)\b|\bslow(?:est)? service\b"),
    ("staff_attitude", 2.0, r"\b(?:rude|unfriendly|unhelpful|condescending|dismissive|arrogant|"
                            r"unprofessional|impolite|disrespectful)\b|\byelled at\b|"
                            r"\b(?:shut|slammed|closed) the (?:door|gate) (?:in (?:my|our) face|"
                            r"on (?:me|us))\b|"
                            r"\b(?:shouted|screamed|snapped|swore) at (?:me|us|my|our|him|her)\b|"
                            # at someone else in their care ("snapped at an elderly woman for
                            # asking for water twice. Humiliated her in front of the whole cabin")
                            r"\b(?:shouted|screamed|snapped|swore|yelled) at (?:an?|the|this) "
                            r"(?:elderly |old |older |young |disabled |pregnant )?(?:woman|man|"
                            r"lady|gentleman|passenger|guest|customer|couple|child|kid|girl|boy|"
                            r"mother|mum|mom|father|dad)\b|\bhumiliated (?:me|us|her|him|them|my|"
                            r"our)\b"),
    ("staff_attitude", 1.5, r"\b(?:no ?one|nobody) (?:came|checked|greeted|bothered|cared|"
                            r"showed up|turned up|helped|met (?:us|me|her|him|them))\b"
                            r"|\bignored (?:us|me)\b|\bbad attitude\b|\btreated (?:me |us |him |"
                            r"her |them )?like (?:garbage|dirt|trash|crap|a criminal|criminals|"
                            r"an idiot|idiots|a child|children|cattle|animals)\b|"
                            r"\b(?:no ?one|nobody) (?:at|"
                            r"behind|on) the (?:desk|counter|gate|check-in|front desk)\b|"
                            r"\bsingled (?:me |us |him |"
                            r"her |them )?out\b|\bpicked on\b|\btreated (?:me |us |him |her )?"
                            r"differently\b"
                            # what was done to the customer, then left ("spilled coffee on my
                            # laptop and just walked off")
                            r"|\b(?:spilled|spilt|dropped|threw|tossed) (?:\w+ ){0,2}(?:on|at) "
                            r"(?:me|my|us|our)\b|\b(?:just )?walked (?:off|away)\b"
                            # contempt shown or said ("rolled her eyes and said 'not my
                            # problem'", "laughed at us", "the agent just shrugged")
                            r"|\brolled (?:her|his|their) eyes\b|\bnot my (?:problem|job|"
                            r"department)\b|\blaughed at (?:me|us|my|our)\b|\b(?:staff|crew|"
                            r"agent|attendant|waiter|waitress|manager|she|he|they) (?:just |"
                            r"only )?shrugged\b"),
    ("food_quality", 1.5, r"\b(?:cold|lukewarm) (?:food|meal|fries|pizza|soup|coffee|burger|dish)"
                          r"|\b(?:undercooked|overcooked|under ?cooked|inedible|tasteless|stale|"
                          r"soggy|burnt|bland|flavou?rless|chewy|rubbery|watery|runny)\b|"
                          r"\bfood was cold\b|"
                          r"\b(?:hard |tough )?(?:like|as) (?:rubber|leather|a rock|stone|"
                          r"cardboard)\b|\b(?:too|very|extremely|so) (?:much )?(?:spicy|salty|"
                          r"oily|greasy|sour|bitter)\b(?! (?:but|and) (?:good|tasty|delicious))|"
                          r"\b(?:came|arrived|was served|were served|served) (?:out )?(?:cold|"
                          r"lukewarm|stone cold|raw|half[- ]cooked)\b"),
    # too sweet is sure, though VADER likes "sweet" and the "like" of a simile ("it was too
    # much sweet like dessert")
    ("food_quality", 2.0, r"\btoo (?:much )?sweet\b(?! (?:but|and) (?:good|tasty|delicious))"),
    ("cleanliness", 1.5, r"\b(?:dirty|filthy|unclean|grimy|stain(?:s|ed)?|mou?ldy?|"
                         r"cockroach(?:es)?|roach(?:es)?|bed ?bugs?|mice|rats|hairs? (?:in|on)|"
                         r"smell(?:s|ed|y)|stinks?|stank|musty|flies (?:everywhere|around|all "
                         r"over|on)|food stuck|sticky (?:table|tables|floor|menu|menus|tray|"
                         r"cutlery|plates?))\b"),
    ("noise", 1.2, r"\b(?:noisy|thin walls|could hear (?:every|people|the)|(?:too|so|way too) loud|"
                   r"(?:couldn'?t|could not|can'?t|did ?n'?t|unable to) sleep)\b"),
    ("room_quality", 1.2, r"\b(?:no hot water|broken (?:ac|air|tv|shower|toilet|lock|window|"
                          r"heater)|"
                          r"tiny room|uncomfortable bed|rock hard bed|"
                          r"(?:ac|air conditioning|heating|shower|toilet|wifi|wi-fi|elevator|lift) "
                          r"(?:did ?n'?t|did not|does ?n'?t|does not|was not|was n'?t|not) work)"),
    ("room_quality", 1.0, r"\b(?:dated|outdated|worn(?: out)?|shabby|run[- ]down|cramped|"
                          r"tired (?:room|decor|hotel|furniture)|needs? (?:updat|renovat|"
                          r"refurb)\w*|"
                          r"(?:paper|very|so) thin walls|no (?:view|air|ac|hot water|wifi))\b"),
    ("price_value", 1.5, r"\bfor (?:rs\.? ?|\u20b9|\$|\u00a3|\u20ac)?\d{2,5}(?: rupees| rs| bucks| "
                         r"dollars)? (?:is|was) (?:ridiculous|too much|crazy|insane|"
                         r"daylight robbery|a rip ?-?off|not worth it)|daylight robbery|"
                         r"\b(?:overpriced|over priced|rip ?-?off|(?:feel|felt|got|been|get) "
                         r"ripped off|ripped (?:me|us) off|waste of (?:money|"
                         r"time)|"
                         r"not worth (?:it|the (?!(?:long )?wait))|too (?:expensive|pricey)|"
                         r"price gouging|"
                         r"prices? (?:have |has )?(?:gone|went|go|gone way) up|raised (?:the |"
                         r"their )?prices|portions? (?:have |has )?(?:shrunk|gotten smaller|got "
                         r"smaller)|smaller portions|portions? (?:sizes? )?(?:is|are|was|were) "
                         r"(?:very |too |really |so |quite )?(?:small|less|tiny|stingy)|"
                         r"(?:very|too) less|less quantity|quantity (?:is|was) (?:very |too )?"
                         r"less)\b"),
    ("billing", 2.0, r"\b(?:still (?:being )?(?:billed|charged)|billed after|charged after|"
                     r"charged (?:me |us |my (?:card|account|credit card) )?(?:twice|double|"
                     r"again|extra|three times|3 times|two times|2 times|multiple times|"
                     r"several times)|double[- ]charged|"
                     r"overcharged|over charged|hidden (?:fees?|charges?)|unauthori[sz]ed charges?|"
                     r"wrong (?:bill|charge|amount)|billed (?:twice|again)|"
                     r"(?:hit|slapped|stung) (?:me |us )?with (?:an? )?(?:[£$€₹]|rs\.? ?)?\d)"
                     r"(?:\b|(?<=\d))"),
    # a sum charged for something, told as the complaint ("charged me €45 for a carry-on
    # that fit the sizer perfectly": "perfectly" is VADER's praise)
    ("billing", 1.5, r"\bcharged (?:me|us) (?:an? )?(?:[£$€₹]|rs\.? ?)\s?\d[\d,.]* (?:extra )?"
                     r"(?:for|to)\b(?![^.!?\n]{0,60}\b(?:only|fair|reasonable|worth it|no problem)"
                     r"\b)"),
    # a fee for a bag that met the rules ("carry-on fee of $65 at the gate for a bag that fit
    # in the sizer"), or a fee told by its sum and where it was taken
    ("billing", 1.5, r"\b(?:fee|charge|charged|paid|pay)\b[^.!?\n]{0,40}?\bfor (?:a|my|the|our) "
                     r"(?:bag|carry-?on|suitcase|backpack|case)\b[^.!?\n]{0,20}?\b(?:that |which )?"
                     r"(?:fit|fits|fitted) (?:in|into|under|your|the)\b|"
                     # money taken as a scheme ("is that a new policy or just a nice little
                     # earner?")
                     r"\b(?:nice little earner|cash grab|money grab|money-?making scheme)\b|"
                     r"\b(?:fee|charge) of (?:[£$€₹]|rs\.? ?)\s?\d[\d,.]* (?:at|for) "
                     r"(?:the |a |my )?(?:gate|airport|desk|counter|check-?in|bag|carry-?on)\b"),
    ("refund", 1.5, r"\b(?:(?:no|never|still no|refused|denied|waiting for (?:a|my|the)) refunds?|"
                    r"refunds? (?:was |were )?(?:refused|denied|never)|want(?:ed)? (?:a|my) refund|"
                    r"money back|returned (?:it|them|the)|chargeback)\b"),
    ("delivery", 2.0, r"\b(?:never (?:arrived|came|showed up|received|delivered)|"
                      r"(?:did ?n'?t|did not|has ?n'?t|has not) (?:arrive|come|been delivered)|"
                      r"arrived (?:with (?:a |an )?)?(?:late|damaged|broken|cold|cracked|dented|"
                      r"scratched|smashed|crushed|chipped)|came (?:with (?:a |an )?)?(?:cracked|"
                      r"dented|smashed|chipped)|late delivery|lost (?:package|"
                      r"parcel|order)|"
                      r"wrong (?:item|order|size|colou?r)|missing (?:items?|parts?|pieces?)|"
                      r"ordered (?:the |a )?\w+(?: one)?,? (?:and )?(?:got|received|was sent) "
                      r"(?:a |the )?(?!it\b|them\b)\w+)\b"),
    ("product_defect", 1.5, r"\b(?:stopped working|(?:does ?n'?t|does not|did ?n'?t|did not|"
                            r"wo ?n'?t|"
                            r"will not) work|not working|defective|faulty|fell apart|"
                            r"broke (?:after|"
                            r"within|in)|cheaply made|poor(?:ly)? (?:quality|made)|low quality|"
                            r"arrived broken)\b"),
    # A device or app that fails at its job, said without any sentiment word: "both quit
    # connecting to wifi", "keeps rebooting", "hardly came on", "won't pair".
    # what an update took away, and what drifts apart ("the latest firmware removed the
    # line-in option", "Two speakers now play out of sync", "can't hold a bluetooth connection")
    ("product_defect", 1.5, r"\b(?:(?:update|firmware|version|upgrade) (?:[\w.]+ )?(?:removed|"
                            r"took away|got rid of|killed|broke)|"
                            r"removed the (?:[\w-]+ ){1,2}(?:option|feature|setting|button|mode|"
                            r"input)|(?:play|plays|playing|are|is|went) "
                            r"out of sync|sync (?:is|was) off\b|"
                            r"off by (?:half a|a|\d+(?:\.\d+)?) (?:second|sec)s?\b|"
                            r"sounds? like an echo\b|"
                            r"(?:ca ?n'?t|cannot|won'?t|doesn'?t) (?:hold|keep|stay on|maintain) "
                            r"(?:a |the |its )?(?:bluetooth |wifi |wi-fi )?connection)\b"),
    ("product_defect", 1.5, r"\b(?:(?:quit|quits|stopped|stops|ceased) (?:working|connecting|"
                            r"charging|responding|pairing|syncing|turning on|holding)|"
                            r"keeps? (?:rebooting|restarting|disconnecting|dropping|freezing|"
                            r"turning off|shutting (?:off|down)|losing|buffering|cutting out|"
                            r"beeping|resetting|breaking|failing|unpairing)|"
                            # set up again and again ("forgets the wifi", "from scratch")
                            r"(?:forgets?|forgot(?:ten)?) (?:the |my |its |our )?(?:wifi|wi-fi|"
                            r"network|settings|"
                            r"password|pairing|connection|login)|set (?:it|them) up (?:again|from "
                            r"scratch)|(?:has )?happened (?:\d+|two|three|four|five|several|many) "
                            r"times|"
                            # what it does on its own ("volume jumps to max by itself")
                            r"(?:jumps?|turns?|switch(?:es)?|changes?|goes|went|starts?|shuts?|"
                            r"wakes?|comes?|came|turned|switched) (?:\w+ ){0,3}?(?:by itself|on "
                            r"its own)|(?:have|had|need) to (?:re-?pair|reset|reconnect|reboot|"
                            r"pair (?:it|them) again|set (?:it|them) up again)|(?:goes|went) "
                            r"silent|"
                            r"(?:wo ?n'?t|will not|does ?n'?t|does not|can'?t|cannot|could ?n'?t) "
                            r"(?:connect|charge|pair|turn on|power on|sync|hold a charge|stay "
                            r"connected|recogni[sz]e|hear me|understand me)|"
                            r"hardly (?:works?|worked|came on|ever works?|charges?|connects?)|"
                            r"drops? (?:off|out of) (?:the )?(?:wifi|wi-fi|network|connection|"
                            r"bluetooth)|(?:drops?|loses?|dropping|losing) (?:the |its |my )?"
                            r"(?:connection|signal|wifi|wi-fi|bluetooth)|randomly (?:starts|"
                            r"turns|plays|wakes|lights|goes|shuts|reboots|restarts|jumps|"
                            r"changes|drops|stops|disconnects|resets|start|turn|play|wake|light|"
                            r"go|shut|reboot|restart|jump|change|drop|stop|disconnect|reset|"
                            r"talks|talking|speaks|speaking|playing|beeping|lighting up)|"
                            r"(?:started|starts) (?:randomly )?(?:talking|speaking|playing|"
                            r"beeping) (?:at \d|in the middle of the night|randomly|on its own|"
                            r"by itself|for no reason)|"
                            # woke the household ("Woke my baby up twice this week", "woke up
                            # my baby")
                            r"(?:woke|wakes|waking|woken) (?:up )?(?:me|us|my \w+|the (?:baby|"
                            r"kids?|house|whole house))(?: up)?|"
                            r"stopped responding|stuck at|"
                            # a fault told with how often, or the cure the customer has to apply
                            # ("Constantly disconnects from wifi. Every morning I have to unplug
                            # it.")
                            r"(?:constantly|always|keeps?|randomly|often|frequently|regularly) "
                            r"(?:disconnects|drops|loses|crashes|freezes|reboots|restarts|resets|"
                            r"unpairs|cuts out)|disconnects from (?:the |my )?(?:wifi|wi-fi|"
                            r"network|router|bluetooth|app|phone)|(?:have|had|need) to (?:unplug|"
                            r"power cycle|factory reset) (?:it|them|the \w+)|"
                            # again and again on its own ("the EQ settings reset every time",
                            # "grouping drops out every hour", "stops after 20 mins")
                            r"(?:resets?|drops?(?: out)?|cuts? out|disconnects?|unpairs?|crashes) "
                            r"(?:every (?:time|day|hour|night|few)|each time|all the time|"
                            r"constantly|randomly|itself)|(?:stops?|stopped|cuts? out|drops? "
                            r"out|disconnects?) after (?:\d+|a few|few|two|five|ten|twenty) "
                            r"(?:secs?|seconds|mins?|minutes|hours?|hrs?)|"
                            r"(?:rebooting|restarting|shutting off|freezing) (?:randomly|in the "
                            r"middle)|(?:started|starts) (?:randomly )?(?:rebooting|restarting|"
                            r"crashing|freezing)|(?:playback |music |audio |it )?(?:skips|"
                            r"stutters|cuts out) (?:a lot|constantly|all the time|every)|"
                            r"mishears?|misunderst(?:ands|ood)|"
                            r"(?:started|starts|keeps) (?:crackling|"
                            r"buzzing|hissing|humming|clicking|popping)|crackles|buzzes|"
                            r"(?:wifi|wi-fi|internet|app|site|website|system|server|tv|"
                            r"screen|entertainment) (?:was|is|went|has been|were) "
                            r"(?:down|out|dead|not working)|"
                            r"(?:died|dead|failed|broke) (?:after|within) (?:a|an|one|two|three|"
                            r"\d+)|doa\b|dead on arrival|bricked|brick(?:s|ed)? (?:it|the|my))"),
    ("app_crash", 2.0, r"\b(?:crash(?:es|ed|ing)?|freez(?:es|ing)|froze|force clos(?:es|e)|"
                       r"(?:wo ?n'?t|will not|does ?n'?t|does not) (?:open|launch|start)|"
                       r"keeps closing|"
                       r"(?:black|white|blank) screen)\b"),
    ("app_bug", 1.5, r"\b(?:bugs?|buggy|glitch(?:es|y)?|error messages?|(?:wo ?n'?t|does ?n'?t|"
                     r"not) "
                     r"(?:load|sync)|sync(?:ing)? (?:issues?|problems?)|lost (?:my|all)(?: \w+)? "
                     r"(?:data|progress|history|streaks?|notes)|"
                     # what a user sees go missing: "my check-ins never show up on the phone"
                     r"never (?:shows?|showed) up|(?:do ?n'?t|does ?n'?t|never) (?:show up|appear|"
                     r"sync|save)|sync(?:ing|s)? (?:\w+ ){0,6}?(?:is|are|was) (?:slow|broken|"
                     r"unreliable|flaky|spotty)|"
                     # what a site or app says to a code that should work
                     r"(?:says|said|shows|showed|gives|gave|keeps saying) (?:an? |the )?"
                     r"(?:invalid|error|wrong|expired)\b|invalid (?:code|voucher|credit|promo|"
                     r"password|coupon))\b"),
    ("app_login", 2.0, r"\b(?:(?:ca ?n'?t|cannot|unable to|could ?n'?t) (?:log|sign) ?in|"
                       r"locked out|login (?:issues?|problems?|fails?)|log ?in (?:issues?|"
                       r"problems?|"
                       r"fails?)|verification code never|"
                       # made to log in again and again ("asks me to log in every time")
                       r"(?:asks?|makes?|forces?|have to|had to|need to) (?:me |you |us )?(?:to )?"
                       r"(?:log|sign) ?(?:back )?in (?:again|every (?:single )?time)|logs? (?:me|"
                       r"you|us) out (?:every|all the time|constantly|again)|keeps? (?:logging|"
                       r"signing|kicking) (?:me|us) out|keeps? asking (?:me )?for my password)\b"),
    ("app_performance", 1.0, r"\b(?:laggy|lags|so slow to load|takes forever to load|"
                             r"takes? (?:\d+|ages|forever) (?:seconds|secs|minutes|mins) to "
                             r"(?:find|load|connect|open|start|respond)|"
                             r"(?:drains?|draining) (?:my )?battery|battery drain)\b"),
    ("ads", 1.0, r"\b(?:too many ads|full of ads|ads every|pop[- ]?up ads|ads? after every)\b"),
    # ads shown in what the customer paid for ("The app shows ads now?? I paid $149")
    ("ads", 1.5, r"\b(?:shows?|showing|serves?|serving|pushes|pushing|now has|added|adding|"
                 r"started showing|remove(?: the)?|get rid of(?: the)?|no more) ads\b|"
                 r"\bads (?:in (?:the|my|a) (?:app|speaker)|on (?:a|the) (?:product|speaker|"
                 r"device) i (?:paid|bought))\b|^ads\.(?= in the app\b)"),
    ("subscription", 1.0, r"\b(?:(?:cancel+(?:ed|ing)?|cancel) (?:my |the )?subscription|"
                          r"auto[- ]?renew(?:ed|al)?|behind a paywall|forced to (?:pay|"
                          r"subscribe))\b"),
    ("support_unresponsive", 2.0, r"\b(?:(?:no ?one|nobody) (?:ever )?(?:answers|responds|"
                                  r"replies|gets back|answered|responded|replied|"
                                  r"got back|returned)|never (?:answered|responded|replied|"
                                  r"heard back|"
                                  r"got back|returned (?:my|our))|no (?:response|reply|answer) "
                                  r"(?:from|to)|ignored (?:my|our) (?:emails?|calls?|messages?|"
                                  r"tickets?)|"
                                  r"on hold for|hung up on (?:me|us)|"
                                  r"(?:support|customer service) (?:never|is useless|"
                                  r"was useless|ignores?)|(?:has ?n'?t|have ?n'?t|has not|have not|"
                                  r"still ha(?:s|ve)n'?t) (?:replied|responded|answered|got back|"
                                  r"gotten back|called back|emailed back)|"
                                  # chased again and again ("emailed customer care four times")
                                  r"(?:emailed|called|contacted|messaged|wrote to|chased) "
                                  r"(?:\w+ ){0,3}?(?:\d+|two|three|four|five|six|several|"
                                  r"multiple|many) times|(?:a )?different answer (?:every|each) "
                                  r"time|every time (?:i|we) (?:get|got) a different answer)\b"),
    ("privacy", 2.0, r"\b(?:privacy|(?:shared|sold|leaked) (?:my|our) (?:e-?mail|data|details|"
                     r"information|number)|marketing e-?mails?|spam(?:med)? (?:me|us))\b"),
    ("booking", 1.5, r"\b(?:lost (?:our|my) (?:reservation|booking)|overbooked|double[- ]booked|"
                     r"cancell?ed (?:our|my) (?:reservation|booking|order)|no record of (?:our|"
                     r"my))\b"),
    ("safety", 2.5, r"\b(?:unsafe|dangerous|fire hazard|injur(?:ed|y|ies)|assaulted|"
                    r"broke into|(?:was|were|got) stolen|theft|electrocuted|carbon monoxide)\b"),
    ("discrimination", 2.5, r"\b(?:racis[mt]|discriminat\w*|homophobic|transphobic|sexist|"
                            r"because (?:i am|i'?m|we are|we'?re) (?:black|gay|muslim|disabled|"
                            r"asian|jewish|trans))\b"),
    ("legal", 2.0, r"\b(?:lawyer|attorney|lawsuit|legal action|small claims|sue (?:you|them)|"
                   r"health (?:department|inspector)|better business bureau|trading standards|"
                   r"aviation authority|food (?:safety )?department|consumer (?:forum|court))\b"),
    ("food_poisoning", 3.0, r"\b(?:food poisoning|got sick|made (?:me|us|my \w+) sick|"
                            r"upset stomach|stomach (?:ache|upset|pain|cramps)|loose motions|"
                            r"(?:fell|felt|was) (?:very |so )?(?:ill|sick) (?:after|the next)|"
                            r"(?:(?<!like )(?<!of )vomit\w*|threw up|diarrh\w*)|"
                            r"sick after eating)\b"),
)

# Complaints with no aspect: they make an item negative without saying what went wrong.
GENERAL: tuple[tuple[float, str], ...] = (
    # an apology asked for ("I'd like an apology and his name noted", "you owe us an apology")
    (2.0, r"\b(?:(?:i'?d|i would|we'?d|we would) like an apology|(?:i|we) (?:want|expect|demand|"
          r"deserve) an apology|owe (?:me|us|my \w+) an apology|is this how you train)\b"),
    # a customer about to leave ("Thinking of switching to the train honestly"), and a failure
    # told as one of a series ("2nd time this month", "3rd delay this month")
    (2.0, r"\b(?:(?:thinking (?:of|about)|considering|about to|going to|ready to|time to|will be|"
          r"might (?:be )?|may (?:be )?) (?:switch(?:ing)?|chang(?:e|ing)|mov(?:e|ing) over) (?:to|"
          r"over to|airlines?|providers?|brands?|banks?)|switch(?:ing|ed)? to (?:another|a "
          r"different|a competitor|the train|other))\b"),
    (1.5, r"\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth) (?:time|delay|cancell?ation|"
          r"outage|crash|late delivery|wrong order) (?:this|in a|in one|in the same) (?:week|month|"
          r"year|row|trip)\b"),
    # an occasion missed through it ("I missed my sister's wedding rehearsal dinner")
    (2.0, r"\b(?:missed|miss|missing) (?:my|our|the) (?:(?:\w+(?:'s|\u2019s)) )?(?:own )?"
          r"(?:wedding|funeral|graduation|interview|job interview|exam|surgery|christening|"
          r"honeymoon)\b"),
    # a diversion, and compensation asked about ("diverted to Bristol at midnight ... Am I
    # entitled to compensation?")
    (1.5, r"\b(?:diverted to|got diverted|(?:am i|are we) (?:even )?entitled to (?:compensation|"
          r"a refund))\b"),
    (3.0, r"\b(?:never again|never (?:coming|going|be) back|wo ?n'?t be (?:back|returning)|"
          r"will not (?:be back|return)|not (?:coming|going) back|would ?n'?t recommend|"
          r"would not recommend|do not recommend|don'?t recommend|can'?t recommend|"
          r"stay away|steer clear|avoid (?:this|it|at all costs)|zero stars?|0 stars?)\b"),
    # Something of the customer's gone or taken away ("logged me out and now my boarding
    # pass is gone", "bumped again")
    # A change made to the customer without asking ("raised my price 30% with zero notice"),
    # and a customer who can't reach a person ("let me talk to a human")
    (1.5, r"\b(?:(?:with|without) (?:zero|no|any) (?:notice|warning)|without (?:asking|telling|"
          r"my (?:consent|permission))|(?:raised|increased|hiked|doubled) (?:my|the|our) "
          r"(?:price|prices|bill|rate|fee|plan)|price (?:hike|increase)|let me (?:talk|speak) to "
          r"(?:a|an) (?:human|person|agent|real person)|(?:talk|speak) to a (?:real )?(?:human|"
          r"person)|keeps? (?:looping|sending) me (?:back|in circles)|(?:going|goes|go) in "
          r"circles)\b"),
    # Upselling ("every other screen pushes me to upgrade to Plus", "too many upsells")
    (1.2, r"\b(?:push(?:es|ing)? (?:me|you|users|people) to (?:upgrade|pay|buy|subscribe)|"
          r"(?:tries|trying|try) to (?:sell|upsell) (?:me|us|you)|"
          r"upsell(?:s|ing)?|nag(?:s|ging)? (?:me|you) to (?:upgrade|pay|subscribe)|constant "
          r"(?:upgrade|subscription) (?:prompts|pop ?ups|reminders))\b"),
    # A change that made it worse ("Recent changes have significantly reduced usability")
    (1.2, r"\b(?:(?:reduced|worsened|degraded|ruined|hurt|killed) (?:the |its |my )?(?:usability|"
          r"reliability|quality|experience|performance|battery life)|regressions?|(?:made|"
          r"makes) (?:it|things|the app|everything) (?:worse|unusable)|worse (?:user )?"
          r"experience|a step backwards?|downgrade)\b"),
    (1.2, r"\b(?:logged (?:me|us) out|lost (?:my|our|all (?:my|our)) (?!mind\b|way\b|"
          r"temper\b|breath\b|heart\b)[a-z]+|(?:my|our) (?:\w+ ){0,2}(?:is|are|was|were) (?:gone|"
          r"missing|deleted|wiped)|bumped (?:again|off|from)|last time i (?:fly|order|use|buy|"
          r"shop|come|stay|eat))\b"),
    # What was promised for an occasion, not done, and where the table was ("nothing was
    # arranged", "the table was next to the washroom")
    (1.2, r"\b(?:nothing was (?:arranged|done|ready|prepared|set up)|(?:next to|beside|right "
          r"by|near) the (?:washrooms?|toilets?|restrooms?|bathrooms?|bins|trash))\b"),
    (1.2, r"\b(?:unacceptable|not impressed|nothing special|mediocre|not as (?:advertised|"
          r"described)|let ?down|not acceptable|worst|useless|pointless|a joke)\b"),
    # A condition the customer resents ("it's lame that you need a family plan to use two",
    # "you have to pay just to ..."): no lexicon word, plainly a complaint.
    (1.2, r"\b(?:(?:it'?s|it is|that'?s|that is|is) (?:lame|ridiculous|absurd|silly|stupid|"
          r"annoying|a shame|unfair) (?:that|how)|(?:you|i|we) (?:have|need|had) to (?:pay|buy|"
          r"subscribe)(?: extra| more| again)? (?:just )?to|forced (?:me |us )?to (?:pay|buy|"
          r"subscribe|upgrade)|how is (?:that|this|it) (?:acceptable|ok|okay|fair|allowed|legal)"
          r"|is this (?:acceptable|a joke))\b"),
    (0.8, r"\b(?:complain(?:ed|t|ts)?|problems?|issues?|manager)\b"),
    # A verdict said as a hashtag ("#neveragain", "#bluejetfail") or a failure that repeats
    # ("Late Flight again. Every. Single. Time.")
    (2.0, r"#(?:never ?again|\w*fail\w*|worst\w*|disappointed|frustrated|unacceptable|"
          r"ripoff|scam\w*|boycott\w*|do ?better)\b|\b(?:late|delayed|cancell?ed|canceled|"
          r"broken|down)(?: flight)? again\b|\bevery\.? single\.? time\b"),
    # Asked for, then not given ("requested an aisle seat weeks ago. got a middle seat anyway")
    (1.5, r"\bgot (?:a |an |the )?[a-z ]{1,20}? anyway\b|\b(?:requested|asked for|reserved|"
          r"pre-?booked) (?:a |an |the )?[a-z -]{1,25}? (?:weeks?|days?|months?) (?:ago|before|in "
          r"advance)\b"),
    # Made to do what the customer should not have had to ("still made us take a later
    # flight", "made me pay again")
    (1.2, r"\b(?:still |then )?made (?:us|me|my \w+) (?:take|wait|pay|move|leave|check|sit|"
          r"stand|go|rebook|change|buy)\b"),
    # Asked of the business, about what the customer is owed ("where is my bag??")
    (1.5, r"\bwhere(?:'s| is| are|s) (?:my|our) (?:bags?|luggage|suitcases?|refund|order|package|"
          r"parcel|money|stroller|car seat|wheelchair|delivery|replacement)\b"),
    # A bag still missing after days ("my suitcase has been 'located' for 6 days now",
    # "wearing borrowed clothes")
    (1.5, r"\b(?:suitcase|bag|luggage|baggage)\b[^.!?]{0,40}\bfor (?:\d+|two|three|four|five|six|"
          r"several) (?:days|weeks)\b|\b(?:wearing|borrowed|had to buy) (?:borrowed |new )?"
          r"clothes\b|\bbought clothes\b"),
    # A bag or its contents handed back broken ("came off the belt with the neck snapped
    # clean off")
    (1.5, r"\b(?:came off|arrived|came back|came out|got back)\b[^.!?]{0,40}\b(?:snapped|smashed|"
          r"broken|cracked|crushed|ripped|torn|dented|damaged|shattered)\b|\bsnapped (?:clean )?"
          r"(?:off|in half|in two)\b"),
    # A bag sent elsewhere and still not back ("my bag went to Oslo. I went to Rome. It's been
    # 4 days, tracker still says 'located'", "wearing the same jeans since Tuesday")
    (1.5, r"\b(?:bag|bags|luggage|suitcase|suitcases)\b (?:went|was sent|got sent|ended up|flew|"
          r"is) (?:to|in) [A-Za-z]+\b|\btracker (?:still )?says\b|\bwearing the same (?:clothes|"
          r"jeans|outfit|shirt|underwear)\b"),
    # Seated apart from the family ("we were split up, 10 rows apart")
    (1.5, r"\b(?:split up|separated from (?:my|our)|seated apart|rows apart|not (?:seated|sat) "
          r"together|couldn'?t sit together|could not sit together|\d+ rows (?:away|apart|behind|"
          r"in front)|(?:even though|although|when) we (?:had )?booked (?:seats )?together|"
          r"split (?:my|our|the) (?:family|kids|children|group) up|split up (?:my|our) (?:family|"
          r"kids|children)|in different rows|(?:booked|paid for) \w+ seats together\b[^.!?]{0,60}"
          r"\b(?:now|but|and)\b)\b"),
    # Paid for, then not given ("paid for priority boarding and they boarded everyone at once")
    (1.2, r"\bpaid (?:extra )?for [^.!?]{1,40}?(?:\b(?:and|but)|,) (?:they|it|we|nobody|no one|"
          r"still|never|didn'?t|did not)\b"),
    # Disorder ("the boarding at gate B12 was a total free-for-all": "free" is VADER's praise)
    (1.5, r"\b(?:free-for-all|free for all|chaotic|shambles|shambolic|mayhem|disorgani[sz]ed|"
          r"(?:total|complete|absolute|utter) (?:chaos|mess|circus|zoo))\b"),
    # A door closed on passengers who ran for it, a gate moved without a word, a fee a head to
    # rebook ("gate changed three times at Madrid without an announcement", "the door closed in
    # our faces", "Now you want €180 each to rebook")
    (1.5, r"\b(?:(?:door|gate) (?:was )?closed in (?:our|my|their) faces?|closed the (?:door|gate) "
          r"(?:on|in front of) (?:us|me)|gate (?:was )?changed (?:\w+ ){0,2}(?:times|again|twice|"
          r"once)\b[^.!?]{0,40}?\b(?:without|with no) (?:an? |any )?(?:announcement|notice|"
          r"notification|warning|telling)|gate (?:was )?closed (?:\d+|one|two|a) (?:minutes?|"
          r"mins?) before (?:i|we) (?:arrived|got there|reached)|(?:want|"
          r"charge|charging|charged|asked for) (?:us |me )?(?:[£$€₹]|rs\.? ?)\s?\d[\d,.]* (?:each|"
          r"per person|a head|per head) to (?:rebook|change|get on|fly))\b"),
    # "Love the speaker, hate the app": the hate is the complaint
    (1.5, r"\bhate (?:the|your|this|their|its) [a-z]+"),
    # Standards that slipped ("the quality has gone down very much")
    (1.2, r"\b(?:quality|standard|standards|taste|food|service) (?:has|have) (?:really |gone |"
          r"definitely )?(?:gone down|dropped|declined|deteriorated|gone downhill|slipped)\b"),
    # A charge asked about ("why does a carry-on ... cost me $75 at the gate?")
    (1.0, r"\bwhy (?:does|do|did|is|are|was|were) (?:a|an|the|my|this|that|our) [^?.!]{0,70}?\b"
          r"(?:cost|charge|charged|fee|pay)\b"),
    # Asked as if politely ("so is there a reason my 'priority boarding' meant boarding last?")
    (1.0, r"\bis there (?:a|any) (?:good )?reason (?:why )?(?:my|you|your|the|we|i)\b"),
    # A complaint put to the business as a question ("why does your website charge me $35
    # when the app said it was free?", "why do you keep cancelling this flight?")
    (1.0, r"\bwhy (?:does|do|did|is|are|was|were|would|won'?t|can'?t|doesn'?t|don'?t|didn'?t|"
          r"isn'?t|has|have|hasn'?t|haven'?t) (?:your|you)\b"),
    # Trying for a long time to get something done ("been trying to use my travel credit for
    # a month")
    (1.2, r"\b(?:been )?trying to (?:use|get|redeem|book|change|reach|contact|cancel|claim|"
          r"sort|fix|return)\b[^.!?]{0,40}? for (?:a|an|over a|\d+|two|three|four|several) "
          r"(?:days?|weeks?|months?)\b"),
    # Exasperation said as a question of its own ("$50 fee. Really?", "Seriously??")
    (1.0, r"(?:^|[.!?] )(?:really|seriously|are you (?:serious|kidding(?: me)?))\?+"),
    # The customer sends it back: the plainest verdict a shopper gives ("it's going back",
    # "had to return them", "sent it back the same day").
    (1.0, r"\b(?:return(?:ed|ing)? (?:it|them|this|these|the \w+)|sen(?:t|d|ding) (?:it|them|"
          r"this|these) back|(?:it'?s|is|are|they'?re|will be|be) going back|went back to the "
          r"store|had to (?:return|send)|will be returning|returning (?:it|them|this)|"
          r"looks? nothing like|looked nothing like|not as (?:pictured|shown)|unflattering|"
          r"not flattering)\b"),
    # Expectation gone wrong: people explain what should have happened.
    (1.0, r"\b(?:unfortunately|disappoint\w*|expected (?:more|better|much)|supposed to|"
          r"should have (?:been|had)|not what (?:we|i) (?:expected|paid)|instead of|"
          r"no apolog\w*|excuses?|apparently|even though|at least|refused to|"
          r"had to (?:ask|call|wait|go|move|change|complain))\b"),
    # Negative reviews narrate an exchange with staff ("told us", "asked for"); praise rarely
    # does. (Jurafsky et al., "Narrative framing of consumer sentiment", 2014.)
    (0.6, r"\b(?:told (?:us|me|them)|asked (?:for|to|if|them|him|her|the)|"
          r"said (?:that|they|it|we|no|there)|(?:we|i) (?:called|asked|explained))\b"),
)

# "<thing> was <bad>": a complaint about a named part of the business. The adjective counts
# when VADER's lexicon rates it negative, or it is one of these plain-but-damning words.
ASPECT_NOUNS = {
    "food_quality": "food|meal|dish|dishes|pizza|burger|steak|coffee|breakfast|dinner|lunch|"
                    "pasta|soup|fries|salad|chicken|fish|drinks?|tea|sandwich|bread|dessert",
    "staff_attitude": "service|staff|waiter|waitress|server|host|hostess|receptionist|"
                      "manager|employees?|front desk|desk clerk|driver|technician",
    "room_quality": "room|bed|bathroom|shower|pool|wifi|wi-fi|parking|view",
    "app_bug": "app|update|version|interface|ui|pop ?ups|popups|ads|prompts|notifications",
    "price_value": "price|prices|bill|value",
    "delivery": "delivery|order|package|parcel|shipping",
    "support_unresponsive": "support|customer service|help desk|helpdesk",
    "cleanliness": "toilets?|floors?|tables?|sheets|towels|carpet",
}
_PLAIN = ("cold slow dirty small tiny late wrong broken rude bland overpriced expensive noisy "
          "loud lukewarm raw stale filthy useless unresponsive unhelpful missing damaged "
          "scratchy itchy flimsy")
PLAIN_COMPLAINTS = frozenset(_PLAIN.split())
_INTENSIFIER = r"(?: (?:so|very|really|extremely|incredibly|pretty|quite|absolutely|just|too))?"
_PREDICATE = re.compile(
    r"\b(?P<noun>" + "|".join(ASPECT_NOUNS.values()) + r")s? (?:was|were|is|are|seemed|felt|"
    r"tasted|looked|came|arrived)(?: (?:delivered|served|brought|out))?" + _INTENSIFIER +
    r" (?P<adj>[a-z-]{1,40})")  # ("the pizza was delivered cold", "the food came out cold")
_NOUN_ASPECT = {noun: aspect for aspect, nouns in ASPECT_NOUNS.items()
                for noun in nouns.split("|")}

_NEGATOR = re.compile(r"\b(?:no|not|never|without|n'?t|zero|any)\b[^.!?]{0,12}$")


@dataclass(frozen=True)
class Cue:
    """One complaint found in a text."""

    aspect: str | None
    weight: float
    start: int
    end: int
    phrase: str


_COMPILED = [(aspect, weight, re.compile(p)) for aspect, weight, p in CUES]
_GENERAL = [(weight, re.compile(p)) for weight, p in GENERAL]
# Each pattern's necessary literals: a pattern none of whose literals is in the text is
# skipped (tests/test_understanding.py checks that the gates change no cue on real text).
_GATE_SET = GateSet([necessary(p) for _, _, p in _COMPILED] +
                    [necessary(p) for _, p in _GENERAL])
# How far from one of its literals a pattern's match can reach: only there is it searched.
_REACH = [reach(p) for _, _, p in _COMPILED] + [reach(p) for _, p in _GENERAL]
# "the room was dirty": every match has one of these verbs, and is searched only near one
_PREDICATE_GATE = GateSet([frozenset(f" {v} " for v in
                                     "was were is are seemed felt tasted looked came arrived"
                                     .split())])
_PREDICATE_REACH = reach(_PREDICATE)
_SELF_NEGATING = re.compile(r"^(?:no|never|nobody|not|ca|wo|do|does|did|is|has|could|unable)\b")


def _negated(text: str, start: int, phrase: str) -> bool:
    """'no problems', "wasn't dirty", 'never had an issue' - a cue that is denied."""
    if _SELF_NEGATING.match(phrase):
        return False
    window = text[max(0, start - 16):start]
    return bool(_NEGATOR.search(window))


PREDICATE_WEIGHT = 1.0


def _bad_word(word: str) -> bool:
    from reviewwatch.triage.vader import lexicons

    return word in PLAIN_COMPLAINTS or lexicons()[0].get(word, 0.0) <= -1.0


def _aspect_of(noun: str) -> str | None:
    for key, aspect in _NOUN_ASPECT.items():
        if re.fullmatch(key, noun):
            return aspect
    return None


GATES = (_GATE_SET, _PREDICATE_GATE)  # what find_cues' `opened` answers, in this order


def find_cues(text: str, gates: list[dict[int, Any]] | None = None) -> list[Cue]:
    """Every complaint cue in a lower-cased text, in order, negated ones left out.

    `gates` is what `GATES` open in this text when the caller found it already (one pass
    for several modules' gates, `gate.GateUnion`)."""
    found: list[Cue] = []
    taken = bytearray(len(text))  # characters already inside an aspect cue: linear checks

    def take(m: re.Match[str]) -> None:
        taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())

    opened, opened_verbs = gates or (_GATE_SET.open_at(text), _PREDICATE_GATE.open_at(text))
    # only the patterns whose gate is open, in the patterns' order (most texts open none)
    keys = sorted(opened) if len(opened) > 1 else list(opened)
    specific = len(_COMPILED)
    for k in keys:
        if k >= specific:
            break
        aspect, weight, pattern = _COMPILED[k]
        for m in finditer_near(pattern, text, opened[k], _REACH[k]):
            if not _negated(text, m.start(), m.group(0)):
                found.append(Cue(aspect, weight, m.start(), m.end(), m.group(0)))
                take(m)
    verbs = opened_verbs.get(0)
    for m in finditer_near(_PREDICATE, text, verbs, _PREDICATE_REACH) if verbs else ():
        if _bad_word(m.group("adj")) and not any(taken[m.start():m.end()]):
            aspect = _aspect_of(m.group("noun"))
            found.append(Cue(aspect, PREDICATE_WEIGHT, m.start(), m.end(), m.group(0)))
            take(m)
    for k in keys:
        if k < specific:
            continue
        weight, pattern = _GENERAL[k - specific]
        for m in finditer_near(pattern, text, opened[k], _REACH[k]):
            if not any(taken[m.start():m.end()]) and not _negated(text, m.start(), m.group(0)):
                found.append(Cue(None, weight, m.start(), m.end(), m.group(0)))
    found.sort(key=lambda c: c.start)
    return found
