//! The file formats as Rust types: what an author may write in `karta.yaml`, a lane file,
//! a sub-process file and `book.toml`. `FORMAT.md` documents them for people.
//!
//! These types only describe syntax. Meaning (numbers, lanes, arrows) is resolved in
//! [`crate::model`].

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// `process/karta.yaml`: the overview map.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KartaFile {
    /// Title of the overview map.
    pub title: String,
    /// Lane ids, top to bottom; shared areas are listed too.
    pub lanes: Vec<String>,
}

/// `process/<lane-id>.yaml`: one party's lane. `S` is the step type: [`StepDef`] normally,
/// a YAML value while the loader checks steps one by one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(bound = "S: JsonSchema")]
pub struct LaneFile<S = StepDef> {
    /// The party's name, shown on the map.
    pub name: String,
    /// CSS colour; the theme gives defaults.
    #[serde(default)]
    pub color: Option<String>,
    /// A collaboration area drawn across every lane instead of a band of its own.
    #[serde(default)]
    pub shared: bool,
    /// The steps of this lane on the overview. `steps:` with nothing after it is an empty
    /// list, as the loader reads it.
    #[serde(default)]
    #[schemars(schema_with = "list_or_null::<S>")]
    pub steps: Vec<S>,
}

/// `process/underprocesser/<id>.yaml`: a sub-process opened from one overview step.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(bound = "S: JsonSchema")]
pub struct SubprocessFile<S = StepDef> {
    /// Title of the sub-process map.
    pub title: String,
    /// The owning party's lane id.
    pub lane: String,
    /// Steps, numbered locally from 1. Required; `steps:` with nothing after it is an empty
    /// list, as the loader reads it.
    #[schemars(schema_with = "list_or_null::<S>")]
    pub steps: Vec<S>,
}

/// The schema of a `steps` list: the loader reads `steps:` with no value as no steps.
fn list_or_null<S: JsonSchema>(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    let item = generator.subschema_for::<S>();
    schemars::json_schema!({ "type": ["array", "null"], "items": item })
}

/// The kind of a step, which decides its symbol and its rules. `vägval` is accepted as well
/// as `vagval`, as people write it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StepKind {
    /// Where the process begins.
    Start,
    /// An ordinary step (the default).
    #[default]
    Task,
    /// A decision (vägval): two or more labelled arrows.
    #[serde(alias = "vägval")]
    Vagval,
    /// Opens a sub-process map.
    Subprocess,
    /// Where the process ends.
    End,
}

/// Written by hand so that the schema accepts the same spellings as the loader.
impl JsonSchema for StepKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "StepKind".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        one_of_strings(
            "The kind of a step, which decides its symbol and its rules.",
            &[
                (&["start"], "Where the process begins."),
                (&["task"], "An ordinary step (the default)."),
                (
                    &["vagval", "vägval"],
                    "A decision (vägval): two or more labelled arrows.",
                ),
                (&["subprocess"], "Opens a sub-process map."),
                (&["end"], "Where the process ends."),
            ],
        )
    }
}

/// A schema of a string that is one of several choices, each with its spellings.
fn one_of_strings(description: &str, choices: &[(&[&str], &str)]) -> schemars::Schema {
    let one_of: Vec<serde_json::Value> = choices
        .iter()
        .map(|(names, doc)| match names {
            [one] => serde_json::json!({ "const": one, "description": doc, "type": "string" }),
            _ => serde_json::json!({ "enum": names, "description": doc, "type": "string" }),
        })
        .collect();
    schemars::json_schema!({ "description": description, "oneOf": one_of })
}

impl StepKind {
    /// The name used in YAML and in the SVG's `data-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Start => "start",
            StepKind::Task => "task",
            StepKind::Vagval => "vagval",
            StepKind::Subprocess => "subprocess",
            StepKind::End => "end",
        }
    }
}

/// One step as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    /// The number people cite; positive and unique on its map.
    pub nr: u32,
    /// Short title shown in the box.
    pub title: String,
    /// Kind of step; `task` when left out.
    #[serde(default)]
    pub kind: StepKind,
    /// Outgoing arrows.
    #[serde(default)]
    pub next: Option<NextDef>,
    /// On an `end` step of a sub-process: the step(s) of the overview where the flow goes on
    /// after this outcome, each one of the opening step's `next` targets; `[]` when the flow
    /// stops here.
    #[serde(default)]
    pub continues: Option<NextDef>,
    /// A point where this party can flag the individual for joint work.
    #[serde(default)]
    pub aktualisering: bool,
    /// For `kind: subprocess`: the file name (without `.yaml`) in `process/underprocesser/`.
    #[serde(default)]
    pub process: Option<String>,
    /// In a sub-process file only: the lane of this step, when not the sub-process's own.
    #[serde(default)]
    pub lane: Option<String>,
}

/// The `next` (or `continues`) of a step: a number, one `{to, label}`, or a list of numbers
/// and `{to, label}`.
#[derive(Debug, Default)]
pub struct NextDef(pub Vec<ArrowDef>);

/// One arrow as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArrowDef {
    /// Number of the target step.
    pub to: u32,
    /// Label on the arrow; required on a vägval's arrows.
    #[serde(default)]
    pub label: Option<String>,
}

const NEXT_EXPECTED: &str =
    "a step number, {to, label}, a list of step numbers, or a list of {to, label}";

impl<'de> Deserialize<'de> for NextDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct NextVisitor;
        impl<'de> Visitor<'de> for NextVisitor {
            type Value = NextDef;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(NEXT_EXPECTED)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NextDef, E> {
                Ok(NextDef(vec![ArrowDef {
                    to: to_u32(v)?,
                    label: None,
                }]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NextDef, E> {
                Err(E::invalid_value(de::Unexpected::Signed(v), &self))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<NextDef, A::Error> {
                ArrowDef::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|a| NextDef(vec![a]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NextDef, A::Error> {
                let mut arrows = Vec::new();
                while let Some(item) = seq.next_element::<ArrowItem>()? {
                    arrows.push(item.0);
                }
                Ok(NextDef(arrows))
            }
        }
        d.deserialize_any(NextVisitor)
    }
}

/// Written by hand like the deserializer above: a number, or a list whose items are numbers
/// or `{to, label}` objects.
impl JsonSchema for NextDef {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "NextDef".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let nr = generator.subschema_for::<u32>();
        let arrow = generator.subschema_for::<ArrowDef>();
        schemars::json_schema!({
            "description": "Arrows: a step number, {to, label}, or a list of step numbers and {to, label}.",
            "anyOf": [
                nr,
                arrow,
                { "type": "array", "items": { "anyOf": [nr, arrow] } }
            ]
        })
    }
}

fn to_u32<E: de::Error>(v: u64) -> Result<u32, E> {
    u32::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &"a step number"))
}

/// One element of a `next` list: a number or `{to, label}`.
struct ArrowItem(ArrowDef);

impl<'de> Deserialize<'de> for ArrowItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = ArrowItem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a step number or {to, label}")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ArrowItem, E> {
                Ok(ArrowItem(ArrowDef {
                    to: to_u32(v)?,
                    label: None,
                }))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<ArrowItem, A::Error> {
                ArrowDef::deserialize(de::value::MapAccessDeserializer::new(map)).map(ArrowItem)
            }
        }
        d.deserialize_any(ItemVisitor)
    }
}

/// `handlaggarstod/lagar.yaml`: the laws and other sources the guidance cites, by id.
pub type LagarFile = std::collections::BTreeMap<String, LawDef>;

/// One law or other source in `lagar.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawDef {
    /// Its name, as a reader knows it: `Socialtjänstlagen`.
    pub name: String,
    /// Its number in Svensk författningssamling: `"2025:400"`.
    #[serde(default)]
    pub sfs: Option<String>,
    /// The number of a source that is not an SFS law: `"HSLF-FS 2018:54"`, `"prop. 2024/25:89"`.
    #[serde(default)]
    pub number: Option<String>,
    /// Whether it is divided into chapters (kap.), so `lag:id/11/1` is 11 kap. 1 §.
    #[serde(default)]
    pub chapters: bool,
    /// The official text or a public consolidated text.
    pub url: String,
    /// The date it was repealed (`2025-07-01`).
    #[serde(default)]
    pub repealed: Option<String>,
    /// The id of the law that replaced it.
    #[serde(default, rename = "replaced-by")]
    pub replaced_by: Option<String>,
    /// Provisions the guidance cites without a number, because the number could not be
    /// checked: shown on the Lagrum page as "Paragraf ej kontrollerad".
    #[serde(default)]
    pub unverified: Vec<String>,
    /// Amendments decided or proposed, by date.
    #[serde(default)]
    pub changes: Vec<LawChangeDef>,
}

/// One dated amendment of a law in `lagar.yaml`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LawChangeDef {
    /// The day it takes (or took) effect: `2026-07-01`.
    pub date: String,
    /// One line saying what changes.
    pub summary: String,
    /// Whether the pages that cite the law have been re-read for this change.
    #[serde(default)]
    pub reviewed: bool,
}

/// `book.toml`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BookToml {
    /// `[book]`: title, description and labels.
    pub book: BookSection,
    /// `[build]`: where and with which theme the site is written.
    #[serde(default)]
    pub build: BuildSection,
    /// `[map]`: paper for the printed map.
    #[serde(default)]
    pub map: MapSection,
    /// `[accessibility]`: the accessibility statement of the site.
    #[serde(default)]
    pub accessibility: Option<AccessibilitySection>,
}

/// `[book]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BookSection {
    /// Title of the model and the site.
    pub title: String,
    /// One-line description.
    #[serde(default)]
    pub description: Option<String>,
    /// Language code of the content (default `sv`).
    #[serde(default = "default_language")]
    pub language: String,
    /// Authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Version label such as "Remissversion 2019".
    #[serde(default)]
    pub version: Option<String>,
    /// Date shown in the map's title block, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// Where a reader can propose an edit of a page: a web address with `{path}`, which
    /// becomes the path of the page's file from the model folder
    /// (`https://github.com/org/repo/edit/main/{path}`).
    #[serde(default, rename = "edit-url")]
    pub edit_url: Option<String>,
    /// Where a reader can comment on a step: a `mailto:` or web address with `{step}` (and
    /// optionally `{title}`), filled in URL-encoded on every step page.
    #[serde(default)]
    pub feedback: Option<String>,
    /// A git revision of the previous version (`v1.0`, `remiss-2019`): the site gets a page
    /// of what changed in the process since then.
    #[serde(default)]
    pub previous: Option<String>,
}

fn default_language() -> String {
    "sv".into()
}

/// `[build]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildSection {
    /// Output folder relative to the model (default `book`).
    #[serde(default = "default_build_dir")]
    pub build_dir: String,
    /// Theme folder relative to the model (default `themes/default`).
    #[serde(default = "default_theme")]
    pub theme: String,
}

impl Default for BuildSection {
    fn default() -> Self {
        BuildSection {
            build_dir: default_build_dir(),
            theme: default_theme(),
        }
    }
}

fn default_build_dir() -> String {
    "book".into()
}

fn default_theme() -> String {
    "themes/default".into()
}

/// Paper size of the printed map, written `A3` or `a3`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 297 × 420 mm (the default).
    #[default]
    A3,
    /// 420 × 594 mm.
    A2,
    /// 594 × 841 mm.
    A1,
}

impl<'de> Deserialize<'de> for Paper {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        match name.to_ascii_uppercase().as_str() {
            "A4" => Ok(Paper::A4),
            "A3" => Ok(Paper::A3),
            "A2" => Ok(Paper::A2),
            "A1" => Ok(Paper::A1),
            _ => Err(de::Error::invalid_value(
                de::Unexpected::Str(&name),
                &"A4, A3, A2 or A1",
            )),
        }
    }
}

/// Written by hand so that the schema accepts the same spellings as the loader.
impl JsonSchema for Paper {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Paper".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        one_of_strings(
            "Paper size of the printed map, written `A3` or `a3`.",
            &[
                (&["A4", "a4"], "210 × 297 mm."),
                (&["A3", "a3"], "297 × 420 mm (the default)."),
                (&["A2", "a2"], "420 × 594 mm."),
                (&["A1", "a1"], "594 × 841 mm."),
            ],
        )
    }
}

impl Paper {
    /// Short and long side in millimetres.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
        }
    }
}

/// Orientation of the printed map.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    /// Long side horizontal (the default).
    #[default]
    Landscape,
    /// Long side vertical.
    Portrait,
}

/// `[map]`.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapSection {
    /// Paper size.
    #[serde(default)]
    pub paper: Paper,
    /// Orientation.
    #[serde(default)]
    pub orientation: Orientation,
}

/// `[accessibility]`: the site's tillgänglighetsredogörelse. All fields but
/// `shortcomings` are required when the table is present.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct AccessibilitySection {
    /// The organisation responsible for the site.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Compliance status: `full`, `partial` or `none`.
    #[serde(default)]
    pub status: Option<String>,
    /// Known shortcomings, one per entry.
    #[serde(default)]
    pub shortcomings: Vec<String>,
    /// Date of the assessment, `YYYY-MM-DD`.
    #[serde(default)]
    pub assessment_date: Option<String>,
    /// How the site was assessed.
    #[serde(default)]
    pub assessment_method: Option<String>,
    /// Where readers report problems (e-mail address or URL).
    #[serde(default)]
    pub feedback: Option<String>,
    /// The supervisory authority's reporting form.
    #[serde(default)]
    pub enforcement_url: Option<String>,
}
