"""The template sandbox's bounds (environment.py) refuse what would eat the memory, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from loopbaan_cli.documents.environment import environment, fill
from loopbaan_cli.documents.kinds import format_named
from loopbaan_cli.kernel.errors import ConfigError


def filled(tmp_path: Path, source: str) -> str:
    template = tmp_path / "eigen.md.j2"
    template.write_text(source, encoding="utf-8")
    env, name = environment("agreement", format_named("md"), template)
    return fill(env, name, {}, template)


def test_ordinary_formatting_still_works(tmp_path: Path) -> None:
    """A phone number is no width; '%5d', center(5), str.format, * and ** still work."""
    source = "{{ 'Bel: 0471234567 {}'.format(1) }}|{{ 'a'|center(5) }}|{{ '%5d' % 3 }}|"
    source += "{{ '-' * 3 }}|{{ 2 ** 10 }}|{{ '{}'.format(123456789) }}|{{ '%d' % 123456789 }}|"
    source += "{{ '%d'|format(123456789) }}|{{ '%5s' % 'x' }}"
    assert filled(tmp_path, source) == (
        "Bel: 0471234567 1|  a  |    3|---|1024|123456789|123456789|123456789|    x"
    )


def test_typed_text_is_never_taken_for_a_size(tmp_path: Path) -> None:
    """What someone typed ("{tel: 0471234567}", 123456789) goes through the filters as text."""
    source = "{{ '{tel: 0471234567} %12345678'|indent(2) }}|{{ 123456789|center(11) }}|"
    source += "{{ 'een heel lang woord'|wordwrap(8) }}|{{ 'abcdefghijklmnop'|truncate(9) }}|"
    source += "{{ [1, 2, 3]|slice(2)|list|length }}"
    assert filled(tmp_path, source) == (
        "{tel: 0471234567} %12345678| 123456789 |een heel\nlang\nwoord|abcdef...|2"
    )


@pytest.mark.parametrize(
    "source",
    [
        "{{ 'x' * 100000000 }}",
        "{{ [0] * 100000000 }}",
        "{{ 10 ** 5000 }}",
        "{{ 'x'.zfill(100000000) }}",
        "{{ 'x'|indent(100000000) }}",
        "{{ '{:0>100000000}'.format_map({}) }}",
        "{{ [1]|slice(100000000)|list }}",
        "{{ '%100000000s'|format('x') }}",
    ],
)
def test_a_size_that_would_eat_the_memory_is_refused(tmp_path: Path, source: str) -> None:
    with pytest.raises(ConfigError, match="niet toegestaan"):
        filled(tmp_path, source)
