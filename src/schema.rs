//! JSON Schemas of the model files, generated from the types in [`crate::format`] with
//! `schemars`, so that they cannot drift from what the loader accepts: a field the loader
//! rejects as unknown (`deny_unknown_fields`) is `additionalProperties: false` here.
//!
//! Editors use them for completion and red squiggles; the README shows how.

use crate::format::{BookToml, KartaFile, LagarFile, LaneFile, StepDef, SubprocessFile};
use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// Which file a schema describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// `process/karta.yaml`.
    Karta,
    /// `process/<lane-id>.yaml`.
    Lane,
    /// `process/underprocesser/<id>.yaml`.
    Subprocess,
    /// `book.toml` (for TOML editors that read JSON Schema).
    Book,
    /// `handlaggarstod/lagar.yaml`.
    Lagar,
}

impl FileKind {
    /// All kinds, in the order of the combined schema.
    pub const ALL: [FileKind; 5] = [
        FileKind::Karta,
        FileKind::Lane,
        FileKind::Subprocess,
        FileKind::Book,
        FileKind::Lagar,
    ];

    /// The name used on the command line and as the definition name.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Karta => "karta",
            FileKind::Lane => "lane",
            FileKind::Subprocess => "subprocess",
            FileKind::Book => "book",
            FileKind::Lagar => "lagar",
        }
    }

    fn title(self) -> &'static str {
        match self {
            FileKind::Karta => "processkarta: process/karta.yaml (the overview map)",
            FileKind::Lane => "processkarta: process/<lane-id>.yaml (a party's lane)",
            FileKind::Subprocess => {
                "processkarta: process/underprocesser/<id>.yaml (a sub-process)"
            }
            FileKind::Book => "processkarta: book.toml",
            FileKind::Lagar => {
                "processkarta: handlaggarstod/lagar.yaml (the laws the guidance cites)"
            }
        }
    }

    fn description(self) -> &'static str {
        match self {
            FileKind::Karta => "The overview map: its title and the lane ids, top to bottom.",
            FileKind::Lane => "One party's lane (or a shared area) and its steps on the overview.",
            FileKind::Subprocess => {
                "A sub-process opened from one overview step; steps numbered locally from 1."
            }
            FileKind::Book => "Title, labels, build folder and paper of the model.",
            FileKind::Lagar => "The laws and other sources cited by `lag:` links, by id: name, number, url, repeal and dated changes.",
        }
    }

    fn definition(self) -> &'static str {
        match self {
            FileKind::Karta => "KartaFile",
            FileKind::Lane => "LaneFile",
            FileKind::Subprocess => "SubprocessFile",
            FileKind::Book => "BookToml",
            FileKind::Lagar => "LagarFile",
        }
    }
}

const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

fn generator() -> SchemaGenerator {
    SchemaGenerator::new(SchemaSettings::draft2020_12())
}

fn root_of<T: JsonSchema>(kind: FileKind) -> Value {
    let mut schema: Schema = generator().into_root_schema_for::<T>();
    schema.insert("$schema".into(), json!(DIALECT));
    schema.insert("title".into(), json!(kind.title()));
    schema.insert("description".into(), json!(kind.description()));
    let mut value = schema.to_value();
    add_maximum(&mut value);
    value
}

/// The schema of one kind of file, standalone (its definitions under `$defs`).
pub fn schema_for(kind: FileKind) -> Value {
    match kind {
        FileKind::Karta => root_of::<KartaFile>(kind),
        FileKind::Lane => root_of::<LaneFile<StepDef>>(kind),
        FileKind::Subprocess => root_of::<SubprocessFile<StepDef>>(kind),
        FileKind::Book => root_of::<BookToml>(kind),
        FileKind::Lagar => root_of::<LagarFile>(kind),
    }
}

/// One schema for every YAML file of a model: a file is valid when it is a valid karta,
/// lane or sub-process file. The definitions of all files, `book.toml`'s included, are
/// under `$defs`, so `…#/$defs/LaneFile` can be referenced on its own.
pub fn combined() -> Value {
    let mut generator = generator();
    let mut refs = Vec::new();
    for kind in FileKind::ALL {
        let reference = match kind {
            FileKind::Karta => generator.subschema_for::<KartaFile>(),
            FileKind::Lane => generator.subschema_for::<LaneFile<StepDef>>(),
            FileKind::Subprocess => generator.subschema_for::<SubprocessFile<StepDef>>(),
            FileKind::Book => generator.subschema_for::<BookToml>(),
            FileKind::Lagar => generator.subschema_for::<LagarFile>(),
        };
        refs.push((kind, reference.to_value()));
    }
    let mut defs: Map<String, Value> = generator.take_definitions(true);
    // Give the three file types stable names (a generic type's name carries its parameter).
    for (kind, reference) in &refs {
        let Some(target) = reference.get("$ref").and_then(Value::as_str) else {
            continue;
        };
        let old = target.trim_start_matches("#/$defs/").to_string();
        if old != kind.definition() {
            if let Some(def) = defs.remove(&old) {
                defs.insert(kind.definition().to_string(), def);
            }
        }
        if let Some(Value::Object(def)) = defs.get_mut(kind.definition()) {
            def.insert("description".into(), json!(kind.description()));
        }
    }
    let any_of: Vec<Value> = FileKind::ALL
        .iter()
        .filter(|k| !matches!(k, FileKind::Book | FileKind::Lagar))
        .map(|k| json!({ "$ref": format!("#/$defs/{}", k.definition()) }))
        .collect();
    let mut value = json!({
        "$schema": DIALECT,
        "title": "processkarta: the YAML files of a model (karta, lane or sub-process)",
        "description": "Use the schema of one file kind (`processkarta schema lane` etc.) for sharper editor messages.",
        "anyOf": any_of,
        "$defs": Value::Object(sort_keys(defs)),
    });
    add_maximum(&mut value);
    value
}

/// A step number is a `u32` to the loader: a larger number is rejected, so the schema says
/// so too (schemars gives only the lower bound).
fn add_maximum(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("uint32") {
                map.insert("maximum".into(), json!(u32::MAX));
            }
            map.values_mut().for_each(add_maximum);
        }
        Value::Array(items) => items.iter_mut().for_each(add_maximum),
        _ => {}
    }
}

fn sort_keys(map: Map<String, Value>) -> Map<String, Value> {
    let mut entries: Vec<(String, Value)> = map.into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_closed() {
        let lane = schema_for(FileKind::Lane);
        assert_eq!(lane["additionalProperties"], json!(false));
        let step = &lane["$defs"]["StepDef"];
        assert_eq!(step["additionalProperties"], json!(false));
        assert_eq!(
            lane["$defs"]["ArrowDef"]["additionalProperties"],
            json!(false)
        );
        let combined = combined();
        for name in [
            "KartaFile",
            "LaneFile",
            "SubprocessFile",
            "StepDef",
            "NextDef",
        ] {
            assert!(combined["$defs"].get(name).is_some(), "{name} missing");
        }
    }
}
