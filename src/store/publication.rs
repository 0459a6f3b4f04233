//! Publishing a lot: its terms kept as announced and frozen, unlocked only with a reason, and the history
//! of publications the report reads.

use super::{Result, StoreError, TenderFile, lot_number, record};
use crate::audit::Stamp;
use crate::locale::{Lang, Said, copenhagen_local};
use crate::publication::{DocumentKind, Publication, PublishedDocument, PublishedItem, Terms, Unlock};
use rusqlite::{OptionalExtension, Transaction, params};

/// Refuses a change to what a published lot announced: its model, scale, price rules, LCC parameters,
/// requirements and price schedule.
pub(super) fn refuse_if_published(tx: &Transaction, lot_id: i64) -> Result<()> {
    let locked: Option<Option<String>> = tx
        .query_row("SELECT locked_at FROM evaluation_model WHERE lot_id = ?1", params![lot_id], |row| row.get(0))
        .optional()?;
    match locked.flatten() {
        Some(at) => {
            let lot = lot_number(tx, lot_id)?;
            Err(StoreError::invalid(
                format!(
                    "Lot {lot} was published and locked on {}: its evaluation model, requirements and price schedule are \
                     frozen. Unlock it with a reason first; the report will show the change.",
                    Lang::En.timestamp(&at)
                ),
                format!(
                    "Delaftale {lot} blev offentliggjort og låst {}: dens evalueringsmodel, krav og prisliste ligger fast. \
                     Lås den op med en begrundelse først; rapporten vil vise ændringen.",
                    Lang::Da.timestamp(&at)
                ),
            ))
        }
        None => Ok(()),
    }
}

impl TenderFile {
    /// The terms a lot announces now: its model (without bids), its requirements and its price schedule.
    pub fn terms(&self, lot_id: i64) -> Result<Terms> {
        let mut model = self.evaluation_input(lot_id)?;
        model.bids.clear();
        model.monte_carlo = None;
        let requirements = self.requirements(lot_id)?.into_iter().map(|r| r.text).collect();
        let price_items = self
            .price_items(lot_id)?
            .into_iter()
            .map(|p| PublishedItem { item: p.item, unit: p.unit, quantity: p.quantity })
            .collect();
        Ok(Terms { model, requirements, price_items })
    }

    /// Publishes a lot: locks its model and keeps its terms as announced. Refused after the bid deadline,
    /// when bidders can no longer have read them. Returns a warning when the lot is published later than the
    /// tender's publication date, since the tender documents then announced terms that were not yet fixed.
    pub fn lock_evaluation_model(&mut self, stamp: &Stamp, lot_id: i64) -> Result<Option<Said>> {
        let tender = self.tender()?;
        let day = copenhagen_local(stamp.at.naive_utc()).date();
        if let Some(deadline) = tender.bid_deadline.filter(|deadline| day > *deadline) {
            return Err(StoreError::invalid(
                format!(
                    "A lot cannot be published after the bid deadline ({}); the bidders could not have bid on its \
                     terms.",
                    Lang::En.date(deadline)
                ),
                format!(
                    "En delaftale kan ikke offentliggøres efter tilbudsfristen ({}); tilbudsgiverne kunne ikke \
                     have givet tilbud på dens vilkår.",
                    Lang::Da.date(deadline)
                ),
            ));
        }
        let terms = serde_json::to_string(&self.terms(lot_id)?).expect("terms always serialize");
        let documents = crate::tender_documents::as_published(self, lot_id).map_err(|e| match e {
            crate::tender_documents::DocumentsError::Store(e) => e,
            other => StoreError::Invalid(other.said()),
        })?;
        self.write(|tx| {
            refuse_if_published(tx, lot_id)?;
            tx.execute(
                "UPDATE evaluation_model SET locked_at = ?1, locked_by = ?2 WHERE lot_id = ?3",
                params![stamp.at_text(), stamp.actor, lot_id],
            )?;
            tx.execute(
                "INSERT INTO publication (lot_id, published_at, published_by, terms) VALUES (?1, ?2, ?3, ?4)",
                params![lot_id, stamp.at_text(), stamp.actor, terms],
            )?;
            let publication = tx.last_insert_rowid();
            for document in &documents {
                tx.execute(
                    "INSERT INTO published_document (publication_id, kind, lang, title, sha256, content)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![
                        publication,
                        document.kind.code(),
                        document.lang.code(),
                        document.title,
                        document.sha256,
                        document.content
                    ],
                )?;
            }
            let entity = format!("lot {} evaluation model", lot_number(tx, lot_id)?);
            record(tx, stamp, &entity, "locked", None, Some("published"))
        })?;
        Ok(tender.published_on.filter(|published| day > *published).map(|published| {
            Said::new(
                format!(
                    "The lot is published on {}, after the tender's publication date ({}): the tender documents \
                     announced terms that were not yet fixed.",
                    Lang::En.date(day),
                    Lang::En.date(published)
                ),
                format!(
                    "Delaftalen offentliggøres {}, efter udbuddets offentliggørelsesdato ({}): \
                     udbudsdokumenterne bekendtgjorde vilkår, der endnu ikke lå fast.",
                    Lang::Da.date(day),
                    Lang::Da.date(published)
                ),
            )
        }))
    }

    /// Unlocks a published lot so its terms can change; the reason is kept with the publication it ends and
    /// in the audit log. Once bids are in, a change alters the rules the bidders bid on, so it is refused
    /// unless the consultant confirms it a second time (`after_bids`).
    pub fn unlock_evaluation_model(
        &mut self,
        stamp: &Stamp,
        lot_id: i64,
        reason: &str,
        after_bids: bool,
    ) -> Result<()> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(StoreError::invalid(
                "Unlocking a published evaluation model needs a reason.",
                "En offentliggjort evalueringsmodel kan kun låses op med en begrundelse.",
            ));
        }
        let bids = self.bids(lot_id)?.len();
        if bids > 0 && !after_bids {
            return Err(StoreError::BidsIn { lot: lot_number(&self.conn, lot_id)?, bids });
        }
        let Some(lock) = self.model_lock(lot_id)? else {
            return Err(StoreError::invalid(
                "The lot is not published, so there is nothing to unlock.",
                "Delaftalen er ikke offentliggjort, så der er intet at låse op.",
            ));
        };
        // A lot published by a Tenderbench before format 4 has no kept terms; what it holds now is what it
        // announced, since its terms could not change while it was locked.
        let unkept = self.publications(lot_id)?.last().is_none_or(|p| p.unlock.is_some());
        let terms = unkept.then(|| self.terms(lot_id)).transpose()?;
        self.write(|tx| {
            if let Some(terms) = terms {
                tx.execute(
                    "INSERT INTO publication (lot_id, published_at, published_by, terms) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        lot_id,
                        lock.locked_at,
                        lock.locked_by,
                        serde_json::to_string(&terms).expect("terms always serialize")
                    ],
                )?;
            }
            tx.execute(
                "UPDATE evaluation_model SET locked_at = NULL, locked_by = NULL WHERE lot_id = ?1",
                params![lot_id],
            )?;
            tx.execute(
                "UPDATE publication SET unlocked_at = ?1, unlocked_by = ?2, unlock_reason = ?3
                 WHERE id = (SELECT MAX(id) FROM publication WHERE lot_id = ?4)",
                params![stamp.at_text(), stamp.actor, reason, lot_id],
            )?;
            let entity = format!("lot {} evaluation model", lot_number(tx, lot_id)?);
            record(tx, stamp, &entity, "unlocked", Some("published"), Some(reason))
        })
    }

    /// The lot's publications, first first.
    pub fn publications(&self, lot_id: i64) -> Result<Vec<Publication>> {
        let mut statement = self.conn.prepare(
            "SELECT published_at, published_by, terms, unlocked_at, unlocked_by, unlock_reason, id
             FROM publication WHERE lot_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map(params![lot_id], |row| {
            let unlocked_at: Option<String> = row.get(3)?;
            let unlock = match unlocked_at {
                Some(at) => Some(Unlock { at, by: row.get(4)?, reason: row.get(5)? }),
                None => None,
            };
            Ok((row.get(0)?, row.get(1)?, row.get::<_, String>(2)?, unlock, row.get::<_, i64>(6)?))
        })?;
        rows.map(|row| {
            let (published_at, published_by, terms, unlock, id) = row?;
            let terms = serde_json::from_str(&terms).map_err(|e| {
                StoreError::invalid(
                    format!("The published terms in the tender file cannot be read: {e}"),
                    format!("De offentliggjorte vilkår i udbudsfilen kan ikke læses: {e}"),
                )
            })?;
            let documents = self.published_documents(id)?;
            Ok(Publication { published_at, published_by, terms, unlock, documents })
        })
        .collect()
    }

    fn published_documents(&self, publication: i64) -> Result<Vec<PublishedDocument>> {
        let mut statement = self.conn.prepare(
            "SELECT kind, lang, title, sha256, content FROM published_document WHERE publication_id = ?1
             ORDER BY kind, lang",
        )?;
        let rows = statement.query_map(params![publication], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get(2)?, row.get(3)?, row.get(4)?))
        })?;
        rows.map(|row| {
            let (kind, lang, title, sha256, content) = row?;
            let unreadable = || {
                StoreError::invalid(
                    format!("A published document in the tender file has an unknown kind {kind} or language {lang}."),
                    format!("Et offentliggjort dokument i udbudsfilen har en ukendt art {kind} eller et ukendt sprog {lang}."),
                )
            };
            let kind_of = DocumentKind::from_code(&kind).ok_or_else(unreadable)?;
            let lang_of = Lang::from_code(&lang).ok_or_else(unreadable)?;
            Ok(PublishedDocument { kind: kind_of, lang: lang_of, title, sha256, content })
        })
        .collect()
    }
}
