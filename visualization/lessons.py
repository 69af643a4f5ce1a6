"""Guided lessons for teaching multi-level practice (micro, meso, macro) with the dashboard.

Each lesson sets up a village in Explore (a preset with a few parameters
changed so the mechanism shows within a few years), says what to watch on
which chart, explains the mechanism in plain words, and names the pair of
scenarios to compare next. Every text is in English and Simplified Chinese.
The parameter changes were chosen by running the model: e.g. in the micro
lesson about 9% of elders have withdrawn by year 5 (seed 1) without casework
and about 1% with it (tests/test_dashboard.py checks the direction).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..scenarios import Scenario, load_scenario

T = tuple[str, str]  # (English, Chinese)


@dataclass(frozen=True)
class Lesson:
    key: str
    level: str  # micro, meso, macro
    title: T
    setup: T  # what the set-up does, in a sentence
    watch: tuple[T, ...]
    why: tuple[T, ...]
    try_next: tuple[T, ...]
    preset: str  # scenario loaded into Explore
    compare_with: str  # the preset to compare it with on the Compare page
    village: dict = field(default_factory=dict)  # parameter changes, for both scenarios
    years: int = 5
    seed: int = 1

    def scenario(self, preset: str | None = None) -> Scenario:
        """The lesson's village with `preset`'s interventions and shocks (default: its own)."""
        base = load_scenario(preset or self.preset)
        name = f"lesson_{self.key}_{preset or self.preset}"
        return dataclasses.replace(
            base, name=name, years=self.years, params=base.params.replace(**self.village),
            source=f"lesson {self.key}")


LESSONS: tuple[Lesson, ...] = (
    Lesson(
        key="withdrawal", level="micro",
        title=("Why withdrawn elders stop asking", "为什么退缩的老人不再求助"),
        setup=("A village where ties fade faster and everyday contact is rarer than in the "
               "default village; informal help only, five years.",
               "一个关系衰减更快、日常接触更少的村庄；只有非正式互助，运行五年。"),
        watch=(
            ("The network: grey dots (withdrawn elders) appear where ties have faded, "
             "usually among elders living alone.",
             "关系网络：灰点（退缩的老人）出现在关系变弱的地方，通常是独居老人。"),
            ("Elders' participation: the grey 'withdrawn' line creeps up year after year.",
             "老人的参与：灰色的“退缩”曲线逐年上升。"),
            ("Self-efficacy and loneliness: agency drifts down while loneliness stays high "
             "for those who withdrew.",
             "自我效能感与孤独感：能动性逐渐下降，退缩者的孤独感居高不下。"),
        ),
        why=(
            ("An elder whose request is refused, or who goes weeks without giving or "
             "receiving help, loses some sense of being able to act (self-efficacy).",
             "老人的求助被拒绝，或者好几周既没帮过别人也没得到帮助，就会失去一些“我能做到”的感觉（自我效能感）。"),
            ("When that sense is low and loneliness high, the elder withdraws: stops asking "
             "anyone outside the family and stops everyday chats. Without contact, loneliness "
             "grows and unused ties fade, so there is even less reason to hope that asking "
             "works. This is the disembedding cycle: each step makes the next more likely.",
             "当这种感觉很低而孤独感很高时，老人就会退缩：不再向家人以外的人求助，也不再日常串门聊天。"
             "没有接触，孤独感上升，不用的关系逐渐变淡，于是更不相信求助会有用。这就是“脱嵌”循环：每一步都让下一步更容易发生。"),
            ("Coming back takes more agency than falling out (the model's threshold to "
             "re-engage is higher than the one to withdraw), so withdrawn elders rarely "
             "return on their own.",
             "重新参与所需的能动性高于退缩时失去的（模型中重新参与的阈值高于退缩阈值），所以退缩的老人很少自己回来。"),
        ),
        try_next=(
            ("Switch on Casework (micro level) and press Reset: a social worker follows the "
             "elders most at risk, restores their agency and breaks the cycle early.",
             "启用“个案工作”（微观层次）后点击重置：社工跟进风险最高的老人，恢复他们的能动性，及早打破循环。"),
            ("On Compare, run this village against the same village with casework.",
             "在“比较”页中，将这个村庄与启用个案工作的同一村庄进行比较。"),
        ),
        preset="baseline", compare_with="casework",
        village={"tie_decay": 0.008, "casual_contact": 0.08},
    ),
    Lesson(
        key="burnout", level="meso",
        title=("Why burnout spreads", "为什么倦怠会蔓延"),
        setup=("A village with few willing helpers and heavier strain per hour of help; "
               "informal help only, five years.",
               "一个愿意帮忙的人很少、每小时帮助带来的压力更重的村庄；只有非正式互助，运行五年。"),
        watch=(
            ("Volunteers: mean burnout climbs towards the dotted line where helpers quit, and "
             "the number of active helpers falls.",
             "志愿者：平均倦怠逐渐接近虚线（退出阈值），活跃帮助者人数下降。"),
            ("The network: squares turn from yellow to red before they disappear.",
             "关系网络：方块由黄变红，然后消失。"),
            ("Needs: the red band (unmet) widens as helpers drop out.",
             "需求：随着帮助者退出，红色（未满足）部分变宽。"),
        ),
        why=(
            ("Every hour of help adds strain; rest and thanks take some away. A helper at "
             "full load all week tires faster than rest can repair.",
             "每提供一小时帮助都会增加压力；休息和感谢会减轻一些。整周满负荷的帮助者，疲劳得比休息恢复得快。"),
            ("When one helper quits, the elders who asked them ask others, so the remaining "
             "helpers carry more, tire faster and quit sooner: burnout spreads through the "
             "network like a chain reaction.",
             "一位帮助者退出后，原来找他帮忙的老人会去找别人，于是剩下的帮助者负担更重、更快疲劳、更早退出：倦怠像连锁反应一样在网络中蔓延。"),
            ("Tasks beyond a helper's skill (chronic care, emergencies) strain even more, "
             "and fading novelty erodes motivation unless someone recognises the work.",
             "超出能力的任务（慢性病照护、紧急情况）带来的压力更大；如果没有人认可这份付出，新鲜感消退也会侵蚀动机。"),
        ),
        try_next=(
            ("Switch on Volunteer teams, Recognition and Time bank (meso level) and Reset: a "
             "rota spreads the load, training covers hard tasks, supervision and recognition "
             "take strain off, and credits renew motivation.",
             "启用“志愿服务队”“表彰与荣誉”和“时间银行”（中观层次）后重置：轮班分担负荷，培训应对困难任务，督导和表彰减轻压力，积分重新激发动机。"),
            ("On Compare, run this village against teams with incentives.",
             "在“比较”页中，将这个村庄与“服务队加激励”进行比较。"),
        ),
        preset="baseline", compare_with="teams_incentives",
        village={"helper_share_adult": 0.08, "helper_share_elder": 0.2, "burnout_load": 0.08},
    ),
    Lesson(
        key="matching", level="macro",
        title=("What matching changes", "匹配改变了什么"),
        setup=("The default village with needs-resource matching and an activity centre, "
               "five years.",
               "默认村庄，启用需求与资源匹配和老年活动中心，运行五年。"),
        watch=(
            ("Needs: a purple band (matched helpers) appears on top of family and "
             "neighbours, and the red band (unmet) shrinks.",
             "需求：在家人和邻里之上出现紫色部分（匹配的帮助者），红色（未满足）部分缩小。"),
            ("The network: new ties (formed at the activity centre) thicken the web between "
             "clans.",
             "关系网络：在活动中心结成的新关系让宗族之间的连线更密。"),
            ("Elders' participation: withdrawn elders are found by outreach and take part again.",
             "老人的参与：退缩的老人被主动外展发现，重新参与进来。"),
        ),
        why=(
            ("Informal help only reaches an elder's own ties: many residents who could help "
             "are never asked, while the few who are asked carry everything.",
             "非正式互助只能到达老人自己的关系圈：许多能帮忙的人从未被请求，而少数被请求的人承担了全部。"),
            ("A needs database turns the whole village into a pool: the coordinator sends "
             "each open need to an idle helper on the list, and never fills more than half "
             "of anyone's hours, so nobody burns out.",
             "需求数据库把整个村庄变成一个资源池：协调员把每项未满足的需求派给名单上空闲的帮助者，而且从不占用任何人一半以上的时间，因此没人会累垮。"),
            ("Outreach finds the needs of elders who no longer ask; the activity centre gives "
             "everyday contact and new ties, which keep agency and trust up.",
             "主动外展能发现不再求助的老人的需求；活动中心带来日常接触和新关系，使能动性和信任保持在较高水平。"),
        ),
        try_next=(
            ("Lower the Budget (government grant) and Reset: when money runs short, the "
             "coordinator matches fewer needs (the purple band thins; the budget left, "
             "above the charts, falls to 0).",
             "降低预算（政府补助）后重置：资金不足时，协调员能匹配的需求减少（紫色部分变薄；图表上方的预算余额降到 0）。"),
            ("On Compare, run informal aid only against matching.",
             "在“比较”页中，将仅有非正式互助的村庄与匹配进行比较。"),
        ),
        preset="matching", compare_with="baseline",
    ),
    Lesson(
        key="shock", level="macro",
        title=("Weathering a shock", "经受冲击"),
        setup=("The default village with every intervention at all three levels; a cold wave "
               "hits at the start of year 3. Press Shock now at any time for another.",
               "默认村庄，启用三个层次的全部干预；第 3 年初遭遇寒潮。随时可以点击“立即施加冲击”再来一次。"),
        watch=(
            ("Needs: the total jumps during the red-shaded weeks, and the red band (unmet) "
             "shows how much the village could not absorb.",
             "需求：在红色阴影的几周内需求总量激增，红色（未满足）部分显示村庄未能消化的部分。"),
            ("Resilience to the shock: once the shock is over, the figures show how deep the "
             "drop was, how fast the village recovered, and whether it ended lower or higher.",
             "应对冲击的韧性：冲击结束后，指标显示下降有多深、村庄恢复得多快，以及最终是更低还是更高。"),
        ),
        why=(
            ("A cold wave multiplies needs, most of all daily living and emergencies. Helpers "
             "who are already near their limit tire and some quit, so the drop can outlast "
             "the cold itself.",
             "寒潮使需求成倍增加，尤其是日常生活和紧急需求。本已接近极限的帮助者更加疲劳，有些人退出，因此下降可能比寒潮本身持续得更久。"),
            ("Villages with spare capacity (teams, a pool of matched helpers, a budget that "
             "does not swing) absorb the surge; governance keeps money and trust steady, so "
             "help is still there after the shock.",
             "有富余能力的村庄（服务队、可匹配的帮助者、稳定的预算）能够消化激增的需求；协同治理让资金和信任保持稳定，冲击过后帮助依然在。"),
        ),
        try_next=(
            ("Press Shock now with an out-migration wave or the loss of key volunteers and "
             "watch which layer (individual, group, community) takes the hit.",
             "用“外出务工潮”或“骨干志愿者流失”点击“立即施加冲击”，观察哪个层次（个人、群体、社区）受到的冲击最大。"),
            ("On Compare, run informal aid only against all levels: the resilience rows "
             "measure each run against its own twin without the shock.",
             "在“比较”页中，将仅有非正式互助与全部层次进行比较：韧性指标会把每次运行与没有冲击的孪生运行对比。"),
        ),
        preset="all_levels", compare_with="baseline",
    ),
)

LESSON_INDEX = {lesson.key: lesson for lesson in LESSONS}
