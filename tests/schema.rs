//! The JSON Schemas of `processkarta schema` accept and reject the same files as the loader:
//! every YAML file of the fixture models and of the repository's own model is run through
//! both, and so is every file with an unknown field added at each level (file, step, arrow).
//! Also: `init` binds the files it writes to the schemas it writes.

mod util;

use processkarta::diagnostic::Code;
use processkarta::schema::{schema_for, FileKind};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use util::Model;

/// The codes of the loader that concern the shape of a file: wrong type, unknown field,
/// missing field. These are what a JSON Schema can see.
const SHAPE: [Code; 3] = [Code::WrongType, Code::UnknownField, Code::MissingField];

/// Which schema a file of `process/` is checked against.
fn kind_of(rel: &str) -> FileKind {
    if rel == "process/karta.yaml" {
        FileKind::Karta
    } else if rel.starts_with("process/underprocesser/") {
        FileKind::Subprocess
    } else {
        FileKind::Lane
    }
}

/// The YAML files under `process/`, relative to the model.
fn yaml_files(root: &Path) -> Vec<String> {
    util::tree(&root.join("process"))
        .into_keys()
        .filter(|rel| rel.ends_with(".yaml"))
        .map(|rel| format!("process/{rel}"))
        .collect()
}

struct Schemas {
    karta: jsonschema::Validator,
    lane: jsonschema::Validator,
    subprocess: jsonschema::Validator,
}

impl Schemas {
    fn new() -> Schemas {
        let v = |k| jsonschema::validator_for(&schema_for(k)).expect("a valid schema");
        Schemas {
            karta: v(FileKind::Karta),
            lane: v(FileKind::Lane),
            subprocess: v(FileKind::Subprocess),
        }
    }

    /// The schema's verdict on a file: `Ok` or the messages.
    fn verdict(&self, rel: &str, text: &str) -> Result<(), Vec<String>> {
        let value: Value = serde_yaml::from_str(text).expect("fixture YAML parses");
        let validator = match kind_of(rel) {
            FileKind::Karta => &self.karta,
            FileKind::Subprocess => &self.subprocess,
            _ => &self.lane,
        };
        let errors: Vec<String> = validator
            .iter_errors(&value)
            .map(|e| e.to_string())
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// The files in which the loader reports a problem of shape, and the codes it reports.
fn loader_shape_errors(root: &Path) -> BTreeSet<(String, &'static str)> {
    let checked = processkarta::check_model(root).expect("a model folder");
    checked
        .diagnostics
        .iter()
        .filter(|d| SHAPE.contains(&d.code))
        .filter_map(|d| {
            let span = d.span?;
            Some((
                checked.model.sources.get(span.file).name.clone(),
                d.code.as_str(),
            ))
        })
        .collect()
}

/// Both verdicts agree on every YAML file of the model in `root`; returns how many files
/// the schema rejected.
fn assert_agree(schemas: &Schemas, root: &Path, what: &str) -> usize {
    let loader = loader_shape_errors(root);
    let mut rejected = 0;
    for rel in yaml_files(root) {
        let text = std::fs::read_to_string(root.join(&rel)).unwrap();
        let schema = schemas.verdict(&rel, &text);
        let by_loader: Vec<&str> = loader
            .iter()
            .filter(|(f, _)| *f == rel)
            .map(|(_, c)| *c)
            .collect();
        match (&schema, by_loader.is_empty()) {
            (Ok(()), true) => {}
            (Err(_), false) => rejected += 1,
            _ => panic!(
                "{what}: {rel}: schema says {schema:?}, loader reports {by_loader:?}\n{text}"
            ),
        }
    }
    rejected
}

/// Model folders with no shape errors: the fixtures and the repository's own model.
fn models() -> Vec<PathBuf> {
    let mut out = vec![util::repo(), util::fixture("valid")];
    let mut diffs: Vec<PathBuf> = std::fs::read_dir(util::fixture("diff"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    diffs.sort();
    out.extend(diffs);
    out
}

#[test]
fn schema_and_loader_accept_the_same_fixture_files() {
    let schemas = Schemas::new();
    let mut files = 0;
    for root in models() {
        files += yaml_files(&root).len();
        let rejected = assert_agree(&schemas, &root, &root.display().to_string());
        assert_eq!(rejected, 0, "{} has shape errors", root.display());
    }
    assert!(files > 50, "only {files} files checked");
}

#[test]
fn schema_and_loader_reject_the_same_rule_fixtures() {
    let schemas = Schemas::new();
    let rules = util::fixture("rules");
    // The rule fixtures of shape problems are rejected by both; every other rule fixture
    // that still parses as YAML is accepted by both (its problem is not one of shape).
    let mut rejected = BTreeSet::new();
    for entry in std::fs::read_dir(&rules).unwrap() {
        let dir = entry.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        // Not YAML a schema can read: syntax, duplicate keys, bytes, size.
        if ["E001", "E005", "E006", "E007"]
            .iter()
            .any(|c| name.starts_with(c))
        {
            continue;
        }
        let model = Model::fixture("valid");
        model.overlay(&dir);
        if !model.path().join("process").is_dir() {
            continue;
        }
        if assert_agree(&schemas, model.path(), &name) > 0 {
            rejected.insert(name[..4].to_string());
        }
    }
    assert_eq!(
        rejected,
        BTreeSet::from(["E002".to_string(), "E003".into(), "E004".into()])
    );
}

/// Every place in a file's value where a map may carry fields: the file itself, each step,
/// and each arrow written as `{to, label}`, as JSON pointers.
fn field_places(value: &Value) -> Vec<String> {
    let mut out = vec![String::new()];
    if let Some(steps) = value.get("steps").and_then(Value::as_array) {
        for (i, step) in steps.iter().enumerate() {
            out.push(format!("/steps/{i}"));
            if let Some(next) = step.get("next").and_then(Value::as_array) {
                for (j, arrow) in next.iter().enumerate() {
                    if arrow.is_object() {
                        out.push(format!("/steps/{i}/next/{j}"));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn an_unknown_field_at_any_level_is_rejected_by_both() {
    let schemas = Schemas::new();
    let mut tried = BTreeSet::new();
    for fixture in ["valid", "diff/base"] {
        let root = util::fixture(fixture);
        for rel in yaml_files(&root) {
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            let value: Value = serde_yaml::from_str(&text).unwrap();
            for place in field_places(&value) {
                let mut changed = value.clone();
                changed
                    .pointer_mut(&place)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert("okant_falt".into(), Value::from(1));
                let yaml = serde_yaml::to_string(&changed).unwrap();
                let model = Model::fixture(fixture);
                model.write(&rel, &yaml);
                let what = format!("{fixture}: {rel} with a field at `{place}`");
                assert!(
                    schemas.verdict(&rel, &yaml).is_err(),
                    "{what}: the schema accepts it"
                );
                let loader = loader_shape_errors(model.path());
                assert!(
                    loader.contains(&(rel.clone(), "E003")),
                    "{what}: the loader does not report E003: {loader:?}"
                );
                // The same file without the field passes both.
                model.write(&rel, serde_yaml::to_string(&value).unwrap());
                assert_eq!(assert_agree(&schemas, model.path(), &what), 0);
                let depth = place.matches('/').count();
                tried.insert((kind_of(&rel).name(), depth));
            }
        }
    }
    // Every kind of file at the file, step and arrow level.
    for expected in [
        ("karta", 0),
        ("lane", 0),
        ("lane", 2),
        ("lane", 4),
        ("subprocess", 0),
        ("subprocess", 2),
    ] {
        assert!(
            tried.contains(&expected),
            "{expected:?} not tried: {tried:?}"
        );
    }
}

#[test]
fn init_binds_its_yaml_files_to_the_schemas_it_writes() {
    let dir = util::tempdir();
    util::run_in(dir.path(), &["init"]).expect_status(0);
    for (rel, kind) in [
        ("process/karta.yaml", "karta"),
        ("process/handlaggare.yaml", "lane"),
    ] {
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap();
        let first = text.lines().next().unwrap();
        assert_eq!(
            first,
            format!("# yaml-language-server: $schema=../schemas/{kind}.json")
        );
        // The line points at a file that is there and is the schema `schema <kind>` prints.
        let schema_path = dir
            .path()
            .join("process")
            .join(&first[first.find('=').unwrap() + 1..]);
        let written: Value =
            serde_json::from_str(&std::fs::read_to_string(&schema_path).unwrap()).unwrap();
        let printed = util::run_in(dir.path(), &["schema", kind]);
        printed.expect_status(0);
        let printed: Value = serde_json::from_str(&printed.stdout).unwrap();
        assert_eq!(written, printed, "{}", schema_path.display());
        // And the file the line is in is valid by that schema.
        let value: Value = serde_yaml::from_str(&text).unwrap();
        let validator = jsonschema::validator_for(&written).unwrap();
        assert!(validator.is_valid(&value), "{rel}");
    }
    util::run_in(dir.path(), &["check"]).expect_status(0);
    // A folder with schemas/ already is not overwritten.
    let other = util::tempdir();
    std::fs::create_dir(other.path().join("schemas")).unwrap();
    util::run_in(other.path(), &["init"]).expect_status(2);
}
