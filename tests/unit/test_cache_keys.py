"""Cache keys are what they look like (issue 18): a function cached with
``st.cache_data`` or ``st.cache_resource`` is keyed on its arguments only, and
Streamlit leaves ``_``-prefixed arguments out of the key. The trip list was read
once per process because ``_trips_index(root, _folder, _index)`` had its inputs
in such arguments. Every cached function here takes its inputs as keyed
arguments and reads nothing else that changes (the session, the URL, the
environment, this run's data version)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted(
    [
        ROOT / "app.py",
        *(ROOT / "components").glob("*.py"),
        *(ROOT / "pages").glob("*.py"),
    ]
)
CACHES = {"cache_data", "cache_resource"}
# What varies without being an argument: per session, per run, per process.
UNKEYED_READS = {"session_state", "query_params", "context", "environ"}
# Our functions that read this run's data version or the session's selection
# when called without a version.
RUN_READERS = {
    "data_version",
    "refresh_data_version",
    "current",
    "look_at_trips",
    "trips_index",
    "trips_dir",
    "data_dir",
    "selection",
    "default_trip",
    "listed_trips",
    "url_lang",
}


def cached_functions(tree: ast.AST) -> list[ast.FunctionDef]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for decorator in node.decorator_list:
                target = (
                    decorator.func if isinstance(decorator, ast.Call) else decorator
                )
                if isinstance(target, ast.Attribute) and target.attr in CACHES:
                    found.append(node)
    return found


def key_problems(function: ast.FunctionDef) -> list[str]:
    """What would make this function's cache key miss an input."""
    problems = [
        f"argument {arg.arg} is left out of the key"
        for arg in (
            *function.args.posonlyargs,
            *function.args.args,
            *function.args.kwonlyargs,
        )
        if arg.arg.startswith("_")
    ]
    # A view is keyed on its data version only if the cache is told so.
    takes_view = any(
        isinstance(arg.annotation, ast.Name) and arg.annotation.id == "TripView"
        for arg in function.args.args
    )
    told = any(
        isinstance(decorator, ast.Call)
        and any(keyword.arg == "hash_funcs" for keyword in decorator.keywords)
        for decorator in function.decorator_list
    )
    if takes_view and not told:
        problems.append("takes a TripView without hash_funcs=BY_VERSION")
    for node in ast.walk(function):
        if isinstance(node, ast.Attribute) and node.attr in UNKEYED_READS:
            problems.append(f"reads {node.attr}")
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            if name in RUN_READERS:
                problems.append(f"calls {name}()")
    return problems


def test_the_check_finds_the_old_trips_index():
    old = ast.parse(
        "@st.cache_resource\n"
        "def _trips_index(root, _folder, _index):\n"
        "    return look(root)\n"
        "@st.cache_data\n"
        "def _spec(lang):\n"
        "    return chart(current().trip, st.session_state['x'], lang)\n"
        "@st.cache_resource\n"
        "def _layer(view: TripView, lang):\n"
        "    return layer(view.summaries, lang)\n"
    )
    found = {f.name: key_problems(f) for f in cached_functions(old)}
    assert found == {
        "_trips_index": [
            "argument _folder is left out of the key",
            "argument _index is left out of the key",
        ],
        "_spec": ["calls current()", "reads session_state"],
        "_layer": ["takes a TripView without hash_funcs=BY_VERSION"],
    }


CACHED = [
    (path, function)
    for path in SOURCES
    for function in cached_functions(ast.parse(path.read_text("utf-8")))
]


def test_the_app_caches_something():
    assert len(CACHED) >= 10


@pytest.mark.parametrize(
    ("path", "function"),
    CACHED,
    ids=[f"{path.name}:{function.name}" for path, function in CACHED],
)
def test_every_cache_key_holds_every_input(path, function):
    assert key_problems(function) == []
