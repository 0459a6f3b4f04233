//! Danish and English presentation of numbers, money, points, percentages and dates.
//!
//! The engine computes and ranks at full precision; only what is shown is rounded, and always half away from
//! zero, so that 2,345 shows as 2,35 whichever side of zero it is on. [`Lang::rounding_rule`] is the sentence
//! the award report prints to say so.

use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The language of a report or letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Da,
    En,
}

/// A sentence for the consultant in English and Danish, made where nobody knows yet which language it
/// will be read in: an engine problem, a workbook diagnostic, a refusal or any other error. Its `Display` is
/// the English wording, for logs and for callers that have not chosen a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub en: String,
    pub da: String,
}

impl Said {
    pub fn new(en: impl Into<String>, da: impl Into<String>) -> Said {
        Said { en: en.into(), da: da.into() }
    }

    /// The wording in `lang`.
    pub fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.da, &self.en)
    }

    /// The sentence after the place it concerns, such as a file name: "bids.xlsx: …".
    pub fn at(&self, place: impl std::fmt::Display) -> Said {
        Said { en: format!("{place}: {}", self.en), da: format!("{place}: {}", self.da) }
    }

    /// Several sentences as one, a line each, in both languages.
    pub fn lines(said: &[Said]) -> Said {
        let join = |part: fn(&Said) -> &str| said.iter().map(part).collect::<Vec<_>>().join("\n");
        Said { en: join(|s| &s.en), da: join(|s| &s.da) }
    }
}

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// A time of day in Copenhagen on `date` with its offset from UTC, as RFC 3339: "2026-09-14T23:59:59+02:00".
///
/// Denmark keeps the EU's summer time (Directive 2000/84/EC): UTC+2 from 02:00 on the last Sunday of March to
/// 03:00 on the last Sunday of October, UTC+1 otherwise. The hour that October's change repeats is read as
/// summer time; no time the tender file names falls in it.
pub fn copenhagen(date: NaiveDate, time: NaiveTime) -> String {
    let local = NaiveDateTime::new(date, time);
    let summer = local >= summer_time_hour(date.year(), 3, 2) && local < summer_time_hour(date.year(), 10, 3);
    local.and_local_timezone(offset(summer)).single().expect("a fixed offset maps every time").to_rfc3339()
}

/// A time in UTC as the clocks in Copenhagen showed it: summer time runs from 01:00 UTC on the last Sunday of
/// March to 01:00 UTC on the last Sunday of October.
pub fn copenhagen_local(utc: NaiveDateTime) -> NaiveDateTime {
    let year = utc.date().year();
    let summer = utc >= summer_time_hour(year, 3, 1) && utc < summer_time_hour(year, 10, 1);
    utc + offset(summer)
}

/// `hour` o'clock on the last Sunday of `month` (March or October) of `year`, when summer time changes.
fn summer_time_hour(year: i32, month: u32, hour: u32) -> NaiveDateTime {
    let last = NaiveDate::from_ymd_opt(year, month, 31).expect("March and October have 31 days");
    let sunday = last - chrono::Days::new(u64::from(last.weekday().num_days_from_sunday()));
    sunday.and_hms_opt(hour, 0, 0).expect("a whole hour is a time")
}

fn offset(summer: bool) -> FixedOffset {
    FixedOffset::east_opt(if summer { 2 } else { 1 } * 3600).expect("an offset of one or two hours")
}

/// How many decimals money is shown with: whole kroner or kroner and øre.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MoneyPrecision {
    WholeKroner,
    Ore,
}

const MONTHS_DA: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Lang {
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "da" => Some(Lang::Da),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// Chooses between the Danish and the English wording of the same text.
    pub fn pick<'a>(self, da: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// A decimal rounded half away from zero to `places`, with thousands grouped: 1.234.567,89 or 1,234,567.89.
    pub fn number(self, value: Decimal, places: u32) -> String {
        let (group, point) = match self {
            Lang::Da => ('.', ','),
            Lang::En => (',', '.'),
        };
        let rounded = value.round_dp_with_strategy(places, RoundingStrategy::MidpointAwayFromZero);
        // Rounding can leave fewer places than asked for (2.5 stays 2.5), so pad by formatting with a precision.
        let plain = format!("{:.*}", places as usize, rounded.abs());
        let (whole, fraction) = plain.split_once('.').unwrap_or((&plain, ""));
        let mut out = String::new();
        if rounded.is_sign_negative() && !rounded.is_zero() {
            out.push('-');
        }
        for (index, digit) in whole.chars().enumerate() {
            if index > 0 && (whole.len() - index) % 3 == 0 {
                out.push(group);
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push(point);
            out.push_str(fraction);
        }
        out
    }

    /// A decimal with every place it has, grouped: 0,4 and 1.000.000 in Danish. For values quoted back to
    /// the consultant, such as a weight or a limit in a validation message, where rounding would misquote.
    pub fn exact(self, value: Decimal) -> String {
        let value = value.normalize();
        self.number(value, value.scale())
    }

    /// Money: "1.234.567,89 kr." in Danish, "DKK 1,234,567.89" in English; other currencies by their code.
    pub fn money(self, amount: Decimal, currency: &str, precision: MoneyPrecision) -> String {
        let places = match precision {
            MoneyPrecision::WholeKroner => 0,
            MoneyPrecision::Ore => 2,
        };
        let number = self.number(amount, places);
        match (self, currency) {
            (Lang::Da, "DKK") => format!("{number} kr."),
            (Lang::Da, code) => format!("{number} {code}"),
            (Lang::En, code) => format!("{code} {number}"),
        }
    }

    /// Points on the scale, always with 2 decimals: "7,40" or "7.40".
    pub fn points(self, points: Decimal) -> String {
        self.number(points, 2)
    }

    /// A fraction as a percentage with at most 2 decimals: 0.4 is "40 %" in Danish, "40%" in English.
    pub fn percent(self, fraction: Decimal) -> String {
        let hundredths = (fraction * Decimal::ONE_HUNDRED)
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .normalize();
        let number = self.number(hundredths, hundredths.scale());
        match self {
            Lang::Da => format!("{number} %"),
            Lang::En => format!("{number}%"),
        }
    }

    /// A date written out: "22. november 2026" or "22 November 2026".
    pub fn date(self, date: NaiveDate) -> String {
        let month = date.month0() as usize;
        match self {
            Lang::Da => format!("{}. {} {}", date.day(), MONTHS_DA[month], date.year()),
            Lang::En => format!("{} {} {}", date.day(), MONTHS_EN[month], date.year()),
        }
    }

    /// A stored time (RFC 3339) as a reader at the authority would write it, in Danish time:
    /// "20. november 2026 kl. 15.05 (dansk tid)". Text that is not such a time is shown as it is.
    pub fn timestamp(self, rfc3339: &str) -> String {
        match chrono::DateTime::parse_from_rfc3339(rfc3339) {
            Ok(at) => {
                let at = copenhagen_local(at.naive_utc());
                match self {
                    Lang::Da => format!("{} kl. {} (dansk tid)", self.date(at.date()), at.format("%H.%M")),
                    Lang::En => format!("{} {} (Danish time)", self.date(at.date()), at.format("%H:%M")),
                }
            }
            Err(_) => rfc3339.to_owned(),
        }
    }

    /// The rounding rule as the report states it.
    pub fn rounding_rule(self) -> &'static str {
        self.pick(
            "Alle beregninger og rangordningen er foretaget med fuld præcision. Tal vises afrundet efter \
             princippet halvt væk fra nul: point med 2 decimaler, beløb i hele kroner eller i kroner og øre.",
            "All calculations and the ranking are made at full precision. Figures are shown rounded half away \
             from zero: points to 2 decimals, amounts to whole kroner or to kroner and øre.",
        )
    }
}

/// Ends a sentence with a full stop, unless it already ends with one, as a Danish amount does ("kr.").
pub(crate) fn end_sentence(text: &mut String) {
    if !text.ends_with(['.', '!', '?']) {
        text.push('.');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn danish_and_english_forms() {
        assert_eq!(Lang::Da.money(d("1234567.885"), "DKK", MoneyPrecision::Ore), "1.234.567,89 kr.");
        assert_eq!(Lang::En.money(d("1234567.885"), "DKK", MoneyPrecision::Ore), "DKK 1,234,567.89");
        assert_eq!(Lang::Da.money(d("118594.5"), "DKK", MoneyPrecision::WholeKroner), "118.595 kr.");
        assert_eq!(Lang::Da.money(d("-8638.38"), "EUR", MoneyPrecision::Ore), "-8.638,38 EUR");
        assert_eq!(Lang::Da.points(d("7.4")), "7,40");
        assert_eq!(Lang::En.points(d("2.345")), "2.35");
        assert_eq!(Lang::En.points(d("-2.345")), "-2.35");
        assert_eq!(Lang::Da.points(d("-0.001")), "0,00");
        assert_eq!(Lang::Da.percent(d("0.4")), "40 %");
        assert_eq!(Lang::En.percent(d("0.333333")), "33.33%");
        assert_eq!(Lang::Da.number(d("100000"), 0), "100.000");
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(Lang::Da.date(day), "22. november 2026");
        assert_eq!(Lang::En.date(day), "22 November 2026");
        assert_eq!(Lang::Da.timestamp("2026-11-20T14:05:00Z"), "20. november 2026 kl. 15.05 (dansk tid)");
        assert_eq!(Lang::En.timestamp("2026-11-20T14:05:00Z"), "20 November 2026 15:05 (Danish time)");
        // In summer time, and across midnight: 22:30 UTC on 14 September is 00:30 the next day in Copenhagen.
        assert_eq!(Lang::Da.timestamp("2026-09-14T22:30:00Z"), "15. september 2026 kl. 00.30 (dansk tid)");
        // Summer time begins at 01:00 UTC on 29 March 2026.
        assert_eq!(Lang::En.timestamp("2026-03-29T00:59:00Z"), "29 March 2026 01:59 (Danish time)");
        assert_eq!(Lang::En.timestamp("2026-03-29T01:00:00Z"), "29 March 2026 03:00 (Danish time)");
    }

    #[test]
    fn copenhagen_keeps_the_eu_summer_time() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let midnight = NaiveTime::MIN;
        let late = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
        assert_eq!(copenhagen(day(2026, 1, 15), midnight), "2026-01-15T00:00:00+01:00");
        assert_eq!(copenhagen(day(2026, 9, 14), late), "2026-09-14T23:59:59+02:00");
        // 2026 changes on 29 March and 25 October: midnight is before the change, the evening after it.
        assert_eq!(copenhagen(day(2026, 3, 29), midnight), "2026-03-29T00:00:00+01:00");
        assert_eq!(copenhagen(day(2026, 3, 29), late), "2026-03-29T23:59:59+02:00");
        assert_eq!(copenhagen(day(2026, 10, 25), midnight), "2026-10-25T00:00:00+02:00");
        assert_eq!(copenhagen(day(2026, 10, 25), late), "2026-10-25T23:59:59+01:00");
        // In 2027 the last Sunday of March is the 28th.
        assert_eq!(copenhagen(day(2027, 3, 27), late), "2027-03-27T23:59:59+01:00");
        assert_eq!(copenhagen(day(2027, 3, 28), late), "2027-03-28T23:59:59+02:00");
    }

    #[test]
    fn a_sentence_is_picked_placed_and_joined_in_both_languages() {
        let missing = Said::new("the bidder's name is missing", "tilbudsgiverens navn mangler");
        assert_eq!(missing.pick(Lang::Da), "tilbudsgiverens navn mangler");
        assert_eq!(missing.to_string(), "the bidder's name is missing");
        let placed = missing.at("bud.xlsx");
        assert_eq!(placed.da, "bud.xlsx: tilbudsgiverens navn mangler");
        let both = Said::lines(&[placed, Said::new("no lot 2", "ingen delaftale 2")]);
        assert_eq!(both.pick(Lang::En), "bud.xlsx: the bidder's name is missing\nno lot 2");
        assert_eq!(both.da, "bud.xlsx: tilbudsgiverens navn mangler\ningen delaftale 2");
    }
}
