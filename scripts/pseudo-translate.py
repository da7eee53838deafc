#!/usr/bin/env python3
"""Fills a .ts file (as lupdate wrote it) with a pseudo-translation for layout checks: every text
about 40 % longer, with accented letters, wrapped in [ ], so a clipped label or a string that
escaped tr() shows at a glance in screenshots. Placeholders (%1, %L2, %n), mnemonics (&), HTML
tags and entities are kept as they are.

    pseudo-translate.py IN.ts OUT.ts"""

import math
import re
import sys
import xml.etree.ElementTree as ElementTree

PROTECTED = re.compile(r"(%L?\d+|%n|&&|&[a-zA-Z]+;|&(?=\w)|<[^>]*>|\n)")
ACCENTS = str.maketrans("aeiouyAEIOUYcnCN", "àéîõüÿÂÉÎÕÜŸçñÇÑ")


def pseudo(text):
    if not text:
        return text
    parts = PROTECTED.split(text)
    letters = 0
    for i, part in enumerate(parts):
        if i % 2 == 0:  # plain text between protected tokens
            letters += len(part)
            parts[i] = part.translate(ACCENTS)
    padding = "·" * max(1, math.ceil(letters * 0.4))
    return "[" + "".join(parts) + padding + "]"


def main(source, target):
    tree = ElementTree.parse(source)
    root = tree.getroot()
    root.set("language", "x-pseudo")
    for message in root.iter("message"):
        text = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ElementTree.SubElement(message, "translation")
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            translation.text = None
            for _ in range(2):
                ElementTree.SubElement(translation, "numerusform").text = pseudo(text)
        else:
            translation.text = pseudo(text)
    tree.write(target, encoding="utf-8", xml_declaration=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
