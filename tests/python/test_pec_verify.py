"""The Python module as a back end uses it, installed from its wheel in a fresh virtual
environment: its reports and dossiers are those of `pec-verify --json` for the same files and
options, bad options raise ValueError with a sentence, and threads may verify at once."""

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import pec_verify

SAMPLES = Path(os.environ["PEC_SHARED"]) / "samples"
CLI = os.environ["PEC_VERIFY"]
FACTORY = Path(os.environ["PEC_FACTORY"])
ANCHORS = [FACTORY / "test-root.pem", FACTORY / "test-pec-ca.pem"]


def cli(*args):
    """What `pec-verify --json ARGS` prints, one document per line."""
    done = subprocess.run([CLI, "--json", *map(str, args)], capture_output=True, check=False)
    assert done.returncode in (0, 1), done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def samples():
    return sorted(p for folder in ("real", "tampered", "unsigned", "unverifiable")
                  for p in (SAMPLES / folder).glob("*.eml"))


def test_every_shared_sample_gets_the_report_of_the_command_line():
    paths = samples()
    assert len(paths) >= 20
    for path, expected in zip(paths, cli(*paths)):
        assert pec_verify.verify(path.read_bytes(), name=str(path)) == expected
        assert pec_verify.verify_file(path) == expected


def test_the_factory_messages_verify_with_its_anchors_as_with_trust():
    messages = sorted(FACTORY.glob("*.eml"))
    assert len(messages) >= 50
    anchors = [p.read_text() for p in ANCHORS]
    expected = cli(*[arg for a in ANCHORS for arg in ("--trust", a)], *messages)
    for path, report in zip(messages, expected):
        assert pec_verify.verify(path.read_bytes(), trust=anchors, name=str(path)) == report
    assert any(m["verdict"] == "TOTAL-PASSED" for r in expected for m in r["messages"])


def test_revocation_lists_judge_as_with_crl():
    anchors = [p.read_text() for p in ANCHORS]
    message = FACTORY / "accettazione.eml"
    for name, verdict in [("crl-not-revoked.crl", "TOTAL-PASSED"), ("crl-revoked.crl", "TOTAL-FAILED")]:
        path = FACTORY / name
        [expected] = cli(*[arg for a in ANCHORS for arg in ("--trust", a)], "--crl", path, message)
        report = pec_verify.verify(message.read_bytes(), trust=anchors, crl=path.read_bytes(), name=str(message))
        assert report == expected
        assert report["messages"][0]["verdict"] == verdict
        assert pec_verify.Verifier(trust=anchors, crl=[path.read_bytes()]).verify_file(message) == expected
    with pytest.raises(ValueError, match=r"^Cannot use crl\[0\]: no CRL found"):
        pec_verify.verify(message.read_bytes(), crl="not a list")


def test_bad_options_raise_value_error_saying_why():
    data = (SAMPLES / "real/aruba-agidca1-accettazione.eml").read_bytes()
    with pytest.raises(ValueError, match=r"^Cannot use at: not an RFC 3339 time: \"ieri\""):
        pec_verify.verify(data, at="ieri")
    with pytest.raises(ValueError, match=r"^Cannot use trust\[0\]: no certificate found"):
        pec_verify.verify(data, trust="not a certificate")
    with pytest.raises(TypeError):
        pec_verify.verify("text, not bytes")
    with pytest.raises(OSError):
        pec_verify.verify_file("/nonexistent/ricevuta.eml")
    assert pec_verify.verify(b"")["error_code"] == "empty"


def test_dossier_is_the_command_lines():
    paths = [SAMPLES / "real" / n for n in
             ("aruba-agidca1-accettazione.eml", "aruba-agidca1-consegna-completa.eml")]
    done = subprocess.run([CLI, "--dossier", "--json", *map(str, paths)], capture_output=True)
    assert done.returncode == 0, done.stderr
    expected = json.loads(done.stdout)
    assert pec_verify.dossier([str(p) for p in paths]) == expected
    pairs = [(str(p), p.read_bytes()) for p in paths]
    assert pec_verify.dossier(pairs) == expected
    assert expected["dossiers"][0]["complete"] is True


def test_threads_verify_at_once_with_the_same_reports():
    paths = samples()
    with ThreadPoolExecutor(max_workers=4) as pool:
        reports = list(pool.map(pec_verify.verify_file, paths * 3))
    assert reports == [pec_verify.verify_file(p) for p in paths] * 3


def test_the_readme_example_runs(tmp_path, monkeypatch, capsys):
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    section = readme.split("## The engine in Python")[1]
    example = section.split("```python\n")[1].split("```")[0]
    genuine = SAMPLES / "real/aruba-agidca1-consegna-completa.eml"
    (tmp_path / "ricevuta.eml").write_bytes(genuine.read_bytes())
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "README.md", "exec"), {})
    assert capsys.readouterr().out == "TOTAL-PASSED avvenuta-consegna 2018-11-13T16:39:27+01:00\n"


def test_a_verifier_gives_the_functions_reports_file_after_file():
    anchors = [p.read_text() for p in ANCHORS]
    verifier = pec_verify.Verifier(trust=anchors)
    for path in sorted(FACTORY.glob("*.eml"))[:20]:
        data = path.read_bytes()
        assert verifier.verify(data, name=str(path)) == pec_verify.verify(data, trust=anchors, name=str(path))
        assert verifier.verify_file(path) == pec_verify.verify_file(path, trust=anchors)
    with pytest.raises(ValueError, match=r"^Cannot use at: "):
        pec_verify.Verifier(at="domani")
