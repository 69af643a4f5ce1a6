"""Sweep specs: a bad spec or option ends in one line per problem and exit 2."""

import textwrap

import pytest

from villageaid.cli import main
from villageaid.experiments import dask_backend
from villageaid.experiments.designs import make_design
from villageaid.experiments.spec import SweepError, parse_spec

GOOD = """\
scenario = "teams"
years = 1
design = "lhs"
samples = 4
seed = 2

[village]
residents = 150

[[parameters]]
name = "grant"
low = 20000.0
high = 120000.0

[[parameters]]
name = "teams.team_size"
low = 4
high = 12
"""

PARAM = '[[parameters]]\nname = "{name}"\nlow = {low}\nhigh = {high}\n'


def spec_text(head: str, *parameters: str) -> str:
    return textwrap.dedent(head) + "\n" + "\n".join(parameters)


CASES = [
    ("design-name", spec_text('design = "lhc"\nsamples = 4',
                              PARAM.format(name="grant", low=1.0, high=2.0)),
     ["design", "'lhc'", "did you mean 'lhs'", "grid, lhs, sobol, morris"]),
    ("unknown-parameter", spec_text('design = "lhs"\nsamples = 4',
                                    PARAM.format(name="grnt", low=1.0, high=2.0)),
     ["parameters[0].name", "'grnt'", "did you mean 'grant'", "villageaid params"]),
    ("range-outside", spec_text('design = "lhs"\nsamples = 4',
                                PARAM.format(name="elder_share", low=0.2, high=1.5)),
     ["parameters[0].high", "1.5", "elder_share", "expected 0 to 1 (fraction)"]),
    ("low-not-below-high", spec_text('design = "lhs"\nsamples = 4',
                                     PARAM.format(name="grant", low=5000.0, high=100.0)),
     ["parameters[0]", "low 5000.0", "not below high 100.0"]),
    ("intervention-missing", spec_text('scenario = "baseline"\ndesign = "lhs"\nsamples = 4',
                                       PARAM.format(name="teams.team_size", low=4, high=9)),
     ["'teams.team_size'", "'baseline' has no teams intervention"]),
    ("unknown-setting", spec_text('scenario = "teams"\ndesign = "lhs"\nsamples = 4',
                                  PARAM.format(name="teams.size", low=4, high=9)),
     ["'teams.size'", "no setting 'size'", "team_size"]),
    ("whole-number-setting", spec_text('scenario = "teams"\ndesign = "lhs"\nsamples = 4',
                                       PARAM.format(name="teams.team_size", low=2.5, high=9)),
     ["parameters[0].low", "2.5", "not a whole number", "team_size"]),
    ("sobol-power-of-two", spec_text('design = "sobol"\nsamples = 10',
                                     PARAM.format(name="grant", low=1.0, high=2.0)),
     ["samples", "10", "power of 2"]),
    ("quoted-number", spec_text('design = "lhs"\nsamples = 4\nreplicates = "3"',
                                PARAM.format(name="grant", low=1.0, high=2.0)),
     ["replicates", "'3'", "whole number", "without quotes", "1 to 10,000"]),
    ("samples-missing", spec_text('design = "morris"',
                                  PARAM.format(name="grant", low=1.0, high=2.0)),
     ["samples: missing", "trajectories"]),
    ("levels-need-grid", spec_text('design = "sobol"\nsamples = 4',
                                   '[[parameters]]\nname = "grant"\nlevels = [1.0, 2.0]'),
     ["parameters[0].levels", "design 'sobol'", "low and high"]),
    ("grid-needs-points", spec_text('design = "grid"',
                                    PARAM.format(name="grant", low=1.0, high=2.0)),
     ["parameters[0].points: missing", "levels"]),
    ("unknown-key", spec_text('design = "lhs"\nsamples = 4\ncolour = "red"',
                              PARAM.format(name="grant", low=1.0, high=2.0)),
     ["colour: unknown key", "expected one of"]),
    ("parameter-at-top", spec_text('design = "lhs"\nsamples = 4\ngrant = 5.0',
                                   PARAM.format(name="grant", low=1.0, high=2.0)),
     ["grant: unknown key", "[village]", "[[parameters]]"]),
    ("scenario-unknown", spec_text('scenario = "basline"\ndesign = "lhs"\nsamples = 4',
                                   PARAM.format(name="grant", low=1.0, high=2.0)),
     ["scenario", "'basline'"[1:-1], "did you mean 'baseline'"]),
    ("fixed-and-varied", spec_text('design = "lhs"\nsamples = 4\n[village]\ngrant = 5.0\n',
                                   PARAM.format(name="grant", low=1.0, high=2.0)),
     ["parameters[0].name", "'grant'", "also set in [village]"]),
    ("fixed-out-of-range", spec_text('design = "lhs"\nsamples = 4\n[village]\nresidents = 5\n',
                                     PARAM.format(name="grant", low=1.0, high=2.0)),
     ["village.residents", "5", "20 to 200,000"]),
    ("repeated", spec_text('design = "lhs"\nsamples = 4',
                           PARAM.format(name="grant", low=1.0, high=2.0),
                           PARAM.format(name="grant", low=1.0, high=3.0)),
     ["parameters[1].name", "appears again", "parameters[0]"]),
    ("no-parameters", 'design = "lhs"\nsamples = 4\n',
     ["parameters: missing", "[[parameters]]"]),
    ("timeseries-too-sparse", spec_text('design = "lhs"\nsamples = 4\nyears = 1\n'
                                        '[outputs]\ntimeseries_every = 60\n',
                                        PARAM.format(name="grant", low=1.0, high=2.0)),
     ["outputs.timeseries_every", "60", "0 to 52"]),
    ("toml-syntax", 'design = lhs\n', ["line 1", "not valid TOML"]),
    ("inconsistent-point", spec_text('design = "lhs"\nsamples = 6\n[village]\n'
                                     'couple_only_share = 0.4\n',
                                     PARAM.format(name="alone_share", low=0.3, high=0.9)),
     ["design point", "alone_share + couple_only_share", "at most 1"]),
]


@pytest.mark.parametrize("text, words", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_spec_exits_2_with_one_line(text, words, tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(text)
    out = tmp_path / "out"
    assert main(["sweep", str(spec), "--out", str(out), "--workers", "1",
                 "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("villageaid sweep: error: ")
    for word in words:
        assert word in err, (word, err)
    assert "Traceback" not in err
    assert not out.exists(), "nothing is written for a bad spec"


def test_every_problem_is_reported_at_once(tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(spec_text('design = "sobol"\nsamples = 12\nreplicates = 0',
                              PARAM.format(name="grnt", low=1.0, high=2.0),
                              PARAM.format(name="elder_share", low=0.5, high=3.0)))
    assert main(["sweep", str(spec), "--out", str(tmp_path / "o")]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 4, lines
    assert [w for w in ("replicates", "samples", "grnt", "elder_share")
            if not any(w in line for line in lines)] == []


def test_a_good_spec_and_its_design():
    spec = parse_spec(GOOD)
    assert spec.names == ["grant", "teams.team_size"]
    assert spec.scenario.params.residents == 150 and spec.years == 1
    assert spec.total_runs == 4
    design = make_design(spec)
    assert len(design) == 4 and design == make_design(parse_spec(GOOD))
    for grant, size in design.points:
        assert isinstance(grant, float) and 20000.0 <= grant <= 120000.0
        assert isinstance(size, int) and 4 <= size <= 12


def test_grid_levels_and_sizes():
    spec = parse_spec(spec_text(
        'scenario = "teams"\ndesign = "grid"\nreplicates = 3',
        '[[parameters]]\nname = "teams.team_size"\nlow = 4\nhigh = 10\npoints = 4',
        '[[parameters]]\nname = "grant"\nlevels = [1000.0, 5000]'))
    design = make_design(spec)
    assert spec.parameters[0].levels == (4, 6, 8, 10)
    assert spec.parameters[1].levels == (1000.0, 5000.0)
    assert len(design) == 8 and spec.total_runs == 24
    assert design.points[0] == (4, 1000.0) and design.points[-1] == (10, 5000.0)


def test_sobol_and_morris_sizes():
    two = (PARAM.format(name="grant", low=1.0, high=2.0)
           + "\n" + PARAM.format(name="kin_hours", low=0.0, high=4.0))
    sobol = parse_spec(spec_text('design = "sobol"\nsamples = 8\nreplicates = 2', two))
    assert len(make_design(sobol)) == 8 * (2 + 2) and sobol.total_runs == 64
    morris = parse_spec(spec_text('design = "morris"\nsamples = 3', two))
    assert len(make_design(morris)) == 3 * (2 + 1)


@pytest.mark.parametrize("args, words", [
    (["--workers", "0"], ["--workers", "0", "1 to 256"]),
    (["--scheduler", "localhost"], ["--scheduler", "'localhost'", "tcp://HOST:PORT"]),
    (["--scheduler", "tcp://127.0.0.1:8786", "--workers", "2"], ["--workers", "--scheduler"]),
])
def test_bad_options_exit_2(args, words, tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(GOOD)
    with pytest.raises(SystemExit) as exc:
        raise SystemExit(main(["sweep", str(spec), "--out", str(tmp_path / "o"), *args]))
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and all(w in err for w in words), err
    assert not (tmp_path / "o").exists()


def test_unreachable_scheduler_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(dask_backend, "CONNECT_TIMEOUT", "1s")
    spec = tmp_path / "spec.toml"
    spec.write_text(GOOD)
    assert main(["sweep", str(spec), "--out", str(tmp_path / "o"),
                 "--scheduler", "tcp://127.0.0.1:9"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "cannot reach tcp://127.0.0.1:9" in err, err
    assert not (tmp_path / "o").exists()


def test_folder_rules(tmp_path, capsys):
    spec = tmp_path / "spec.toml"
    spec.write_text(GOOD.replace("samples = 4", "samples = 2"))
    out = tmp_path / "o"
    assert main(["sweep", str(spec), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    capsys.readouterr()
    # a second sweep into the same folder needs --resume ...
    assert main(["sweep", str(spec), "--out", str(out), "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert "already holds a sweep (2 of 2 runs)" in err and "--resume" in err
    # ... and --resume needs the same spec
    other = tmp_path / "other.toml"
    other.write_text(GOOD.replace("samples = 4", "samples = 2").replace("seed = 2", "seed = 3"))
    assert main(["sweep", str(other), "--out", str(out), "--resume", "--no-progress"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "different spec" in err and "seed" in err, err
    # a folder holding something else is refused, and so is a file
    stranger = tmp_path / "stranger"
    stranger.mkdir()
    (stranger / "notes.txt").write_text("x")
    assert main(["sweep", str(spec), "--out", str(stranger), "--no-progress"]) == 2
    assert "not empty" in capsys.readouterr().err
    assert main(["sweep", str(spec), "--out", str(stranger / "notes.txt")]) == 2
    assert "is a file" in capsys.readouterr().err


def test_spec_error_lists_problems():
    with pytest.raises(SweepError) as exc:
        parse_spec('design = "grid"\n', source="s.toml")
    assert exc.value.lines() == ["s.toml: parameters: missing; expected at least one "
                                 "[[parameters]] table with a name and low/high or levels"]


def test_the_guides_example_spec_is_valid():
    import re
    from pathlib import Path

    guide = Path(__file__).resolve().parents[1] / "docs" / "guide_sweeps.md"
    block = re.search(r"```toml\n(.*?)```", guide.read_text(encoding="utf-8"), re.S)[1]
    spec = parse_spec(block)
    assert spec.design == "sobol" and spec.n_points == 80 and spec.total_runs == 160
    assert spec.describe().startswith("design sobol: 16 x (3 + 2) = 80 points x 2 replicates")
