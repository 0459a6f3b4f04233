//! The tender's dates as the law orders them: the sequence from publication to the end of the standstill
//! period, and the standstill period computed from the day the award notices are sent (docs/dates.md).
//!
//! Lov om Klagenævnet for Udbud § 3, stk. 1: the contract may not be concluded before 10 calendar days have
//! passed, counted from the day after the notices were sent electronically, or 15 calendar days when they
//! were sent by other means. A period whose last day is a Saturday, a Sunday or a public holiday ends with
//! the next working day (Council Regulation (EEC, Euratom) No 1182/71, art. 3(4)), as Klagenævnet for Udbud
//! counts it.

use crate::locale::{Lang, Said};
use crate::tender::Tender;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// How the award notices were sent to the bidders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dispatch {
    Electronic,
    Letter,
}

impl Dispatch {
    pub fn code(self) -> &'static str {
        match self {
            Dispatch::Electronic => "electronic",
            Dispatch::Letter => "letter",
        }
    }

    pub fn from_code(code: &str) -> Option<Dispatch> {
        [Dispatch::Electronic, Dispatch::Letter].into_iter().find(|d| d.code() == code)
    }

    /// How the notices went, as a sentence says it: "electronically", "by letter".
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Dispatch::Electronic => lang.pick("elektronisk", "electronically"),
            Dispatch::Letter => lang.pick("med brev", "by letter"),
        }
    }

    fn calendar_days(self) -> u64 {
        match self {
            Dispatch::Electronic => 10,
            Dispatch::Letter => 15,
        }
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous algorithm of Meeus, Jones and Butcher).
fn easter(year: i32) -> NaiveDate {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e, f) = (b / 4, b % 4, (b + 8) / 25);
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32).expect("Easter falls in March or April")
}

/// The Danish public holidays (helligdage): New Year's Day, Maundy Thursday, Good Friday, Easter Sunday and
/// Monday, Ascension Day, Whit Sunday and Monday, Christmas Day and Boxing Day. Great Prayer Day
/// (store bededag) is one until 2023, when it was abolished.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let (year, month, day) = (date.year(), date.month(), date.day());
    if (month, day) == (1, 1) || (month == 12 && (day == 25 || day == 26)) {
        return true;
    }
    let easter = easter(year);
    let offset = (date - easter).num_days();
    matches!(offset, -3 | -2 | 0 | 1 | 39 | 49 | 50) || (offset == 26 && year <= 2023)
}

fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// The last day of the standstill period for notices sent on `sent_on`; the contract may be concluded
/// the day after.
pub fn standstill_end(sent_on: NaiveDate, dispatch: Dispatch) -> NaiveDate {
    let mut last = sent_on + Days::new(dispatch.calendar_days());
    while !is_working_day(last) {
        last = last + Days::new(1);
    }
    last
}

/// A date of the tender as a sentence names it, in English and in Danish.
struct Named {
    en: &'static str,
    da: &'static str,
    date: Option<NaiveDate>,
}

/// What is wrong with the order of the tender's dates, each named in both languages: published before the
/// bid deadline, the award decision not before the deadline, the notices not before the decision, and the
/// standstill period ending after the decision and no earlier than the law allows.
pub fn date_problems(tender: &Tender) -> Vec<Said> {
    let published = Named { en: "publication date", da: "offentliggørelsen", date: tender.published_on };
    let deadline = Named { en: "bid deadline", da: "tilbudsfristen", date: tender.bid_deadline };
    let decision = Named { en: "award decision", da: "tildelingsbeslutningen", date: tender.award_date };
    let notices =
        Named { en: "dispatch of the notices", da: "afsendelsen af underretningerne", date: tender.notices_sent_on };
    let standstill =
        Named { en: "end of the standstill period", da: "standstill-periodens udløb", date: tender.standstill_ends };
    let mut problems = Vec::new();
    for (earlier, later, strict) in [
        (&published, &deadline, true),
        (&deadline, &decision, false),
        (&decision, &notices, false),
        (&decision, &standstill, true),
    ] {
        let (Some(first), Some(then)) = (earlier.date, later.date) else { continue };
        if then > first || (!strict && then == first) {
            continue;
        }
        let (after_en, after_da) =
            if strict { ("after", "efter") } else { ("on or after", "samme dag som eller efter") };
        problems.push(Said::new(
            format!(
                "The {} ({}) must be {after_en} the {} ({}).",
                later.en,
                Lang::En.date(then),
                earlier.en,
                Lang::En.date(first)
            ),
            format!(
                "{} ({}) skal ligge {after_da} {} ({}).",
                capitalized(later.da),
                Lang::Da.date(then),
                earlier.da,
                Lang::Da.date(first)
            ),
        ));
    }
    if let (Some(sent_on), Some(typed)) = (tender.notices_sent_on, tender.standstill_ends) {
        let earliest = standstill_end(sent_on, tender.notices_sent_by);
        if typed < earliest {
            let by = tender.notices_sent_by;
            problems.push(Said::new(
                format!(
                    "The standstill period cannot end on {}: notices sent {} on {} give a standstill period that ends on {} at the earliest (lov om Klagenævnet for Udbud § 3).",
                    Lang::En.date(typed),
                    by.describe(Lang::En),
                    Lang::En.date(sent_on),
                    Lang::En.date(earliest)
                ),
                format!(
                    "Standstill-perioden kan ikke udløbe {}: underretninger afsendt {} den {} giver en standstill-periode, der tidligst udløber {} (lov om Klagenævnet for Udbud § 3).",
                    Lang::Da.date(typed),
                    by.describe(Lang::Da),
                    Lang::Da.date(sent_on),
                    Lang::Da.date(earliest)
                ),
            ));
        }
    }
    problems
}

/// The end of the standstill period: the date the consultant set, or else the one the law gives for the
/// notices as sent.
pub fn ends(tender: &Tender) -> Option<NaiveDate> {
    tender
        .standstill_ends
        .or_else(|| tender.notices_sent_on.map(|sent_on| standstill_end(sent_on, tender.notices_sent_by)))
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_and_the_holidays_that_follow_it() {
        assert_eq!(easter(2026), day(2026, 4, 5));
        assert_eq!(easter(2027), day(2027, 3, 28));
        assert_eq!(easter(2024), day(2024, 3, 31));
        for holiday in [
            day(2026, 1, 1),
            day(2026, 4, 2),
            day(2026, 4, 3),
            day(2026, 4, 6),
            day(2026, 5, 14),
            day(2026, 5, 25),
            day(2026, 12, 26),
        ] {
            assert!(is_public_holiday(holiday), "{holiday}");
        }
        assert!(is_public_holiday(day(2023, 5, 5)), "store bededag 2023");
        assert!(!is_public_holiday(day(2024, 4, 26)), "store bededag is abolished from 2024");
        assert!(!is_public_holiday(day(2026, 6, 5)), "Grundlovsdag is not a public holiday");
    }

    #[test]
    fn ten_days_from_the_day_after_an_electronic_notice_and_fifteen_after_a_letter() {
        // Friday 20 November 2026: the tenth day is Monday 30 November.
        assert_eq!(standstill_end(day(2026, 11, 20), Dispatch::Electronic), day(2026, 11, 30));
        // Sent on a Wednesday, the tenth day is a Saturday: the period runs to Monday.
        assert_eq!(standstill_end(day(2026, 11, 18), Dispatch::Electronic), day(2026, 11, 30));
        assert_eq!(standstill_end(day(2026, 11, 20), Dispatch::Letter), day(2026, 12, 7));
        // The tenth day is Boxing Day, then a Sunday: the first working day is Monday 28 December.
        assert_eq!(standstill_end(day(2026, 12, 16), Dispatch::Electronic), day(2026, 12, 28));
        // Over Easter 2026: the tenth day is Good Friday, then Saturday, Easter Sunday and Monday.
        assert_eq!(standstill_end(day(2026, 3, 24), Dispatch::Electronic), day(2026, 4, 7));
    }
}
