"""Write tests/data/stanza_fr.conllu: the pieces the Stanza backend is asked to parse for
the sentences of `SENTENCES`, analysed, in the CoNLL-U that Stanza reads and writes.

Why: the Stanza backend's tests must never download a model, so they build real
`stanza.Document` objects from this file (`CoNLL.conll2doc`). The analyses come from
spaCy's French model (so the Stanza path can be checked against the spaCy path on the
same analyses), written the UD way Stanza's French models write them: "du", "au",
"aux" and "des" (the contracted preposition + article) are multi-word tokens ("6-7 du",
then "de" and "le"), with character offsets and BIOES entity tags in MISC.

Run again after changing the sentences: python tests/data/make_stanza_conllu.py
"""

from __future__ import annotations

from pathlib import Path

SENTENCES = [
    # incise after the quote, named speaker
    "« Nous ne fermerons pas l'école », a déclaré Claire Fontaine.",
    # colon before the quote, apposed name
    "La ministre de la Santé, Anne Roy, a déclaré : « Aucun hôpital ne fermera. »",
    # inverted pronoun, then the speaker of the preceding quote
    "Le maire Paul Henri a promis : « Les travaux commenceront en mai. » "
    "« Le budget est prêt », a-t-il confié au journal. « Et nous tiendrons parole. »",
    # selon X
    "Selon Marc Olivier, « la crue a été exceptionnelle ».",
    # pronoun resolved to the person named in the sentence before; "du" in a description
    "Sophie Martin dirige le club du village. Elle prévient : « Personne ne partira. »",
    # a title and surname resolved to the fullest name of the document
    "Jean Moreau, le président du syndicat des marins, est arrivé tôt. "
    "« Rien n'est décidé », a précisé M. Moreau aux journalistes.",
    # a long quote, elided for the parser
    "« Nous ne partirons pas tant que la mairie n'aura pas rouvert la crèche du quartier », "
    "a lancé Léa Simon.",
]
CONTRACTIONS = {"du": ("de", "le"), "au": ("à", "le"), "aux": ("à", "les"), "des": ("de", "les")}
OUT = Path(__file__).with_name("stanza_fr.conllu")


def pieces() -> list[str]:
    """The texts the backend hands to Stanza for SENTENCES (windows, elisions, parse form)."""
    from quotes.nlp import prepare_pieces
    from quotes.prepared import prepare

    out = []
    for text in SENTENCES:
        p = prepare(text, parse_all=False)
        pieces = [(text, p.sents[k]) for k in p.wanted]
        out += [x.form for x in prepare_pieces(pieces, [p.elide.get(k, []) for k in p.wanted])]
    return out


def conllu(text: str) -> str:
    """One CoNLL-U sentence for `text`, analysed by spaCy, written the UD (Stanza) way."""
    from quotes.nlp import get_nlp

    doc = get_nlp()(text)
    split = [t.pos_ == "ADP" and t.text.lower() in CONTRACTIONS for t in doc]
    first_id, next_id = {}, 1
    for t in doc:
        first_id[t.i] = next_id
        next_id += 2 if split[t.i] else 1
    lines = [f"# text = {text}"]
    for t in doc:
        head = 0 if t.head.i == t.i else first_id[t.head.i]
        misc = f"start_char={t.idx}|end_char={t.idx + len(t.text)}|ner={_ner(t)}"
        feats = str(t.morph) or "_"
        n = first_id[t.i]
        if split[t.i]:
            prep, article = CONTRACTIONS[t.text.lower()]
            number = "Plur" if article == "les" else "Sing"
            art_feats = "Definite=Def|Number=" + number + "|PronType=Art"
            if article == "le":
                art_feats = "Definite=Def|Gender=Masc|Number=Sing|PronType=Art"
            lines.append(f"{n}-{n + 1}\t{t.text}\t_\t_\t_\t_\t_\t_\t_\t{misc}")
            lines.append(f"{n}\t{prep}\t{prep}\tADP\t_\t_\t{head}\t{t.dep_.lower()}\t_\t_")
            lines.append(f"{n + 1}\t{article}\tle\tDET\t_\t{art_feats}\t{head}\tdet\t_\t_")
            continue
        dep = t.dep_.lower()
        lines.append(f"{n}\t{t.text}\t{t.lemma_}\t{t.pos_}\t_\t{feats}\t{head}\t{dep}\t_\t{misc}")
    return "\n".join(lines) + "\n"


def _ner(t) -> str:  # type: ignore[no-untyped-def]
    """BIOES tag of a spaCy token, as Stanza writes it."""
    if not t.ent_type_:
        return "O"
    ent = next(e for e in t.doc.ents if e.start <= t.i < e.end)
    if ent.end - ent.start == 1:
        return f"S-{t.ent_type_}"
    if t.i == ent.start:
        return f"B-{t.ent_type_}"
    return f"E-{t.ent_type_}" if t.i == ent.end - 1 else f"I-{t.ent_type_}"


if __name__ == "__main__":
    OUT.write_text("\n".join(conllu(p) for p in pieces()), encoding="utf-8")
    print(f"wrote {OUT}")
