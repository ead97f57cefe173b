import subprocess
import sys


def test_it_imports_the_engine_without_django():
    code = (
        "import sys, bemanna.analysis.extract, bemanna.analysis.stock, bemanna.analysis.demo, "
        "bemanna.analysis.unittree, bemanna.analysis.personnummer, bemanna.analysis.charts, "
        "bemanna.analysis.forecast, bemanna.analysis.forecast.backtest, "
        "bemanna.analysis.forecast.history, bemanna.analysis.forecast.frames, "
        "bemanna.analysis.enps, bemanna.analysis.disclosure; "
        "sys.exit(1 if any(m == 'django' or m.startswith('django.') for m in sys.modules) "
        "else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr or "django was imported by bemanna.analysis"
