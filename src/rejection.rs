//! The authority's own rejection of a tender, beside the rejections that follow from the minimum
//! requirements and the minimum points: an abnormally low tender whose explanation does not account for its
//! prices (udbudslovens § 169), a tender received after the deadline, documentation that does not prove a
//! minimum requirement, or another reason. The reason is the authority's assessment in its own words; the
//! report and the letter state the rule the rejection rests on and the facts it needs before it.

use crate::locale::{Lang, Said, end_sentence};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of rejection it is, with the facts its rule needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "ground", rename_all = "snake_case")]
pub enum Ground {
    /// The tender appeared abnormally low; its explanation was asked for on `requested_on` and given on
    /// `answered_on` (`None`: not given) and does not account for the low prices or costs.
    AbnormallyLow { requested_on: NaiveDate, answered_on: Option<NaiveDate> },
    /// The tender was received after the deadline, at `received_at` (RFC 3339).
    Late { received_at: String },
    /// The documentation in the tender does not prove that the minimum requirement `requirement` is met.
    Documentation { requirement: String },
    /// Any other reason; the assessment states it.
    Other,
}

/// A rejection the authority decided, with its assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    pub ground: Ground,
    pub reason: String,
}

impl Rejection {
    /// Refuses a rejection whose facts do not hold together; `bid_deadline` is the tender's.
    pub fn validate(&self, bid_deadline: Option<NaiveDate>) -> Result<(), Said> {
        if self.reason.trim().is_empty() {
            return Err(Said::new(
                "a rejection needs the authority's assessment: write why the tender is rejected",
                "en afvisning skal have ordregiverens vurdering: skriv, hvorfor tilbuddet afvises",
            ));
        }
        match &self.ground {
            Ground::AbnormallyLow { requested_on, answered_on: Some(answered_on) } if answered_on < requested_on => {
                Err(Said::new(
                    format!("the explanation is dated {answered_on}, before it was asked for on {requested_on}"),
                    format!(
                        "redegørelsen er dateret {}, før den blev anmodet om den {}",
                        Lang::Da.date(*answered_on),
                        Lang::Da.date(*requested_on)
                    ),
                ))
            }
            Ground::Late { received_at } => {
                let Ok(at) = chrono::DateTime::parse_from_rfc3339(received_at) else {
                    return Err(Said::new(
                        format!(
                            "the time received, \"{received_at}\", is not a time such as 2026-09-14T12:05:00+02:00"
                        ),
                        format!(
                            "modtagelsestidspunktet \"{received_at}\" er ikke et tidspunkt som 2026-09-14T12:05:00+02:00"
                        ),
                    ));
                };
                let day = crate::locale::copenhagen_local(at.naive_utc()).date();
                match bid_deadline {
                    Some(deadline) if day < deadline => Err(Said::new(
                        format!("a tender received on {day} is not late: the deadline is {deadline}"),
                        format!(
                            "et tilbud modtaget {} er ikke for sent: tilbudsfristen er {}",
                            Lang::Da.date(day),
                            Lang::Da.date(deadline)
                        ),
                    )),
                    _ => Ok(()),
                }
            }
            Ground::Documentation { requirement } if requirement.trim().is_empty() => Err(Said::new(
                "name the minimum requirement the documentation does not prove",
                "angiv det mindstekrav, dokumentationen ikke godtgør",
            )),
            _ => Ok(()),
        }
    }

    /// Whether the tender is non-compliant (*ukonditionsmæssigt*) rather than rejected on another ground.
    pub fn non_compliant(&self) -> bool {
        matches!(self.ground, Ground::Documentation { .. })
    }

    /// The rejection as the report and the letter state it: the facts, the rule, and the assessment.
    pub fn statement(&self, l: Lang, authority: &str) -> String {
        let mut reason = self.reason.trim().to_owned();
        end_sentence(&mut reason);
        match &self.ground {
            Ground::AbnormallyLow { requested_on, answered_on } => {
                let asked = format!(
                    "{authority} {} {} {}",
                    l.pick(
                        "fandt tilbuddet unormalt lavt og anmodede den",
                        "found the tender abnormally low and asked on"
                    ),
                    l.date(*requested_on),
                    l.pick(
                        "tilbudsgiveren om at redegøre for priserne og omkostningerne i tilbuddet (udbudslovens § 169, stk. 1).",
                        "the tenderer to explain the prices and costs in the tender (§ 169(1) of the Danish Public Procurement Act)."
                    )
                );
                let answer = match answered_on {
                    Some(day) => format!(
                        "{} {}. {}",
                        l.pick("Redegørelsen blev modtaget den", "The explanation was received on"),
                        l.date(*day),
                        l.pick(
                            "Den godtgør ikke det lave pris- og omkostningsniveau, og tilbuddet afvises derfor efter § 169, stk. 2.",
                            "It does not account for the low level of prices and costs, and the tender is therefore rejected under § 169(2)."
                        )
                    ),
                    None => l
                        .pick(
                            "Der er ikke modtaget en redegørelse, så det lave pris- og omkostningsniveau er ikke begrundet, og tilbuddet afvises derfor efter § 169, stk. 2.",
                            "No explanation was received, so the low level of prices and costs is not accounted for, and the tender is therefore rejected under § 169(2)."
                        )
                        .to_owned(),
                };
                format!("{asked} {answer} {} {reason}", l.pick("Vurdering:", "Assessment:"))
            }
            Ground::Late { received_at } => format!(
                "{} {}, {} {reason}",
                l.pick("Tilbuddet blev modtaget", "The tender was received"),
                l.timestamp(received_at),
                l.pick(
                    "efter tilbudsfristen. Af hensyn til principperne om ligebehandling og gennemsigtighed (udbudslovens § 2) kan et tilbud, der modtages efter fristen, ikke tages i betragtning.",
                    "after the tender deadline. The principles of equal treatment and transparency (§ 2 of the Danish Public Procurement Act) bar a tender received after the deadline from consideration."
                )
            ),
            Ground::Documentation { requirement } => format!(
                "{} {requirement}, {} {reason}",
                l.pick("Den dokumentation, tilbuddet indeholder for mindstekrav", "The documentation in the tender for minimum requirement"),
                l.pick(
                    "godtgør ikke, at kravet er opfyldt, og tilbuddet er derfor ukonditionsmæssigt (udbudslovens § 159, stk. 2).",
                    "does not prove that the requirement is met, and the tender is therefore non-compliant (§ 159(2) of the Danish Public Procurement Act)."
                )
            ),
            Ground::Other => reason,
        }
    }
}
