"""app/digest.py: the same SHA-256 as hashlib, without loading OpenSSL (issue 18)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from app.digest import sha256


@given(st.lists(st.binary(max_size=3000), max_size=5))
def test_the_digest_is_hashlibs(parts: list[bytes]) -> None:
    ours, theirs = sha256(), hashlib.sha256()
    for part in parts:
        ours.update(part)
        theirs.update(part)
    assert ours.hexdigest() == theirs.hexdigest()
    assert sha256(b"".join(parts)).hexdigest() == theirs.hexdigest()


def test_a_speech_cache_key_loads_no_openssl(tmp_path: Path) -> None:
    model = tmp_path / "voice.onnx"
    model.write_bytes(b"model" * 1000)
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from app.speech.cache import cache_key\n"
        "from app.speech.settings import VoiceSettings\n"
        "from app.speech.voices import model_digest\n"
        "print(cache_key('Breathe in.', VoiceSettings(), 'espeak-1'))\n"
        f"print(model_digest(Path({str(model)!r})))\n"
        "print('_hashlib' in sys.modules, 'hashlib' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    key, digest, *loaded = done.stdout.split()
    assert len(key) == 64
    assert digest == hashlib.sha256(model.read_bytes()).hexdigest()
    assert loaded == ["False", "False"]
