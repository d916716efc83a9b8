//! strata: a static-site generator for reflective journals.
//!
//! The pipeline runs one way: [`config::Config`] and the entry files → [`journal::Journal`] →
//! [`site::Site`] (every page as a template and its data) → [`render`] → [`output`] (files on
//! disk). Each stage is a plain function of the one before, so each can be tested alone; the
//! command line in [`cli`] is a thin layer on top.

pub mod build;
pub mod cli;
pub mod clock;
pub mod config;
pub mod diagnostics;
pub mod fingerprint;
pub mod format;
pub mod guidance;
pub mod import;
pub mod journal;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod review;
pub mod serve;
pub mod site;
pub mod site_path;
pub mod strings;
pub mod theme;
pub mod timeline;
pub mod wiki;
pub mod yaml;
