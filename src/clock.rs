//! The build date: what "today" is for anything that depends on it (future dates, "this
//! quarter"). It is `SOURCE_DATE_EPOCH` when set — the reproducible-builds convention, which
//! tests and snapshots use to pin it — else the local date.

use chrono::NaiveDate;

/// The date a build counts as today.
pub fn today() -> NaiveDate {
    from_epoch(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// The UTC date of a `SOURCE_DATE_EPOCH` value (seconds since 1970), when it is one.
pub fn from_epoch(value: Option<&str>) -> Option<NaiveDate> {
    let seconds: i64 = value?.trim().parse().ok()?;
    chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_date_epoch_gives_the_utc_date() {
        assert_eq!(
            from_epoch(Some("1795564800")),
            NaiveDate::from_ymd_opt(2026, 11, 25)
        );
        assert_eq!(from_epoch(Some("not a number")), None);
        assert_eq!(from_epoch(None), None);
    }
}
