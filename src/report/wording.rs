//! The tender's own texts in the document's language. The model's criteria and scale steps and the
//! requirements carry a Danish and an English text. An English document uses the English one, and where
//! there is none it keeps the Danish text and says so in a list of missing texts. The consultant sees that
//! list before the document goes out, instead of a silent Danish fallback.
//!
//! An English text identical to the Danish one counts as missing: files from before format 6 copied the
//! Danish name into the English field, and a copy is no translation. A word that really is the same in both
//! languages is listed too, and the consultant can let it stand.

use crate::evaluation::{Criterion, EvaluationInput};
use crate::locale::{Lang, Said};

/// The texts an English document had to show in Danish.
#[derive(Debug, Default)]
pub(super) struct Missing(pub(super) Vec<Said>);

impl Missing {
    /// The text for a document in `lang`: the Danish one in Danish; in English the English one, or the Danish
    /// one with `what` noted as missing.
    pub(super) fn pick(&mut self, lang: Lang, da: &str, en: &str, what: impl FnOnce() -> Said) -> String {
        if lang == Lang::En && !translated(da, en) && !da.trim().is_empty() {
            self.0.push(what());
        }
        in_language(lang, da, en)
    }

    /// Words a lot's model in `lang`: each criterion's name, each requirement's title and each scale step's
    /// meaning, in place, so that every section built from the input speaks the document's language.
    pub(super) fn model(&mut self, input: &mut EvaluationInput, lang: Lang, lot: i64) {
        if lang == Lang::Da {
            return;
        }
        for step in &mut input.scale.steps {
            let points = step.value.normalize();
            step.label = self.pick(lang, &step.label, &step.label_en, || {
                Said::new(
                    format!("lot {lot}: the meaning of scale step {points}, \"{}\"", step.label),
                    format!("delaftale {lot}: betydningen af skalatrinnet {points}, \"{}\"", step.label),
                )
            });
        }
        for minimum in &mut input.minimum_requirements {
            minimum.text =
                self.pick(lang, &minimum.text, &minimum.text_en, || requirement(lot, &minimum.id, &minimum.text));
        }
        self.criteria(&mut input.criteria, lang, lot);
    }

    fn criteria(&mut self, criteria: &mut [Criterion], lang: Lang, lot: i64) {
        for criterion in criteria {
            criterion.name = self.pick(lang, &criterion.name, &criterion.name_en, || {
                Said::new(
                    format!("lot {lot}: the name of criterion {}, \"{}\"", criterion.id, criterion.name),
                    format!("delaftale {lot}: navnet på kriterium {}, \"{}\"", criterion.id, criterion.name),
                )
            });
            for award in &mut criterion.requirements {
                award.text = self.pick(lang, &award.text, &award.text_en, || requirement(lot, &award.id, &award.text));
            }
            self.criteria(&mut criterion.children, lang, lot);
        }
    }
}

/// A requirement's title, named for the list of missing English texts.
pub(super) fn requirement(lot: i64, code: &str, title: &str) -> Said {
    Said::new(
        format!("lot {lot}: the title of requirement {code}, \"{title}\""),
        format!("delaftale {lot}: titlen på krav {code}, \"{title}\""),
    )
}

/// The text for a document in `lang`, by the rule of [`Missing::pick`], without noting what is missing.
pub(crate) fn in_language(lang: Lang, da: &str, en: &str) -> String {
    if lang == Lang::En && translated(da, en) { en.trim().to_owned() } else { da.to_owned() }
}

fn translated(da: &str, en: &str) -> bool {
    !en.trim().is_empty() && en.trim() != da.trim()
}
