"""Vietnamese legal text: the one home of the portal's legal-text knowledge (pure, typed).

No Django and no import of any other project package: every app may use it.

* ``normalize``: Unicode NFC, one tone-mark placement, invisible characters, whitespace,
  diacritic folding.
* ``roman``: Roman numerals.
* ``numbers``: the one document-number key, canonical form and slug; numbers in running text.
* ``doctypes``: the one table of document types (code, name, normative or not).
* ``issuers``: issuing bodies, their codes in numbers and their names.
* ``laws`` (data in ``law_table``): laws and codes by name, with replacements and effective
  dates; a name without a year resolves to the law in force on a date.
* ``abbreviations``: short forms of legal and administrative Vietnamese ("TTHC").
* ``recognizers``: citations, dates, money and durations in text, as typed values with spans
  (spaCy rules over underthesea syllables; imported on demand, it loads spaCy).
"""
