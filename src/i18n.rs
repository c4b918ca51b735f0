//! The tool's own words in the model's language: Swedish or English, with Fluent.
//!
//! A text the tool prints is a [`Msg`]: a message id and its arguments, made with
//! [`msg!`](crate::msg). It becomes words only where it is printed, with
//! [`Msg::text`] in a [`Lang`]. The messages live in `i18n/<lang>/processkarta.ftl`,
//! compiled in, so the binary needs no files at run time. Values from the model (titles,
//! file names, step numbers) are arguments and never translated.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt;
use std::sync::OnceLock;

/// A language the tool speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    /// Swedish, the language of the models the tool is for.
    Sv,
    /// English.
    En,
}

impl Lang {
    /// Every language, in the order of `--lang`'s list.
    pub const ALL: [Lang; 2] = [Lang::Sv, Lang::En];

    /// The language code, as in book.toml and `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The tool's language for a model whose book.toml says `language = "<code>"`: Swedish
    /// for `sv` (also `sv-SE`, `sv_FI`), otherwise English, which every reader of a
    /// model in another language is likelier to read than Swedish.
    pub fn for_model(code: &str) -> Lang {
        let primary = code.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("sv") {
            Lang::Sv
        } else {
            Lang::En
        }
    }

    /// The messages of this language, as written in its `.ftl` file.
    pub fn ftl(self) -> &'static str {
        match self {
            Lang::Sv => include_str!("../i18n/sv/processkarta.ftl"),
            Lang::En => include_str!("../i18n/en/processkarta.ftl"),
        }
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 2] =
            [OnceLock::new(), OnceLock::new()];
        BUNDLES[self as usize].get_or_init(|| {
            let resource = FluentResource::try_new(self.ftl().to_string())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", self.code()));
            let id: unic_langid::LanguageIdentifier =
                self.code().parse().expect("sv and en are language ids");
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Without this, every argument would be wrapped in the invisible marks U+2068
            // and U+2069, which a terminal or a JSON reader shows as garbage.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{}: {errors:?}", self.code()));
            bundle
        })
    }
}

/// One argument of a message.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    /// Text from the model or from the system, printed as it is.
    Str(String),
    /// A count, which selects the singular or plural form.
    Num(i64),
    /// A measure with decimals, written with the decimal point of the language ("5.2" in
    /// English, "5,2" in Swedish); made by [`Arg::decimal`].
    Decimal(String),
    /// Another message, put into this one in the same language.
    Msg(Box<Msg>),
}

macro_rules! str_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Str(v.to_string())
            }
        }
    )*};
}
str_args!(&str, String, &String, std::borrow::Cow<'_, str>, char);

macro_rules! num_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Arg {
                Arg::Num(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
num_args!(usize, u32, u64, i64);

impl Arg {
    /// `x` with `digits` decimals, written as the language writes it.
    pub fn decimal(x: f64, digits: usize) -> Arg {
        Arg::Decimal(format!("{x:.digits$}"))
    }
}

impl From<Msg> for Arg {
    fn from(m: Msg) -> Arg {
        Arg::Msg(Box::new(m))
    }
}

impl From<crate::model::StepNr> for Arg {
    fn from(nr: crate::model::StepNr) -> Arg {
        Arg::Str(nr.to_string())
    }
}

impl From<&crate::model::StepNr> for Arg {
    fn from(nr: &crate::model::StepNr) -> Arg {
        Arg::Str(nr.to_string())
    }
}

/// A text of the tool: a message id of the `.ftl` files and its named arguments. Boxed,
/// so that a [`Diagnostic`](crate::diagnostic::Diagnostic) with three of them stays small.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Msg(Box<MsgData>);

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct MsgData {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// Makes a [`Msg`]: `msg!("unknown-step", from = step.nr, to = edge.to)`. The id must be a
/// literal, so that a test can find every id the code uses and check that both languages
/// define it with exactly these arguments.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($id, vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*])
    };
}

impl Msg {
    /// A message with its arguments; use [`msg!`](crate::msg), which checks that the id is
    /// a literal.
    #[doc(hidden)]
    pub fn new(id: &'static str, args: Vec<(&'static str, Arg)>) -> Msg {
        Msg(Box::new(MsgData { id, args }))
    }

    /// The message id.
    pub fn id(&self) -> &'static str {
        self.0.id
    }

    /// The message in `lang`. A message that the language lacks, or an argument it needs
    /// and does not get, is a bug that the tests catch; in a release build the text then
    /// shows the id or the argument's name rather than nothing.
    pub fn text(&self, lang: Lang) -> String {
        let bundle = lang.bundle();
        let Some(pattern) = bundle.get_message(self.0.id).and_then(|m| m.value()) else {
            debug_assert!(false, "no message {} in {}", self.0.id, lang.code());
            return self.0.id.to_string();
        };
        let mut args = FluentArgs::new();
        for (name, value) in &self.0.args {
            let value: FluentValue = match value {
                Arg::Str(s) => FluentValue::from(s.as_str()),
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Decimal(d) if lang == Lang::Sv => FluentValue::from(d.replace('.', ",")),
                Arg::Decimal(d) => FluentValue::from(d.as_str()),
                Arg::Msg(m) => FluentValue::from(m.text(lang)),
            };
            args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
        debug_assert!(
            errors.is_empty(),
            "{} in {}: {errors:?}",
            self.0.id,
            lang.code()
        );
        text.into_owned()
    }
}

/// The message in English, for logs and tests; what a user reads goes through
/// [`Msg::text`] in the chosen language.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_languages_map_to_the_tools_language() {
        assert_eq!(Lang::for_model("sv"), Lang::Sv);
        assert_eq!(Lang::for_model("sv-SE"), Lang::Sv);
        assert_eq!(Lang::for_model("SV_fi"), Lang::Sv);
        assert_eq!(Lang::for_model("en"), Lang::En);
        assert_eq!(Lang::for_model("fi"), Lang::En);
        assert_eq!(Lang::for_model(""), Lang::En);
    }

    #[test]
    fn arguments_are_put_in_without_isolation_marks() {
        let m = crate::msg!("unknown-step", from = "12", to = "99");
        assert_eq!(
            m.text(Lang::En),
            "step 12 points to step 99, which does not exist"
        );
        assert_eq!(
            m.text(Lang::Sv),
            "Steg 12 pekar på steg 99, som inte finns."
        );
    }
}
