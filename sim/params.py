"""Every model parameter in one place: name, unit, default, range and source.

`PARAMETERS` is the single source of truth. `VillageParams` is built from it,
the CLI's `--help`, the validation messages and the parameter table in
`docs/ODD.md` all read it, so a number is never stated twice.

Defaults carry the source they come from, or the reason they were chosen when
no published figure exists (marked "calibrated": tuned so the default village
reproduces the patterns listed in docs/ODD.md, section "Patterns").
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..problems import Problem, ProblemError
from .parameter import Param, ParameterError, check_settings  # noqa: F401 (re-exported)


def _p(name, default, unit, low, high, source, doc, group):
    return Param(name, default, unit, low, high, source, doc, group)


PARAMETERS: tuple[Param, ...] = (
    # --- village structure -------------------------------------------------------
    _p("residents", 1000, "persons", 20, 200_000,
       "a mid-sized Chinese administrative village has roughly 1,000 adult residents "
       "who stay (rural average about 1,200 registered, minus migrants)",
       "adult residents living in each village", "village"),
    _p("villages", 1, "villages", 1, 100,
       "one village by default; a township joins several by weak ties",
       "number of villages in the township", "village"),
    _p("elder_share", 0.40, "fraction", 0.0, 1.0,
       "rural share aged 60+ was 23.8% of all residents in the 2020 census; among adults "
       "who stay in hollowed villages it is higher (children and migrants excluded)",
       "share of adult residents aged 60 or over", "village"),
    _p("alone_share", 0.13, "fraction", 0.0, 1.0,
       "China National Committee on Aging, 2010 sample survey: about 13% of rural elders "
       "live alone",
       "share of elders living alone", "village"),
    _p("couple_only_share", 0.326, "fraction", 0.0, 1.0,
       "CNCA 2010: rural empty-nest share 45.6% = living alone + couple only",
       "share of elders living with a spouse only", "village"),
    _p("children_per_elder", 2.6, "children", 0.0, 8.0,
       "rural cohorts born 1935-1965 had about 2.5-3 surviving children (China censuses)",
       "mean number of adult children per elder (Poisson)", "village"),
    _p("children_migrated_share", 0.70, "fraction", 0.0, 1.0,
       "the source text: 'massive out-migration of working-age populations'; most "
       "adult children of rural elders work in cities",
       "share of an elder's adult children who have migrated away", "village"),
    _p("clan_households", 20, "households", 2, 500,
       "single-surname lineage clusters of a few dozen households are typical of "
       "villages in central and southern China",
       "households per clan (kin ties are drawn within a clan)", "village"),
    _p("clan_kin_share", 0.3, "fraction", 0.0, 1.0,
       "calibrated: siblings and cousins who stayed are few in hollowed villages",
       "share of residents with a kin tie (sibling, cousin) in their clan", "village"),
    _p("neighbours", 4, "ties", 0, 20,
       "households along a lane: two on each side",
       "neighbour ties per household (ring lattice)", "village"),
    _p("acquaintances", 2.0, "ties per resident", 0.0, 20.0,
       "weak village-wide ties; with household, kin and neighbour ties the mean "
       "degree is about 10 at the start",
       "mean number of weak village-wide ties per resident", "village"),
    _p("township_ties", 0.02, "fraction", 0.0, 1.0,
       "market-town contacts: a few residents know someone in another village",
       "share of residents with one tie to another village of the township", "village"),
    # --- elders' needs --------------------------------------------------------------
    _p("chronic_prevalence", 0.75, "fraction", 0.0, 1.0,
       "CHARLS 2015: about 75% of Chinese adults 60+ report at least one chronic disease",
       "share of elders with a chronic condition to manage", "needs"),
    _p("need_daily", 0.45, "needs/week at frailty 1", 0.0, 1.0,
       "calibrated: the weekly chance of a daily-living need is this times frailty, "
       "times the household factor (alone 1, household_need_couple, household_need_family)",
       "weekly chance of a daily-living need for a fully frail elder living alone", "needs"),
    _p("household_need_couple", 0.3, "factor", 0.0, 1.0,
       "assumed: a spouse is the main carer (Chen 2013, CHARLS 2011: the spouse is the "
       "largest source of care, then children) but is old too; no share used",
       "share of daily-living care (and factor on the chance of a daily-living need) "
       "an elder living with a spouse only needs from beyond the household "
       "(living alone: 1)", "needs"),
    _p("household_need_family", 0.1, "factor", 0.0, 1.0,
       "assumed: family at home give most daily-living care; no share used",
       "share of daily-living care (and factor on the chance of a daily-living need) "
       "an elder living with family needs from beyond the household (living alone: 1)",
       "needs"),
    _p("need_company", 0.30, "needs/week", 0.0, 1.0,
       "calibrated: the weekly chance is this times (company_base + loneliness)",
       "weekly chance of a companionship need, per unit of loneliness", "needs"),
    _p("company_base", 0.3, "loneliness", 0.0, 1.0,
       "assumed: an elder who is not lonely still wants company now and then",
       "added to loneliness in the companionship-need chance, "
       "need_company x (company_base + loneliness)", "needs"),
    _p("need_chronic", 0.12, "needs/week", 0.0, 1.0,
       "calibrated: roughly one chronic-care task (medication, check-up trip) every "
       "two months per elder with a chronic condition",
       "weekly chance of a chronic-health need for an elder with a chronic condition",
       "needs"),
    _p("need_emergency", 0.006, "needs/week at frailty 1", 0.0, 0.2,
       "WHO Global Report on Falls Prevention in Older Age (2007): 28-35% of people "
       "65+ fall each year, more of the frail; this gives about 27% a year at frailty 1 "
       "and about 8% at the default village's mean frailty",
       "weekly chance of an emergency for a fully frail elder", "needs"),
    _p("hours_per_daily_need", 2.0, "hours per need", 0.25, 40.0,
       "assumed: a week's worth of daily-living help (shopping, cooking, cleaning) "
       "beyond what the household gives; no survey figure used",
       "hours of help one daily-living need takes", "needs"),
    _p("hours_per_company_need", 1.0, "hours per need", 0.25, 40.0,
       "assumed: one visit or chat of about an hour",
       "hours of help one companionship need takes", "needs"),
    _p("hours_per_chronic_need", 1.5, "hours per need", 0.25, 40.0,
       "assumed: a medication round or an escorted trip to a check-up",
       "hours of help one chronic-health need takes", "needs"),
    _p("hours_per_emergency_need", 2.0, "hours per need", 0.25, 40.0,
       "assumed: staying with the elder and fetching help after a fall or acute illness",
       "hours of help one emergency takes", "needs"),
    _p("iadl_frailty", 0.24, "frailty", 0.0, 1.0,
       "calibrated: with the default frailty draw about 42% of elders are at or above it, "
       "close to the 43.3% with an IADL limitation in a meta-analysis of Chinese studies "
       "(Chen et al. 2023, Int J Frontiers in Medicine 5(8))",
       "frailty at or above which an elder has a limitation in instrumental activities "
       "of daily living (shopping, cooking, housework)", "needs"),
    _p("adl_frailty", 0.42, "frailty", 0.0, 1.0,
       "calibrated: with the default frailty draw about 8%, 25% and 63% of elders aged "
       "60-69, 70-79 and 80+ are at or above it; Chen et al. 2023 (meta-analysis, China) "
       "report ADL disability in 10.8%, 21.2% and 47.0%",
       "frailty at or above which an elder has a limitation in basic activities of daily "
       "living (eating, dressing, bathing, toileting)", "needs"),
    _p("care_hours_iadl", 4.0, "hours/week", 0.0, 80.0,
       "assumed: help with shopping, cooking and housework; CHARLS-based studies report "
       "who receives care (19.9% of people 45+ in 2011, 30.8% in 2018: Zhang et al. "
       "2024, BMC Geriatrics) but no hours were found",
       "weekly hours of care an elder with an IADL limitation needs", "needs"),
    _p("care_hours_adl", 12.0, "hours/week", 0.0, 120.0,
       "assumed: personal care added to the IADL hours for an elder with an ADL "
       "limitation; no survey figure used",
       "further weekly hours of care an elder with an ADL limitation needs", "needs"),
    _p("unmet_daily_carryover", 0.5, "fraction", 0.0, 1.0,
       "assumed: housework and errands left undone pile up into next week",
       "share of a week's unmet daily-living hours added to next week's need", "needs"),
    _p("unmet_chronic_frailty", 0.004, "frailty per unmet need", 0.0, 0.1,
       "assumed: a missed medication round or check-up worsens health a little",
       "frailty added for each chronic-health need left unmet", "needs"),
    _p("unmet_emergency_death", 0.05, "chance per unmet emergency", 0.0, 1.0,
       "assumed: a fall or acute illness with nobody to fetch help is sometimes fatal",
       "chance that an emergency left unmet ends in death", "needs"),
    _p("unmet_emergency_frailty", 0.03, "frailty per unmet emergency", 0.0, 0.5,
       "assumed: an elder who survives an emergency without help recovers less well",
       "frailty added by an emergency left unmet (when it is survived)", "needs"),
    # --- demography -------------------------------------------------------------------
    _p("demography", 1, "switch", 0, 1,
       "1: residents age, fall ill, die, migrate and return; 0 holds the population as "
       "built (for experiments that need a fixed population)",
       "whether the population changes over the run (1) or is held fixed (0)",
       "demography"),
    _p("mortality_men_62", 0.0179, "deaths/person-year", 0.0, 0.5,
       "NBS, China Statistical Yearbook 2002, table 4-11 (2000 census): men aged 60-64 "
       "died at 17.92 per 1,000 a year (census rates at 70+ are understated by 10% or "
       "more: Gu et al. 2016, Int J Population Studies 2(2))",
       "death rate of men aged 62 at the village's mean frailty for their age",
       "demography"),
    _p("mortality_women_62", 0.0114, "deaths/person-year", 0.0, 0.5,
       "NBS, China Statistical Yearbook 2002, table 4-11: women aged 60-64 died at "
       "11.43 per 1,000 a year",
       "death rate of women aged 62 at the village's mean frailty for their age",
       "demography"),
    _p("mortality_growth", 0.095, "per year of age", 0.0, 0.3,
       "fitted to the same table: from 60-64 to 90-94 the death rate rises 15-fold for "
       "men and 20-fold for women, a Gompertz slope of 0.090 and 0.100 a year",
       "Gompertz slope: the death rate is multiplied by exp(this) for each year of age",
       "demography"),
    _p("mortality_frailty", 3.62, "log hazard ratio per unit frailty", 0.0, 10.0,
       "CLHLS 2011-2018 (Effect of frailty status on mortality risk among Chinese "
       "community-dwelling older adults, BMC Geriatrics 2023): hazard ratio 37.48 per "
       "unit of the frailty index, ln 37.48 = 3.62",
       "how much frailty above the mean for one's age raises the death rate "
       "(x exp(this x difference))", "demography"),
    _p("frailty_drift", 0.013, "frailty/year", 0.0, 0.2,
       "the age gradient of the initial frailty draw (0.013 a year of age), so that "
       "ageing keeps the cross-section the village starts from",
       "mean yearly rise of an elder's frailty", "demography"),
    _p("frailty_noise", 0.03, "frailty/year (sd)", 0.0, 0.3,
       "assumed: yearly changes vary, and some elders improve (Kojima et al. 2019, Ageing "
       "Res Rev 50: over about 4 years 13.7% of older people improved and 29.1% worsened "
       "a frailty category)",
       "standard deviation of the yearly change in an elder's frailty", "demography"),
    _p("chronic_onset", 0.03, "chance/year", 0.0, 1.0,
       "assumed: keeps the prevalence of chronic conditions near chronic_prevalence as "
       "new cohorts turn 60",
       "yearly chance that an elder without a chronic condition develops one",
       "demography"),
    _p("out_migration", 0.02, "chance/year", 0.0, 1.0,
       "assumed: working-age residents under 45 still leave for work in cities",
       "yearly chance that a working-age resident under 45 leaves the village",
       "demography"),
    _p("return_migration", 0.015, "chance/year", 0.0, 1.0,
       "Bai, Wang and Zhang 2018 (Sustainability 10:4153, 100 villages in 5 provinces): "
       "22.3% of migrants returned over 1998-2015, about 1.5% a year",
       "yearly chance that a working-age villager living away comes home", "demography"),
    _p("away_share", 0.25, "fraction", 0.0, 0.9,
       "assumed: villagers of working age who live away but may come home, as a share "
       "of the working-age residents who stay (their ties and households are kept)",
       "working-age villagers living away, per working-age resident who stays",
       "demography"),
    _p("warmup_years", 2, "years", 0, 20,
       "the weekly processes settle from their initial draws in about two years; the "
       "run's week 1 starts after them (no interventions, shocks or demography during "
       "the warm-up)",
       "years simulated before week 1 so that the run starts from a settled state",
       "demography"),
    _p("join_chance", 0.09492, "chance/week", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "a healthy younger-old elder who feels capable and has a tie to "
       "someone who helped beyond kin this week is asked to help and starts (the theory's "
       "recipient-to-provider mechanism, source text 000), fitted with participation",
       "weekly chance that a capable elder with a tie to a helper is asked and joins the helpers",
       "help"),
    _p("join_efficacy", 0.6, "self-efficacy", 0.0, 1.0,
       "assumed: helping takes a restored sense of agency",
       "self-efficacy an elder needs before starting to help", "help"),
    _p("household_contact", 0.0002396, "chance/week", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "fitted to the loneliness of elders living alone over that of others "
       "(CLHLS 2008/09: 52% of elders living alone lonely against 29.5% of others; Wei et "
       "al., PMID 35038986); the fit puts it near 0: the household's slower rise of "
       "loneliness (HOUSEHOLD_LONELINESS) already gives the gap",
       "weekly chance that an elder living with a spouse or family has company at home",
       "wellbeing"),
    # --- help -----------------------------------------------------------------------
    _p("asks_per_need", 3, "asks", 1, 10,
       "an elder asks up to this many people before giving up on a need",
       "how many ties an elder asks for one need", "help"),
    _p("helper_hours_elder", 4.0, "hours/week", 0.0, 40.0,
       "Chongqing time-bank volunteers gave 2-6 hours a week (source text 002)",
       "weekly hours a healthy younger-old helper can give", "help"),
    _p("helper_hours_adult", 2.0, "hours/week", 0.0, 40.0,
       "working-age residents who stayed farm or work locally and have less spare time",
       "weekly hours a working-age helper can give", "help"),
    _p("helper_share_adult", 0.20, "fraction", 0.0, 1.0,
       "calibrated: few working-age stayers volunteer",
       "share of working-age residents willing to help beyond kin", "help"),
    _p("helper_share_elder", 0.5603, "fraction", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "share of healthy younger-old elders (60-74, frailty < 0.4) who help "
       "beyond kin at the start, fitted with participation (about 30%) among the targets",
       "share of healthy younger-old elders willing to help beyond kin", "help"),
    _p("kin_hours", 6.0, "hours/week", 0.0, 40.0,
       "assumed: the kin who remain help first (DESIGN.md); a child nearby gives a "
       "parent a few hours a week, no survey figure used",
       "weekly hours a resident gives to kin in need", "help"),
    _p("remote_kin_company", 0.05, "chance/week per migrated child", 0.0, 1.0,
       "migrated children phone home; calls meet some companionship needs",
       "weekly chance that a migrated child meets a companionship need by phone", "help"),
    _p("ask_trust_floor", 0.40, "trust", 0.0, 1.0,
       "calibrated: an elder whose trust in mutual aid is below this does not ask "
       "non-kin; the same threshold defines 'willing to take part'",
       "trust below which an elder neither asks non-kin nor counts as willing", "help"),
    _p("willing_share", 0.9651, "fraction", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "with the share of elders willing over a run (about 87%, Chinese surveys, 2023) among "
       "the targets; some willing elders withdraw, so the start is higher",
       "share of elders whose initial trust is above the ask threshold", "help"),
    _p("reciprocity_reluctance", 0.30, "per unanswered favour", 0.0, 5.0,
       "calibrated: renqing norms make elders slow to ask someone they already owe "
       "(source text 003: trust and reciprocity)",
       "how much each favour owed lowers the chance of asking that person (exp(-r*owed))",
       "help"),
    _p("trust_experience", 0.01, "trust per need", 0.0, 1.0,
       "calibrated: each need met by non-kin builds trust, each refusal erodes it",
       "trust gained per non-kin need met (and lost per need asked for and unmet)", "help"),
    # --- disembedding cycle ---------------------------------------------------------
    _p("efficacy_gain_give", 0.04, "per week", 0.0, 1.0,
       "calibrated: helping others restores a sense of agency (source text 000, 4.1)",
       "self-efficacy gained in a week the elder helped someone", "wellbeing"),
    _p("efficacy_gain_asked", 0.02, "per week", 0.0, 1.0,
       "calibrated: being asked for help signals being valued",
       "self-efficacy gained in a week the elder was asked for help", "wellbeing"),
    _p("efficacy_loss_unmet", 0.015, "per week", 0.0, 1.0,
       "calibrated: a need asked for and not met teaches helplessness",
       "self-efficacy lost per week, times the share of the elder's needs unmet",
       "wellbeing"),
    _p("efficacy_loss_isolated", 0.012, "per week", 0.0, 1.0,
       "calibrated: no ties used for four weeks erodes agency (source text 000, 4.1)",
       "self-efficacy lost in a week with no help given or received for four weeks",
       "wellbeing"),
    _p("efficacy_reversion", 0.004, "per week", 0.0, 1.0,
       "calibrated: slow drift back to the elder's own baseline",
       "weekly fraction of the gap to baseline self-efficacy closed", "wellbeing"),
    _p("casual_contact", 0.15, "per unit of tie strength per week", 0.0, 5.0,
       "calibrated: a chat over the wall or a meal together; with summed tie strength "
       "S outside the household, the weekly chance of contact is 1 - exp(-rate x S)",
       "rate of everyday contact along ties (withdrawn elders have none)", "wellbeing"),
    _p("loneliness_rise", 0.03, "per week", 0.0, 1.0,
       "calibrated: loneliness rises in weeks without contact, faster for those alone",
       "weekly loneliness rise without contact, for an elder living alone", "wellbeing"),
    _p("loneliness_relief", 0.15, "per week", 0.0, 1.0,
       "calibrated: one contact relieves a share of loneliness",
       "share of loneliness relieved in a week with contact", "wellbeing"),
    _p("withdraw_efficacy", 0.25, "self-efficacy", 0.0, 1.0,
       "calibrated: UCLA-style cut-offs put severe loneliness and low agency in the "
       "bottom quarter",
       "self-efficacy below which a lonely elder withdraws", "wellbeing"),
    _p("withdraw_loneliness", 0.60, "loneliness", 0.0, 1.0,
       "calibrated, as above",
       "loneliness above which an elder with low self-efficacy withdraws", "wellbeing"),
    _p("reengage_efficacy", 0.40, "self-efficacy", 0.0, 1.0,
       "hysteresis: re-engaging takes more agency than withdrawing loses",
       "self-efficacy above which a withdrawn elder takes part again", "wellbeing"),
    # --- volunteers -----------------------------------------------------------------
    _p("burnout_load", 0.0652, "per week at full load", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "about 35% drop-out a year without support (US CNCS, Volunteering in "
       "America 2006-07: about one in three volunteers does not return next year)",
       "burnout added in a week at full capacity", "volunteers"),
    _p("burnout_beyond_skill", 0.06, "per task", 0.0, 1.0,
       "calibrated: tasks beyond one's training strain more (source text 001)",
       "burnout added per task whose required skill exceeds the helper's", "volunteers"),
    _p("burnout_recovery", 0.08, "per week", 0.0, 1.0,
       "calibrated: rest lowers burnout",
       "share of burnout recovered in a week, times the spare share of capacity",
       "volunteers"),
    _p("motivation_fade", 0.01061, "per week", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "about 35% of helpers drop out a year without support (US CNCS 2006-07); "
       "enthusiasm fades as novelty wears off (source text 002)",
       "weekly fraction of motivation lost to fading novelty", "volunteers"),
    _p("motivation_gratitude", 0.02, "per task", 0.0, 1.0,
       "calibrated: thanks from those helped renew motivation",
       "motivation regained per task met", "volunteers"),
    _p("dropout_burnout", 0.70, "burnout", 0.0, 1.0,
       "calibrated: burnout above this makes a helper stop",
       "burnout at which a helper drops out", "volunteers"),
    _p("dropout_motivation", 0.20, "motivation", 0.0, 1.0,
       "calibrated: motivation below this makes a helper stop",
       "motivation at which a helper drops out", "volunteers"),
    _p("return_chance", 0.01, "chance/week", 0.0, 1.0,
       "calibrated: some drop-outs come back after a rest (about 40% within a year)",
       "weekly chance that a rested drop-out returns", "volunteers"),
    # --- network --------------------------------------------------------------------
    _p("tie_decay", 0.003, "strength/week", 0.0, 1.0,
       "calibrated: an unused neighbour tie fades to the floor in about three years, "
       "an acquaintance in one",
       "strength an unused non-kin tie loses each week", "network"),
    _p("tie_reinforce", 0.10, "fraction", 0.0, 1.0,
       "calibrated: a tie used for help grows a tenth of the way to full strength",
       "share of the gap to full strength closed when a tie is used", "network"),
    _p("tie_formation", 0.002, "chance/week", 0.0, 1.0,
       "calibrated: meeting a friend of a friend at the market, a wedding, a funeral",
       "weekly chance that a resident forms a tie with a friend of a friend", "network"),
    # --- committee ------------------------------------------------------------------
    _p("grant", 60_000.0, "CNY/year", 0.0, 1e8,
       "village elder-care subsidies of a few tens of thousands of yuan a year "
       "(source text 001: funding shortfalls)",
       "mean yearly government grant for elder care", "committee"),
    _p("grant_cv", 0.30, "coefficient of variation", 0.0, 2.0,
       "source text 001: grants are unstable from year to year",
       "year-to-year variation of the grant", "committee"),
    _p("donations", 15_000.0, "CNY/year", 0.0, 1e8,
       "assumed: a quarter of the grant; source text 001 says only that social "
       "donations are a small supplement with weak motivation",
       "mean yearly donations", "committee"),
    _p("donations_cv", 0.60, "coefficient of variation", 0.0, 3.0,
       "donations are more volatile than grants",
       "year-to-year variation of donations", "committee"),
    _p("credibility", 0.5084, "fraction", 0.0, 1.0,
       "calibrated (calibration/fitted.toml: villageaid calibrate calibration/default.toml): "
       "the committee's starting credibility, fitted with elders willing and "
       "taking part among the targets (source text 001: trust in village institutions is "
       "fragile)",
       "initial credibility of the village committee", "committee"),
    _p("credibility_neutral", 0.6, "fraction", 0.0, 1.0,
       "assumed: about the share of needs the default village meets beyond the home, "
       "where credibility settles; a committee more credible than this lifts villagers' "
       "trust in mutual aid, a less credible one lowers it",
       "committee credibility at which villagers' trust drifts to their own baseline",
       "committee"),
    _p("credibility_rate", 0.02, "per week", 0.0, 1.0,
       "calibrated: credibility follows the share of needs met over months",
       "weekly fraction of the gap to the recent coverage closed", "committee"),
    _p("trust_rate", 0.02, "per week", 0.0, 1.0,
       "calibrated: villagers' trust follows the committee's credibility over months",
       "weekly fraction of the gap to the trust target closed", "committee"),
    _p("reserve_share", 0.0, "fraction", 0.0, 0.9,
       "set by the scenario; 0 = the committee spends what it has (assumed)",
       "share of the balance the committee keeps back for emergencies, never spent on "
       "the interventions", "committee"),
    _p("adapt_rate", 0.0, "per quarter", 0.0, 1.0,
       "0 = a committee that keeps even shares; above 0 the evaluation and supervision "
       "source text 002 recommends, integrated into the committee's budgeting (assumed)",
       "how far the committee shifts budget shares each quarter toward the interventions "
       "that deliver the most services per CNY (0 = off)", "committee"),
)

PARAMETER_INDEX: dict[str, Param] = {p.name: p for p in PARAMETERS}

VillageParams = dataclasses.make_dataclass(
    "VillageParams",
    [(p.name, p.kind, dataclasses.field(default=p.default)) for p in PARAMETERS],
    frozen=True,
    namespace={
        "__doc__": "Validated parameter values of one village model; see PARAMETERS.",
        "replace": lambda self, **changes: make_params(**{**self.as_dict(), **changes}),
        "as_dict": lambda self: dataclasses.asdict(self),
    },
)


def make_params(**values: Any) -> VillageParams:
    """Build validated VillageParams; unknown names and bad values raise ParameterError,
    one problem each, all of them at once."""
    clean, problems = {}, []
    for name, value in values.items():
        if name not in PARAMETER_INDEX:
            problems.append(Problem("unknown_parameter", name,
                                    facts={"names": ", ".join(sorted(PARAMETER_INDEX))}))
            continue
        clean[name], problem = PARAMETER_INDEX[name].convert(value)
        if problem is not None:
            problems.append(problem)
    if problems:
        raise ProblemError(problems)
    params = VillageParams(**clean)
    _check_consistency(params)
    return params


def _check_consistency(p: VillageParams) -> None:
    """The rules across parameters; the first one broken is raised, naming its keys."""
    if p.alone_share + p.couple_only_share > 1.0:
        keys = ("alone_share", "couple_only_share")
        total = p.alone_share + p.couple_only_share
        raise ProblemError([Problem("shares_over_one", " + ".join(keys), total,
                                    {"keys": keys}, shown=f"{total:.3f}")])
    if p.reengage_efficacy < p.withdraw_efficacy:
        raise ProblemError([Problem(
            "below_other", "reengage_efficacy", p.reengage_efficacy,
            {"keys": ("reengage_efficacy", "withdraw_efficacy"), "other": "withdraw_efficacy",
             "other_value": p.withdraw_efficacy}, shown=str(p.reengage_efficacy))])
