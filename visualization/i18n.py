"""English and Simplified Chinese text of the dashboard: every label, explanation and tooltip.

`tr(key, lang, **values)` returns a UI string; the parameter, setting, unit,
metric, intervention, shock and preset tables give both languages of what the
model defines in English (sim/params.py, sim/interventions, sim/shocks.py,
experiments/compare.py). Meanings in English come from the model's own `doc`
strings, so a parameter is never described twice in English; the Chinese
text is kept here, and tests/test_dashboard.py checks that every parameter,
setting, unit and metric the dashboard can show has it.

Sources of parameter values are quoted in English in both languages (they
cite English-language or bilingual sources).
"""

from __future__ import annotations

from ..sim import outcomes
from ..sim.params import Param

LANGS = {"en": "English", "zh": "简体中文"}
DEFAULT_LANG = "en"

# ------------------------------------------------------------------ UI strings
UI: dict[str, tuple[str, str]] = {
    "app_title": ("Village mutual aid", "乡村互助养老"),
    "app_subtitle": ("What if? Explore, compare and learn with the villageaid model",
                     "假如……？用 villageaid 模型探索、比较和学习"),
    "page_explore": ("Explore", "探索"),
    "page_compare": ("Compare", "比较"),
    "page_advise": ("Advise", "建议"),
    "page_learn": ("Learn", "学习"),
    "language": ("Language", "语言"),
    # scenario
    "scenario": ("Scenario", "场景"),
    "preset": ("Preset", "预设场景"),
    "load_preset": ("Load preset", "载入预设"),
    "upload": ("Upload a scenario file (.toml)", "上传场景文件（.toml）"),
    "choose_file": ("Choose file", "选择文件"),
    "drop_here": ("or drop a .toml file here", "或将 .toml 文件拖放到此处"),
    "download_toml": ("Download settings (.toml)", "下载当前设置（.toml）"),
    "loaded": ("Loaded scenario “{name}”.", "已载入场景“{name}”。"),
    "waiting_slot": ("Waiting for a free slot: this server runs {limit} villages at once "
                     "and {waiting} students are waiting; your run starts by itself.",
                     "正在等待空闲名额：本服务器同时运行 {limit} 个村庄，另有 {waiting} 位同学在等待；"
                     "轮到你时会自动开始。"),
    "board_title": ("Class board", "班级看板"),
    "board_intro": ("Send what you see now (scenario, week, headline figures and a link that "
                    "reopens it) with a note to your teacher's board.",
                    "把你现在看到的结果（场景、周数、主要指标和可重新打开的链接）连同备注发送到老师的看板。"),
    "board_name": ("Your name", "你的名字"),
    "board_note": ("Note: what did you try, what do you see?", "备注：你尝试了什么，看到了什么？"),
    "board_submit": ("Submit", "提交"),
    "board_done": ("Submitted: {scenario}, week {week}.", "已提交：{scenario}，第 {week} 周。"),
    "board_full": ("The class board is full; ask your teacher.", "班级看板已满，请告诉老师。"),
    "copy_link": ("Copy link", "复制链接"),
    "link_copied": ("Link copied", "链接已复制"),
    "copy_link_hint": ("Copy this page's address: it opens the dashboard with the same "
                       "scenario, settings, seed, week and language",
                       "复制本页地址：打开它即可看到相同的场景、设置、随机种子、周数和语言"),
    "link_refused": ("The link asks for values the dashboard cannot take; they were left "
                     "out:", "链接中有仪表盘无法接受的值，已略去："),
    "upload_error": ("The file “{name}” cannot be used; nothing was changed:",
                     "无法使用文件“{name}”，当前设置未作改动："),
    "upload_too_large": ("the file is larger than {kb} KB; a scenario file is a few lines of text",
                         "文件超过 {kb} KB；场景文件只有几行文字"),
    "current_scenario": ("Current scenario: {name}", "当前场景：{name}"),
    "edited": ("(edited)", "（已修改）"),
    # run controls
    "run": ("Run", "运行"),
    "play": ("Play", "播放"),
    "pause": ("Pause", "暂停"),
    "step": ("Step", "单步"),
    "step_year": ("+1 year", "前进一年"),
    "reset": ("Reset", "重置"),
    "seed": ("Seed", "随机种子"),
    "seed_help": ("Every random draw derives from the seed: the same seed and settings give "
                  "the same village and the same run. Whole number, {low} to {high}.",
                  "所有随机抽取都由种子决定：相同的种子和设置得到相同的村庄与相同的运行结果。"
                  "整数，{low} 至 {high}。"),
    "seed_bad": ("Seed: {value!r} is not a whole number from {low} to {high}; the seed was not changed.",
                 "随机种子：{value!r} 不是 {low} 至 {high} 之间的整数；种子未改变。"),
    "years": ("Years to run", "运行年数"),
    "speed": ("Weeks per second", "每秒周数"),
    "week_of": ("Week {week} of {weeks} · year {year}", "第 {week} 周 / 共 {weeks} 周 · 第 {year} 年"),
    "run_over": ("The run has reached its last week. Reset to start again, or set more years.",
                 "已运行到最后一周。可重置后重新开始，或增加运行年数。"),
    "rebuilt": ("Settings changed: the village was rebuilt at week 0.",
                "设置已更改：村庄已在第 0 周重建。"),
    # shock now
    "shock_now": ("Shock now", "立即施加冲击"),
    "shock_kind": ("Kind of shock", "冲击类型"),
    "shock_added": ("{shock} from week {week}, for {duration} weeks.",
                    "{shock}：自第 {week} 周起，持续 {duration} 周。"),
    "shock_too_late": ("No week is left in the run for a shock.", "运行已没有剩余的周数可施加冲击。"),
    "scheduled_shocks": ("Scheduled shocks", "已安排的冲击"),
    "no_shocks": ("No shock is scheduled.", "没有安排冲击。"),
    "remove": ("Remove", "删除"),
    # settings
    "budget": ("Budget", "预算"),
    "village": ("Village", "村庄"),
    "interventions": ("Interventions", "干预措施"),
    "all_params": ("All village parameters", "全部村庄参数"),
    "show": ("Show", "展开"),
    "hide": ("Hide", "收起"),
    "settings_of": ("Settings", "设置"),
    "switch_on": ("Switched on", "已启用"),
    "level_micro": ("micro", "微观"),
    "level_meso": ("meso", "中观"),
    "level_macro": ("macro", "宏观"),
    "refused": ("Refused, not passed to the model: {detail}", "已拒绝，未传给模型：{detail}"),
    "tooltip": ("{meaning}. Unit: {unit}. Range: {low} to {high}. Default: {default}. "
                "Source: {source}",
                "{meaning}。单位：{unit}。范围：{low} 至 {high}。默认值：{default}。"
                "来源（英文）：{source}"),
    "range_hint": ("{low} to {high} {unit}", "{low} 至 {high}（{unit}）"),
    "group_village": ("Village structure", "村庄结构"),
    "group_needs": ("Elders' needs", "老人的需求"),
    "group_help": ("Help", "帮助"),
    "group_wellbeing": ("Agency and loneliness", "效能感与孤独"),
    "group_demography": ("Population change", "人口变动"),
    "group_volunteers": ("Volunteers", "志愿者"),
    "group_network": ("Network", "关系网络"),
    "group_committee": ("Committee and budget", "村委会与预算"),
    # headline figures
    "now_heading": ("This week", "本周"),
    "kpi_coverage": ("Needs met (last 4 weeks)", "需求满足率（近 4 周）"),
    "kpi_participation": ("Elders taking part", "参与互助的老人"),
    "kpi_withdrawn": ("Elders withdrawn", "退缩的老人"),
    "kpi_helpers": ("Active helpers", "活跃的帮助者"),
    "kpi_burnout": ("Helpers' mean burnout", "帮助者平均倦怠"),
    "kpi_balance": ("Budget left (CNY)", "预算余额（元）"),
    # charts
    "chart_network": ("The village network", "村庄关系网络"),
    "chart_network_expl": (
        "Each dot is a resident, placed by clan around the village lane; lines are ties "
        "(family, kin, neighbours, acquaintances). Elders are circles coloured by their "
        "state: blue engaged, green helping others, orange lonely, grey withdrawn. "
        "Working-age volunteers are squares coloured by burnout, from pale yellow (fresh) "
        "to dark red (about to quit). Watch grey dots gather where ties have faded. Over "
        "the years the village lives a life course: residents who die or leave for work "
        "disappear from the picture, villagers who come home reappear, and elders who "
        "start helping on their own turn green.",
        "每个点是一位村民，按宗族排在村道周围；连线是关系（家人、亲戚、邻居、熟人）。"
        "老人用圆点表示，颜色代表状态：蓝色＝积极参与，绿色＝正在帮助别人，橙色＝孤独，"
        "灰色＝退缩。中青年志愿者用方块表示，颜色代表倦怠程度：从浅黄（精力充沛）到深红（快要退出）。"
        "留意关系变弱的地方灰点如何聚集。随着年份推移，村庄经历人口变动：去世或外出务工的村民从图中消失，"
        "返乡的村民重新出现，主动开始帮助别人的老人变成绿色。"),
    "chart_curves": ("Live curves", "实时曲线"),
    "chart_curves_expl": (
        "Four-week averages, week by week. Top left: the needs of elders each week and who "
        "met them; red is what nobody met. Most daily-living care is given at home and is "
        "not drawn here; a need left unmet carries into the next week, and unmet care "
        "makes elders frailer. Top right: elders taking part in mutual aid "
        "(gave or received help beyond family in the last four weeks) and elders who have "
        "withdrawn. Bottom left: elders' average sense of being able to act (self-efficacy) "
        "and loneliness. Bottom right: how worn out active helpers are (burnout; at 0.7 a "
        "helper quits) and how many are active. Shaded weeks are shocks; dotted lines mark "
        "interventions starting.",
        "按周显示的四周平均值。左上：每周老人的需求由谁满足，红色是无人满足的部分。"
        "大部分日常照料由家中成员提供，这里不画出；未满足的需求会延续到下一周，照料不足会使老人更加衰弱。"
        "右上：参与互助的老人（近四周内在家庭之外给予或得到过帮助）与已经退缩的老人。"
        "左下：老人的平均自我效能感（觉得自己能做事）和孤独感。"
        "右下：活跃帮助者的倦怠程度（达到 0.7 就会退出）和活跃人数。阴影表示冲击期间，虚线表示干预开始。"),
    "chart_timeline": ("Timeline of interventions and shocks", "干预与冲击时间线"),
    "chart_timeline_expl": (
        "Which interventions run when (bars from the week they start to the end of the run) "
        "and when shocks hit (red bars). The vertical line is the current week.",
        "各项干预何时运行（从开始的那一周到运行结束）以及冲击何时发生（红色条）。竖线表示当前这一周。"),
    "panel_needs": ("Needs per week, by who met them", "每周需求及其满足者"),
    "panel_participation": ("Elders' participation", "老人的参与"),
    "panel_efficacy": ("Self-efficacy and loneliness", "自我效能感与孤独感"),
    "panel_burnout": ("Volunteers: burnout and numbers", "志愿者：倦怠与人数"),
    "axis_years": ("years", "年"),
    "axis_needs": ("needs / week", "需求数 / 周"),
    "axis_share": ("share of elders", "老人比例"),
    "axis_0_1": ("0 to 1", "0 至 1"),
    "axis_burnout": ("burnout (0-1)", "倦怠（0-1）"),
    "axis_helpers": ("active helpers", "活跃帮助者人数"),
    "unmet": ("unmet", "未满足"),
    "taking_part": ("taking part", "参与互助"),
    "withdrawn_line": ("withdrawn", "退缩"),
    "willing": ("willing", "愿意参与"),
    "efficacy": ("self-efficacy", "自我效能感"),
    "loneliness": ("loneliness", "孤独感"),
    "burnout": ("mean burnout", "平均倦怠"),
    "quit_level": ("quits at", "退出阈值"),
    "helpers": ("active helpers", "活跃帮助者"),
    "volunteer_burnout": ("volunteer's burnout", "志愿者倦怠"),
    "other_residents": ("other residents", "其他村民"),
    "working_volunteer": ("working-age volunteer", "中青年志愿者"),
    "now": ("now", "现在"),
    "shown_of": ("showing {shown:,} of {total:,} residents", "显示 {total:,} 位村民中的 {shown:,} 位"),
    # equity
    "equity": ("Who gets help: needs met by group of elders", "谁得到了帮助：各类老人的需求满足情况"),
    "equity_wait": ("The equity table appears here once needs have arisen.",
                    "出现需求后，这里会显示公平性表格。"),
    "equity_expl": (
        "Shares of needs met and unmet so far, withdrawal and loneliness now, for elders "
        "grouped by living arrangement, frailty, age, sex and clan; the ratio compares the "
        "worst-served group's unmet share with the best-served, and the concentration index "
        "(-1 to 1) is above 0 when unmet needs fall on the older or frailer.",
        "按居住安排、衰弱程度、年龄、性别和宗族分组，显示至今需求已满足和未满足的比例、当前的退缩比例"
        "和孤独感；比值是未满足比例最高组与最低组之比，集中指数（-1 到 1）大于 0 表示未满足的需求"
        "集中在更年长或更衰弱的老人身上。"),
    "eq_group": ("Group", "分组"),
    "eq_elders": ("Elders", "老人数"),
    "eq_met": ("Met", "已满足"),
    "eq_unmet": ("Unmet", "未满足"),
    "eq_withdrawn": ("Withdrawn", "退缩"),
    "eq_lonely": ("Loneliness", "孤独感"),
    "eq_clans_shown": ("({n}; the worst and best served shown)", "（共 {n} 个，仅显示最差和最好的）"),
    "eq_ratio": ("worst / best unmet share: {ratio}", "未满足比例最高组/最低组：{ratio}"),
    "eq_ci": ("concentration index: {ci}", "集中指数：{ci}"),
    # resilience
    "resilience": ("Resilience to the shock", "应对冲击的韧性"),
    "resilience_wait": ("Resilience figures appear here once a shock has passed.",
                        "冲击结束后，这里会显示韧性指标。"),
    "resilience_expl": (
        "How the village weathered each shock, read from the share of needs met (smoothed "
        "over four weeks): how far it fell below its level in the half-year before, "
        "while the shock lasted or in the half-year after it (depth), how many weeks it took to come back within two points and stay "
        "(recovery), the needs-met lost on the way (area, in weeks' worth of needs), and "
        "whether it ends above or below where it started (after minus before). The layers "
        "show the same for elders' agency (individual), helpers and ties (group) and the "
        "whole village (community). Figures are measured on this run as it is, without a "
        "twin run lacking the shock; the Compare page measures against that twin.",
        "根据需求满足率（四周平滑）衡量村庄如何度过每次冲击：在冲击期间及其后半年内，"
        "比冲击前半年的水平下降了多少（深度）、"
        "需要多少周才回到相差两个百分点以内并保持住（恢复周数）、期间损失了多少需求满足（面积，以周需求量计），"
        "以及最终比开始时更高还是更低（前后之差）。各层次分别显示老人的能动性（个人）、帮助者与关系（群体）"
        "和整个村庄（社区）的同样指标。这些数字直接由本次运行得出，没有与“无冲击”的孪生运行对比；"
        "比较页面会与孪生运行对比。"),
    "res_shock": ("shock", "冲击"),
    "res_weeks": ("weeks", "周"),
    "res_pre": ("level before", "冲击前水平"),
    "res_depth": ("depth", "下降深度"),
    "res_trough": ("lowest in week", "最低点所在周"),
    "res_recovery": ("weeks to recover", "恢复周数"),
    "res_not_yet": ("not yet", "尚未恢复"),
    "res_area": ("area lost", "损失面积"),
    "res_after": ("after minus before", "前后之差"),
    "res_layer": ("layer", "层次"),
    "res_indicator": ("indicator", "指标"),
    "layer_individual": ("individual", "个人"),
    "layer_group": ("group", "群体"),
    "layer_community": ("community", "社区"),
    "ind_mean_efficacy": ("elders' self-efficacy", "老人自我效能感"),
    "ind_team_retention": ("founding team members still active", "仍在服务的团队创始成员"),
    "ind_ties_used": ("ties used for help (4 weeks)", "用于帮助的关系数（4 周）"),
    "ind_coverage": ("share of needs met", "需求满足率"),
    "ind_cohesion": ("cohesion of the helping network", "互助网络的凝聚度"),
    "ind_equity": ("equity: elders alone served as well", "公平：独居老人得到同等服务"),
    # exports
    "exports": ("Exports", "导出"),
    "export_png": ("Charts (PNG)", "图表（PNG）"),
    "export_network_png": ("Network (PNG)", "关系网络（PNG）"),
    "export_timeline_png": ("Timeline (PNG)", "时间线（PNG）"),
    "export_ts_csv": ("Weekly table (CSV)", "每周数据表（CSV）"),
    "export_agents_csv": ("Residents table (CSV)", "村民数据表（CSV）"),
    "export_equity_csv": ("Equity table (CSV)", "公平性表格（CSV）"),
    # compare
    "compare_intro": (
        "Run two scenarios over the same seeded replicates and compare them. Replicate i of "
        "both scenarios uses the same seed, so a difference reflects what the intervention "
        "changed, not luck. Runs with a shock are measured against a twin run without it.",
        "在相同的一组带种子的重复运行上比较两个场景。两个场景的第 i 次重复使用同一个种子，"
        "因此差异来自干预本身，而不是运气。含冲击的运行会与没有冲击的孪生运行对比。"),
    "scenario_a": ("Scenario A (reference)", "场景 A（参照）"),
    "scenario_b": ("Scenario B", "场景 B"),
    "explore_settings": ("current Explore settings", "探索页的当前设置"),
    "replicates": ("Replicates", "重复次数"),
    "residents_override": ("Residents per village", "每村居民数"),
    "compare_run": ("Run comparison", "运行比较"),
    "cancel": ("Cancel", "取消"),
    "cancelled": ("Cancelled.", "已取消。"),
    "progress": ("{done} of {total} runs done (last: {scenario}, replicate {replicate})",
                 "已完成 {done} / {total} 次运行（最近：{scenario}，第 {replicate} 次重复）"),
    "progress_start": ("Starting {total} runs ...", "开始 {total} 次运行……"),
    "progress_summary": ("Summarising ...", "正在汇总……"),
    "compare_same": ("Pick two different scenarios.", "请选择两个不同的场景。"),
    "compare_failed": ("The comparison failed: {error}", "比较失败：{error}"),
    "compare_none": ("No comparison yet: pick two scenarios and press Run comparison.",
                     "还没有比较结果：请选择两个场景并点击“运行比较”。"),
    "compare_curves": ("Curves with 95% bands", "带 95% 区间的曲线"),
    "compare_curves_expl": (
        "The mean over replicates of each scenario, week by week (four-week averages), with "
        "its 95% interval. The bands describe each scenario on its own; they are not a test "
        "of the difference. Because replicate i of both scenarios shares its seed, the "
        "difference is judged replicate by replicate (below): bands that overlap can still "
        "hide a clear difference, and bands that barely separate on one week say little "
        "about the whole run.",
        "各场景在所有重复运行上的逐周平均值（四周平滑）及其 95% 区间。阴影只描述每个场景本身，"
        "并不是对两者差异的检验。由于两个场景的第 i 次重复使用同一个种子，差异要逐次重复配对来判断（见下方）："
        "区间重叠并不说明没有差异，某一周区间分开也不足以说明整个运行期间有差异。"),
    "compare_diff": ("Differences, replicate by replicate", "逐次重复的差异"),
    "compare_diff_expl": (
        "Scenario B minus scenario A for each headline figure, worked out replicate by "
        "replicate (same seed), with its 95% interval. If the interval leaves out 0, these "
        "replicates show the direction of the difference; if it includes 0, they cannot "
        "tell the scenarios apart, which is not evidence that they are the same: the table "
        "says about how many replicates would resolve a difference as large as the one "
        "observed, 8 times in 10. The unpaired interval is what the same difference would "
        "have without pairing by seed. Pairing narrows it least where B holds a figure near "
        "its ceiling in every replicate (needs met under a strong intervention): then B "
        "hardly varies, and the difference varies as much as A does. The drop after the "
        "shock is measured against each scenario's own run without the shock, not against "
        "A: a scenario that meets nearly every need has further to fall when a cold wave "
        "pushes needs beyond what its helpers can cover, so a larger drop can come with a "
        "higher level of needs met throughout.",
        "对每个主要指标计算场景 B 减场景 A，逐次重复（相同种子）求差，并给出 95% 区间。若区间不包含 0，"
        "这些重复运行显示了差异的方向；若区间包含 0，则无法区分两个场景，但这并不证明两者相同："
        "表中给出若差异确有观察到的这么大，约需多少次重复才能在 10 次中有 8 次分辨出来。"
        "非配对区间是不按种子配对时同一差异的区间。若 B 在每次重复中都使某指标接近上限"
        "（如强干预下的需求满足率），配对收窄得最少：此时 B 几乎不变，差异的波动与 A 本身一样大。"
        "冲击后的下降是与各场景自己的无冲击运行相比，而不是与 A 相比：几乎满足全部需求的场景，"
        "在寒潮使需求超出帮助者承受能力时可下降的空间更大，因此下降更多的场景，需求满足率仍可能始终更高。"),
    "compare_diff_chart_expl": (
        "The same differences for the shares, in percentage points: a dot right of the line "
        "means B is higher. Green: better for elders or helpers; red: worse; grey with a "
        "hollow dot: the interval includes 0, so these replicates cannot tell which way it "
        "goes.",
        "以百分点表示的比例类指标差异：点在竖线右侧表示 B 更高。绿色＝对老人或帮助者更好，红色＝更差；"
        "灰色空心点＝区间包含 0，这些重复运行无法判断差异的方向。"),
    "compare_table": ("Means and 95% intervals", "平均值与 95% 区间"),
    "col_metric": ("figure", "指标"),
    "col_unit": ("unit", "单位"),
    "col_diff": ("B − A", "B − A"),
    "col_paired": ("paired 95% interval", "配对 95% 区间"),
    "col_unpaired": ("unpaired 95% interval", "非配对 95% 区间"),
    "col_verdict": ("what the replicates show", "重复运行说明什么"),
    "verdict_higher": ("B higher", "B 更高"),
    "verdict_lower": ("B lower", "B 更低"),
    "verdict_cannot": ("cannot tell apart with {n} replicates; about {needed} would resolve it",
                       "{n} 次重复无法区分；约需 {needed} 次"),
    "verdict_none": ("cannot tell apart with {n} replicates; no difference in these runs",
                     "{n} 次重复无法区分；这些运行中没有差异"),
    "compare_brief": ("Policy brief (PDF)", "政策简报（PDF）"),
    "compare_png": ("Comparison (PNG)", "比较图（PNG）"),
    "compare_summary_csv": ("Means (CSV)", "平均值（CSV）"),
    "compare_diff_csv": ("Differences (CSV)", "差异（CSV）"),
    "compare_curves_csv": ("Curves (CSV)", "曲线（CSV）"),
    "compare_reps_csv": ("Replicates (CSV)", "每次重复（CSV）"),
    "compare_done": ("{n} replicates of {a} and {b}, seeds {s0} to {s1}, {years} years each.",
                     "{a} 与 {b} 各重复 {n} 次，种子 {s0} 至 {s1}，每次 {years} 年。"),
    "diff_points": ("B − A, percentage points", "B − A（百分点）"),
    # learn
    "learn_intro": (
        "Guided lessons for teaching practice at three levels. Each lesson sets up a village "
        "in Explore, says what to watch, and explains the mechanism in plain words. Press "
        "“Set up in Explore”, then Play.",
        "用于教学的三个层次的引导课程。每课会在“探索”页中设置一个村庄，告诉你要观察什么，并用浅显的话解释背后的机制。"
        "点击“在探索页中设置”，然后点“播放”。"),
    "lesson_setup": ("Set up in Explore", "在探索页中设置"),
    "lesson_compare": ("Compare these two", "比较这两个场景"),
    "lesson_watch": ("What to watch", "观察什么"),
    "lesson_why": ("Why it happens", "为什么会这样"),
    "lesson_try": ("Try next", "接下来试试"),
    "lesson_active": ("Lesson: {title}", "课程：{title}"),
    "lesson_close": ("Close lesson", "关闭课程"),
    "lesson_level": ("Level of practice: {level}", "实务层次：{level}"),
}


# -------------------------------------------- reports the command line writes
# Console reports and figures of `villageaid compare` and `villageaid run` (--lang zh).
REPORT: dict[str, tuple[str, str]] = {
    "header": ("{scenarios} scenarios x {n} replicates (replicate i of every scenario uses "
               "the same seed)",
               "{scenarios} 个场景 × 每个 {n} 次重复（各场景的第 i 次重复使用同一个种子）"),
    "means": ("Means over replicates, with 95% intervals", "各场景在重复运行上的平均值与 95% 区间"),
    "differences": ("Difference from {first}, replicate by replicate (paired 95% interval)",
                    "与“{first}”的差异：逐次重复配对计算（配对 95% 区间）"),
    "cannot_tell": ("cannot tell", "无法区分"),
    "unresolved": (
        "Cannot tell apart with {n} replicates (the 95% interval of the difference includes "
        "0, so the replicates do not show which way it goes):",
        "用 {n} 次重复无法区分（差异的 95% 区间包含 0，重复运行不能说明差异的方向）："),
    "unresolved_item": ("{scenario} vs {first}, {metric}: {diff} [{low}, {high}]; about "
                        "{needed} replicates would resolve a difference this large 8 times "
                        "in 10",
                        "{scenario} 与 {first}，{metric}：{diff} [{low}, {high}]；若差异确有这么大，"
                        "约 {needed} 次重复可在 10 次中有 8 次分辨出来"),
    "unresolved_never": ("{scenario} vs {first}, {metric}: {diff} [{low}, {high}]; no "
                         "difference at all in these replicates",
                         "{scenario} 与 {first}，{metric}：{diff} [{low}, {high}]；这些重复中完全没有差异"),
    "all_resolved": ("Every difference above is resolved by {n} replicates (its 95% interval "
                     "leaves out 0).",
                     "上表每个差异在 {n} 次重复下都已分辨（95% 区间不包含 0）。"),
    "intervals": (
        "Intervals: 95%, from Student's t over replicates, built on a scale that keeps them "
        "inside what is possible (logit for shares and 0-1 scales, log for counts and costs, "
        "Fisher's z for differences of shares; Wilson's interval for a share of replicates); "
        "docs/ODD.md 8.5.",
        "区间：基于重复运行的 Student t 分布的 95% 区间，在保证区间不越出可能取值的尺度上构造"
        "（比例与 0–1 指标用 logit，计数和成本用对数，比例之差用 Fisher z；重复中的比例用 Wilson 区间）；"
        "见 docs/ODD.md 8.5。"),
    "shock_note": (
        "Shock drop and shock loss are measured against each scenario's own unshocked twin "
        "(same seed and interventions, no shock), not against the baseline. A scenario that "
        "meets nearly every need has further to fall: when a cold wave raises needs beyond "
        "what its helpers can cover, coverage falls from near 1, while a village that already "
        "leaves many needs unmet loses less of what little it has. A larger drop can come "
        "with a higher level of needs met before, during and after the shock.",
        "“冲击下降”和“冲击损失”是与各场景自己的“无冲击孪生运行”（相同种子和干预、没有冲击）相比，而不是与基线场景相比。"
        "几乎满足全部需求的场景可下降的空间更大：寒潮使需求超出帮助者的承受能力时，需求满足率从接近 1 的水平下降；"
        "而本来就有许多需求未被满足的村庄，能失去的本就不多。下降更多的场景，在冲击前、冲击中和冲击后的需求满足率仍可能更高。"),
    "pairing": (
        "Pairing by seed narrows the intervals of the differences {ratio:.1f}x (median over "
        "metrics and scenarios; unpaired / paired width); no pairing of these replicates "
        "could give more than {bound:.1f}x (median; pairing_bound in differences.csv)",
        "按种子配对使差异的区间收窄 {ratio:.1f} 倍（各指标和场景的中位数；非配对宽度 / 配对宽度）；"
        "对这些重复，任何配对方式都不能超过 {bound:.1f} 倍（中位数；见 differences.csv 的 pairing_bound）"),
    "columns": ("Columns", "列"),
    # the comparison figure
    "fig_title": ("{scenarios} scenarios compared over {n} replicates: means with 95% bands",
                  "{scenarios} 个场景的比较（{n} 次重复）：平均值与 95% 区间"),
    "fig_diff_title": ("Difference from {first} (paired 95% interval)",
                       "与“{first}”的差异（配对 95% 区间）"),
    "fig_diff_axis": ("difference, percentage points", "差异（百分点）"),
    "fig_shock": ("shock", "冲击"),
    "fig_start": ("interventions start", "干预开始"),
    "fig_years": ("years", "年"),
    "fig_resilience_note": ("measured against each scenario's own run without the shock",
                            "与各场景自己的无冲击运行相比"),
    "fig_cannot_tell": ("hollow: cannot tell apart with {n} replicates",
                        "空心：{n} 次重复无法区分"),
    "fig_better": ("green: better, red: worse", "绿色：更好；红色：更差"),
}

# `villageaid run`'s figure (curves.png)
RUN_FIGURE: dict[str, tuple[str, str]] = {
    "met": ("met: {channel}", "满足：{channel}"), "unmet": ("unmet", "未满足"),
    "family": ("family", "家人"), "informal": ("informal", "邻里朋友"),
    "team": ("team", "志愿服务队"), "matched": ("matched", "匹配"),
    "needs_title": ("Needs per week, by who met them", "每周需求及其满足者"),
    "needs_axis": ("needs / week", "需求 / 周"),
    "taking_part": ("taking part (4 weeks)", "参与互助（4 周内）"), "willing": ("willing", "愿意参与"),
    "giving": ("giving this week", "本周提供帮助"), "withdrawn": ("withdrawn", "退缩"),
    "participation_title": ("Elders' participation", "老人的参与"),
    "share_elders": ("share of elders", "老人比例"),
    "efficacy": ("self-efficacy", "自我效能感"), "loneliness": ("loneliness", "孤独感"),
    "coverage": ("share of needs met", "需求满足率"),
    "wellbeing_title": ("Well-being and coverage", "身心状况与需求满足"),
    "helpers": ("active helpers", "活跃帮助者"), "helpers_axis": ("helpers", "帮助者"),
    "volunteers_title": ("Volunteers and burnout", "志愿者与倦怠"),
    "burnout": ("mean burnout", "平均倦怠"), "burnout_axis": ("burnout (0-1)", "倦怠（0–1）"),
    "balance": ("balance", "余额"), "spent": ("spent (cumulative)", "累计支出"),
    "budget_title": ("Committee budget", "村委会预算"),
    "thousand_cny": ("thousand CNY", "千元"),
    "cohesion": ("cohesion of helping network", "互助网络的凝聚度"),
    "credibility": ("committee credibility", "村委会公信力"),
    "trust": ("elders' trust", "老人的信任"), "trust_title": ("Cohesion and trust", "凝聚与信任"),
    "years": ("years", "年"),
    "residents": ("residents living here", "在村居民"), "elders": ("elders (60+)", "老人（60 岁以上）"),
    "population_title": ("Who lives in the village", "村里住着谁"),
    "persons": ("persons", "人"), "persons_year": ("persons a year", "人/年"),
    "year": ("year", "年份"),
    "deaths": ("deaths", "死亡"), "widowed": ("widowed", "丧偶"),
    "new_elders": ("turned 60", "年满 60 岁"), "left": ("left for work", "外出务工"),
    "returned": ("came home", "返乡"), "joined": ("started helping", "开始帮助他人"),
    "events_title": ("The life course, year by year", "逐年的人口变动"),
}

# `villageaid sensitivity`'s table and figure
SENSITIVITY: dict[str, tuple[str, str]] = {
    "ci": ("({pct}% CI)", "（{pct}% 区间）"),
    "parameter": ("parameter", "参数"),
    "cannot_tell": ("cannot tell", "无法判断"),
    "undefined": ("undefined: the other parameters account for it", "无定义：其他参数已完全解释"),
    "includes_zero": ("includes 0: cannot tell", "包含 0：无法判断"),
    "mark_outside": ("! outside [0, 1], which a share of variance cannot be; 'cannot tell': "
                     "the interval is wider than [0, 1] or outside it",
                     "! 超出 [0, 1]，而方差份额不可能如此；“无法判断”：区间比 [0, 1] 还宽或在其之外"),
    "mark_zero": ("? the interval reaches 0: cannot tell from no effect",
                  "? 区间达到 0：无法与“没有影响”区分"),
    "skipped": ("skipped", "已跳过"),
    "warnings": ("Warnings ({n}):", "警告（{n} 条，内容为英文）："),
    "first_order": ("first order S1", "一阶指数 S1"),
    "total_order": ("total order ST", "总效应指数 ST"),
    "axis_sobol": ("index (share of variance)", "指数（方差份额）"),
    "axis_prcc": ("partial rank correlation", "偏秩相关系数"),
    "axis_mu": ("mu* (effect per full range)", "mu*（全范围变化的效应）"),
    "sobol": ("Sobol indices", "Sobol 指数"), "morris": ("Morris screening", "Morris 筛选"),
    "prcc": ("Partial rank correlations", "偏秩相关"),
    "title": ("{what}, sweep {name}, {size} ({pct}% intervals{notes})",
              "{what}，扫描 {name}，{size}（{pct}% 区间{notes}）"),
    "notes_sobol": ("; hatched: outside [0, 1]; dotted: cannot tell",
                    "；斜线：超出 [0, 1]；虚线：无法判断"),
    "notes_morris": ("", ""),
    "notes_prcc": ("; hatched: interval includes 0", "；斜线：区间包含 0"),
    "see_warnings": ("{n} warnings: see sensitivity_warnings.csv",
                     "{n} 条警告：见 sensitivity_warnings.csv"),
}

# `villageaid factorial`'s report and figure (visualization/factorial_figure.py)
FACTORIAL: dict[str, tuple[str, str]] = {
    "header": ("2x2x2 factorial of the three levels of intervention: 8 cells x {n} replicates "
               "(replicate i of every cell uses seed {seed} + i), {years} years, {village}; "
               "{shocks}",
               "三个干预层次的 2×2×2 全因子实验：8 个组合 × 每个 {n} 次重复（各组合的第 i 次重复使用种子 "
               "{seed} + i），{years} 年，{village}；{shocks}"),
    "default_village": ("the default village", "默认村庄"),
    "village_file": ("village file {path}", "村庄文件 {path}"),
    "no_shocks": ("no shocks: the factorial is about the levels, and a shock would add its "
                  "own interactions (--cold-wave adds the presets' cold wave)",
                  "不加冲击：本实验考察的是干预层次，冲击会带来它自己的交互作用（--cold-wave 可加入预设场景的寒潮）"),
    "cold_wave": ("with the presets' cold wave from week {week}",
                  "含预设场景的寒潮（自第 {week} 周起）"),
    "levels": ("Factors: micro = {micro}; meso = {meso}; macro = {macro}; each with the "
               "settings of the presets",
               "因子：微观 = {micro}；中观 = {meso}；宏观 = {macro}；各干预的设置与预设场景相同"),
    "none": ("none", "无干预"),
    "means": ("Cell means over replicates, with 95% intervals", "各组合在重复运行上的平均值与 95% 区间"),
    "effects": ("Factorial effects: mean of the cells where the term is + minus mean of the "
                "cells where it is -, replicate by replicate (paired 95% interval)",
                "因子效应：该项为 + 的组合的平均值减去为 - 的组合的平均值，逐次重复计算（配对 95% 区间）"),
    "cannot_tell": ("cannot tell", "无法区分"),
    "question": ("Do the levels reinforce each other? (interactions read in each metric's "
                 "better direction, {n} replicates)",
                 "各层次是否相互强化？（按各指标“更好”的方向解读交互作用，{n} 次重复）"),
    "reinforce": ("{metric}: the levels reinforce each other: {terms}",
                  "{metric}：各层次相互强化：{terms}"),
    "substitute": ("{metric}: they substitute: {terms}", "{metric}：各层次相互替代：{terms}"),
    "mixed": ("{metric}: cannot tell: some interactions reinforce ({reinforce}), others "
              "substitute ({substitute})",
              "{metric}：无法区分：有的交互作用是强化（{reinforce}），有的是替代（{substitute}）"),
    "unresolved": ("{metric}: cannot tell: no interaction is resolved with {n} replicates",
                   "{metric}：无法区分：{n} 次重复下没有任何交互作用可以分辨"),
    "no_direction": ("{metric}: neither higher nor lower is better, so the question does not "
                     "apply",
                     "{metric}：数值高低无所谓好坏，这个问题不适用"),
    "rest": ("; cannot tell for {terms}", "；{terms} 无法区分"),
    "effects_note": (
        "Each factor is coded -1 off, +1 on. A main effect is the average change a level makes "
        "when switched on, over the other levels' four combinations; micro:meso is half of "
        "(micro's effect with meso on minus its effect with meso off), averaged over macro; "
        "micro:meso:macro is half the change in micro:meso when macro is switched on. Each is "
        "computed per replicate from its 8 paired cells, then averaged.",
        "每个因子编码为 -1（关）和 +1（开）。主效应是开启某一层次带来的平均变化（对其他层次的四种组合取平均）；"
        "微观:中观是“中观开启时微观的效应减去中观关闭时微观的效应”的一半（对宏观取平均）；"
        "微观:中观:宏观是开启宏观后微观:中观交互作用变化量的一半。每个效应先在每次重复的 8 个配对组合上计算，再取平均。"),
    "reading_note": (
        "An interaction resolved in the metric's better direction means the levels reinforce "
        "each other; resolved in the worse direction, that they substitute; otherwise, cannot "
        "tell. A share near its ceiling (needs met near 1) leaves two levels together little "
        "room to add up, which pulls interactions below 0: 'they substitute' can mean that "
        "two levels meet the same needs.",
        "交互作用在指标“更好”的方向上可分辨，表示各层次相互强化；在“更差”的方向上可分辨，表示相互替代；否则无法区分。"
        "接近上限的比例（需求满足率接近 1）留给两个层次叠加的空间很小，会把交互作用压到 0 以下："
        "“相互替代”也可能只是两个层次满足了同样的需求。"),
    "intervals": (
        "Intervals: 95%, Student's t over replicates; cell means on a scale that keeps them "
        "inside what is possible, effects with the paired-difference interval of compare "
        "(Fisher's z for contrasts of shares and 0-1 scales, which lie in [-1, 1]; the plain "
        "t-interval for counts and costs); docs/ODD.md 8.5.",
        "区间：基于重复运行的 Student t 分布的 95% 区间；组合平均值在保证不越出可能取值的尺度上构造，"
        "效应使用 compare 的配对差异区间（比例与 0–1 指标的对比值在 [-1, 1] 内，用 Fisher z；计数和成本用普通 t 区间）；"
        "见 docs/ODD.md 8.5。"),
    "columns": ("Columns", "列"),
    # the figure
    "fig_title": ("2x2x2 factorial of the levels: cell means with 95% intervals ({n} "
                  "replicates, {years} years, {shocks})",
                  "干预层次的 2×2×2 全因子实验：各组合平均值与 95% 区间（{n} 次重复，{years} 年，{shocks}）"),
    "fig_no_shocks": ("no shocks", "无冲击"),
    "fig_cold_wave": ("cold wave", "含寒潮"),
    "fig_macro": ("{metric}, macro {state}", "{metric}，宏观{state}"),
    "fig_off": ("off", "关"),
    "fig_on": ("on", "开"),
    "fig_meso_axis": ("meso (teams, recognition, time bank)", "中观（服务队、表彰、时间银行）"),
    "fig_micro": ("micro (casework) {state}", "微观（个案工作）{state}"),
    "fig_note": ("Parallel lines: no micro:meso interaction; micro's gain (from its 'off' line "
                 "to its 'on' line) larger with meso on: the levels reinforce each other; "
                 "smaller: they substitute ({n} replicates; the interactions under each row "
                 "say whether the replicates can tell).",
                 "两线平行：微观与中观没有交互作用；中观开启时微观带来的提高（从“关”线到“开”线）更大：相互强化；"
                 "更小：相互替代（{n} 次重复；每行下方的交互作用说明重复运行能否区分）。"),
    "fig_interactions": ("interactions (paired 95% intervals): {terms}",
                         "交互作用（配对 95% 区间）：{terms}"),
}

# Plain titles of the preset scenarios; other scenarios show their own names.
SCENARIO_TITLES: dict[str, tuple[str, str]] = {
    "baseline": ("Informal help only", "仅非正式互助"),
    "casework": ("Casework", "个案工作"),
    "teams": ("Volunteer teams", "志愿服务队"),
    "teams_incentives": ("Teams with incentives", "服务队加激励"),
    "matching": ("Matching and centre", "匹配与活动中心"),
    "all_levels": ("All levels together", "三个层次全部启用"),
}


def table_text(table: dict[str, tuple[str, str]], key: str, lang: str = DEFAULT_LANG,
               **values) -> str:
    """The text of `key` in one of these (English, Chinese) tables, in `lang`, with its
    {placeholders} filled in."""
    text = pick(table[key], lang)
    return text.format(**values) if values else text


def report_text(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """A line of the command line's reports and figures in `lang`."""
    return table_text(REPORT, key, lang, **values)


def scenario_title(name: str, lang: str = DEFAULT_LANG) -> str:
    """A preset's plain title ('Volunteer teams'), or the scenario's own name."""
    return pick(SCENARIO_TITLES[name], lang) if name in SCENARIO_TITLES else name


def tr(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text of `key` in `lang` ('en' or 'zh'), with {placeholders} filled in."""
    en, zh = UI[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "zh" else pair[0]


# Groupings and groups of the equity table (sim/equity.py); clans (C1, ...) as they are.
EQUITY_TEXT: dict[str, tuple[str, str]] = {
    "living arrangement": ("Living arrangement", "居住安排"), "alone": ("alone", "独居"),
    "couple only": ("couple only", "仅与配偶同住"), "with family": ("with family", "与家人同住"),
    "frailty band": ("Frailty", "衰弱程度"), "robust (<0.2)": ("robust (<0.2)", "健壮（<0.2）"),
    "pre-frail (0.2-0.4)": ("pre-frail (0.2-0.4)", "衰弱前期（0.2-0.4）"),
    "frail (0.4-0.6)": ("frail (0.4-0.6)", "衰弱（0.4-0.6）"),
    "very frail (0.6+)": ("very frail (0.6+)", "重度衰弱（0.6+）"),
    "age band": ("Age", "年龄段"), "sex": ("Sex", "性别"), "female": ("female", "女"),
    "male": ("male", "男"), "hamlet/clan": ("Hamlet / clan", "自然村 / 宗族"),
    "village": ("Village", "村庄"),
}


def equity_label(name: str, lang: str) -> str:
    """A grouping or group of the equity table in `lang` (age bands and clans as they are)."""
    return pick(EQUITY_TEXT[name], lang) if name in EQUITY_TEXT else name


# ------------------------------------------------------ parameters and settings
# name -> (English label, Chinese label, Chinese meaning); the English meaning
# is the model's own Param.doc.
PARAM_TEXT: dict[str, tuple[str, str, str]] = {
    "residents": ("Residents", "居民人数", "每个村庄居住的成年居民"),
    "villages": ("Villages", "村庄数", "乡镇中的村庄数量"),
    "elder_share": ("Share aged 60+", "60 岁以上比例", "成年居民中 60 岁及以上的比例"),
    "alone_share": ("Elders living alone", "独居老人比例", "独居老人所占比例"),
    "couple_only_share": ("Elders living as a couple only", "仅与配偶同住比例",
                          "只与配偶同住的老人所占比例"),
    "children_per_elder": ("Children per elder", "每位老人的子女数",
                           "每位老人的成年子女平均数（泊松分布）"),
    "children_migrated_share": ("Children migrated away", "外出子女比例",
                                "老人的成年子女中已外出务工或迁居的比例"),
    "clan_households": ("Households per clan", "每个宗族的户数", "每个宗族的户数（亲属关系在宗族内产生）"),
    "clan_kin_share": ("Residents with kin in the clan", "宗族内有亲属的比例",
                       "在本宗族内有亲属关系（兄弟姐妹、堂表亲）的居民比例"),
    "neighbours": ("Neighbour ties per household", "每户邻里关系数", "每户的邻里关系数（环形排列）"),
    "acquaintances": ("Acquaintances per resident", "人均熟人数", "每位居民在全村范围内的弱关系平均数"),
    "township_ties": ("Ties to other villages", "跨村关系比例", "与乡镇内其他村庄有一条关系的居民比例"),
    "chronic_prevalence": ("Elders with a chronic condition", "慢性病老人比例", "需要管理慢性病的老人比例"),
    "need_daily": ("Daily-living needs", "日常生活需求", "衰弱程度为 1 且独居的老人每周出现日常生活需求的概率"),
    "household_need_couple": ("Daily needs, couple only", "仅与配偶同住的日常需求系数",
                              "仅与配偶同住的老人需要从家庭以外获得的日常生活照料比例"
                              "（也是日常生活需求概率的系数；独居为 1）"),
    "household_need_family": ("Daily needs, with family", "与家人同住的日常需求系数",
                              "与家人同住的老人需要从家庭以外获得的日常生活照料比例"
                              "（也是日常生活需求概率的系数；独居为 1）"),
    "need_company": ("Companionship needs", "陪伴需求", "每单位孤独感对应的每周陪伴需求概率"),
    "company_base": ("Company wanted when not lonely", "不孤独时的陪伴需求",
                     "陪伴需求概率中加在孤独感上的基数：need_company ×（company_base + 孤独感）"),
    "need_chronic": ("Chronic-health needs", "慢性病照护需求", "患慢性病的老人每周出现慢性病照护需求的概率"),
    "need_emergency": ("Emergencies", "紧急情况", "衰弱程度为 1 的老人每周发生紧急情况的概率"),
    "hours_per_daily_need": ("Hours per daily-living need", "每项日常生活需求时数",
                             "满足一项日常生活需求所需的帮助时数"),
    "hours_per_company_need": ("Hours per companionship need", "每项陪伴需求时数",
                               "满足一项陪伴需求所需的帮助时数"),
    "hours_per_chronic_need": ("Hours per chronic-health need", "每项慢性病照护需求时数",
                               "满足一项慢性病照护需求所需的帮助时数"),
    "hours_per_emergency_need": ("Hours per emergency", "每次紧急情况时数",
                                 "应对一次紧急情况所需的帮助时数"),
    "iadl_frailty": ("Frailty that limits IADL", "工具性日常生活活动（IADL）受限的衰弱阈值",
                     "衰弱程度达到或超过此值的老人，工具性日常生活活动（IADL：购物、做饭、"
                     "做家务）受限"),
    "adl_frailty": ("Frailty that limits ADL", "基本日常生活活动（ADL）受限的衰弱阈值",
                    "衰弱程度达到或超过此值的老人，基本日常生活活动（ADL：吃饭、穿衣、洗澡、"
                    "如厕）受限"),
    "care_hours_iadl": ("Care hours for an IADL limitation", "IADL 受限的照料时数",
                        "工具性日常生活活动（IADL）受限的老人每周需要的照料时数"),
    "care_hours_adl": ("Further care hours for an ADL limitation", "ADL 受限的额外照料时数",
                       "基本日常生活活动（ADL）受限的老人在 IADL 照料之外每周还需要的照料时数"),
    "unmet_daily_carryover": ("Unmet daily care carried over", "未满足的日常照料顺延到下周",
                              "一周内未满足的日常生活照料时数中，累加到下周需求的比例"),
    "unmet_chronic_frailty": ("Frailty from missed chronic care", "慢性病照护落空加重的衰弱",
                              "每有一项慢性病照护需求未被满足，老人衰弱程度增加的量"),
    "unmet_emergency_death": ("Death after an unmet emergency", "紧急情况无人应对时的死亡概率",
                              "一次紧急情况无人应对（未被满足）而导致死亡的概率"),
    "unmet_emergency_frailty": ("Frailty after an unmet emergency", "紧急情况无人应对后加重的衰弱",
                                "老人在无人应对的紧急情况中幸存后，衰弱程度增加的量"),
    "demography": ("Population changes (on/off)", "人口变动开关",
                   "运行期间人口是否变动（1：居民变老、患病、死亡、外出和返乡；0：保持初始人口不变）"),
    "mortality_men_62": ("Death rate of men aged 62", "62 岁男性死亡率",
                         "衰弱程度处于同龄平均水平的 62 岁男性的年死亡率"),
    "mortality_women_62": ("Death rate of women aged 62", "62 岁女性死亡率",
                           "衰弱程度处于同龄平均水平的 62 岁女性的年死亡率"),
    "mortality_growth": ("Rise of the death rate with age", "死亡率随年龄的上升",
                         "Gompertz 斜率：年龄每增加一岁，死亡率乘以 exp(此值)"),
    "mortality_frailty": ("Frailty's effect on the death rate", "衰弱对死亡率的影响",
                          "衰弱程度高于同龄平均水平时死亡率的上升幅度（乘以 exp(此值 × 差值)）"),
    "frailty_drift": ("Yearly rise of frailty", "衰弱的年均加重", "老人衰弱程度每年平均上升的量"),
    "frailty_noise": ("Spread of the yearly frailty change", "衰弱年变化的离散程度",
                      "老人衰弱程度每年变化量的标准差"),
    "chronic_onset": ("New chronic conditions", "新发慢性病", "没有慢性病的老人每年患上慢性病的概率"),
    "out_migration": ("Leaving for work", "外出务工", "45 岁以下的中青年居民每年离村外出的概率"),
    "return_migration": ("Coming home", "返乡", "在外的中青年村民每年返乡的概率"),
    "away_share": ("Villagers living away", "在外村民比例",
                   "在外居住的中青年村民人数，与留在村里的中青年居民人数之比"),
    "warmup_years": ("Warm-up years", "预热期（年）", "第 1 周之前先模拟的年数，使运行从稳定状态开始"),
    "join_chance": ("Chance a helped elder starts helping", "受助老人转为帮助者的概率",
                    "有能力的老人得到亲属以外的帮助后，每周加入帮助者行列的概率"),
    "join_efficacy": ("Agency needed to start helping", "开始助人所需的效能感",
                      "老人开始帮助别人之前需要达到的自我效能感"),
    "household_contact": ("Company at home", "家中陪伴",
                          "与配偶或家人同住的老人每周在家中有人陪伴的概率"),
    "asks_per_need": ("Asks per need", "每项需求求助人数", "一项需求老人最多向多少位熟人求助"),
    "helper_hours_elder": ("Hours an elder helper gives", "老年帮助者时数",
                           "健康的低龄老人每周可以提供的帮助时数"),
    "helper_hours_adult": ("Hours a working-age helper gives", "中青年帮助者时数",
                           "中青年帮助者每周可以提供的帮助时数"),
    "helper_share_adult": ("Working-age residents who help", "愿意帮助的中青年比例",
                           "愿意在亲属之外提供帮助的中青年居民比例"),
    "helper_share_elder": ("Younger-old elders who help", "愿意帮助的低龄老人比例",
                           "愿意在亲属之外提供帮助的健康低龄老人比例"),
    "kin_hours": ("Hours given to kin", "照顾亲属时数", "居民每周为有需要的亲属提供的时数"),
    "remote_kin_company": ("Phone calls from migrated children", "外出子女来电",
                           "外出子女每周通过电话满足一次陪伴需求的概率"),
    "ask_trust_floor": ("Trust needed to ask", "求助所需信任", "信任低于此值的老人既不向非亲属求助，也不算愿意参与"),
    "willing_share": ("Elders willing at the start", "起初愿意参与的老人比例",
                      "初始信任高于求助门槛的老人比例"),
    "reciprocity_reluctance": ("Reluctance to ask when owing", "欠人情时的求助顾虑",
                               "每欠一次人情，向同一人求助的可能性降低多少（exp(-r×欠数)）"),
    "trust_experience": ("Trust from experience", "经验带来的信任", "每得到一次非亲属帮助增加的信任（求助未果则减少）"),
    "efficacy_gain_give": ("Agency gained by helping", "助人带来的效能感", "老人在帮助别人的那一周获得的自我效能感"),
    "efficacy_gain_asked": ("Agency gained by being asked", "被求助带来的效能感",
                            "老人在被别人求助的那一周获得的自我效能感"),
    "efficacy_loss_unmet": ("Agency lost to unmet needs", "需求落空损失的效能感",
                            "每周损失的自我效能感，乘以未满足需求的比例"),
    "efficacy_loss_isolated": ("Agency lost to isolation", "孤立损失的效能感",
                               "连续四周既未帮助别人也未得到帮助时，每周损失的自我效能感"),
    "efficacy_reversion": ("Drift back to own baseline", "回归自身基线", "每周向自身基线效能感回归的比例"),
    "casual_contact": ("Everyday contact", "日常接触", "沿关系发生日常接触的速率（退缩的老人没有）"),
    "loneliness_rise": ("Loneliness rise without contact", "无接触时孤独感上升",
                        "独居老人在没有接触的一周中孤独感的上升幅度"),
    "loneliness_relief": ("Loneliness relieved by contact", "接触缓解孤独", "有接触的一周孤独感缓解的比例"),
    "withdraw_efficacy": ("Agency below which elders withdraw", "退缩的效能感阈值",
                          "孤独的老人自我效能感低于此值时会退缩"),
    "withdraw_loneliness": ("Loneliness above which elders withdraw", "退缩的孤独感阈值",
                            "自我效能感低的老人孤独感高于此值时会退缩"),
    "reengage_efficacy": ("Agency needed to re-engage", "重新参与的效能感阈值",
                          "退缩的老人自我效能感高于此值时重新参与"),
    "burnout_load": ("Burnout from a full week", "满负荷带来的倦怠", "满负荷工作一周增加的倦怠"),
    "burnout_beyond_skill": ("Burnout from tasks beyond skill", "超出能力任务的倦怠",
                             "每完成一项超出自身技能的任务增加的倦怠"),
    "burnout_recovery": ("Recovery from burnout", "倦怠恢复", "每周恢复的倦怠比例，乘以空闲能力所占比例"),
    "motivation_fade": ("Motivation fading", "动机消退", "新鲜感消退导致每周失去的动机比例"),
    "motivation_gratitude": ("Motivation from thanks", "感谢带来的动机", "每完成一项任务重新获得的动机"),
    "dropout_burnout": ("Burnout at which helpers quit", "退出的倦怠阈值", "帮助者倦怠达到此值时退出"),
    "dropout_motivation": ("Motivation at which helpers quit", "退出的动机阈值", "帮助者动机低于此值时退出"),
    "return_chance": ("Chance a rested helper returns", "休息后回归的概率", "已休息的退出者每周回来的概率"),
    "tie_decay": ("Tie fading", "关系衰减", "不使用的非亲属关系每周减弱的强度"),
    "tie_reinforce": ("Tie strengthening", "关系加强", "关系被用于帮助时向满强度靠近的比例"),
    "tie_formation": ("New ties through friends", "通过朋友结识", "居民每周结识朋友的朋友的概率"),
    "grant": ("Government grant", "政府补助", "每年用于养老的平均政府补助"),
    "grant_cv": ("Grant variability", "补助波动", "补助逐年变化的幅度（变异系数）"),
    "donations": ("Donations", "捐赠", "每年的平均捐赠"),
    "donations_cv": ("Donation variability", "捐赠波动", "捐赠逐年变化的幅度（变异系数）"),
    "credibility": ("Committee credibility at the start", "村委会初始公信力", "村委会的初始公信力"),
    "credibility_neutral": ("Credibility that leaves trust as it is", "信任中性点的公信力",
                            "村委会公信力高于此值则提升村民对互助的信任，低于则降低"),
    "credibility_rate": ("Credibility adjustment", "公信力调整速度", "公信力每周向近期满足率靠拢的比例"),
    "trust_rate": ("Trust adjustment", "信任调整速度", "信任每周向目标值靠拢的比例"),
    "reserve_share": ("Reserve", "预留金", "村委会留作应急、不用于各项干预的结余比例"),
    "adapt_rate": ("Adaptive committee", "村委会按成效调整", "村委会每季度按每元服务量把预算份额移向成效更好的干预的幅度（0＝关闭）"),
}

# "intervention.setting" (and the common settings) -> (English label, Chinese label, Chinese meaning)
SETTING_TEXT: dict[str, tuple[str, str, str]] = {
    "start_week": ("Starts after week", "开始于第几周之后", "干预从这一周之后开始运行（104＝从第 3 年开始）"),
    "intensity": ("Intensity", "强度", "同时按比例调整干预的规模和费用"),
    "priority": ("Priority", "优先级", "经费不足时，村委会按此权重分配各项目应付费用的比例（2＝权重为 1 的项目的两倍）"),
    "casework.workers": ("Social workers", "社工人数", "负责个案的社工人数"),
    "casework.caseload": ("Caseload per worker", "每位社工的个案数", "一位社工同时跟进的老人数"),
    "casework.cost_per_worker": ("Cost per worker", "每位社工费用", "一位社工每周的费用"),
    "casework.efficacy_gain": ("Agency restored", "恢复效能感", "个案中老人每周缩小的与满效能感差距的比例"),
    "casework.loneliness_relief": ("Loneliness relieved", "缓解孤独", "个案中老人每周缓解的孤独感比例"),
    "casework.case_weeks": ("Weeks in the caseload", "个案周数", "老人留在个案中的周数"),
    "casework.fade_rate": ("Gains fading after a case", "结案后效果消退", "结案后个案带来的效能感每周消退的比例"),
    "casework.hours_per_week": ("Worker's hours", "社工工时", "一位社工每周工作的小时数"),
    "casework.case_hours": ("Hours per case", "每个个案时数", "每个个案每周占用的时数"),
    "casework.supervision_hours": ("Team supervision hours", "团队督导时数", "有志愿团队时社工每周用于督导的时数"),
    "casework.training_hours": ("Training hours", "培训时数", "社工每周用于自身培训的时数"),
    "casework.hire_weeks": ("Weeks to fill a post", "招聘周数", "空缺岗位平均需要多少周才能补上"),
    "casework.rapport_weeks": ("Weeks to build rapport", "建立关系周数", "新社工达到全部效果所需的周数"),
    "casework.turnover": ("Worker turnover", "社工流失率", "按市场工资、不超负荷时社工每年离职的概率"),
    "casework.market_pay": ("Market pay", "市场工资", "流失率为基准值时的每周工资；工资越低流失越多"),
    "teams.team_size": ("Team members", "团队人数", "每个村庄招募进团队的成员数"),
    "teams.accept_share": ("Share who accept", "接受邀请比例", "被邀请的居民同意加入的概率"),
    "teams.trained_skill": ("Skill after training", "培训后技能", "成员培训后的技能（至少）"),
    "teams.member_hours": ("Hours per member", "成员服务时数", "每位成员每周提供的时数"),
    "teams.supervision": ("Supervision", "督导", "为成员减轻的压力和动机消退的比例"),
    "teams.refill_weeks": ("Refill every", "补员周期", "多久补充一次流失的成员"),
    "teams.training_cost": ("Training cost", "培训费用", "培训一名成员的一次性费用"),
    "teams.coordinator_cost": ("Coordinator cost", "协调员费用", "运行团队每周的费用"),
    "teams.skill_fade": ("Training fading", "培训效果消退", "培训增加的技能每周流失的比例"),
    "teams.strain_limit": ("Strain limit", "压力上限", "成员倦怠达到此值时暂停排班（1＝从不）"),
    "teams.drive_weeks": ("Weeks to form the team", "组建团队周数", "第一次招募达到完整团队所需的周数（0＝立即）"),
    "teams.companion_training_cost": ("Companion training cost", "陪伴成员培训费用", "培训一名陪伴类成员的一次性费用"),
    "teams.refresher_weeks": ("Refresher every", "复训周期", "成员多久参加一次复训"),
    "teams.refresher_cost": ("Refresher cost", "复训费用", "一名成员一次复训的费用"),
    "teams.missed_shift_credibility": ("Credibility lost per missed shift", "缺勤损失的公信力",
                                       "排班成员每缺一次班村委会损失的公信力"),
    "recognition.recognition": ("Recognition", "表彰", "为活跃帮助者减轻的压力和动机消退的比例"),
    "recognition.cost_per_helper": ("Cost per helper", "每位帮助者费用", "每位活跃帮助者每周的费用"),
    "recognition.renew_weeks": ("Ceremony every", "表彰周期", "两次表彰仪式之间的周数"),
    "recognition.honour_fade": ("Honour fading", "荣誉感消退", "表彰后帮助者的荣誉感每周消退的比例"),
    "recognition.honour_cost": ("Cost per helper honoured", "每位受表彰者费用", "每次仪式表彰一位活跃帮助者的费用"),
    "time_bank.credit_motivation": ("Motivation per credit", "时间积分激励", "每记录一项任务帮助者获得的动机（乘以时间银行的信任）"),
    "time_bank.starting_credits": ("Starting credits", "初始积分", "时间银行开户时每位老人获得的积分"),
    "time_bank.failure_trust_loss": ("Trust lost per failure", "兑现失败损失的信任",
                                     "每次兑现未能兑付时，时间银行和老人失去的信任"),
    "time_bank.success_trust_gain": ("Trust gained per success", "兑现成功增加的信任",
                                     "每次兑现成功时时间银行获得的信任"),
    "time_bank.admin_cost": ("Ledger cost", "账目管理费用", "每周维护账目的费用"),
    "time_bank.register_rate": ("Registering each week", "每周注册概率", "尚未加入的居民每周注册时间银行的概率"),
    "time_bank.strain_limit": ("Strain limit", "压力上限", "成员倦怠达到此值时时间银行不再派单（1＝从不）"),
    "matching.matches_per_week": ("Matches per week", "每周匹配数", "协调员每周在每个村能匹配的需求数"),
    "matching.inventory_share": ("Share on the list", "登记比例", "同意被联系的健康非帮助者比例"),
    "matching.recruit_rate": ("Reached each week", "每周联系到的比例",
                              "清单上尚未联系到的人每周同意加入的概率"),
    "matching.inventory_hours": ("Hours of listed helpers", "登记者时数", "登记在册的帮助者每周提供的时数"),
    "matching.max_load": ("Most of a helper's hours", "最大负荷", "协调员最多安排帮助者每周时数的比例"),
    "matching.outreach": ("Outreach", "主动外展", "每周发现退缩老人未满足需求的概率"),
    "matching.coordinator_cost": ("Coordinator cost", "协调员费用", "每个村每周的匹配费用"),
    "matching.rest_weeks": ("Rest after a match", "匹配后休息周数", "协调员再次联系同一帮助者前让其休息的周数"),
    "matching.strain_limit": ("Strain limit", "压力上限", "帮助者倦怠达到此值时协调员不再联系（1＝从不）"),
    "activity_centre.capacity": ("Capacity", "容量", "活动中心每周能接待的老人数"),
    "activity_centre.attend_chance": ("Chance to attend", "到访概率", "未退缩的老人每周前来的概率"),
    "activity_centre.tie_chance": ("New tie per visit", "每次到访结识新朋友", "每次到访与其他到访者结成新关系的概率"),
    "activity_centre.running_cost": ("Running cost", "运营费用", "每个村每周运营中心的费用"),
    "activity_centre.setup_cost": ("Setup cost", "开办费用", "每个村开办中心的一次性费用"),
    "governance.funding_stability": ("Funding stability", "资金稳定性", "消除收入逐年波动的比例"),
    "governance.extra_funding": ("Extra funding", "新增资金", "来自新渠道的年收入"),
    "governance.publicity": ("Publicity", "宣传", "每位老人信任目标的提高"),
    "governance.supervision": ("Supervision", "督导", "为所有帮助者减轻的压力和动机消退的比例"),
    "governance.supervision_credibility": ("Credibility from supervision", "督导带来的公信力",
                                           "村委会公信力目标的提高"),
    "governance.cost": ("Cost", "费用", "治理每周的费用"),
    "governance.campaign_weeks": ("Campaign every", "宣传周期", "两次宣传活动之间的周数"),
    "governance.campaign_cost": ("Campaign cost", "宣传费用", "一次宣传活动的费用"),
    "governance.awareness_fade": ("Awareness fading", "知晓度消退", "宣传带来的知晓度每周消退的比例"),
    "scenario.years": ("Run length", "运行年数", "模拟的年数（每步一周）"),
    "shock.week": ("Week", "周", "冲击开始的那一周（105＝第 3 年开始）"),
    "shock.duration": ("Duration", "持续时间", "冲击持续的周数"),
    "shock.severity": ("Severity", "严重程度", "冲击的强度（0 无，1 极端）"),
}

UNIT_ZH: dict[str, str] = {
    "0-1": "0-1", "CNY": "元", "CNY per member": "元/人", "CNY/need": "元/项需求",
    "CNY per campaign": "元/每次宣传",
    "CNY per helper honoured": "元/每位受表彰者", "credibility per shift": "公信力/每次缺勤",
    "hours per case-week": "小时/个案·周", "per quarter": "每季度", "share/year": "每年比例",
    "CNY/week": "元/周", "CNY/week per active helper": "元/周/每位活跃帮助者", "CNY/year": "元/年",
    "asks": "次求助", "burnout": "倦怠", "chance per unmet emergency": "每次未满足紧急情况的概率",
    "chance per visit": "每次到访的概率", "chance/week": "每周概率",
    "chance/week per migrated child": "每位外出子女每周概率", "chance/year": "每年概率",
    "children": "人", "coefficient of variation": "变异系数", "credibility": "公信力",
    "deaths/person-year": "死亡数/人年",
    "elders per worker": "位老人/每位社工", "factor": "系数", "fraction": "比例",
    "fraction of a helper's hours": "占帮助者时数的比例", "fraction of elders": "老人比例",
    "frailty": "衰弱程度", "frailty per unmet emergency": "每次未满足紧急情况的衰弱程度",
    "frailty per unmet need": "每项未满足需求的衰弱程度", "frailty/year": "衰弱程度/年",
    "frailty/year (sd)": "衰弱程度/年，标准差", "hours": "小时",
    "hours per need": "小时/项需求", "hours/week": "小时/周",
    "households": "户", "log hazard ratio per unit frailty": "每单位衰弱程度的对数风险比",
    "loneliness": "孤独感", "members per village": "人/村",
    "motivation": "动机", "motivation per credited task": "每项记分任务的动机",
    "multiplier": "倍数", "relative weight": "相对权重", "needs": "项需求", "needs/week": "项需求/周", "needs/week at frailty 1": "项需求/周（衰弱程度为 1 时）",
    "needs/week per village": "项需求/周/村", "per task": "每项任务", "per unanswered favour": "每欠一次人情",
    "per unit of tie strength per week": "每单位关系强度每周", "per week": "每周",
    "per week at full load": "每周（满负荷时）", "per year of age": "每岁", "persons": "人",
    "ratio": "比值", "self-efficacy": "自我效能感", "share of elders": "老人比例", "share of hours": "时数比例",
    "share of needs": "需求比例", "share of replicates": "重复运行比例",
    "share per year": "每年比例", "share x weeks": "比例×周", "skill (0-1)": "技能（0-1）",
    "strength/week": "强度/周", "switch": "开关", "ties": "条关系",
    "ties per resident": "条关系/人",
    "trust": "信任", "trust per failure": "每次失败的信任", "trust per need": "每项需求的信任",
    "trust per redemption": "每次兑现的信任", "villages": "个村", "visitors/week per village": "人次/周/村",
    "week": "周", "weeks": "周", "years": "年",
}


def unit(text: str, lang: str) -> str:
    return UNIT_ZH.get(text, text) if lang == "zh" else text


def _text_key(p: Param, scope: str | None) -> str:
    if scope and f"{scope}.{p.name}" in SETTING_TEXT:
        return f"{scope}.{p.name}"
    return p.name


def param_label(p: Param, lang: str, scope: str | None = None) -> str:
    """Short label of a model parameter (scope None), an intervention's setting
    (scope = intervention name) or a shock's setting (scope 'shock')."""
    table = PARAM_TEXT if scope is None else SETTING_TEXT
    entry = table.get(_text_key(p, scope))
    if entry is None:
        return p.name.replace("_", " ")
    return entry[1] if lang == "zh" else entry[0]


def param_meaning(p: Param, lang: str, scope: str | None = None) -> str:
    if lang != "zh":
        return p.doc[:1].upper() + p.doc[1:]
    table = PARAM_TEXT if scope is None else SETTING_TEXT
    entry = table.get(_text_key(p, scope))
    return entry[2] if entry else p.doc


def fmt_number(value) -> str:
    """A number as a person would write it: 60000.0 -> 60,000; 0.3 -> 0.3."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.4g}"


def param_tooltip(p: Param, lang: str, scope: str | None = None) -> str:
    """Meaning, unit, range, default and source of a parameter, for its tooltip."""
    return tr("tooltip", lang, meaning=param_meaning(p, lang, scope).rstrip("."),
              unit=unit(p.unit, lang), low=fmt_number(p.low), high=fmt_number(p.high),
              default=fmt_number(p.default), source=p.source)


# -------------------------------------------- interventions, shocks, presets, metrics
LEVEL_KEY = {"micro": "level_micro", "meso": "level_meso", "macro": "level_macro"}

# kind -> (Chinese title, English blurb, Chinese blurb); English titles are the classes' .title
INTERVENTION_TEXT: dict[str, tuple[str, str, str]] = {
    "casework": ("个案工作",
                 "A social worker follows the elders most at risk, restoring agency and easing "
                 "loneliness.",
                 "社工跟进风险最高的老人，帮助他们恢复能动性、缓解孤独。"),
    "teams": ("志愿服务队",
              "The committee recruits and trains a team that serves open needs on a rota, "
              "with supervision.",
              "村委会招募并培训志愿服务队，在督导下轮班满足未满足的需求。"),
    "recognition": ("表彰与荣誉",
                    "Public recognition of helpers takes part of their strain and fading "
                    "motivation away.",
                    "公开表彰帮助者，减轻他们的压力和动机消退。"),
    "time_bank": ("时间银行",
                  "Hours given are credited and can be redeemed for help later, if the bank "
                  "is trusted.",
                  "提供帮助的时数记为积分，日后可兑换帮助，前提是时间银行值得信任。"),
    "matching": ("需求与资源匹配",
                 "A coordinator matches open needs to idle helpers on a list, and reaches out "
                 "to withdrawn elders.",
                 "协调员把未满足的需求与登记在册的空闲帮助者匹配，并主动联系退缩的老人。"),
    "activity_centre": ("老年活动中心",
                        "A place to meet: visits create new ties and everyday contact.",
                        "一个见面的地方：到访带来新的关系和日常接触。"),
    "governance": ("多方协同治理",
                   "Steadier funding, publicity and supervision raise trust and credibility.",
                   "更稳定的资金、宣传和督导提升信任和公信力。"),
}

SHOCK_TEXT: dict[str, tuple[str, str, str]] = {
    "cold_wave": ("寒潮", "More needs of every kind, most of all daily living and emergencies.",
                  "各类需求增加，日常生活和紧急需求增加最多。"),
    "epidemic": ("疫情", "More chronic-health, emergency and companionship needs; helpers have "
                 "fewer hours.", "慢性病、紧急和陪伴需求增加；帮助者可用时间减少。"),
    "out_migration": ("外出务工潮", "A share of working-age residents leave, with their ties.",
                      "部分中青年居民外出，他们的关系随之断开。"),
    "funding_cut": ("资金削减", "The budget loses a share of its balance and of its income.",
                    "预算余额和收入按比例减少。"),
    "volunteer_loss": ("骨干志愿者流失", "The most committed active helpers leave.",
                       "最投入的活跃帮助者离开。"),
}

PRESET_ZH: dict[str, str] = {
    "baseline": "只有非正式互助：不启用任何干预，家人、邻居和熟人就是全部的帮助来源。",
    "casework": "启用个案工作：社工把风险最高的老人纳入个案。",
    "teams": "启用志愿服务队：村委会招募并培训成员轮班服务。",
    "teams_incentives": "启用志愿服务队，并配合表彰帮助者和时间银行。",
    "matching": "启用需求与资源匹配（把空闲帮助者与未满足的需求对接）和老年活动中心。",
    "all_levels": "启用三个层次的全部干预：个案工作、志愿服务队、表彰、时间银行、匹配、活动中心和协同治理。",
}

CHANNEL_TEXT: dict[str, tuple[str, str]] = {
    "family": ("family", "家人"),
    "informal": ("neighbours and friends", "邻里朋友"),
    "team": ("volunteer team", "志愿服务队"),
    "matched": ("matched helpers", "匹配的帮助者"),
}

STATE_TEXT: dict[str, tuple[str, str]] = {
    "engaged": ("engaged elder", "积极参与的老人"),
    "active helper": ("elder helping others", "帮助别人的老人"),
    "lonely": ("lonely elder", "孤独的老人"),
    "withdrawn": ("withdrawn elder", "退缩的老人"),
}


def intervention_title(kind: str, lang: str) -> str:
    from ..sim.interventions import INTERVENTIONS

    return INTERVENTION_TEXT[kind][0] if lang == "zh" else INTERVENTIONS[kind].title


def intervention_blurb(kind: str, lang: str) -> str:
    entry = INTERVENTION_TEXT[kind]
    return entry[2] if lang == "zh" else entry[1]


def shock_title(kind: str, lang: str) -> str:
    from ..sim.shocks import SHOCKS

    return SHOCK_TEXT[kind][0] if lang == "zh" else SHOCKS[kind].title


def shock_blurb(kind: str, lang: str) -> str:
    entry = SHOCK_TEXT[kind]
    return entry[2] if lang == "zh" else entry[1]


def metric_label(metric: str, lang: str) -> str:
    return outcomes.label(metric, lang)


def metric_unit(metric: str, lang: str) -> str:
    return unit(outcomes.METRICS[metric].unit, lang)


def preset_description(name: str, english: str, lang: str) -> str:
    return PRESET_ZH.get(name, english) if lang == "zh" else english


# ------------------------------------------------------------------ the policy brief
# `villageaid brief` (visualization/brief_text.py): headings and sentences, (en, zh).
BRIEF: dict[str, tuple[str, str]] = {
    "title": ("Policy brief: mutual aid among older adults in the village",
              "政策简报：村庄老年人互助"),
    "subtitle": ("From a simulation of {options} options, each run {n} times on the same seeds",
                 "基于对 {options} 个方案的模拟，每个方案在相同的随机种子上各运行 {n} 次"),
    "h_question": ("The question", "要回答的问题"),
    "question": ("Which way of organising help meets the most needs of the village's older "
                 "adults, at what cost, how well does it hold up when a shock strikes, and who "
                 "is left behind?",
                 "哪一种组织互助的方式能满足村里老年人最多的需求？花费多少？遇到冲击时是否稳得住？"
                 "谁会被落下？"),
    "h_village": ("The village", "村庄情况"),
    "village": ("A simulated village of {residents} adult residents, about {elders} of them "
                "aged 60 or over at the end of the run, with a budget of about {grant} CNY a "
                "year in government grants and {donations} CNY in donations. Each option runs "
                "{years} year(s), {n} times (seeds {seeds}); replicate i of every option uses "
                "the same seed, so options are compared on the same luck.",
                "模拟的村庄有 {residents} 名成年居民，运行结束时约 {elders} 人为 60 岁及以上老人；"
                "预算约为每年政府补助 {grant} 元、社会捐赠 {donations} 元。每个方案运行 {years} 年，"
                "重复 {n} 次（种子 {seeds}）；各方案的第 i 次重复使用同一个种子，因此在相同的运气下比较。"),
    "h_options": ("The options compared", "比较的方案"),
    "reference": ("the reference", "参照方案"),
    "h_recommendation": ("Recommendation", "建议"),
    "rec_clear": ("Choose {best}. It meets the most needs: {mean} of needs met [95% interval "
                  "{low} to {high}], and over {n} paired replicates it meets more needs than "
                  "every other option.",
                  "建议选择“{best}”。它满足的需求最多：需求满足率 {mean}（95% 区间 {low} 至 {high}），"
                  "在 {n} 次配对重复中，它满足的需求多于其他每一个方案。"),
    "rec_unsure": ("{best} meets the most needs on average: {mean} of needs met [95% interval "
                   "{low} to {high}]. But with {n} replicates it cannot be told apart from "
                   "{others}: the paired interval of the difference includes 0, so the "
                   "replicates do not show which is better. Weigh cost, resilience and equity "
                   "below, or run more replicates, before choosing between them.",
                   "“{best}”平均满足的需求最多：需求满足率 {mean}（95% 区间 {low} 至 {high}）。"
                   "但在 {n} 次重复下，它与{others}无法区分：差异的配对区间包含 0，重复运行不能说明"
                   "哪个更好。在它们之间作选择前，请参考下面的成本、抗冲击能力与公平性，或增加重复次数。"),
    "rec_single": ("Only one option was run ({best}: {mean} of needs met); there is nothing "
                   "to choose between.",
                   "只运行了一个方案（“{best}”：需求满足率 {mean}），没有可供比较的方案。"),
    "pair_better": ("{best} meets more needs than {other}: {diff} [{low}, {high}].",
                    "“{best}”满足的需求多于“{other}”：相差 {diff}（{low}，{high}）。"),
    "pair_unsure": ("Cannot tell apart from {other}: difference {diff} [{low}, {high}] "
                    "includes 0; about {needed} replicates would settle a difference this large.",
                    "与“{other}”无法区分：差异 {diff}（{low}，{high}）包含 0；若差异确有这么大，"
                    "约需 {needed} 次重复才能分辨。"),
    "pair_none": ("Cannot tell apart from {other}: no difference at all in these replicates.",
                  "与“{other}”无法区分：这些重复中完全没有差异。"),
    "points": ("{value} points", "{value} 个百分点"),
    "and": (" and ", "和"),
    "h_costs": ("Costs", "成本"),
    "costs": ("Cost per need met counts the money the committee spent over the run, divided "
              "by the needs met beyond the family (by neighbours, teams and matched helpers).",
              "“每满足一项需求的成本”是村委会在整个运行期间的支出，除以由家庭以外的人（邻居、服务队、"
              "匹配的帮助者）满足的需求数。"),
    "col_option": ("Option", "方案"),
    "col_coverage": ("Needs met", "需求满足率"),
    "col_cost": ("CNY per need met", "每项需求成本（元）"),
    "col_spent": ("Money spent (CNY)", "总支出（元）"),
    "h_resilience": ("Resilience to the shock", "应对冲击的能力"),
    "resilience": ("Each option is measured against its own unshocked twin: the same run, on "
                   "the same seed, without the shock. The drop is how far needs met fell below "
                   "the twin; the loss adds that gap up over the weeks.",
                   "每个方案都与它自己的“无冲击孪生运行”比较：同一个种子、同样的设置，只是没有冲击。"
                   "“冲击下降”是需求满足率比孪生运行低了多少；“冲击损失”是把这一差距按周累加。"),
    "no_shock": ("No shock fell within these runs ({years} year(s)), so resilience was not "
                 "measured; a longer run that reaches the scenarios' shock would measure it.",
                 "这些运行（{years} 年）期间没有发生冲击，因此没有测量抗冲击能力；"
                 "运行更长时间、覆盖到场景中的冲击，才能测量。"),
    "col_depth": ("Drop after the shock", "冲击下降"),
    "col_loss": ("Needs-met lost (share x weeks)", "冲击损失（比例 × 周）"),
    "col_recovered": ("Recovered by the end", "期末已恢复"),
    "h_equity": ("Who is left behind", "谁被落下"),
    "equity": ("Share of needs left unmet, by living arrangement (mean over replicates). The "
               "worst-off group is the one with the most needs unmet.",
               "按居住安排分组的未满足需求比例（重复运行的平均值）。未满足比例最高的组即为处境最差的组。"),
    "equity_item": ("{option}: the worst-off group is elders living {group}, with {share} of "
                    "their needs unmet (worst off in {worst} of the replicates).",
                    "“{option}”：处境最差的是{group}的老人，他们的需求有 {share} 未得到满足"
                    "（在 {worst} 的重复中处境最差）。"),
    "no_equity": ("The comparison holds no equity table (equity.csv).",
                  "该比较没有公平性表格（equity.csv）。"),
    "col_worst": ("Worst off", "处境最差"),
    "h_change": ("What would change the answer", "什么会改变结论"),
    "change_intro": ("These differences are not resolved with {n} replicates (their paired "
                     "95% interval includes 0); more replicates could show which way they go:",
                     "以下差异在 {n} 次重复下尚未分辨（配对 95% 区间包含 0）；更多的重复可能显示它们的方向："),
    "change_item": ("{scenario} vs {first}, {metric}: {diff} [{low}, {high}]; about {needed} "
                    "replicates would resolve it",
                    "“{scenario}”与“{first}”，{metric}：{diff}（{low}，{high}）；约需 {needed} 次重复才能分辨"),
    "change_never": ("{scenario} vs {first}, {metric}: no difference at all in these replicates",
                     "“{scenario}”与“{first}”，{metric}：这些重复中完全没有差异"),
    "change_none": ("Every difference from the reference is resolved with {n} replicates.",
                    "在 {n} 次重复下，与参照方案的每个差异都已分辨。"),
    "change_model": ("A different village (more or fewer residents, another budget) or "
                     "different values of the calibrated parameters could also change the "
                     "ranking; rerun the comparison with them before relying on it there.",
                     "换一个村庄（居民更多或更少、预算不同），或校准参数取其他值，也可能改变排序；"
                     "用于其他情况之前，请用相应设置重新运行比较。"),
    "h_limits": ("Assumptions and limits of the model", "模型的主要假设与局限"),
    "limit_hours": ("Needs are counted in hours of help, with an assumed number of care hours "
                    "per limitation in daily living; real needs vary more from person to person.",
                    "需求以帮助时数计算，每项日常生活能力受限对应的照护时数是假设值；"
                    "现实中每个人的需求差异更大。"),
    "limit_mortality": ("Deaths follow census-based mortality by age and sex; the model does "
                        "not follow illnesses or hospital care.",
                        "死亡按人口普查的分年龄、性别死亡率发生；模型不模拟具体疾病和医院治疗。"),
    "limit_calibrated": ("Several parameters (willingness, motivation, burnout, trust) are "
                         "calibrated to published patterns, not measured in this village.",
                         "若干参数（参与意愿、动机衰减、倦怠、信任）是根据已发表的规律校准的，"
                         "并非在本村实际测量。"),
    "limit_births": ("No births: the village only ages, loses people and gains returnees, "
                     "which suits a run of a few years better than one of decades.",
                     "模型没有出生：村庄只会老化、减少人口或迎来返乡者，"
                     "因此更适合几年的模拟，而不是几十年。"),
    "limit_simulation": ("It is a simulation: the figures compare options with each other and "
                         "are not forecasts for a real village.",
                         "这是模拟结果：数字用于方案之间的相互比较，并非对真实村庄的预测。"),
    "h_reproduce": ("How to reproduce it", "如何复现"),
    "reproduce": ("Run this command inside the comparison's folder (its scenario files are in "
                  "scenarios/); the same seeds give the same numbers, bit for bit:",
                  "在比较结果所在的文件夹中运行下面的命令（场景文件在 scenarios/ 中）；"
                  "相同的种子会得到完全相同的数字："),
    "versions": ("villageaid {villageaid}, Mesa {mesa}, NumPy {numpy}, Python {python}.",
                 "villageaid {villageaid}，Mesa {mesa}，NumPy {numpy}，Python {python}。"),
    "h_figures": ("Figures", "图表"),
    "fig_coverage": ("Needs met by each option, mean and 95% interval over replicates",
                     "各方案的需求满足率：重复运行的平均值与 95% 区间"),
    "fig_comparison": ("The comparison: weekly curves, paired differences from the reference "
                       "and the shock's drop",
                       "比较图：每周曲线、与参照方案的配对差异以及冲击下降"),
    "na": ("n/a", "无"),
    # an advise folder's brief (villageaid advise ... --out DIR)
    "a_title": ("Policy brief: which interventions to fund with the village's budget",
                "政策简报：用村里的预算资助哪些干预"),
    "a_subtitle": ("From a search over {trials} portfolios of interventions, each run {n} "
                   "times on the same seeds",
                   "基于对 {trials} 个干预组合的搜索，每个组合在相同的随机种子上各运行 {n} 次"),
    "a_question": ("With {budget} CNY a year for {years} year(s), in {village}, which "
                   "interventions, at what setting, should the village committee fund to do "
                   "best for older adults on {objectives} ({primary} first), without spending "
                   "more than the budget?",
                   "在{village}，村委会每年有 {budget} 元、为期 {years} 年，应资助哪些干预、"
                   "各取什么设置，才能在{objectives}上取得最好的结果（首要目标：{primary}），"
                   "同时支出不超过预算？"),
    "a_village_preset": ("the simulated village of the all_levels preset",
                         "all_levels 预设的模拟村庄"),
    "a_village_residents": ("a simulated village of {residents} adult residents (the "
                            "all_levels preset's village)",
                            "一个有 {residents} 名成年居民的模拟村庄（all_levels 预设的村庄）"),
    "a_village_file": ("the village of {path}", "{path} 描述的村庄"),
    "h_portfolio": ("The recommended portfolio", "推荐的干预组合"),
    "a_fund": ("Fund these interventions, at these settings:",
               "建议资助以下干预，并采用以下设置："),
    "a_setting": ("{intervention}: {setting} {value}", "{intervention}：{setting} {value}"),
    "a_nothing": ("no intervention at all", "不开展任何干预"),
    "sep": ("; ", "；"),
    "a_portfolio": ("As planned it costs about {cost} CNY a year, against a budget of {budget} "
                    "CNY a year ({share} of it). In the runs it spent {spent} CNY over {years} "
                    "year(s) (mean [95% interval]), against {total} CNY for the whole period.",
                    "按计划每年约需 {cost} 元，预算为每年 {budget} 元（占预算的 {share}）。"
                    "在模拟中，{years} 年内实际支出 {spent} 元（平均值［95% 区间］），"
                    "整个期间的预算为 {total} 元。"),
    "a_over_plan": ("As planned it costs more than the budget: the committee scales every item "
                    "down to what the budget can pay, so the runs carry it out at a smaller "
                    "scale than its settings say.",
                    "按计划它的费用超过预算：村委会会把每一项按比例缩减到预算能支付的程度，"
                    "因此模拟中实际执行的规模小于设置所写的规模。"),
    "a_none": ("No portfolio met every constraint, so there is nothing to recommend ({reason}).",
               "没有任何组合满足全部约束，因此无法给出建议（{reason}）。"),
    "h_achieves": ("What it achieves", "预期效果"),
    "a_achieves": ("Each objective's mean over the replicates, with its 95% interval, for the "
                   "recommended portfolio and the runner-up (the next best on the first "
                   "objective among the portfolios within the constraints).",
                   "推荐组合与次优组合（在满足约束的组合中，按第一个目标排名第二）各目标的重复运行"
                   "平均值及 95% 区间。"),
    "col_objective": ("Objective", "目标"),
    "col_recommended": ("Recommended", "推荐组合"),
    "col_runner_up": ("Runner-up", "次优组合"),
    "h_sure": ("How sure is this", "把握有多大"),
    "a_sure_better": ("On {metric}, the recommended portfolio beat the runner-up in {share} of "
                      "{n} paired replicates (the same seeds), and the paired difference {diff} "
                      "[95% interval {low} to {high}] leaves out 0: on this objective it is "
                      "better, in this simulated village.",
                      "在{metric}上，推荐组合在 {n} 次配对重复（相同种子）中有 {share} 优于次优组合，"
                      "配对差异 {diff}（95% 区间 {low} 至 {high}）不包含 0：在这个模拟村庄中，"
                      "它在这一目标上更好。"),
    "a_sure_cannot": ("On {metric}, the recommended portfolio beat the runner-up in {share} of "
                      "{n} paired replicates (the same seeds), but the paired difference {diff} "
                      "[95% interval {low} to {high}] includes 0: we cannot tell which of the "
                      "two is better. Weigh cost and the other objectives, or run more "
                      "replicates, before choosing between them.",
                      "在{metric}上，推荐组合在 {n} 次配对重复（相同种子）中有 {share} 优于次优组合，"
                      "但配对差异 {diff}（95% 区间 {low} 至 {high}）包含 0：无法判断两者哪个更好。"
                      "在两者之间作选择前，请参考成本和其他目标，或增加重复次数。"),
    "a_sure_worse": ("On {metric}, the paired difference from the runner-up {diff} [95% "
                     "interval {low} to {high}] leaves out 0 and favours the runner-up "
                     "(it beat it in {share} of {n} paired replicates); look at the runner-up.",
                     "在{metric}上，与次优组合的配对差异 {diff}（95% 区间 {low} 至 {high}）"
                     "不包含 0，且对次优组合有利（推荐组合仅在 {n} 次配对重复中的 {share} 更好）；"
                     "请考虑次优组合。"),
    "a_sure_single": ("Only one portfolio met every constraint, so there is no runner-up to "
                      "compare it with: we cannot tell how sure the choice is.",
                      "只有一个组合满足全部约束，没有次优组合可比：无法判断这一选择有多大把握。"),
    "h_alternatives": ("The runner-up and the other Pareto options",
                       "次优组合与其他帕累托最优组合"),
    "a_alternatives": ("The Pareto options are those no other portfolio within the "
                       "constraints matches on every objective and beats on one: each is a "
                       "different trade-off. Means [95% intervals] over the replicates.",
                       "帕累托最优组合是指：在满足约束的组合中，没有其他组合在每个目标上都不差于它、"
                       "且在某个目标上更好；每一个都是一种不同的取舍。表中为重复运行的平均值［95% 区间］。"),
    "col_role": ("", ""),
    "col_portfolio": ("Portfolio", "干预组合"),
    "col_cost_year": ("Planned CNY a year", "计划年费用（元）"),
    "role_recommended": ("Recommended", "推荐"),
    "role_runner_up": ("Runner-up", "次优"),
    "role_pareto": ("Pareto option", "帕累托最优"),
    "fig_pareto": ("The trade-offs: every portfolio tried, the Pareto options marked",
                   "取舍关系：所有尝试过的组合，并标出帕累托最优组合"),
    "h_not_done": ("What is not yet done", "尚未完成的工作"),
    "a_not_done": ("The search has not yet checked the following, so the recommendation holds "
                   "for this village and these runs only:",
                   "搜索尚未检验以下内容，因此这一建议只适用于这个村庄和这些模拟运行："),
    "nd_robustness": ("Robustness: whether the portfolio still does well in other villages "
                      "and when a shock strikes.",
                      "稳健性：这一组合在其他村庄、以及遭遇冲击时是否仍然表现良好。"),
    "nd_prim": ("PRIM scenario discovery: under which conditions the recommendation fails.",
                "PRIM 情景发现：在哪些条件下这一建议会失效。"),
    "limit_search": ("The search tried {trials} portfolios with NSGA-II; a longer search may "
                     "find better ones, and each portfolio searches one key setting of each "
                     "intervention, the others kept at the preset's values.",
                     "搜索用 NSGA-II 尝试了 {trials} 个组合；更长的搜索可能找到更好的组合；"
                     "每项干预只搜索一个关键设置，其他设置保持预设值。"),
    "a_reproduce_exact": ("This command reruns the same study with the inputs stored in the "
                          "folder's study.db; the same seeds give the same trials:",
                          "下面的命令用文件夹中 study.db 保存的输入重新运行同一项研究；"
                          "相同的种子会得到相同的试验结果："),
    "a_reproduce_partial": ("The folder's study.db does not hold the study's inputs, so this "
                            "command holds only the options recorded in recommendation.json and "
                            "trials.csv; add --replicates, --seed, --objectives, --constraint, "
                            "--residents or --village as they were first given:",
                            "文件夹中的 study.db 没有保存研究的输入，因此下面的命令只含 "
                            "recommendation.json 和 trials.csv 记录的选项；请按最初的设置补上 "
                            "--replicates、--seed、--objectives、--constraint、--residents 或 --village："),
}
