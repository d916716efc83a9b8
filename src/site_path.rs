//! What a site path may be: the one rule every file a build or a preview writes is held to,
//! and that the config's permalink and each entry's are held to earlier, where their file and
//! line can be named. A leaf module, so the config, the journal and the output can all use it.

/// The longest part of a site path, in bytes: file systems refuse names over 255.
pub const LONGEST_PATH_PART: usize = 255;

/// Whether the site path (or output file) `path` stays inside the site and can be a file
/// there: no `..` or `.` part, no empty part inside it, no backslash, NUL or control
/// character, no part longer than [`LONGEST_PATH_PART`] bytes. Every file a build or a
/// preview writes goes through this check; the config's permalink and each entry's are held
/// to it earlier, where their file and line can be named.
pub fn safe_site_path(path: &str) -> Result<(), &'static str> {
    if path.chars().any(|c| c == '\\' || c.is_control()) {
        return Err("it holds a backslash or a control character");
    }
    let inner = path.trim_start_matches('/').trim_end_matches('/');
    for part in inner.split('/') {
        match part {
            "" if !inner.is_empty() => return Err("it has an empty part (`//`)"),
            "." | ".." => return Err("it has a `.` or `..` part, which would leave its folder"),
            _ if part.len() > LONGEST_PATH_PART => {
                return Err("a part of it is longer than 255 bytes, which file systems refuse");
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_path_stays_inside_the_site_and_can_be_a_file() {
        for good in [
            "/",
            "/2026/03/x/",
            "feed.xml",
            "2026/03/x/index.html",
            "/tags/a-b/",
        ] {
            assert_eq!(safe_site_path(good), Ok(()), "{good}");
        }
        let long = format!("/{}/", "x".repeat(LONGEST_PATH_PART + 1));
        for bad in [
            "/../../../escaped/x/",
            "/x/../../y/",
            "/./x/",
            "/a//b/",
            "/a\\b/",
            "/a\u{0}b/",
            long.as_str(),
        ] {
            assert!(safe_site_path(bad).is_err(), "{bad}");
        }
        assert!(safe_site_path(&format!("/{}/", "x".repeat(LONGEST_PATH_PART))).is_ok());
    }
}
