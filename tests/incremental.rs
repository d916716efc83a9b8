//! A preview's incremental rebuilds always give what a clean build of the same input gives,
//! whatever sequence of edits led there.

#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use strata::journal::Visibility;
use strata::serve::changes::classify;
use strata::serve::session::Session;

const BASE_URL: &str = "http://127.0.0.1:1111/";

/// One edit a writer might make.
#[derive(Debug, Clone)]
enum Edit {
    Add {
        id: u8,
        day: u8,
        growth: bool,
        layer: u8,
        capability: u8,
    },
    Rewrite {
        id: u8,
        title: u8,
    },
    Delete {
        id: u8,
    },
    Break {
        id: u8,
    },
    Template {
        variant: u8,
    },
    Static {
        variant: u8,
    },
    Config {
        variant: u8,
    },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => (0u8..6, 1u8..28, any::<bool>(), 0u8..3, 0u8..3)
            .prop_map(|(id, day, growth, layer, capability)| Edit::Add { id, day, growth, layer, capability }),
        2 => (0u8..6, 0u8..4).prop_map(|(id, title)| Edit::Rewrite { id, title }),
        1 => (0u8..6).prop_map(|id| Edit::Delete { id }),
        1 => (0u8..6).prop_map(|id| Edit::Break { id }),
        1 => (0u8..3).prop_map(|variant| Edit::Template { variant }),
        1 => (0u8..3).prop_map(|variant| Edit::Static { variant }),
        1 => (0u8..3).prop_map(|variant| Edit::Config { variant }),
    ]
}

fn entry_path(id: u8) -> String {
    format!("entries/gen/entry-{id}.md")
}

/// Applies an edit and returns the paths it touched.
fn apply(root: &Path, edit: &Edit) -> Vec<PathBuf> {
    let write = |relative: &str, text: &str| {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    };
    let remove = |relative: &str| {
        let path = root.join(relative);
        let _ = std::fs::remove_file(&path);
        path
    };
    let layers = ["resources", "process", "cooperation"];
    match edit {
        Edit::Add {
            id,
            day,
            growth,
            layer,
            capability,
        } => {
            let work = if *growth { "growth" } else { "depth" };
            let text = format!(
                "---\ntitle: Entry {id}\ndate: 2026-02-{day:02}\nwork: {work}\nlayer: {}\ntags: [t{capability}]\ncapabilities:\n  - name: Skill {capability}\n    stage: {}\n---\nBody of entry {id}, [linked](../2026/2026-01-20-routine.md), after [[Entry {}]].\n",
                layers[usize::from(*layer)],
                if *growth { "attempted" } else { "demonstrated" },
                (id + 1) % 6
            );
            vec![write(&entry_path(*id), &text)]
        }
        Edit::Rewrite { id, title } => {
            let path = root.join(entry_path(*id));
            if !path.exists() {
                return Vec::new();
            }
            vec![write(
                &entry_path(*id),
                &format!(
                    "---\ntitle: Rewritten {title}\ndate: 2026-03-0{}\n---\nNew text {title}.\n",
                    title + 1
                ),
            )]
        }
        Edit::Delete { id } => vec![remove(&entry_path(*id))],
        Edit::Break { id } => vec![write(
            &entry_path(*id),
            "---\ntitle: broken\ndate: 2026-03-01\nlayer: nowhere\n---\n",
        )],
        Edit::Template { variant: 0 } => vec![remove("templates/404.html")],
        Edit::Template { variant } => vec![write(
            "templates/404.html",
            &format!(
                "{{% extends \"base.html\" %}}{{% block content %}}<h1>Lost {variant}</h1>{{% endblock content %}}"
            ),
        )],
        Edit::Static { variant: 0 } => vec![remove("static/extra.txt")],
        Edit::Static { variant } => vec![write("static/extra.txt", &format!("extra {variant}\n"))],
        Edit::Config { variant } => vec![write(
            "journal.yaml",
            &format!(
                "title: Journal {variant}\nauthor: Ada\nbase_url: \"https://example.org/\"\ntreadmill_weeks: {}\n",
                variant + 1
            ),
        )],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn incremental_rebuilds_equal_a_clean_build(edits in proptest::collection::vec(edit(), 1..10)) {
        let journal = common::Journal::fixture("basic");
        let root = journal.path();
        let output = tempfile::tempdir().unwrap();
        let mut session = Session::new(root, output.path(), BASE_URL, Visibility::PUBLISHED)
            .on(common::build_date());
        session.rebuild(&strata::serve::changes::Changes::everything()).unwrap();
        prop_assert_eq!(common::Site::read(output.path()).files, common::clean_build(root, BASE_URL).unwrap());
        let mut last_good = common::Site::read(output.path()).files;
        for edit in &edits {
            let touched = apply(root, edit);
            let result = session.rebuild(&classify(root, touched));
            match common::clean_build(root, BASE_URL) {
                Some(expected) => {
                    prop_assert!(result.is_ok(), "the clean build works but the rebuild failed after {:?}", edit);
                    let got = common::Site::read(output.path()).files;
                    prop_assert_eq!(got.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "after {:?}", edit);
                    prop_assert!(got == expected, "contents differ after {:?}", edit);
                    last_good = got;
                }
                None => {
                    prop_assert!(result.is_err(), "the rebuild succeeded where a clean build fails");
                    prop_assert!(common::Site::read(output.path()).files == last_good, "a failed rebuild changed the output");
                }
            }
        }
    }
}

#[test]
fn an_unchanged_page_is_not_rendered_or_written_again() {
    let journal = common::Journal::fixture("basic");
    let output = tempfile::tempdir().unwrap();
    let mut session = Session::new(
        journal.path(),
        output.path(),
        BASE_URL,
        Visibility::PUBLISHED,
    );
    let first = session
        .rebuild(&strata::serve::changes::Changes::everything())
        .unwrap();
    assert!(first.rendered >= 15, "{}", first.rendered);
    let path = journal.path().join("entries/2026/2026-01-20-routine.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("Patched servers.", "Patched servers again."),
    )
    .unwrap();
    let second = session.rebuild(&classify(journal.path(), [path])).unwrap();
    assert_eq!(second.parsed, 1, "only the changed file is read again");
    assert!(
        second.rendered <= 6,
        "{} of {} pages rendered again",
        second.rendered,
        first.rendered
    );
    assert!(
        second.changed.contains(&"/2026/01/routine/".to_string()),
        "{:?}",
        second.changed
    );
    assert!(
        !second.changed.contains(&"/2026/02/second-try/".to_string()),
        "{:?}",
        second.changed
    );
    let third = session
        .rebuild(&classify(
            journal.path(),
            [journal.path().join("entries/2026/nothing.md")],
        ))
        .unwrap();
    assert!(third.changed.is_empty() && third.rendered == 0, "{third:?}");
}
