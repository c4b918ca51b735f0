//! The tool's two languages against each other and against the code: every message the code
//! can produce is defined in both `.ftl` files, with the arguments the code gives it, and
//! formats without a Fluent error.

mod util;

use fluent_syntax::ast;
use processkarta::i18n::{Arg, Lang, Msg};
use std::collections::{BTreeMap, BTreeSet};

/// What a language says about one message: whether it has a value, its attributes, and
/// the variables (`$name`) it uses anywhere.
#[derive(Debug, PartialEq, Eq)]
struct Shape {
    value: bool,
    attributes: BTreeSet<&'static str>,
    variables: BTreeSet<&'static str>,
}

fn shapes(lang: Lang) -> BTreeMap<&'static str, Shape> {
    let resource = fluent_syntax::parser::parse(lang.ftl())
        .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", lang.code()));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(m) => {
                let mut variables = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_variables(p, &mut variables);
                }
                for a in &m.attributes {
                    pattern_variables(&a.value, &mut variables);
                }
                let shape = Shape {
                    value: m.value.is_some(),
                    attributes: m.attributes.iter().map(|a| a.id.name).collect(),
                    variables,
                };
                let id = m.id.name;
                assert!(
                    out.insert(id, shape).is_none(),
                    "{id} twice in {}",
                    lang.code()
                );
            }
            ast::Entry::Junk { content } => panic!("{}: cannot parse {content:?}", lang.code()),
            ast::Entry::Term(t) => panic!("{}: term -{} is not used", lang.code(), t.id.name),
            _ => {}
        }
    }
    out
}

fn pattern_variables(p: &ast::Pattern<&'static str>, out: &mut BTreeSet<&'static str>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &ast::Expression<&'static str>, out: &mut BTreeSet<&'static str>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_variables(i, out),
    }
}

fn inline_variables(i: &ast::InlineExpression<&'static str>, out: &mut BTreeSet<&'static str>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name);
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
        }
        _ => {}
    }
}

/// Every `msg!("id", name = …, …)` in src/: the file, the id and the argument names.
fn uses_in_code() -> Vec<(String, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let src = util::repo().join("src");
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let name = entry
            .path()
            .strip_prefix(util::repo())
            .unwrap()
            .display()
            .to_string();
        for (at, _) in text.match_indices("msg!(") {
            let rest = text[at + 5..].trim_start();
            let Some(rest) = rest.strip_prefix('"') else {
                panic!("{name}: a msg! whose id is not a literal");
            };
            let end = rest.find('"').unwrap();
            out.push((
                name.clone(),
                rest[..end].to_string(),
                arg_names(&rest[end + 1..]),
            ));
        }
    }
    out
}

/// The names of `name = value` arguments at the top level of a macro call, up to its `)`.
fn arg_names(rest: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut depth = 0;
    let mut chars = rest.char_indices().peekable();
    let mut after_comma = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match c {
                        '\\' if !escaped => escaped = true,
                        '"' if !escaped => break,
                        _ => escaped = false,
                    }
                }
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => after_comma = true,
            c if after_comma && !c.is_whitespace() => {
                after_comma = false;
                let ident: String = rest[i..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                let tail = rest[i + ident.len()..].trim_start();
                if !ident.is_empty() && tail.starts_with('=') && !tail.starts_with("==") {
                    names.insert(ident);
                }
            }
            _ => {}
        }
    }
    names
}

#[test]
fn both_languages_define_the_same_messages_with_the_same_arguments() {
    let en = shapes(Lang::En);
    let sv = shapes(Lang::Sv);
    let only = |a: &BTreeMap<&str, Shape>, b: &BTreeMap<&str, Shape>| -> Vec<String> {
        a.keys()
            .filter(|k| !b.contains_key(*k))
            .map(|k| k.to_string())
            .collect()
    };
    assert_eq!(only(&en, &sv), Vec::<String>::new(), "in English only");
    assert_eq!(only(&sv, &en), Vec::<String>::new(), "in Swedish only");
    for (id, shape) in &en {
        assert_eq!(Some(shape), sv.get(id), "{id}: English and Swedish differ");
    }
}

#[test]
fn every_message_the_code_uses_is_defined_with_the_arguments_it_gets() {
    let en = shapes(Lang::En);
    let uses = uses_in_code();
    assert!(uses.len() > 300, "only {} uses of msg! found", uses.len());
    let mut used = BTreeSet::new();
    for (file, id, args) in &uses {
        let Some(shape) = en.get(id.as_str()) else {
            panic!("{file}: message {id} is in no .ftl file");
        };
        assert!(shape.value, "{file}: message {id} has no text");
        let wanted: BTreeSet<String> = shape.variables.iter().map(|v| v.to_string()).collect();
        assert_eq!(args, &wanted, "{file}: the arguments of {id}");
        used.insert(id.as_str());
    }
    let unused: Vec<&str> = en.keys().copied().filter(|id| !used.contains(id)).collect();
    assert_eq!(unused, Vec::<&str>::new(), "messages no code uses");
}

#[test]
fn every_message_formats_without_error_in_both_languages() {
    // `Msg::text` asserts (in this debug build) that Fluent reported no error, such as an
    // argument the message needs and did not get; numbers and text are both tried for
    // every argument, so that each plural form is taken.
    for lang in Lang::ALL {
        for (id, shape) in shapes(lang) {
            for value in [Arg::Num(1), Arg::Num(2), Arg::Num(0), Arg::Str("x".into())] {
                let args = shape
                    .variables
                    .iter()
                    .map(|v| (*v, value.clone()))
                    .collect();
                let text = Msg::new(id, args).text(lang);
                assert!(!text.is_empty(), "{id} in {} is empty", lang.code());
                assert!(
                    !text.contains(['\u{2068}', '\u{2069}']),
                    "{id} in {}: isolation marks in {text:?}",
                    lang.code()
                );
            }
        }
    }
}

#[test]
fn build_and_export_say_in_the_models_language_that_nothing_was_made() {
    let model = util::Model::fixture("valid");
    model.overlay(&util::fixture("rules").join("E031-unknown-step"));
    let build = model.run_native(&["build"]);
    build.expect_status(1);
    assert!(
        build
            .stderr
            .ends_with("\n1 fel, 0 varningar: inget byggdes\n"),
        "{build}"
    );
    let export = model.run_native(&["export", "--to", "dot"]);
    export.expect_status(1);
    assert!(
        export
            .stderr
            .ends_with("\n1 fel, 0 varningar: inget exporterades\n"),
        "{export}"
    );
    let english = model.run_native(&["build", "--lang", "en"]);
    assert!(
        english
            .stderr
            .ends_with("\n1 error(s), 0 warning(s): nothing was built\n"),
        "{english}"
    );
}

#[test]
fn a_build_reports_what_it_wrote_in_the_models_language() {
    let model = util::Model::fixture("valid");
    let out = util::tempdir();
    let site = out.path().join("site");
    let run = model.run_native(&["build", "-o", site.to_str().unwrap()]);
    run.expect_status(0);
    let last = run.stderr.lines().last().unwrap_or("");
    assert!(last.starts_with("byggde "), "{run}");
    assert!(last.contains(" sidor och 4 kartor på "), "{run}");
}

/// Ten problems of all classes, in Swedish and in English: the same problems in the same
/// order with the same codes and places (the order compares the English text), the follow-on
/// count in the help of both, and the GitHub summary in the chosen language.
#[test]
fn the_languages_differ_only_in_words() {
    let model = util::Model::fixture("valid");
    model.overlay(&util::fixture("ten-errors"));
    let json = |lang: &str| {
        let run = model.run_native(&["check", "--format", "json", "--lang", lang]);
        run.expect_status(1);
        serde_json::from_str::<Vec<serde_json::Value>>(&run.stdout).unwrap()
    };
    let (sv, en) = (json("sv"), json("en"));
    let places = |diags: &[serde_json::Value]| -> Vec<String> {
        diags
            .iter()
            .map(|d| format!("{} {}:{}:{}", d["code"], d["file"], d["line"], d["column"]))
            .collect()
    };
    assert_eq!(places(&sv), places(&en));
    assert_eq!(sv.len(), 11);
    for (s, e) in sv.iter().zip(&en) {
        assert_ne!(s["message"], e["message"], "{s} {e}");
    }
    let github = model.run_native(&["check", "--format", "github"]);
    assert!(
        github.stdout.ends_with(
            "::notice title=processkarta::11 fel, 0 varningar; rätta det första felet först, de senare kan bero på det; GitHub visar bara de första 10 av varje slag, kör `processkarta check` för att se alla\n"
        ),
        "{github}"
    );
    assert!(
        github.stdout.contains("%0Ahjälp: Menar du `version`?\n"),
        "{github}"
    );
}
