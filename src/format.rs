//! How figures read on pages and in reviews: dates, numbers and shares, and text escaped for
//! markup. A lower module that the site, the review and the preview use, so none reaches into
//! another for formatting.

/// A date as people read it: `14 March 2026`. Every page shows dates this way.
pub fn long_date(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// A number without a needless `.0`, rounded to two decimals: `3`, `1.5`, `0.33`.
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded}")
    }
}

/// `0.164` → `16 %`.
pub fn percent(share: f64) -> String {
    format!("{:.0} %", share * 100.0)
}

/// Text escaped for HTML, XML or SVG, in element content or a double-quoted attribute.
pub fn escape_markup(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
