"""One UI language at a time: every UI string in ui/text/ is English (content stays Spanish)."""

from __future__ import annotations

import importlib
import pkgutil
import re

import ui.text

# Spanish words a UI label slipped into before ("Pregunta 54 · …", "Respuesta modelo");
# the document's own name ("Simulacro Entrevista …") is a title, not a label.
SPANISH = re.compile(
    r"\b(pregunta|preguntas|respuesta|respuestas|modelo|sección|siguiente|anterior|"
    r"mostrar|guardar|escribe|tu)\b",
    re.IGNORECASE,
)
QUOTED = re.compile(r"“[^”]*”")  # example phrases for a Spanish answer are content


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in strings(v)]
    return []


def test_ui_text_has_no_spanish_labels():
    found = []
    for module_info in pkgutil.iter_modules(ui.text.__path__):
        module = importlib.import_module(f"ui.text.{module_info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not name.isupper():
                continue
            for text in strings(value):
                if SPANISH.search(QUOTED.sub("", text)):
                    found.append(f"ui/text/{module_info.name}.py {name}: {text[:60]}")
    assert not found, "\n".join(found)


def test_question_headings_come_from_ui_text(app_test):
    at = app_test().run()
    at.switch_page("pages/browse.py").run()
    assert at.subheader[0].value.startswith("Question 1 · ")
