"""The village file's README in Simplified Chinese (README.zh.md of the template).

Village cadres and social-work students mostly read Chinese, so the template
folder carries both READMEs. Every column's Chinese meaning and default sit
here, next to each other, keyed by table and column; the ranges, units and
numbers come from the same Column definitions (sim/roster/columns.py) as the
English README, and tests/test_docs_zh.py checks that every column has a
Chinese entry and that the Chinese defaults state the same numbers and
parameter names as the English ones.
"""

from __future__ import annotations

from ...sim.attributes import FEMALE_SHARE_ADULT, FEMALE_SHARE_ELDER
from ...sim.roster.columns import RULES, TABLES, Column
from ...sim.ties import ACQUAINTANCE, INITIAL_STRENGTH, KIN, NEIGHBOUR

README_ZH = "README.zh.md"

UNITS_ZH = {"years": "岁", "children": "人", "hours/week": "小时/周", "persons/week": "人/周"}

RANGE_ZH = {"bool": "yes 或 no", "sex": "female 或 male", "tie_kind": "kin、neighbour 或 friend",
            "id": "任意文字，不可重复", "ref": "residents 中的 id", "text": "任意文字"}

TABLE_DOCS_ZH = {
    "residents": "每位住在村里的成年居民一行（必需）；本村各户在外居住的劳动年龄成员也可以列出，"
                 "lives_away 填 yes",
    "ties": "不同户之间相识的每一对居民一行（可选：没有此表时，关系按模拟村庄的方式抽取）",
    "spaces": "每处闲置房屋一行（可选：最大一处的容量成为老年活动中心的容量）",
}

_ELDER = RULES.elder_age

# (table, column) -> (meaning, what fills a blank cell or a missing column)
COLUMNS_ZH: dict[tuple[str, str], tuple[str, str]] = {
    ("residents", "id"): ("居民的化名编码（R001、3-12 等）；不要写姓名", ""),
    ("residents", "age"): (f"周岁；居民都是成年人（不要列出儿童）；{_ELDER} 岁及以上为老人", ""),
    ("residents", "sex"): ("也可写 f、m、女、男；用于公平性表格（equity.csv）的分组，不改变模型的行为",
                           f"抽取：女性占老人的 {FEMALE_SHARE_ELDER:.0%}（仅与配偶同住的一户为一女一男），"
                           f"占劳动年龄居民的 {FEMALE_SHARE_ADULT:.1%}"),
    ("residents", "household"): ("同住居民共用的户编码（H01 等），该户在外居住的成员也用它",
                                 "每位居民自成一户"),
    ("residents", "lives_away"): (f"在外居住和工作的劳动年龄（{_ELDER} 岁以下）村民；属于所填的户，"
                                  "运行期间可能返乡", "no：居民住在村里"),
    ("residents", "living_alone"): ("独居的老人",
                                    "由户推出：户内没有其他人同住的老人（在外居住的成员不算）；"
                                    "没有户时，以 alone_share 的概率抽取"),
    ("residents", "empty_nest"): ("独居或仅与配偶同住的老人（空巢）",
                                  "由户推出：除去在外居住的成员后，户内只有本人或两位老人；"
                                  "没有户时，以 alone_share + couple_only_share 的概率抽取"),
    ("residents", "children_migrated"): ("老人在外地居住的成年子女数",
                                         "老人：Binomial(Poisson(children_per_elder), "
                                         "children_migrated_share)；劳动年龄居民：0"),
    ("residents", "frailty"): ("健康与日常生活能力受限的程度，0 = 健康，1 = 完全依赖他人"
                               "（按 ADL 受限项数换算的方法见指南）",
                               "老人：均值为 0.12 + 0.013 x (年龄 - 60) 的 Beta 分布；"
                               "劳动年龄居民：Beta(1, 12)"),
    ("residents", "chronic"): ("需要管理慢性病的老人",
                               "老人：以 chronic_prevalence 的概率为 yes；劳动年龄居民：no"),
    ("residents", "willing_to_help"): ("愿意在亲属之外帮助别人",
                                       "健康的低龄老人（74 岁及以下、衰弱程度低于 0.4）：以 "
                                       "helper_share_elder 的概率为 yes；劳动年龄居民：概率 "
                                       "helper_share_adult；其他老人：no"),
    ("residents", "hours_available"): ("居民每周能在亲属之外提供的帮助时数（willing_to_help 为 yes 时使用；"
                                       "被干预措施招募的居民按默认时数）",
                                       "愿意帮助的老人：helper_hours_elder；愿意帮助的劳动年龄居民："
                                       "helper_hours_adult；其他人：0"),
    ("residents", "clan"): ("宗族或村民小组（没有 ties 文件时，亲属关系在宗族内抽取）",
                            "各户按抽取的顺序沿村道排列，每 clan_households 户划为一个宗族"),
    ("residents", "care_skill"): ("照护技能", "Beta(2, 5)，均值 0.29"),
    ("residents", "self_efficacy"): ("基线自我效能感（能动性）", "Beta(5, 3)，均值 0.63"),
    ("residents", "trust"): ("对互助的基线信任",
                             "Beta 分布，其中达到或超过 ask_trust_floor 的比例为 willing_share"),
    ("residents", "motivation"): ("愿意帮助者的初始动机", "愿意帮助者：Beta(5, 2)，均值 0.71；其他人：0"),
    ("residents", "loneliness"): ("初始孤独感", "Beta(2, 5)，独居老人再加 0.15"),
    ("ties", "id_a"): ("一位居民的 id", ""),
    ("ties", "id_b"): ("另一位居民的 id", ""),
    ("ties", "kind"): ("kin（本户以外的亲属）、neighbour（邻居）或 friend（其他相识的人）", ""),
    ("ties", "strength"): ("有需要时多容易通过这条关系求助",
                           f"按类型：kin {INITIAL_STRENGTH[KIN]}，neighbour "
                           f"{INITIAL_STRENGTH[NEIGHBOUR]}，friend {INITIAL_STRENGTH[ACQUAINTANCE]}"),
    ("spaces", "name"): ("闲置的房屋或房间（旧学校、祠堂等）", ""),
    ("spaces", "capacity"): ("每周能接待的老人数", ""),
}


def _num(x) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def range_text_zh(column: Column) -> str:
    if column.kind in ("int", "float"):
        unit = UNITS_ZH.get(column.unit, column.unit)
        return f"{_num(column.low)} 至 {_num(column.high)}" + (f"（{unit}）" if unit else "")
    return RANGE_ZH[column.kind]


def column_table_zh(table: str, columns: tuple[Column, ...]) -> list[str]:
    """Markdown rows: column, required, values, meaning, what fills a blank."""
    lines = ["| 列 | 必填 | 取值 | 含义 | 空白或缺少此列时 |", "|---|---|---|---|---|"]
    for c in columns:
        meaning, fill = COLUMNS_ZH[(table, c.name)]
        required = "**是**" if c.required else ("否（高级）" if c.advanced else "否")
        lines.append(f"| `{c.name}` | {required} | {range_text_zh(c)} | {meaning} | "
                     f"{fill or '该行报错'} |")
    return lines


def columns_markdown_zh(level: str = "##") -> str:
    """The three tables' columns as Markdown sections, in Chinese."""
    lines = []
    for name, columns in TABLES.items():
        lines += [f"{level} {name}", "", TABLE_DOCS_ZH[name] + "。", "",
                  *column_table_zh(name, columns), ""]
    return "\n".join(lines)


PSEUDONYMISE_ZH = """\
## 隐私：先把花名册化名处理

模型不需要姓名、身份证号、电话号码、住址或出生日期，文件里也不应有这些信息。

1. 给每位居民一个编码（R001、R002……或任意文字）。如果确实需要编码与姓名的对照表，
   请由花名册负责人单独离线保存，绝不要和这些文件放在一起。
2. 户也用同样的方式编码（H01、H02……），不要写门牌号或户主姓名。
3. 年龄写周岁，不写出生日期。如果文件要带出村委会，可以考虑把年纪最大的几位都写成 95 岁
   （在小村子里，103 岁这个年龄就能认出是谁）。
4. 关系表中使用居民编码。场所名称写房屋，不写人。
5. 删去模型不用的列（姓名、备注）；模型会忽略它们，但会对看起来像个人信息的列给出警告。
"""


def export_intro_zh(seed: int, residents: int, away: int, where: str, fmt: str) -> str:
    """The Chinese README's first paragraph for `villageaid village export`."""
    repeat = ("逐位重复" if fmt == "csv"
              else "在工作簿保留的 16 位有效数字范围内重复（CSV 格式可以逐位重复）")
    return (f"由 `villageaid village export` 导出的模拟村庄（种子 {seed}，{residents} 名居民，"
            f"另有 {away} 名在外居住、可能返乡的劳动年龄村民）：其中没有任何真实的人。"
            f"`villageaid run --village {where} --seed {seed}` 会{repeat} "
            f"`villageaid run --residents {residents} --seed {seed}` 的运行。")


def readme_text_zh(intro: str | None = None) -> str:
    intro = intro or "由 `villageaid village template` 写出的空白村庄文件：请按本村的情况填写。"
    lines = [
        "# 村庄文件", "", "English: README.md", "", intro, "",
        "一个村庄由三张表组成：同一文件夹中的三个 CSV 文件（residents.csv、ties.csv、spaces.csv；"
        "UTF-8 或 GBK 编码），或一个 Excel 工作簿（.xlsx）中名为 residents、ties 和 spaces 的三个"
        "工作表。每张表的第一行是列名，顺序不限；行号与电子表格显示的一致（标题为第 1 行）。"
        "列名保持英文，与下表一致。", "",
        "只有 `id` 和 `age` 是必填的。其他列都可以不要，或在部分行中留空：模型会用它的默认抽取"
        "（见下表，参数见 `villageaid params`）按运行的种子填补每个空白单元格，并在运行开始时"
        "说明填补了什么。是/否列可写 yes、no、y、n、true、false、1、0、是 或 否。标为“高级”的列"
        "是模型自身的状态；除非有调查实际测量过，否则不要填写（导出的村庄会列出它们，"
        "以便运行结果完全重现）。", "",
        columns_markdown_zh(),
        f"{_ELDER} 岁及以上的居民是老人，其他人是劳动年龄居民。居住情况各列、chronic 和 "
        "children_migrated 只对老人有意义。在外居住和工作、但属于本村某户的劳动年龄村民（如老人外出"
        "务工的子女）可以列出，lives_away 填 yes：他们返乡之前不算村里的居民，居住情况各列也不把他们算在内。"
        "关系类型也可以写 relative 或 family（kin）、neighbor（neighbour）、acquaintance（friend），"
        "或写中文（亲属、亲戚、邻居、朋友、熟人）。同户成员之间的关系由 household 列给出："
        "不要在 ties 中列出。", "",
        PSEUDONYMISE_ZH,
        "## 检查与运行", "",
        "```",
        "villageaid village check PATH          # 一次列出全部问题：文件、行、列",
        "villageaid run --village PATH --seed 1",
        "villageaid compare baseline teams --village PATH --lang zh",
        "```", "",
        "PATH 是本文件夹，或工作簿的路径。在场景文件中写 `village = \"PATH\"`"
        "（相对于场景文件的路径）效果相同。docs/guide_village_files.zh.md 有完整的说明和一个示例。", "",
    ]
    return "\n".join(lines)
