#!/usr/bin/env python3
"""Seeds fuzz/corpus/TARGET/ with the repository's own sample files, in each target's input shape
(the first byte picks the format where a target reads several). Run from the repository root:
`python3 fuzz/seed.py`, then `cd fuzz && cargo +nightly fuzz run -O TARGET -- -max_total_time=600`.
Every seed is a file this repository already holds or a few invented lines below; no real text."""
import glob
import os

CORPUS = "fuzz/corpus"
IMPORT_FORMATS = ["txt", "md", "srt", "vtt", "docx", "odt", "rtf", "html", "json", "pdf"]  # import_bytes.rs
TABLE_KINDS = ["csv", "xlsx", "ods", "tsv"]  # import_table.rs


def put(target, name, data):
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    with open(path, "rb") as f:
        return f.read()


for path in glob.glob("corpus/*") + glob.glob("tests/fixtures/pdf/*"):
    ext = path.rsplit(".", 1)[-1]
    if ext in IMPORT_FORMATS:
        put("import_bytes", os.path.basename(path), bytes([IMPORT_FORMATS.index(ext)]) + read(path))
INVENTED = {
    "srt": "1\n00:00:01,000 --> 00:00:02,000\nEnquêteur : bonjour\n\n2\n00:00:03,000 --> 00:00:04,000\nMme B : oui\n",
    "rtf": "{\\rtf1\\ansi\\ansicpg1252 {\\fonttbl\\f0 Times;}\\f0 Enqu\\'eateur : bonjour\\par Mme B : oui (rires)\\par}",
    "html": "<html><body><p><b>Enquêteur :</b> bonjour</p><p>Mme B : l’accès</p></body></html>",
    "json": '{"text":" bonjour","segments":[{"start":0.0,"end":1.0,"text":" bonjour","speaker":"SPEAKER_00"}]}',
}
for ext, text in INVENTED.items():
    put("import_bytes", "invented." + ext, bytes([IMPORT_FORMATS.index(ext)]) + text.encode())

for path in glob.glob("tests/fixtures/tables/*"):
    ext = path.rsplit(".", 1)[-1]
    for flags in (0, 0x10, 0x20):  # by respondent, with an id column, by column
        put("import_table", f"{flags}-{os.path.basename(path)}", bytes([TABLE_KINDS.index(ext) | flags]) + read(path))

for path in glob.glob("tests/fixtures/refi/*.q*") + glob.glob("tests/fixtures/refi/minimal-project/*"):
    if os.path.isfile(path):
        put("qdc" if path.endswith(".qdc") else "qdpx", os.path.basename(path), read(path))

put("cases_csv", "cases.csv", read("corpus/cases.csv"))
for path in glob.glob("codebooks/*.json"):
    put("json_files", os.path.basename(path), read(path))
for path in glob.glob("corpus/*.txt") + glob.glob("corpus/*.md"):
    put("speaker_turns", os.path.basename(path), read(path))
QUERIES = ['"accès aux soins" AND médecin', "soin* -urgence", 'speaker:"Mme B"', "(a OR b) NOT c", "l’accès"]
for i, q in enumerate(QUERIES):
    put("search_query", f"q{i}", q.encode())
FILTERS = ["Profession = \"Médecin\" AND Lieu d'exercice != Rural", "Profession in (a, b)", "not Profession = x or y = 3"]
for i, q in enumerate(FILTERS):
    put("filter_grammar", f"f{i}", q.encode())
