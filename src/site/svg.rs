//! A small SVG writer for the charts: elements and their attributes, text escaped in one place
//! and numbers written one way, so that chart code says what it draws, not how SVG is spelled.

use std::fmt::Write;

use crate::format::escape_markup as escape;

/// The value of an attribute: a number (written with at most one decimal) or text (escaped).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attr<'a> {
    /// A coordinate or a length.
    Num(f64),
    /// Anything else: a class, an anchor, a transform.
    Text(&'a str),
}

impl From<f64> for Attr<'_> {
    fn from(value: f64) -> Self {
        Attr::Num(value)
    }
}

impl<'a> From<&'a str> for Attr<'a> {
    fn from(value: &'a str) -> Self {
        Attr::Text(value)
    }
}

impl<'a> From<&'a String> for Attr<'a> {
    fn from(value: &'a String) -> Self {
        Attr::Text(value)
    }
}

/// An SVG document being written.
#[derive(Debug)]
pub struct Svg {
    out: String,
}

impl Svg {
    /// An `<svg role="img">` of `width` × `height` units, drawn one unit to a CSS pixel so its
    /// text is never shrunk below the size it is set in, named for screen readers by its
    /// `title` and `description` (their ids start with `id`).
    pub fn chart(id: &str, width: f64, height: f64, title: &str, description: &str) -> Svg {
        let mut out = String::new();
        let (width, height) = (number(width), number(height));
        let _ = write!(
            out,
            r#"<svg class="chart" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
            escape(title),
            escape(description),
        );
        Svg { out }
    }

    /// A `name` element with `attrs`, holding a `<title>` tooltip when one is given.
    pub fn element(
        &mut self,
        name: &str,
        attrs: &[(&str, Attr<'_>)],
        tooltip: Option<&str>,
    ) -> &mut Svg {
        self.open(name, attrs);
        match tooltip {
            Some(tooltip) => {
                let _ = write!(self.out, "><title>{}</title></{name}>", escape(tooltip));
            }
            None => self.out.push_str("/>"),
        }
        self
    }

    /// A `<text>` element with `attrs` showing `text`.
    pub fn text(&mut self, attrs: &[(&str, Attr<'_>)], text: &str) -> &mut Svg {
        self.open("text", attrs);
        let _ = write!(self.out, ">{}</text>", escape(text));
        self
    }

    /// The finished document.
    pub fn finish(mut self) -> String {
        self.out.push_str("</svg>");
        self.out
    }

    fn open(&mut self, name: &str, attrs: &[(&str, Attr<'_>)]) {
        let _ = write!(self.out, "<{name}");
        for (key, value) in attrs {
            let _ = match value {
                Attr::Num(n) => write!(self.out, r#" {key}="{}""#, number(*n)),
                Attr::Text(t) => write!(self.out, r#" {key}="{}""#, escape(t)),
            };
        }
    }
}

/// A number as charts write it: one decimal, none when it is whole (`230`, `243.4`).
fn number(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0".into()
    } else if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_elements_with_escaped_text_and_tidy_numbers() {
        let mut svg = Svg::chart("c", 780.0, 76.25, "A <chart>", "Says \"what\"");
        svg.element(
            "rect",
            &[
                ("class", "bar".into()),
                ("x", 12.0.into()),
                ("y", 3.125.into()),
            ],
            Some("Q1 & Q2"),
        )
        .element("line", &[("x1", (-0.04).into())], None)
        .text(&[("text-anchor", "end".into())], "5 < 6");
        let svg = svg.finish();
        assert!(svg.starts_with(
            r#"<svg class="chart" width="780" height="76.3" viewBox="0 0 780 76.3" role="img""#
        ));
        assert!(svg.contains(r#"<title id="c-title">A &lt;chart&gt;</title>"#));
        assert!(svg.contains(r#"<desc id="c-desc">Says &quot;what&quot;</desc>"#));
        assert!(
            svg.contains(r#"<rect class="bar" x="12" y="3.1"><title>Q1 &amp; Q2</title></rect>"#)
        );
        assert!(svg.contains(r#"<line x1="0"/>"#));
        assert!(svg.ends_with(r#"<text text-anchor="end">5 &lt; 6</text></svg>"#));
    }
}
