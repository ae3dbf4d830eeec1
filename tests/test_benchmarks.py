"""The benchmark suite runs (smallest size, once): it must not rot. No wall time is asserted."""

import subprocess
import sys

from .conftest import ROOT


def test_benchmark_suite_smoke():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "| `briefing print`, default briefing |" in result.stdout
    assert "keypress → screen, jump to citation" in result.stdout
