#!/usr/bin/env python3
"""Reads .ts files that lupdate has just compared with the sources and fails (exit 1) on:
- a message without a finished translation (new string, or a changed one: lupdate marks both
  unfinished),
- a message whose source vanished or became obsolete (translators' work that nothing shows),
- a translation that drops or invents a placeholder (%1, %L2, %n) of its source, or adds or
  loses the keyboard mnemonic (&) — either would make the translated app misbehave.
Prints each problem as "<file>: <context>: <source>: <problem>"."""

import re
import sys
import xml.etree.ElementTree as ElementTree

PLACEHOLDER = re.compile(r"%L?(\d+|n)")
MNEMONIC = re.compile(r"&(?!&|\w+;)")


def placeholders(text):
    return sorted(set(PLACEHOLDER.findall(text or "")))


def has_mnemonic(text):
    return bool(MNEMONIC.search(text or ""))


def problems_of(path):
    problems = []
    root = ElementTree.parse(path).getroot()
    for context in root.iter("context"):
        context_name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            where = f"{path.rsplit('/', 1)[-1]}: {context_name}: {source[:70]!r}"
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("vanished", "obsolete"):
                problems.append(f"{where}: no longer in the sources (remove it with --update)")
                continue
            if kind == "unfinished" or translation is None:
                problems.append(f"{where}: not translated")
                continue
            if message.get("numerus") == "yes":
                forms = [f.text or "" for f in translation.iter("numerusform")]
            else:
                forms = [translation.text or ""]
            if not forms or any(not form for form in forms):
                problems.append(f"{where}: empty translation")
                continue
            wanted = placeholders(source)
            for form in forms:
                got = placeholders(form)
                # A singular form may say "one" instead of %n.
                if got != wanted and sorted(set(wanted) - {"n"}) != got:
                    problems.append(f"{where}: placeholders {got} instead of {wanted}: {form!r}")
                if has_mnemonic(form) != has_mnemonic(source):
                    problems.append(f"{where}: the & shortcut marker is lost or added: {form!r}")
    return problems


def main(paths):
    problems = [p for path in paths for p in problems_of(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"check-translations: {len(problems)} problem(s); "
              "translate them in translations/*.ts (scripts/check-translations.sh --update adds "
              "new strings there)", file=sys.stderr)
        return 1
    print(f"check-translations: {len(paths)} files complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
