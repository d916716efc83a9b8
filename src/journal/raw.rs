//! The front matter as written: each field in whichever shape YAML allows for it (a list or a
//! comma-separated string, a name or a `{name, stage}` mapping), read without losing how a
//! value was written. `front_matter.rs` turns this into the normalised model.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// The front matter as written, each field in whichever shape YAML allows for it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct RawFrontMatter {
    pub(super) title: Option<String>,
    pub(super) date: Option<String>,
    #[serde(rename = "pubDate")]
    pub(super) pub_date: Option<String>,
    pub(super) published: Option<String>,
    pub(super) created: Option<String>,
    pub(super) tags: Option<NameList>,
    pub(super) work: Option<String>,
    pub(super) layer: Option<NameList>,
    pub(super) layers: Option<NameList>,
    pub(super) capabilities: Option<CapabilityList>,
    pub(super) hours: Option<f64>,
    pub(super) summary: Option<String>,
    pub(super) description: Option<String>,
    pub(super) excerpt: Option<String>,
    pub(super) slug: Option<String>,
    pub(super) aliases: Option<NameList>,
    pub(super) redirect_from: Option<NameList>,
    pub(super) private: Option<bool>,
    pub(super) draft: Option<bool>,
}

/// A list of names written as a YAML list or as one comma-separated string.
#[derive(Debug, Default)]
pub(super) struct NameList(pub(super) Vec<String>);

impl<'de> Deserialize<'de> for NameList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NameListVisitor)
    }
}

struct NameListVisitor;

impl<'de> Visitor<'de> for NameListVisitor {
    type Value = NameList;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of names or a comma-separated string")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<NameList, E> {
        Ok(NameList(
            value
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
        ))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<NameList, E> {
        Ok(NameList(vec![value.to_string()]))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<NameList, E> {
        Ok(NameList(vec![value.to_string()]))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<NameList, E> {
        Ok(NameList(vec![value.to_string()]))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<NameList, E> {
        Ok(NameList(vec![value.to_string()]))
    }

    fn visit_unit<E: de::Error>(self) -> Result<NameList, E> {
        Ok(NameList::default())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NameList, A::Error> {
        let mut names = Vec::new();
        // Each item is read as a string so that `2026` or `1.10` stay as written.
        while let Some(name) = seq.next_element::<String>()? {
            names.push(name);
        }
        Ok(NameList(names))
    }
}

/// One capability as written: a name, or `{name, stage}`.
#[derive(Debug)]
pub(super) struct CapabilitySpec {
    pub(super) name: String,
    pub(super) stage: Option<String>,
}

impl<'de> Deserialize<'de> for CapabilitySpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CapabilityVisitor)
    }
}

struct CapabilityVisitor;

impl<'de> Visitor<'de> for CapabilityVisitor {
    type Value = CapabilitySpec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a capability name, or a mapping with `name` and `stage`")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<CapabilitySpec, E> {
        Ok(CapabilitySpec {
            name: value.to_string(),
            stage: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<CapabilitySpec, A::Error> {
        let (mut name, mut stage) = (None, None);
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => name = Some(map.next_value::<String>()?),
                "stage" => stage = Some(map.next_value::<String>()?),
                other => {
                    return Err(de::Error::custom(format!(
                        "unknown capability key `{other}`; a capability has `name` and `stage`"
                    )));
                }
            }
        }
        let name = name.ok_or_else(|| de::Error::custom("a capability needs a `name`"))?;
        Ok(CapabilitySpec { name, stage })
    }
}

/// Capabilities written as a list, or as one comma-separated string.
#[derive(Debug, Default)]
pub(super) struct CapabilityList(pub(super) Vec<CapabilitySpec>);

impl<'de> Deserialize<'de> for CapabilityList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = CapabilityList;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a list of capabilities")
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<CapabilityList, E> {
                let names = NameListVisitor.visit_str::<E>(value)?.0;
                Ok(CapabilityList(
                    names
                        .into_iter()
                        .map(|name| CapabilitySpec { name, stage: None })
                        .collect(),
                ))
            }

            fn visit_unit<E: de::Error>(self) -> Result<CapabilityList, E> {
                Ok(CapabilityList::default())
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CapabilityList, A::Error> {
                let mut specs = Vec::new();
                while let Some(spec) = seq.next_element::<CapabilitySpec>()? {
                    specs.push(spec);
                }
                Ok(CapabilityList(specs))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}
