//! Tenderbench core: the tender file, the evaluation engine, imports and the award report.

pub mod evaluation;
