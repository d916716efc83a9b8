//! Pages at entries' old addresses (`aliases:` as Hugo writes them, `redirect_from:` as
//! Jekyll's plugin does) that send the reader on to the entry: a journal moved to strata, or an
//! entry renamed, breaks no link that points at it. Each is a small page of its own, as Hugo
//! and Jekyll make them: a refresh to the entry, a canonical link, and a plain link for a
//! reader whose browser does not follow the refresh.

use super::Urls;
use crate::format::escape_markup as escape;
use crate::journal::Journal;

/// Every redirect page, by output file (`2019/old-name/index.html`): one per old address of
/// each shown entry.
pub fn files(journal: &Journal, urls: &Urls) -> Vec<(String, String)> {
    journal
        .entries
        .iter()
        .flat_map(|entry| {
            let target = urls.absolute(&entry.permalink);
            entry.aliases.iter().map(move |alias| {
                (
                    super::output_file(alias),
                    page(&entry.title, &target, journal),
                )
            })
        })
        .collect()
}

/// The page that sends the reader on to `target`, titled after the entry.
fn page(title: &str, target: &str, journal: &Journal) -> String {
    let (title, target) = (escape(title), escape(target));
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <link rel=\"canonical\" href=\"{target}\">\n<meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n<body>\n\
         <p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
        escape(&journal.config.language)
    )
}
