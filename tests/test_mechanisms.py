"""Interventions as mechanisms: each one's ramp, fade, cost or limit moves its own outcome.

Every comparison runs the same village with the same seed (common random numbers)
and changes one setting, so the difference is that mechanism's effect.
"""

import numpy as np
import pytest

from villageaid.sim.interventions import Casework, Teams
from villageaid.sim.interventions.roles import TRAINED_ROLES
from villageaid.sim.interventions.staffing import leaving_hazard
from villageaid.sim.model import VillageModel


def village(interventions, seed=3, residents=300, **params):
    return VillageModel(seed=seed, residents=residents, interventions=interventions, **params)


# --- casework ------------------------------------------------------------------------

def test_casework_gains_fade_after_the_case_closes():
    def closed_efficacy(fade):
        model = village([Casework(caseload=20, case_weeks=8, fade_rate=fade,
                                  rapport_weeks=0, turnover=0.0)]).run(30)
        cw = model.intervention("casework")
        return model, cw.ever_treated & ~cw.in_caseload
    kept, closed_kept = closed_efficacy(0.0)
    faded, closed_faded = closed_efficacy(0.2)
    both = closed_kept & closed_faded
    assert both.sum() >= 10
    drop = faded.population.efficacy[both] - kept.population.efficacy[both]
    assert drop.mean() < -0.02


def test_a_workers_week_is_shared_between_cases_team_supervision_and_training():
    def treated_in_week_one(*extra, **settings):
        model = village([Casework(turnover=0.0, **settings), *extra]).run(1)
        return int(model.timeseries.to_frame()["cases_treated"].iloc[0])
    # 40 hours less 2 of training: 25 cases at 1.5 hours fit
    assert treated_in_week_one() == 25
    # supervising the team takes 4 more: floor(34 / 1.5) = 22 of the 25 cases
    assert treated_in_week_one(Teams()) == 22
    # half the week in training: floor(20 / 1.5) = 13
    assert treated_in_week_one(training_hours=20.0) == 13


def test_weeks_the_committee_cannot_pay_treat_nobody():
    paid = village([Casework(rapport_weeks=0, turnover=0.0)]).run(8)
    broke = village([Casework(rapport_weeks=0, turnover=0.0)]).run(8)
    broke.budget.balance = 0.0
    broke.budget.instalment = 0.0
    paid.run(4)
    broke.run(4)
    cw = broke.intervention("casework")
    assert cw.in_caseload.sum() > 0  # the cases are still open ...
    assert (broke.timeseries.to_frame()["cases_treated"].iloc[-4:] == 0).all()  # ... untreated
    assert (paid.timeseries.to_frame()["cases_treated"].iloc[-4:] > 0).all()
    cases = cw.in_caseload & paid.intervention("casework").in_caseload
    assert (broke.population.efficacy[cases].mean()
            < paid.population.efficacy[cases].mean() - 0.01)


# --- the social-work talent gap --------------------------------------------------------

def test_a_new_worker_builds_rapport_over_months():
    def gain(rapport_weeks):
        model = village([Casework(caseload=20, rapport_weeks=rapport_weeks,
                                  turnover=0.0)]).run(8)
        return model, model.intervention("casework")
    at_once, cw_at_once = gain(0)
    new, cw_new = gain(12)
    cases = cw_at_once.in_caseload & cw_new.in_caseload
    assert cases.sum() >= 15
    assert cw_new.rapport == pytest.approx(9 / 12) and cw_at_once.rapport == 1.0
    assert (new.population.efficacy[cases].mean()
            < at_once.population.efficacy[cases].mean() - 0.02)


def test_vacant_posts_take_weeks_to_fill_cost_nothing_and_treat_nobody():
    def run(hire_weeks):
        model = village([Casework(workers=4, turnover=1.0, hire_weeks=hire_weeks)],
                        grant=400_000.0).run(156)
        return model, model.intervention("casework")
    quick, cw_quick = run(1)
    slow, cw_slow = run(26)
    assert cw_slow.posts.departures > 0
    assert cw_slow.posts.vacant_weeks > 4 * cw_quick.posts.vacant_weeks
    ts_slow, ts_quick = slow.timeseries.to_frame(), quick.timeseries.to_frame()
    assert ts_slow["cases_treated"].sum() < ts_quick["cases_treated"].sum()
    assert ts_slow["spent_casework"].sum() < ts_quick["spent_casework"].sum()
    # a vacant post is not paid
    assert ts_slow["caseworkers"].min() < 4
    assert (ts_slow["spent_casework"] <= ts_slow["caseworkers"] * 1000.0 + 1e-9).all()


def test_turnover_rises_when_pay_falls_below_the_market_or_the_caseload_overflows():
    base = leaving_hazard(0.2, 1000.0, 1000.0, 1.0)
    assert base == pytest.approx(0.2 / 52)
    assert leaving_hazard(0.2, 1000.0, 500.0, 1.0) == pytest.approx(2 * base)
    assert leaving_hazard(0.2, 1000.0, 1000.0, 1.5) == pytest.approx(1.5 * base)
    assert leaving_hazard(0.2, 1000.0, 0.0, 1.0) == pytest.approx(10 * base)  # unpaid

    def departures(**settings):
        model = village([Casework(workers=4, turnover=0.5, hire_weeks=2, **settings)],
                        residents=600, grant=1_000_000.0).run(260)
        return model.intervention("casework").posts.departures
    fair = departures()
    assert departures(market_pay=3000.0) > 1.5 * fair
    # 50 cases at 1.5 hours ask 77 hours of a 40-hour week
    assert departures(caseload=50) > 1.4 * fair


# --- volunteer teams -------------------------------------------------------------------

def test_training_fades_so_a_team_leaves_few_trained_residents_behind():
    def trained(**settings):
        model = village([Teams(**settings)], residents=400, seed=1).run(520)
        return model, model.timeseries.to_frame()["trained_residents"].iloc[-1]
    kept, kept_trained = trained(skill_fade=0.0)
    faded, faded_trained = trained()
    teams = faded.intervention("teams")
    # ten years of a team of 8: permanent training piles up (45 trained residents),
    # fading training leaves about the team itself
    assert kept_trained > 4 * teams.team_size
    assert faded_trained < 0.35 * kept_trained and faded_trained <= 2 * teams.team_size
    former = ~np.isnan(teams.untrained_skill) & ~teams.member & faded.population.present
    assert faded.population.skill[former].mean() < kept.population.skill[
        ~np.isnan(kept.intervention("teams").untrained_skill)
        & ~kept.intervention("teams").member & kept.population.present].mean() - 0.05


def test_refresher_courses_keep_members_skilled_at_a_cost():
    def members_skill(refresher_weeks):
        # week 92: just after the course of week 92 (weeks_running 91 = 7 x 13)
        model = village([Teams(refresher_weeks=refresher_weeks)], residents=400,
                        seed=1).run(92)
        teams = model.intervention("teams")
        serving = (teams.member & model.population.active & model.population.present
                   & np.isin(teams.role, TRAINED_ROLES))
        return (model.population.skill[serving].mean(), teams.refreshed,
                model.timeseries.to_frame()["spent_teams"].sum())
    often, refreshed_often, spent_often = members_skill(13)
    never, refreshed_never, spent_never = members_skill(520)
    assert refreshed_never == 0 and refreshed_often > 0
    assert often >= Teams().trained_skill - 1e-9
    assert often > never + 0.04
    assert spent_often > spent_never


def test_missed_shifts_cost_the_committee_credibility():
    def run(penalty):
        model = village([Teams(missed_shift_credibility=penalty)], residents=400,
                        seed=1).run(52)
        return model, model.timeseries.to_frame()
    lax, lax_ts = run(0.0)
    strict, strict_ts = run(0.01)
    assert strict_ts["missed_shifts"].sum() > 0
    assert strict_ts["credibility"].mean() < lax_ts["credibility"].mean() - 0.005


# --- recognition -----------------------------------------------------------------------

def test_honour_fades_between_ceremonies_and_so_does_its_effect():
    from villageaid.sim.interventions import Recognition

    def run(**settings):
        dropouts, honour = 0, []
        for seed in (1, 2, 3):
            model = village([Recognition(**settings)], seed=seed).run(156)
            dropouts += model.population.dropouts.sum()
            honour.append(model.timeseries.to_frame()["honour"].mean())
        return dropouts, np.mean(honour)
    lasting, honour_lasting = run(honour_fade=0.0)
    fading, honour_fading = run(honour_fade=0.2)
    renewed, honour_renewed = run(honour_fade=0.2, renew_weeks=2)
    assert honour_fading < 0.5 * honour_lasting
    assert fading > 1.1 * lasting
    assert honour_renewed > honour_fading and renewed < fading


def test_renewing_honour_costs_per_helper_and_ceremony():
    from villageaid.sim.interventions import Recognition

    model = village([Recognition(renew_weeks=4, honour_cost=10.0)]).run(1)
    first = model.intervention("recognition").honoured
    assert first > 0
    model.run(11)
    spent = model.timeseries.to_frame()["spent_recognition"]
    assert list(np.flatnonzero(spent > 0)) == [0, 4, 8]
    assert spent.iloc[0] == pytest.approx(10.0 * first)


# --- time bank -------------------------------------------------------------------------

def test_time_bank_members_register_over_months_not_at_once():
    from villageaid.sim.interventions import TimeBank

    def run(rate):
        model = village([TimeBank(register_rate=rate, starting_credits=5.0)]).run(52)
        return model.timeseries.to_frame(), model.intervention("time_bank")
    slow, bank_slow = run(0.05)
    at_once, bank_at_once = run(1.0)
    present = slow["residents"]
    assert slow["bank_members"].iloc[0] < 0.15 * present.iloc[0]
    assert at_once["bank_members"].iloc[0] == present.iloc[0]
    assert slow["bank_members"].iloc[-1] > 0.8 * present.iloc[-1]
    # fewer members early: fewer credits earned and redeemed in the first months
    assert slow["credits_earned"].iloc[12] < 0.8 * at_once["credits_earned"].iloc[12]
    assert bank_slow.redemptions < bank_at_once.redemptions
    # only members earn: the ledger still balances
    assert bank_slow.earned == pytest.approx(bank_slow.redeemed + bank_slow.outstanding)


# --- matching --------------------------------------------------------------------------

def test_the_coordinator_rests_helpers_between_matches_and_so_fewer_drop_out():
    from villageaid.sim.interventions import Matching

    model = village([Matching()], seed=1)
    matching = model.intervention("matching")
    matched_before = np.zeros(model.population.size, bool)
    for week in range(1, 27):
        model.step()
        matched_now = matching.last_matched == week
        assert not (matched_now & matched_before).any()  # nobody two weeks running
        matched_before = matched_now
    assert matching.matches > 0

    def dropouts(**settings):
        return sum(village([Matching(**settings)], seed=seed).run(104).population.dropouts.sum()
                   for seed in (1, 2, 3))
    assert dropouts(strain_limit=1.0) < 0.8 * dropouts(rest_weeks=0, strain_limit=1.0)


def test_the_coordinator_stops_calling_strained_helpers_so_the_pool_does_not_collapse():
    from villageaid.sim.interventions import Matching

    model = village([Matching()], seed=2)
    matching = model.intervention("matching")
    for week in range(1, 53):
        strained = model.population.burnout >= matching.strain_limit
        model.step()
        assert not (strained & (matching.last_matched == week)).any()

    def late_dropout(**settings):
        # years 3-5: when the pool a coordinator wears out has shrunk
        return np.mean([village([Matching(**settings)], seed=seed).run(260).annual_dropout[1:]
                        for seed in (0, 2)])
    assert late_dropout() < 0.6 * late_dropout(strain_limit=1.0)


def test_the_coordinator_gives_skilled_needs_only_to_helpers_skilled_enough():
    from villageaid.sim.interventions import Matching
    from villageaid.sim.population import NEED_SKILL

    model = village([Matching()], seed=2)
    calls = []
    serve = model.serve

    def watched(week, pool, channel, eligible, **kw):
        open_types = np.flatnonzero(week.help.open.any(axis=0))
        calls.append((NEED_SKILL[open_types], model.population.skill[pool].copy()))
        return serve(week, pool, channel, eligible, **kw)
    model.serve = watched
    model.run(20)
    skilled_calls = [(levels, skill) for levels, skill in calls if len(levels)
                     and levels.min() > 0]
    assert skilled_calls
    for levels, skill in skilled_calls:
        assert (skill >= levels.max()).all()
    # while some helpers in the village lack that skill
    assert (model.population.skill[model.volunteering] < NEED_SKILL.max()).any()


# --- governance ------------------------------------------------------------------------

def test_governance_brings_its_new_funding_only_while_it_is_paid():
    from villageaid.sim.interventions import Governance

    base = village([]).run(104).budget.received
    paid = village([Governance(extra_funding=52_000.0, funding_stability=0.0)]).run(104)
    unpaid = village([Governance(extra_funding=52_000.0, funding_stability=0.0, cost=1e6)]).run(104)
    assert paid.intervention("governance").shortfall_weeks == 0
    # a quarter of the year's new money with each instalment, the first at once
    assert paid.budget.received - base == pytest.approx(2 * 52_000.0)
    assert unpaid.intervention("governance").paid_share < 0.2
    assert unpaid.budget.received - base < 0.2 * 2 * 52_000.0


# --- an adaptive committee -------------------------------------------------------------

def test_an_adaptive_committee_shifts_money_toward_what_delivers_more_per_cny():
    from villageaid.sim.interventions import Matching

    def run(rate):
        model = village([Casework(), Teams(), Matching()], seed=1, residents=400,
                        grant=30_000.0, adapt_rate=rate).run(104)
        return model, {i.name: i for i in model.interventions}
    even, fixed = run(0.0)
    adaptive, moved = run(1.0)
    assert even.budget.weights == {}  # off by default: every item paid the same share
    weights = adaptive.budget.weights
    assert set(weights) == {"casework", "teams", "matching"}
    # matching delivers the most services per CNY here, the team (behind informal help
    # in the order of channels) the fewest: money moves from the one to the other
    per_cny = {n: i.services / i.spent for n, i in fixed.items()}
    assert max(per_cny, key=per_cny.get) == "matching"
    assert min(per_cny, key=per_cny.get) == "teams"
    assert weights["matching"] > 1.0 > weights["teams"]
    assert moved["matching"].spent > 1.1 * fixed["matching"].spent
    assert moved["teams"].spent < 0.9 * fixed["teams"].spent
    assert sum(i.services for i in moved.values()) > sum(i.services for i in fixed.values())


def test_the_team_rota_and_the_time_bank_stand_down_strained_helpers():
    from villageaid.sim.interventions import TimeBank

    model = village([Teams(), TimeBank()], seed=2)
    pools = []
    serve = model.serve

    def watched(week, pool, channel, eligible, **kw):
        pools.append(model.population.burnout[pool].copy())
        return serve(week, pool, channel, eligible, **kw)
    model.serve = watched
    model.run(52)
    assert 52 < len(pools) <= 4 * 52  # the team's passes with needs open, and the bank
    assert all((burnout < 0.35).all() for burnout in pools)

    def late_dropout(limit):
        # years 3-5, once channels that call whoever has hours have worn their pool down
        return np.mean([village([Teams(strain_limit=limit), TimeBank(strain_limit=limit)],
                                seed=seed, residents=400).run(260).annual_dropout[2:]
                        for seed in (0, 2)])
    assert late_dropout(0.35) < 0.8 * late_dropout(1.0)


def test_team_roles_lead_specialise_and_train_by_role():
    from villageaid.sim.interventions.roles import ROLE_NEEDS, Role
    from villageaid.sim.population import EMERGENCY

    LEADER, COMPANIONSHIP = Role.LEADER, Role.COMPANIONSHIP

    teams = Teams(team_size=10, skill_fade=0.0, training_cost=600.0,
                  companion_training_cost=100.0, drive_weeks=0)
    model = village([teams], seed=4, residents=400)
    before = model.population.skill.copy()
    model.run(1)
    teams = model.intervention("teams")
    members = np.flatnonzero(teams.member)
    roles = teams.role[members]
    assert (roles == LEADER).sum() == 1
    assert sorted(np.bincount(roles[roles != LEADER], minlength=4)[1:]) == [3, 3, 3]
    # the community elite leads: the member with the most ties
    degree = model.ties.degree[members]
    assert degree[roles == LEADER][0] == degree.max()
    # companions take the short course: their care skill is as it was
    companions = members[roles == COMPANIONSHIP]
    assert (model.population.skill[companions] == before[companions]).all()
    spent = model.timeseries.to_frame()["spent_teams"].iloc[0]
    assert spent == pytest.approx(7 * 600.0 + 3 * 100.0 + teams.coordinator_cost)
    # emergencies go only to the leader and the emergency members
    assert ROLE_NEEDS[0] == ((EMERGENCY,), (LEADER, Role.EMERGENCY))
    calls = []
    serve = model.serve

    def watched(week, pool, channel, eligible, **kw):
        if week.help.open.any(axis=0).sum() == 1 and week.help.open[:, EMERGENCY].any():
            calls.append(teams.role[pool].copy())
        return serve(week, pool, channel, eligible, **kw)
    model.serve = watched
    model.run(26)
    assert calls and all(np.isin(r, (LEADER, Role.EMERGENCY)).all() for r in calls)


def test_publicity_works_through_campaigns_whose_awareness_fades():
    from villageaid.sim.interventions import Governance

    def run(**settings):
        model = village([Governance(publicity=0.2, supervision=0.0,
                                    supervision_credibility=0.0, **settings)], seed=5)
        boosts = []
        for _ in range(52):
            model.step()
            boosts.append(model.this_week.trust_boost)
        return model, np.array(boosts)
    lasting, lasting_boost = run(awareness_fade=0.0)
    fading, fading_boost = run(awareness_fade=0.2)
    assert (lasting_boost == pytest.approx(0.2))
    assert fading_boost[0] == pytest.approx(0.2) and fading_boost[12] < 0.02
    assert fading_boost[13] == pytest.approx(0.2)  # the next quarter's campaign
    E = fading.n_elders
    assert fading.population.trust[:E].mean() < lasting.population.trust[:E].mean()
    spent = fading.timeseries.to_frame()["spent_governance"]
    campaign = Governance().campaign_cost
    assert list(np.flatnonzero(spent > Governance().cost + 1e-9)) == [0, 13, 26, 39]
    assert spent.iloc[0] == pytest.approx(Governance().cost + campaign)


def test_the_first_recruitment_drive_takes_weeks():
    def members_by_week(drive_weeks):
        model = village([Teams(team_size=12, drive_weeks=drive_weeks)], seed=1, residents=400)
        counts = []
        for _ in range(10):
            model.step()
            counts.append(int(model.intervention("teams").member.sum()))
        return counts, model.timeseries.to_frame()["spent_teams"]
    gradual, spent_gradual = members_by_week(6)
    at_once, spent_at_once = members_by_week(0)
    assert at_once[0] == 12
    assert gradual[0] == 2 and gradual[2] == 6 and gradual[5] == 12
    assert all(a <= b for a, b in zip(gradual, gradual[1:6]))
    # training is paid as members join
    assert spent_gradual.iloc[0] < spent_at_once.iloc[0]
    assert (spent_gradual.iloc[1:6] > spent_at_once.iloc[1:6]).all()
