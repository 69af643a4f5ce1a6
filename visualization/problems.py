"""Validation messages in the dashboard's language.

The model, the scenario loader and the CLI word every refusal the same way:
`KEY: VALUE is out of range; expected LOW to HIGH (UNIT)` and some thirty other
shapes (tests/test_scenarios.py lists a file for each). They stay English at
their source, where scripts and logs read them. The dashboard shows them in the
user's language: `problem(line, lang)` recognises each shape and rewords it,
keeping keys, values and numbers as they are (they are what the user typed or
must type) and translating units. A line of an unknown shape is shown as it is.
"""

from __future__ import annotations

import re

from .i18n import unit

# a key, a value or a file name: anything without ": " inside
_TOKEN = r"(?:(?!: ).)+?"
# the prefixes before the message: "FILE: ", "KEY: ", "line 3, column 15: "
_HEAD = r"(?P<head>(?:" + _TOKEN + r": )*?)"
_V = r"(?P<v>" + _TOKEN + r")"
_RANGE = r"(?P<lo>\S+) to (?P<hi>\S+) \((?P<unit>[^()]*)\)"
_SUGGEST = r"(?:did you mean (?P<s>'[^']*')\? )?"

_SHAPES: list[tuple[str, str]] = [
    (_V + r" is out of range; expected " + _RANGE, "{v} 超出范围；应为 {lo} 至 {hi}（{unit}）"),
    (_V + r" is not a number \(write numbers without quotes\); expected " + _RANGE,
     "{v} 不是数字（数字不加引号）；应为 {lo} 至 {hi}（{unit}）"),
    (_V + r" is not a number; expected " + _RANGE, "{v} 不是数字；应为 {lo} 至 {hi}（{unit}）"),
    (_V + r" is not a number; expected a number", "{v} 不是数字；应为数字"),
    (_V + r" is not a whole number; expected " + _RANGE,
     "{v} 不是整数；应为 {lo} 至 {hi} 之间的整数（{unit}）"),
    (_V + r" is not a finite number; expected " + _RANGE,
     "{v} 不是有限的数；应为 {lo} 至 {hi}（{unit}）"),
    (r"missing; this key is required", "缺失；此项必填"),
    (r"missing; expected one of (?P<list>.+)", "缺失；应为以下之一：{list}"),
    (r"unknown key; " + _SUGGEST + r"model parameters go under \[village\]; "
     r"expected one of (?P<list>.+)",
     "未知的键；{s}模型参数应写在 [village] 表中；此处应为以下之一：{list}"),
    (r"unknown key; " + _SUGGEST + r"expected a model parameter "
     r"\(`villageaid params` lists them\) or path",
     "未知的键；{s}应为模型参数（`villageaid params` 会列出全部）或 path"),
    (r"unknown key; " + _SUGGEST + r"expected one of (?P<list>.+)",
     "未知的键；{s}应为以下之一：{list}"),
    (r"unknown setting; expected one of (?P<list>.+)", "未知的设置；应为以下之一：{list}"),
    (r"unknown parameter; expected one of (?P<list>.+)", "未知的参数；应为以下之一：{list}"),
    (r"unknown parameter; `villageaid params` lists them",
     "未知的参数；`villageaid params` 会列出全部"),
    (_V + r" is not allowed; " + _SUGGEST + r"expected one of (?P<list>.+)",
     "{v} 不是允许的值；{s}应为以下之一：{list}"),
    (_V + r" is not allowed; expected 1 to 64 characters from a-z, 0-9, _ and -",
     "{v} 不是允许的名称；应为 1 至 64 个字符，只用 a-z、0-9、_ 和 -"),
    (_V + r" is not text; expected a quoted string", "{v} 不是文本；应为带引号的字符串"),
    (_V + r" is too long \((?P<n>\d+) characters\); expected at most (?P<m>\d+)",
     "{v} 太长（{n} 个字符）；最多 {m} 个字符"),
    (_V + r" is over 1; expected shares of elders that add up to at most 1",
     "{v} 超过 1；各类老人比例之和最多为 1"),
    (_V + r" is below (?P<other>\S+) (?P<w>\S+); expected a value at least as high",
     "{v} 低于 {other} 的 {w}；应不低于它"),
    (_V + r' is not a table; expected a \[village\] table of model parameters, '
     r'or village = "PATH" \(a village file\)',
     '{v} 不是表；应为模型参数的 [village] 表，或 village = "PATH"（村庄文件）'),
    (_V + r" is not a list of tables; expected one \[\[(?P<t>\w+)\]\] table per entry",
     "{v} 不是表的列表；每一项应为一个 [[{t}]] 表"),
    (_V + r" is not a table; expected an \[\[(?P<t>\w+)\]\] table with a type",
     "{v} 不是表；应为带 type 的 [[{t}]] 表"),
    (_V + r" is not a path; expected the quoted (?P<rest>.+)", "{v} 不是路径；应为带引号的 {rest}"),
    (_V + r" appears again \(first as (?P<f>[^)]+)\); expected each intervention type at "
     r"most once", "{v} 重复出现（第一次在 {f}）；每种干预最多出现一次"),
    (_V + r" is at or after the scenario's end; expected (?P<lo>\S+) to (?P<hi>\S+) "
     r"\(it runs from the week after start_week; (?P<span>[^()]+)\)",
     "{v} 在场景结束时或之后；应为 {lo} 至 {hi}（干预从 start_week 的下一周开始；{span}）"),
    (_V + r" is after the scenario ends; expected (?P<lo>\S+) to (?P<hi>\S+) "
     r"\((?P<span>[^()]+)\)", "{v} 在场景结束之后；应为 {lo} 至 {hi}（{span}）"),
    (r"not valid TOML: (?P<why>.+)", "不是有效的 TOML：{why}"),
    (r"byte 0x(?P<b>[0-9a-f]+) is not UTF-8 text; expected a file saved as UTF-8",
     "字节 0x{b} 不是 UTF-8 文本；文件应保存为 UTF-8"),
    (r'the file is empty; expected at least name = "\.\.\."',
     '文件是空的；至少应有 name = "..."'),
    (r'the file has only comments; expected at least name = "\.\.\."',
     '文件只有注释；至少应有 name = "..."'),
    (r"is a folder; expected a (?P<what>\w+) TOML file", "是文件夹；应为 TOML 文件"),
    (r"the run has no week left for a shock", "这次运行已没有剩余的周可以施加冲击"),
    (r"no such file", "没有这个文件"),
]
_COMPILED = [(re.compile(_HEAD + body), zh) for body, zh in _SHAPES]

_LINE_COLUMN = re.compile(r"line (\d+), column (\d+)")
_SPAN = re.compile(r"(\d+) years? ha(?:s|ve) (\d+) weeks")
_VALUES = {"a list": "列表", "a table": "表"}
# what Python's TOML reader says, and the hint the loader adds
_TOML = ((" (text must be in quotes, numbers without)", "（文本要加引号，数字不加）"),
         ("invalid value", "无效的值"), ("invalid statement", "无效的语句"),
         ("cannot overwrite a value", "不能重复写同一个键"),
         ("illegal character", "非法字符"))


def problem(line: str, lang: str) -> str:
    """One validation message, reworded for `lang` ("en" leaves it as it is)."""
    if lang != "zh":
        return line
    for pattern, template in _COMPILED:
        m = pattern.fullmatch(line)
        if m:
            return _head(m["head"]) + template.format(**_fields(m))
    return line


def _head(head: str) -> str:
    """'FILE: KEY: ' -> 'FILE：KEY：', 'line 3, column 5: ' -> '第 3 行第 5 列：'."""
    head = _LINE_COLUMN.sub(r"第 \1 行第 \2 列", head)
    return head.replace(": ", "：")


def _fields(m: re.Match) -> dict[str, str]:
    fields = {k: (v or "") for k, v in m.groupdict().items() if k != "head"}
    if "v" in fields:
        fields["v"] = _VALUES.get(fields["v"], fields["v"])
    if "unit" in fields:
        fields["unit"] = unit(fields["unit"], "zh")
    if "span" in fields:
        fields["span"] = _SPAN.sub(r"\1 年共 \2 周", fields["span"])
    if fields.get("s"):
        fields["s"] = f"你是不是要写 {fields['s']}？"
    if "why" in fields:
        for english, chinese in _TOML:
            fields["why"] = fields["why"].replace(english, chinese)
    return fields


def problems(lines, lang: str) -> str:
    """Several messages on one line, each reworded for `lang`."""
    return ("；" if lang == "zh" else "; ").join(problem(line, lang) for line in lines)
