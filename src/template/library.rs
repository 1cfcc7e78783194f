//! The message library: the built-in templates (every ladder step of the default policy, in `zh-CN` and
//! `en-US`, each able to write every channel in every tone) plus the policy's own, compiled once per engine.
//!
//! A library template is small: it sets the step's words — `subject`, `short` (the SMS sentence), `facts`,
//! `consequence`, `ask` — and includes `base`, the locale's layout, which writes the part the channel needs
//! (`sms`, e-mail `text` and `html`, printable `letter`, agent `call` script, social `dm`) with the tone's
//! opener and closing, the offers, the pay line, the disclosures and the opt-out. Every template is compiled
//! twice, as `<key>.txt` and `<key>.html`, because escaping is decided by name: the HTML parts escape every
//! variable, so borrower data cannot inject markup. The built-in ones are compiled when first written, the
//! policy's own when the policy loads.
//!
//! Locales fall back: `en-GB` (and any other English) uses `en-US` words unless the policy defines
//! `en-GB/<id>`; dates and money still follow the borrower's own locale.

use super::context::MessageContext;
use super::sms::{self, SmsSize};
use super::{Limits, TemplateProblem};
use crate::account::Channel;
use crate::error::{Error, ErrorKind, Scope};
use minijinja::{Environment, Value};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Locales the built-in library is written in.
pub const LOCALES: [&str; 2] = ["en-US", "zh-CN"];

const BUILTIN: [(&str, &str); 3] = [
    ("en-US", include_str!("library/en-US.jinja")),
    ("zh-CN", include_str!("library/zh-CN.jinja")),
    // Spanish answers to replies (`reply_*`); every other message falls back to `en-US` words.
    ("es-US", include_str!("library/es-US.jinja")),
];

/// One written part of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// E-mail subject or letter title.
    Subject,
    /// Text message.
    Sms,
    /// E-mail plain-text part.
    Text,
    /// E-mail HTML part.
    Html,
    /// Printable letter (HTML).
    Letter,
    /// Agent's call script.
    Call,
    /// Social-media direct message.
    Dm,
    /// The assistant's answer to a borrower's reply, on the channel the reply came in.
    Answer,
}

impl Part {
    /// The value of the template variable `part`.
    pub fn name(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Sms => "sms",
            Part::Text => "text",
            Part::Html => "html",
            Part::Letter => "letter",
            Part::Call => "call",
            Part::Dm => "dm",
            Part::Answer => "answer",
        }
    }

    /// Whether the part is HTML (and so escapes every variable).
    pub fn is_html(self) -> bool {
        matches!(self, Part::Html | Part::Letter)
    }
}

/// The parts a channel's message has; referrals have none (they are work for people, not messages).
pub fn parts(channel: Channel) -> &'static [Part] {
    match channel {
        Channel::Sms => &[Part::Sms],
        Channel::Email => &[Part::Subject, Part::Text, Part::Html],
        Channel::Letter => &[Part::Subject, Part::Letter],
        Channel::Call => &[Part::Call],
        Channel::SocialDm => &[Part::Dm],
        Channel::AgencyReferral | Channel::LegalReferral => &[],
    }
}

/// A rendered message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Message {
    /// The template that wrote it, `<locale>/<id>`.
    pub template: String,
    /// E-mail subject or letter title.
    pub subject: Option<String>,
    /// Plain text: the SMS, the e-mail's text part, the call script or the DM.
    pub text: Option<String>,
    /// HTML: the e-mail's HTML part or the printable letter.
    pub html: Option<String>,
    /// SMS encoding and segments.
    pub sms: Option<SmsSize>,
}

/// Compiled templates: the built-in library with the policy's replacements and additions.
#[derive(Debug, Clone)]
pub struct Library {
    env: Environment<'static>,
    sources: Arc<BTreeMap<String, String>>,
    limits: Limits,
}

/// Splits a library file into its templates: each starts at a line `{#= name =#}`.
fn split(source: &str) -> Vec<(&str, String)> {
    let mut out: Vec<(&str, String)> = Vec::new();
    for line in source.split_inclusive('\n') {
        let t = line.trim();
        if let Some(name) = t.strip_prefix("{#=").and_then(|r| r.strip_suffix("=#}")) {
            out.push((name.trim(), String::new()));
        } else if let Some((_, body)) = out.last_mut() {
            body.push_str(line);
        }
    }
    for (_, body) in &mut out {
        // The newline before the next marker belongs to no template.
        if body.ends_with('\n') {
            body.pop();
        }
    }
    out
}

impl Library {
    /// Compiles the built-in library and `overrides` (keyed `<locale>/<id>`).
    ///
    /// # Errors
    /// Every template that does not compile, keyed as given, with its line.
    pub fn new(
        overrides: &BTreeMap<String, String>,
        limits: Limits,
    ) -> Result<Library, Vec<(String, TemplateProblem)>> {
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        for (locale, file) in BUILTIN {
            for (name, body) in split(file) {
                sources.insert(format!("{locale}/{name}"), body);
            }
        }
        for (key, source) in overrides {
            sources.insert(key.clone(), source.clone());
        }
        let mut env = super::environment(limits);
        // Library templates are line-oriented: a line holding only a block tag leaves no trace.
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
        {
            env.set_syntax(syntax);
        }
        // The built-in templates are compiled when first rendered (MiniJinja's loader keeps each once compiled):
        // an engine builds in well under a millisecond instead of compiling 82 templates twice, most of which
        // a run never writes (a unit test compiles every one). The policy's own are compiled here, so a broken
        // one is refused when the policy loads.
        // (The loader sees every source: an override is compiled here under the same name, and a compiled
        // template is found before the loader is asked.)
        let sources = Arc::new(sources);
        let all = Arc::clone(&sources);
        env.set_loader(move |name| {
            let key = name.strip_suffix(".txt").or_else(|| name.strip_suffix(".html"));
            Ok(key.and_then(|k| all.get(k)).cloned())
        });
        let mut problems = Vec::new();
        for (key, source) in overrides {
            if source.len() > limits.source_bytes {
                problems.push((
                    key.clone(),
                    TemplateProblem {
                        template: key.clone(),
                        line: None,
                        message: format!(
                            "source of {} bytes exceeds the {} byte limit",
                            source.len(),
                            limits.source_bytes
                        ),
                    },
                ));
                continue;
            }
            for ext in ["txt", "html"] {
                if let Err(e) = env.add_template_owned(format!("{key}.{ext}"), source.clone()) {
                    problems.push((
                        key.clone(),
                        TemplateProblem {
                            template: key.clone(),
                            line: e.line(),
                            message: super::describe(&e, limits),
                        },
                    ));
                    break;
                }
            }
        }
        if problems.is_empty() {
            Ok(Library { env, sources, limits })
        } else {
            Err(problems)
        }
    }

    /// The key of the template that writes `id` in `locale`, if any: the locale's own, else its language's
    /// library locale.
    pub fn resolve(&self, locale: &str, id: &str) -> Option<String> {
        [locale, library_locale(locale)]
            .into_iter()
            .map(|l| format!("{l}/{id}"))
            .find(|k| self.sources.contains_key(k))
    }

    /// Whether `id` can be written in every library locale.
    pub fn knows(&self, id: &str) -> bool {
        LOCALES.iter().all(|l| self.resolve(l, id).is_some())
    }

    /// Renders one part of template `key` with `ctx` (the message context as a template value: see
    /// [`template_value`]; converted once per message, not once per part).
    ///
    /// # Errors
    /// `call.template` naming the template and line.
    pub fn render_part(&self, key: &str, part: Part, ctx: &Value) -> Result<String, Error> {
        self.render_part_metered(key, part, ctx, &mut 0)
    }

    /// [`Library::render_part`], adding the template steps it took to `used`.
    ///
    /// # Errors
    /// As for [`Library::render_part`].
    pub fn render_part_metered(&self, key: &str, part: Part, ctx: &Value, used: &mut u64) -> Result<String, Error> {
        let ext = if part.is_html() { "html" } else { "txt" };
        let locale = key.split('/').next().unwrap_or_default();
        let base_locale = if self.sources.contains_key(&format!("{locale}/_base")) {
            locale
        } else {
            library_locale(locale)
        };
        let base = format!("{base_locale}/_base.{ext}");
        let vars = match ctx.downcast_object::<MessageVars>() {
            Some(message) => Value::from_object(PartVars {
                message,
                part: Value::from(part.name()),
                base: Value::from(base),
            }),
            None => minijinja::context! {
                part => part.name(),
                base => base,
                ..ctx.clone()
            },
        };
        let name = format!("{key}.{ext}");
        let tmpl = self
            .env
            .get_template(&name)
            .map_err(|e| super::failure(key, e.line(), super::describe(&e, self.limits)))?;
        super::render_capped(&tmpl, vars, self.limits, used)
            .map_err(|(line, message)| super::failure(key, line, message))
    }

    /// Writes the message for `channel` from template `id` in the context's locale; `None` for referrals.
    ///
    /// # Errors
    /// `call.unknown_template` when no template writes `id` in the locale; `call.template` when it fails.
    pub fn message(&self, id: &str, channel: Channel, ctx: &MessageContext) -> Result<Option<Message>, Error> {
        self.message_metered(id, channel, ctx, &mut 0)
    }

    /// [`Library::message`], adding the template steps it took to `used`.
    ///
    /// # Errors
    /// As for [`Library::message`].
    pub fn message_metered(
        &self,
        id: &str,
        channel: Channel,
        ctx: &MessageContext,
        used: &mut u64,
    ) -> Result<Option<Message>, Error> {
        let wanted = parts(channel);
        if wanted.is_empty() {
            return Ok(None);
        }
        let key = self.resolve(ctx.locale(), id).ok_or_else(|| {
            Error::new(
                Scope::Call,
                ErrorKind::UnknownTemplate,
                "",
                format!("no template `{id}` for locale {}", ctx.locale()),
            )
        })?;
        let vars = template_value(ctx);
        let mut m = Message {
            template: key.clone(),
            subject: None,
            text: None,
            html: None,
            sms: None,
        };
        for &part in wanted {
            // Layouts end parts with a newline and a subject is one line: trim what no channel wants.
            let out = self.render_part_metered(&key, part, &vars, used)?.trim().to_string();
            match part {
                Part::Subject => m.subject = Some(out),
                Part::Html | Part::Letter => m.html = Some(out),
                Part::Sms => {
                    m.sms = Some(sms::measure(&out));
                    m.text = Some(out);
                }
                Part::Text | Part::Call | Part::Dm | Part::Answer => m.text = Some(out),
            }
        }
        Ok(Some(m))
    }

    /// Writes the assistant's answer from template `id` (e.g. `reply_balance`) for a reply on `channel`.
    ///
    /// # Errors
    /// `call.unknown_template` or `call.template`, as for [`Library::message`].
    pub fn answer(&self, id: &str, channel: Channel, ctx: &MessageContext) -> Result<Message, Error> {
        self.answer_metered(id, channel, ctx, &mut 0)
    }

    /// [`Library::answer`], adding the template steps it took to `used`.
    ///
    /// # Errors
    /// As for [`Library::answer`].
    pub fn answer_metered(
        &self,
        id: &str,
        channel: Channel,
        ctx: &MessageContext,
        used: &mut u64,
    ) -> Result<Message, Error> {
        let key = self.resolve(ctx.locale(), id).ok_or_else(|| {
            Error::new(
                Scope::Call,
                ErrorKind::UnknownTemplate,
                "",
                format!("no template `{id}` for locale {}", ctx.locale()),
            )
        })?;
        let text = self
            .render_part_metered(&key, Part::Answer, &template_value(ctx), used)?
            .trim()
            .to_string();
        Ok(Message {
            sms: (channel == Channel::Sms).then(|| sms::measure(&text)),
            template: key,
            subject: None,
            text: Some(text),
            html: None,
        })
    }

    /// The source of template `key`.
    pub fn source(&self, key: &str) -> Option<&str> {
        self.sources.get(key).map(String::as_str)
    }
}

/// A message context as the value templates see.
pub fn template_value(ctx: &MessageContext) -> Value {
    Value::from_object(MessageVars::new(ctx))
}

/// A message's variables as its templates see them: each top-level field converted once per message and found
/// through a small hash table. (A serialized struct is a list MiniJinja scans key by key, and every `{{ x }}`
/// and `{% if x %}` of every part looks a variable up: about a fifth of a part's cost went to that scan.)
#[derive(Debug)]
pub struct MessageVars {
    /// Top-level variables in the struct's order.
    fields: Vec<(&'static str, Value)>,
    /// Open addressing over [`slot`]: 1 + the field's index, 0 for an empty slot.
    table: [u8; SLOTS],
}

/// Slots of [`MessageVars::table`]: a power of two, more than twice the context's fields.
const SLOTS: usize = 128;

/// FNV-1a of a variable name, masked to a slot.
fn slot(name: &str) -> usize {
    let h = name
        .bytes()
        .fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193));
    h as usize & (SLOTS - 1)
}

impl MessageVars {
    fn new(ctx: &MessageContext) -> Self {
        let mut fields = Vec::new();
        // MessageContext is a plain struct: its serialization is exactly one struct of named fields.
        let _ = ctx.serialize(FieldCollector(&mut fields));
        let mut table = [0u8; SLOTS];
        for (i, (name, _)) in fields.iter().enumerate().take(SLOTS / 2) {
            let mut at = slot(name);
            while table.get(at).is_some_and(|s| *s != 0) {
                at = (at + 1) & (SLOTS - 1);
            }
            if let (Some(s), Ok(index)) = (table.get_mut(at), u8::try_from(i + 1)) {
                *s = index;
            }
        }
        MessageVars { fields, table }
    }

    fn get(&self, key: &str) -> Option<Value> {
        let mut at = slot(key);
        loop {
            let index = usize::from(*self.table.get(at)?);
            let (name, value) = self.fields.get(index.checked_sub(1)?)?;
            if *name == key {
                return Some(value.clone());
            }
            at = (at + 1) & (SLOTS - 1);
        }
    }

    fn keys(&self) -> impl Iterator<Item = Value> + '_ {
        self.fields.iter().map(|(k, _)| Value::from(*k))
    }
}

impl minijinja::value::Object for MessageVars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.get(key)
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        minijinja::value::Enumerator::Values(self.keys().collect())
    }
}

/// Collects a struct's fields as template values, one by one (the serde serializer of [`MessageVars::new`]):
/// anything but a struct is refused.
struct FieldCollector<'a>(&'a mut Vec<(&'static str, Value)>);

#[derive(Debug)]
struct NotAStruct;

impl std::fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a message context is a struct")
    }
}

impl std::error::Error for NotAStruct {}

impl serde::ser::Error for NotAStruct {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NotAStruct
    }
}

impl serde::ser::SerializeStruct for FieldCollector<'_> {
    type Ok = ();
    type Error = NotAStruct;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), NotAStruct> {
        self.0.push((key, Value::from(minijinja::value::Serde(value))));
        Ok(())
    }

    fn end(self) -> Result<(), NotAStruct> {
        Ok(())
    }
}

macro_rules! refuse {
    ($($name:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $name(self, $(_: $arg),*) -> Result<(), NotAStruct> { Err(NotAStruct) })*
    };
}

impl<'a> serde::Serializer for FieldCollector<'a> {
    type Ok = ();
    type Error = NotAStruct;
    type SerializeSeq = serde::ser::Impossible<(), NotAStruct>;
    type SerializeTuple = serde::ser::Impossible<(), NotAStruct>;
    type SerializeTupleStruct = serde::ser::Impossible<(), NotAStruct>;
    type SerializeTupleVariant = serde::ser::Impossible<(), NotAStruct>;
    type SerializeMap = serde::ser::Impossible<(), NotAStruct>;
    type SerializeStruct = FieldCollector<'a>;
    type SerializeStructVariant = serde::ser::Impossible<(), NotAStruct>;

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, _: &T) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotAStruct> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

/// One part's variables: the message's, with `part` (which part is written) and `base` (the layout to include).
#[derive(Debug)]
struct PartVars {
    message: Arc<MessageVars>,
    part: Value,
    base: Value,
}

impl PartVars {
    fn get(&self, key: &str) -> Option<Value> {
        match key {
            "part" => Some(self.part.clone()),
            "base" => Some(self.base.clone()),
            _ => self.message.get(key),
        }
    }
}

impl minijinja::value::Object for PartVars {
    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.get(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.get(key)
    }

    fn enumerate(self: &Arc<Self>) -> minijinja::value::Enumerator {
        let own = [Value::from("part"), Value::from("base")];
        minijinja::value::Enumerator::Values(own.into_iter().chain(self.message.keys()).collect())
    }
}

/// The library locale whose words a locale falls back to.
pub fn library_locale(locale: &str) -> &'static str {
    if locale.starts_with("zh") { "zh-CN" } else { "en-US" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_files_split_into_named_templates() {
        let parts = split("{#= a =#}\nA {{ x }}\n{#= b =#}\nB\nB2\n");
        assert_eq!(parts, vec![("a", "A {{ x }}".to_string()), ("b", "B\nB2".to_string())]);
    }

    #[test]
    fn the_builtin_library_compiles() {
        // Built-in templates compile when first used; here every one is, in both parts, within the limits.
        let lib = Library::new(&BTreeMap::new(), Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(lib.sources.len() > 60, "{}", lib.sources.len());
        for (key, source) in lib.sources.iter() {
            assert!(source.len() <= lib.limits.source_bytes, "{key}");
            for ext in ["txt", "html"] {
                if let Err(e) = lib.env.get_template(&format!("{key}.{ext}")) {
                    panic!("{key}.{ext}: {e}");
                }
            }
        }
    }

    #[test]
    fn an_override_replaces_the_builtin_template_of_its_key() {
        let mut o = BTreeMap::new();
        o.insert("en-US/_base".to_string(), "custom {{ part }}".to_string());
        let lib = Library::new(&o, Limits::default()).unwrap_or_else(|e| panic!("{e:?}"));
        let tmpl = lib
            .env
            .get_template("en-US/_base.txt")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(tmpl.source(), "custom {{ part }}");
    }

    #[test]
    fn a_broken_override_is_reported_with_its_key_and_line() {
        let mut o = BTreeMap::new();
        o.insert("en-US/custom".to_string(), "ok\n{% if %}".to_string());
        let problems = Library::new(&o, Limits::default()).err().unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].0, "en-US/custom");
        assert_eq!(problems[0].1.line, Some(2));
    }
}
