"""The texts of the guided lessons (visualization/lessons.py), in English and Chinese.

Each lesson's title, set-up sentence, objectives, 90-minute plan, what to watch,
the mechanism in plain words, discussion questions and what to try next. The
lessons' villages, scenarios and seeds are in lessons.py; the numbers a class
should expect are generated from seeded runs (docs/teaching/expected.json), so
no text here states a model result as a number.
"""

from __future__ import annotations

T = tuple[str, str]  # (English, Chinese)


def _plan(*steps: tuple[int, str, str]) -> tuple[tuple[int, T], ...]:
    return tuple((m, (en, zh)) for m, en, zh in steps)


OPEN = (10, "Open: the objectives, and one question to the class from their own practice",
        "导入：说明学习目标，请学生结合自己的实践经验回答一个问题")
CLOSE = (10, "Debrief: what the model leaves out, and what it means for practice",
         "总结：模型没有包括什么，这对实务意味着什么")


def _standard_plan(demo: T, pairs: T, compare: T) -> tuple[tuple[int, T], ...]:
    return _plan(OPEN, (15, *demo), (20, *pairs), (15, *compare),
                 (20, "Discussion questions, in small groups, then shared",
                  "分组讨论下面的问题，再全班分享"), CLOSE)


LESSON_TEXT: dict[str, dict] = {}

LESSON_TEXT["withdrawal"] = dict(
    title=("Why withdrawn elders stop asking", "为什么退缩的老人不再求助"),
    setup=("A village of 400 adults where going weeks without contact wears down an elder's "
           "sense of agency faster than in the default village; informal help only, three "
           "years, no shock.",
           "一个 400 名成年人的村庄，老人几周没有来往时，“我能做到”的感觉比默认村庄流失得更快；"
           "只有非正式互助，运行三年，没有冲击。"),
    objectives=(
        ("Describe the disembedding cycle: refusal and isolation lower self-efficacy, low "
         "self-efficacy and loneliness lead to withdrawal, withdrawal cuts contact.",
         "能够描述“脱嵌”循环：被拒绝和孤立降低自我效能感，低效能感加上孤独导致退缩，退缩又切断来往。"),
        ("Explain why withdrawn elders rarely come back on their own (hysteresis).",
         "能够解释为什么退缩的老人很少自己回来（滞后效应）。"),
        ("Judge what casework changes, and for whom, from a seeded comparison.",
         "能够根据带随机种子的对比，判断个案工作改变了什么、对谁有效。"),
    ),
    plan=_standard_plan(
        ("Demonstration: set up the lesson village, step a year at a time, point at the grey "
         "dots and the withdrawn line", "演示：设置本课村庄，一年一年地运行，指出灰点和“退缩”曲线"),
        ("Worksheet part A in pairs: predict, run three years, record the figures",
         "两人一组完成练习单 A 部分：先预测，再运行三年，记录数据"),
        ("Switch on casework (or Compare these two) and fill in part B",
         "启用个案工作（或点击“比较这两个场景”），完成 B 部分")),
    watch=(
        ("The network: grey dots (withdrawn elders) appear where ties have faded, "
         "usually among elders living alone.",
         "关系网络：灰点（退缩的老人）出现在关系变弱的地方，通常是独居老人。"),
        ("Elders' participation: the grey 'withdrawn' line climbs year after year.",
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
    questions=(
        ("Which elders turned grey first? What do they have in common, and would you have "
         "found them in your own village?",
         "哪些老人最先变成灰点？他们有什么共同点？在你所在的村里，你能找到他们吗？"),
        ("Casework visits only a caseload of the elders at highest risk. Why can such a small "
         "caseload change the whole village's figure?",
         "个案工作只跟进风险最高的一小批老人。为什么这么小的个案量能改变全村的数字？"),
        ("The model says a withdrawn elder stops asking but kin still help. What does that "
         "mean for how a social worker should find these elders?",
         "模型中，退缩的老人不再求助，但家人仍会帮忙。这对社工如何发现这些老人有什么启示？"),
        ("What would you need to know about a real elder that the model does not know?",
         "对一位真实的老人，你还需要了解哪些模型并不知道的情况？"),
    ),
    try_next=(
        ("Switch on Casework (micro level) and press Reset: a social worker follows the "
         "elders most at risk, restores their agency and breaks the cycle early.",
         "启用“个案工作”（微观层次）后点击重置：社工跟进风险最高的老人，恢复他们的能动性，及早打破循环。"),
        ("On Compare, run this village against the same village with casework.",
         "在“比较”页中，将这个村庄与启用个案工作的同一村庄进行比较。"),
    ),
)

LESSON_TEXT["burnout"] = dict(
    title=("Why burnout spreads", "为什么倦怠会蔓延"),
    setup=("A village of 400 adults with few willing helpers and heavier strain per hour of "
           "help; informal help only, three years, no shock.",
           "一个 400 名成年人的村庄，愿意帮忙的人很少，每小时帮助带来的压力更重；只有非正式互助，运行三年，没有冲击。"),
    objectives=(
        ("Explain how load, tasks beyond a helper's skill and fading motivation lead to "
         "burnout and drop-out.",
         "能够解释负荷、超出能力的任务和动机消退如何导致倦怠和退出。"),
        ("Describe how one helper's drop-out passes the load to others (a chain reaction).",
         "能够描述一位帮助者退出后负担如何转移给其他人（连锁反应）。"),
        ("Compare what organised teams do, and what recognition and a time bank add, using "
         "seeded results rather than impressions.",
         "能够借助带随机种子的结果（而不是印象）比较服务队的作用，以及表彰和时间银行带来的额外作用。"),
    ),
    plan=_standard_plan(
        ("Demonstration: set up the lesson village, run it a year at a time, follow the "
         "active helpers and the burnout line", "演示：设置本课村庄，一年一年地运行，跟踪活跃帮助者人数和倦怠曲线"),
        ("Worksheet part A in pairs: predict, run three years, record the figures",
         "两人一组完成练习单 A 部分：先预测，再运行三年，记录数据"),
        ("Switch on teams, then recognition and the time bank (or Compare these two); part B",
         "依次启用服务队、表彰和时间银行（或点击“比较这两个场景”），完成 B 部分")),
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
    questions=(
        ("Teams meet needs that informal help leaves open. Is that more work or less for "
         "the helpers? What do the results say about burnout with teams alone?",
         "服务队满足了非正式互助满足不了的需求。这对帮助者来说是更多的工作还是更少？结果显示仅有服务队时倦怠如何变化？"),
        ("Recognition and the time bank cost little. What exactly do they change for a "
         "helper, and why does that keep more of them active?",
         "表彰和时间银行花费不多。它们究竟改变了帮助者的什么？为什么能让更多人留下来？"),
        ("In your village, who would be the first helpers to burn out, and who would notice?",
         "在你所在的村里，谁会是最先倦怠的帮助者？谁会注意到？"),
        ("A time bank must honour its credits. What happens to trust if it cannot?",
         "时间银行必须兑现积分。如果兑现不了，信任会怎样？"),
    ),
    try_next=(
        ("Switch on Volunteer teams, Recognition and Time bank (meso level) and Reset: "
         "trained members take on the harder tasks, supervision and recognition take strain "
         "off, and credits renew motivation.",
         "启用“志愿服务队”“表彰与荣誉”和“时间银行”（中观层次）后重置：受过培训的成员承担较难的任务，督导和表彰减轻压力，积分重新激发动机。"),
        ("On Compare, run this village against teams with incentives.",
         "在“比较”页中，将这个村庄与“服务队加激励”进行比较。"),
    ),
)

LESSON_TEXT["matching"] = dict(
    title=("What matching changes", "匹配改变了什么"),
    setup=("A village of 400 adults with needs-resource matching and an activity centre, "
           "three years, no shock.",
           "一个 400 名成年人的村庄，启用需求与资源匹配和老年活动中心，运行三年，没有冲击。"),
    objectives=(
        ("Explain why informal help reaches only an elder's own ties, and what a needs "
         "database and an inventory of idle helpers add.",
         "能够解释为什么非正式互助只能到达老人自己的关系圈，以及需求数据库和空闲帮助者名册带来了什么。"),
        ("Describe how an idle building reused as an activity centre creates ties and eases "
         "loneliness.",
         "能够描述闲置场所改作活动中心后如何结成新关系、缓解孤独。"),
        ("Read the channels of help (family, neighbours, teams, matched) off the needs chart.",
         "能够从需求图中读出各个帮助渠道（家人、邻里、服务队、匹配）。"),
    ),
    plan=_standard_plan(
        ("Demonstration: set up the lesson village, run a year, point at the purple band and "
         "the new ties", "演示：设置本课村庄，运行一年，指出紫色部分和新结成的关系"),
        ("Worksheet part A in pairs: predict, run three years, record the figures",
         "两人一组完成练习单 A 部分：先预测，再运行三年，记录数据"),
        ("Compare these two (informal aid only against matching) and fill in part B",
         "点击“比较这两个场景”（仅非正式互助与匹配），完成 B 部分")),
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
         "each open need to an idle helper on the list, and never fills more than part "
         "of anyone's hours, so nobody is worn out by it.",
         "需求数据库把整个村庄变成一个资源池：协调员把每项未满足的需求派给名单上空闲的帮助者，而且只占用每人的一部分时间，不会把人累垮。"),
        ("Outreach finds the needs of elders who no longer ask; the activity centre gives "
         "everyday contact and new ties, which keep agency and trust up.",
         "主动外展能发现不再求助的老人的需求；活动中心带来日常接触和新关系，使能动性和信任保持在较高水平。"),
    ),
    questions=(
        ("Matched helpers meet only a small share of the needs directly, yet far more needs "
         "are met overall. Where does the rest of the gain come from?",
         "匹配的帮助者直接满足的需求只占一小部分，但总体上满足的需求多了很多。其余的提升从哪里来？"),
        ("Which idle people and spaces are there in your village? Who would keep the list?",
         "你所在的村里有哪些空闲的人和场所？谁来维护这份名单？"),
        ("Matching serves elders with the fewest ties first. Is that fair? Who could be "
         "left out?",
         "匹配优先服务关系最少的老人。这样公平吗？谁可能被遗漏？"),
        ("What happens to matching when the money runs short?",
         "资金不足时，匹配会怎样？"),
    ),
    try_next=(
        ("Lower the Budget (government grant) and Reset: when money runs short, the "
         "coordinator matches fewer needs (the purple band thins; the budget left, "
         "above the charts, falls towards 0).",
         "降低预算（政府补助）后重置：资金不足时，协调员能匹配的需求减少（紫色部分变薄；图表上方的预算余额趋近 0）。"),
        ("On Compare, run informal aid only against matching.",
         "在“比较”页中，将仅有非正式互助的村庄与匹配进行比较。"),
    ),
)

LESSON_TEXT["budget"] = dict(
    title=("Who pays: the committee's budget", "钱从哪里来：村委会的预算"),
    setup=("A village of 400 adults running casework, volunteer teams and matching, paid "
           "for by the village committee's budget; four years, no shock.",
           "一个 400 名成年人的村庄，开展个案工作、志愿服务队和需求匹配，费用由村委会预算支付；运行四年，没有冲击。"),
    objectives=(
        ("Describe where the committee's money comes from (grant instalments, donations) and "
         "why both are unstable.",
         "能够说明村委会的钱从哪里来（分期拨付的政府补助、捐赠），以及为什么两者都不稳定。"),
        ("Explain how a shortfall scales every paid intervention down at once.",
         "能够解释资金缺口如何让所有付费干预同时缩减。"),
        ("Judge what multi-stakeholder governance changes (steadier money, trust, "
         "credibility) and what it does not, from the spending columns of a run.",
         "能够根据运行结果中的支出数据，判断协同治理改变了什么（资金更稳定、信任、公信力）、没有改变什么。"),
    ),
    plan=_standard_plan(
        ("Demonstration: set up the lesson village, watch the budget left above the charts "
         "rise at each instalment and fall between them",
         "演示：设置本课村庄，观察图表上方的预算余额在每次拨款时上升、两次拨款之间下降"),
        ("Worksheet part A in pairs: read the spending and balance columns of a "
         "`villageaid run` (or the dashboard) and record them",
         "两人一组完成练习单 A 部分：读取 `villageaid run` 输出（或仪表盘）中的支出和余额，记录下来"),
        ("Switch on governance, then halve the grant (or Compare these two); part B",
         "启用协同治理，再把补助减半（或点击“比较这两个场景”），完成 B 部分")),
    watch=(
        ("The budget left (above the charts): it jumps when a grant instalment arrives "
         "(four a year) and with the donations at the start of each year, and falls week by "
         "week as the interventions are paid.",
         "预算余额（图表上方）：每季度政府补助到账（一年四次）、每年年初捐赠到账时跳升，随后随着干预支出逐周下降。"),
        ("Needs: when the balance runs low, the purple (matched) band and the casework "
         "caseload thin together, because every item is paid the same share.",
         "需求：余额偏低时，紫色（匹配）部分和个案量一起变少，因为每项支出按同一比例支付。"),
        ("Trust and credibility: the committee's credibility follows the share of needs met; "
         "villagers' trust follows credibility.",
         "信任与公信力：村委会的公信力随需求满足率变化，村民的信任又随公信力变化。"),
    ),
    why=(
        ("The grant arrives in four instalments a year and varies from year to year; "
         "donations come once a year, around the Spring Festival, and vary even more. A bad "
         "year can bring little.",
         "政府补助一年分四次拨付，每年金额有起伏；捐赠每年到账一次（春节前后），波动更大。年景不好时，到账可能很少。"),
        ("The committee spreads the balance over the weeks to the next instalment. When the "
         "interventions ask for more than that, each is paid the same share and runs at that "
         "share: fewer new cases, fewer matches, fewer recruits trained.",
         "村委会把余额分摊到下次拨款前的各周。当干预所需超过这个额度时，每项按同一比例支付，并按这个比例运行：新开个案少了，匹配少了，培训的新成员也少了。"),
        ("Governance (steady funding arrangements, publicity, supervision) makes income "
         "swing less and raises trust and credibility; it costs money itself and brings no "
         "extra money unless a partner adds it.",
         "协同治理（稳定的筹资安排、宣传、监督）让收入波动变小，提高信任和公信力；但它本身也要花钱，除非有合作方追加资金，否则不会带来额外的钱。"),
    ),
    questions=(
        ("Governance does not add money. Why might a committee still choose it?",
         "协同治理并不增加资金。村委会为什么仍可能选择它？"),
        ("When the grant is halved, which services should be cut first, and who decides? "
         "The model cuts all of them by the same share: is that what a village would do?",
         "补助减半时，应该先削减哪些服务？由谁决定？模型按同一比例削减所有服务，现实中的村庄会这样做吗？"),
        ("Which columns of `timeseries.csv` would you show a township official, and why?",
         "你会把 `timeseries.csv` 中的哪些列展示给乡镇干部看？为什么？"),
        ("Donations arrive once a year. What does that mean for services that need steady "
         "money every week?",
         "捐赠一年只到账一次。这对每周都需要稳定资金的服务意味着什么？"),
    ),
    try_next=(
        ("Switch on Multi-stakeholder governance (macro level) and Reset; then lower the "
         "Budget (government grant) to half and Reset again.",
         "启用“多方协同治理”（宏观层次）后重置；再把预算（政府补助）降到一半，再次重置。"),
        ("On Compare, run these services against the same services with governance; the "
         "money-spent row shows the cost.",
         "在“比较”页中，将这些服务与加上协同治理的同样服务进行比较；“花费”一行显示成本。"),
    ),
)

LESSON_TEXT["shock"] = dict(
    title=("Weathering a shock", "经受冲击"),
    setup=("A village of 400 adults with every intervention at all three levels; a cold wave "
           "hits at the start of year 3 and lasts eight weeks; five years. Press Shock now at "
           "any time for another.",
           "一个 400 名成年人的村庄，启用三个层次的全部干预；第 3 年初遭遇寒潮，持续八周；运行五年。"
           "随时可以点击“立即施加冲击”再来一次。"),
    objectives=(
        ("Describe how a cold wave raises needs and strains helpers, and why the drop can "
         "outlast the cold.",
         "能够描述寒潮如何增加需求、加重帮助者的压力，以及为什么下降可能比寒潮持续更久。"),
        ("Read the three resilience figures: how deep the drop (adaptive), how fast the "
         "recovery (restorative), and whether the village ends higher (transformative).",
         "能够读懂三个韧性指标：下降有多深（适应）、恢复有多快（恢复）、最终是否更高（转型）。"),
        ("Explain why each run is measured against its twin without the shock.",
         "能够解释为什么每次运行都要与没有冲击的“孪生”运行对比。"),
    ),
    plan=_plan(
        OPEN,
        (15, "Demonstration: set up the lesson village, run to the start of year 3, then "
             "week by week through the red-shaded weeks",
         "演示：设置本课村庄，运行到第 3 年初，然后逐周经过红色阴影的几周"),
        (20, "Worksheet part A in pairs: record needs met before, during and after the cold "
             "wave; read the resilience figures",
         "两人一组完成练习单 A 部分：记录寒潮前、中、后的需求满足率，读取韧性指标"),
        (15, "Compare these two (all levels against informal aid only): part B",
         "点击“比较这两个场景”（全部干预与仅非正式互助），完成 B 部分"),
        (20, "Discussion questions, in small groups, then shared",
         "分组讨论下面的问题，再全班分享"),
        CLOSE),
    watch=(
        ("Needs: the total jumps during the red-shaded weeks, and the red band (unmet) "
         "shows how much the village could not absorb.",
         "需求：在红色阴影的几周内需求总量激增，红色（未满足）部分显示村庄未能消化的部分。"),
        ("Volunteers: burnout rises during the cold wave; some helpers drop out in the weeks "
         "after it.",
         "志愿者：寒潮期间倦怠上升；寒潮过后的几周里，有些帮助者退出。"),
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
        ("A village drifts even without a shock, so each run is measured against the same "
         "village, same seed, without the cold wave: what differs is the shock alone.",
         "即使没有冲击，村庄也在变化，所以每次运行都与“同一个村庄、同一随机种子、没有寒潮”的运行对比：差别就只来自冲击本身。"),
    ),
    questions=(
        ("Compare the lowest share of needs met, not only the size of the drop. Which "
         "village had further to fall, and which was better off at its worst?",
         "不要只看下降幅度，也要比较需求满足率的最低点。哪个村庄“跌得更远”？哪个村庄在最困难时情况更好？"),
        ("Why do some helpers drop out after the cold wave is over?",
         "为什么有些帮助者在寒潮结束后才退出？"),
        ("Which layer took the hit hardest: individuals (self-efficacy), groups (teams, "
         "ties) or the community (coverage, equity)?",
         "哪个层次受冲击最大：个人（自我效能感）、群体（服务队、关系）还是社区（满足率、公平）？"),
        ("What would your village prepare before the winter?",
         "入冬前，你所在的村应该做哪些准备？"),
    ),
    try_next=(
        ("Press Shock now with an out-migration wave or the loss of key volunteers and "
         "watch which layer (individual, group, community) takes the hit.",
         "用“外出务工潮”或“骨干志愿者流失”点击“立即施加冲击”，观察哪个层次（个人、群体、社区）受到的冲击最大。"),
        ("On Compare, run all levels against informal aid only: the resilience rows "
         "measure each run against its own twin without the shock.",
         "在“比较”页中，将全部层次与仅非正式互助进行比较：韧性指标会把每次运行与没有冲击的孪生运行对比。"),
    ),
)

LESSON_TEXT["levels"] = dict(
    title=("All levels together", "三个层次合在一起"),
    setup=("A village of 400 adults with every intervention at all three levels, three "
           "years, no shock; `villageaid factorial` runs all eight combinations of the levels.",
           "一个 400 名成年人的村庄，启用三个层次的全部干预，运行三年，没有冲击；`villageaid factorial` 运行三个层次的全部八种组合。"),
    objectives=(
        ("State the theory's claim that no single level suffices and the levels reinforce "
         "each other, as a question the model can test.",
         "能够把理论的主张（单一层次不够，各层次相互强化）表述为模型可以检验的问题。"),
        ("Read a 2x2x2 factorial: main effects, two- and three-way interactions, and "
         "'cannot tell' when an interval includes 0.",
         "能够读懂 2×2×2 析因实验：主效应、二阶和三阶交互作用，以及区间包含 0 时的“无法判断”。"),
        ("Argue for a mix of interventions from the results, and name what the results "
         "cannot say.",
         "能够依据结果为一组干预组合提出论证，并说明结果不能回答什么。"),
    ),
    plan=_plan(
        OPEN,
        (15, "Demonstration: set up all levels in Explore and run three years; then show the "
             "factorial's table (run beforehand, or live: it takes about a minute)",
         "演示：在探索页设置全部干预并运行三年；然后展示析因实验的结果表（可课前运行，也可现场运行，约需一分钟）"),
        (20, "Worksheet part A in groups: predict the eight cells, then read the cell means",
         "分组完成练习单 A 部分：先预测八个组合的结果，再读取各组合的均值"),
        (15, "Worksheet part B: main effects and interactions, and their reading",
         "练习单 B 部分：主效应和交互作用，以及如何解读"),
        (20, "Discussion questions, in small groups, then shared",
         "分组讨论下面的问题，再全班分享"),
        CLOSE),
    watch=(
        ("Needs: family, neighbours, teams and matched helpers stack up; the red band "
         "(unmet) is thinnest when all levels run.",
         "需求：家人、邻里、服务队和匹配帮助者层层叠加；三个层次都启用时，红色（未满足）部分最薄。"),
        ("Elders' participation: few grey dots, more elders giving help.",
         "老人的参与：灰点很少，提供帮助的老人更多。"),
        ("The factorial's table: each level's main effect, and whether the interactions "
         "read 'reinforce', 'substitute' or 'cannot tell'.",
         "析因实验结果表：每个层次的主效应，以及交互作用读作“相互强化”“相互替代”还是“无法判断”。"),
    ),
    why=(
        ("Each level works on a different link: casework restores elders' agency (micro), "
         "teams and incentives keep helpers going (meso), matching and the centre connect "
         "needs with idle capacity and steady the money (macro).",
         "每个层次作用于不同的环节：个案工作恢复老人的能动性（微观），服务队和激励让帮助者坚持下去（中观），匹配和活动中心把需求与闲置资源连接起来、并让资金更稳定（宏观）。"),
        ("Two levels reinforce each other when one makes the other work better: an elder "
         "whose agency casework restored asks again, and matching can then serve them. They "
         "substitute when both fix the same gap, so the second adds less.",
         "当一个层次让另一个层次更有效时，两者相互强化：个案工作恢复了能动性的老人重新求助，匹配才能服务到他。当两者填补的是同一个缺口时，它们相互替代，后加的那个作用就小了。"),
        ("Five seeds are few: many interactions read 'cannot tell'. That is an honest answer; "
         "more replicates narrow the intervals.",
         "五个随机种子太少，很多交互作用读作“无法判断”。这是诚实的回答；增加重复次数会让区间变窄。"),
    ),
    questions=(
        ("Which single level does most for needs met? For withdrawal? Why might the answer "
         "differ between the two?",
         "哪一个单独的层次对需求满足率作用最大？对退缩呢？为什么两者的答案可能不同？"),
        ("Do the interactions support the theory that the levels reinforce each other? "
         "What would you need to be sure?",
         "交互作用是否支持“各层次相互强化”的理论？要确定这一点，你还需要什么？"),
        ("A township can fund only two levels. Which two, and what would you tell it about "
         "the third?",
         "乡镇只能资助两个层次。你会选哪两个？关于第三个层次，你会怎么跟乡镇说？"),
        ("What does the factorial leave out that matters in a real village (people, "
         "politics, time)?",
         "析因实验忽略了哪些在真实村庄中很重要的东西（人、关系与权力、时间）？"),
    ),
    try_next=(
        ("Run `villageaid factorial` with more replicates (e.g. 20) and see which 'cannot "
         "tell' become clear.",
         "用更多的重复次数（例如 20 次）运行 `villageaid factorial`，看看哪些“无法判断”变得清楚了。"),
        ("On Compare, run all levels against informal aid only.",
         "在“比较”页中，将全部层次与仅非正式互助进行比较。"),
    ),
)
