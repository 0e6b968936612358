"""py3langid's model from the cache gives exactly py3langid's scores."""
import copy

from clientcomm.language import langid_model

# Written for this test.
SENTENCES = ["Vă mulțumesc pentru ajutor, comanda a ajuns azi.", "Спасибо, всё пришло вовремя.",
             "Дякую, все прийшло вчасно.", "Thanks, it all arrived on time.", "Gràcies, tot ha arribat a temps.",
             "ok", "12345", "Obrigado, chegou tudo a tempo."]


def test_identical_to_the_shipped_model():
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    shipped = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=False)
    mapped = langid_model.identifier()
    for langs in (None, ["ru", "uk", "bg", "mk", "sr", "kk", "be"], ["en", "ro", "ca", "pt", "es", "it", "fr"]):
        a, b = copy.copy(shipped), copy.copy(mapped)
        if langs:
            a.set_languages(langs)
            b.set_languages(langs)
        for text in SENTENCES:
            assert a.rank(text.lower()) == b.rank(text.lower()), (langs, text)


def test_built_once_into_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLIENTCOMM_CACHE", str(tmp_path))
    folder = langid_model.build()
    assert folder.is_dir() and str(folder).startswith(str(tmp_path))
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [f"{n}.npy" for n in langid_model._ARRAYS] + ["classes.json"])
    assert langid_model.build() == folder
