//! Measured award requirements: a number in the bid (years of spare parts, kWh per year, a repairability
//! index) scored by the function announced in the tender, so the panel does not score by hand what a formula
//! can.
//!
//! Points rise linearly on the scale from `worst` (scale minimum) to `best` (scale maximum). With `clamp`
//! (the default) values beyond either end get the end's points; without it such a value is a validation
//! problem, because the tender then promised no points for it. An optional `ideal` between `worst` and `best`
//! makes overshooting cost points: a value past the ideal is scored as its mirror image around the ideal, so
//! exceeding it by some amount scores like falling short of it by the same amount.

use super::model::{Direction, Measure, Scale};
use crate::locale::{Lang, Said};
use rust_decimal::Decimal;

impl Measure {
    /// Problems with the function itself, as sentences about `subject` (the leaf or requirement id).
    pub(crate) fn problems(&self, subject: &str) -> Vec<Said> {
        let rising = self.best > self.worst;
        let da = |value: Decimal| Lang::Da.exact(value);
        let mut problems = Vec::new();
        if self.best == self.worst {
            problems.push(Said::new(
                format!("measured criterion {subject} has the same worst and best value"),
                format!("det målte kriterium {subject} har samme dårligste og bedste værdi"),
            ));
        } else if rising != (self.direction == Direction::HigherIsBetter) {
            let (direction_en, direction_da) = match self.direction {
                Direction::HigherIsBetter => ("higher_is_better", "højere er bedre"),
                Direction::LowerIsBetter => ("lower_is_better", "lavere er bedre"),
            };
            problems.push(Said::new(
                format!(
                    "measured criterion {subject}: worst {} and best {} contradict the direction {direction_en}",
                    self.worst, self.best
                ),
                format!(
                    "det målte kriterium {subject}: dårligste værdi {} og bedste værdi {} modsiger retningen \"{direction_da}\"",
                    da(self.worst),
                    da(self.best)
                ),
            ));
        }
        if let Some(ideal) = self.ideal {
            let (low, high) = if rising { (self.worst, self.best) } else { (self.best, self.worst) };
            if ideal < low || ideal > high {
                problems.push(Said::new(
                    format!("measured criterion {subject}: the ideal {ideal} is not between worst and best"),
                    format!(
                        "det målte kriterium {subject}: den ideelle værdi {} ligger ikke mellem dårligste og bedste værdi",
                        da(ideal)
                    ),
                ));
            }
        }
        problems
    }

    /// Points on `scale` for a measured `value`, or `None` when the value is outside `worst`..`best` and the
    /// measure does not clamp, or when the measure has no range (`worst` = `best`, a validation problem).
    pub fn points(&self, value: Decimal, scale: &Scale) -> Option<Decimal> {
        let span = self.best - self.worst;
        if span.is_zero() {
            return None;
        }
        let mut value = value;
        if let Some(ideal) = self.ideal {
            let past_ideal = (value - ideal) * span;
            if past_ideal > Decimal::ZERO {
                value = ideal + ideal - value;
            }
        }
        let mut fraction = (value - self.worst) / span;
        if fraction < Decimal::ZERO || fraction > Decimal::ONE {
            if !self.clamp {
                return None;
            }
            fraction = fraction.clamp(Decimal::ZERO, Decimal::ONE);
        }
        Some(scale.min + (scale.max - scale.min) * fraction)
    }
}
