//! Compliance lint for collection messages: banned phrases per locale, required elements per jurisdiction
//! and channel, and SMS length. Each finding has a stable code, a severity, the template and a position.
//!
//! Banned phrases are searched in the template source (so the position points at what the admin wrote) and
//! in the rendered text (so data-driven wording is caught too). Required elements are checked on the
//! rendered text, because they may come from variables (the company name) or from shared blocks.

use super::sms;
use crate::account::Channel;
use serde::Serialize;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Must not be sent.
    Error,
    /// Should be fixed.
    Warning,
}

/// One lint finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Finding {
    /// Stable code, e.g. `lint.threat`.
    pub code: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Template id (and part, e.g. `m2_overdue_firm/sms/en-US`).
    pub template: String,
    /// Byte offset in the template source (`source`) or rendered text (`rendered`), when it applies.
    pub position: Option<usize>,
    /// Where `position` points.
    pub within: &'static str,
    /// What was found or is missing.
    pub message: String,
}

/// A banned-phrase rule: code, the phrases (lower-case), and why.
struct Banned {
    code: &'static str,
    phrases: &'static [&'static str],
    why: &'static str,
}

/// English phrases collectors must not use (FDCPA/Reg F §1006.14, §1006.18; FCA CONC 7.9; CBA 2026).
const BANNED_EN: &[Banned] = &[
    Banned {
        code: "lint.threat",
        phrases: &[
            "arrest",
            "jail",
            "prison",
            "police",
            "criminal charge",
            "we will hurt",
            "you will regret",
            "ruin your life",
            "seize your",
            "we know where you live",
            "you'll be sorry",
        ],
        why: "threatens violence, arrest or action that is not intended or lawful",
    },
    Banned {
        code: "lint.insult",
        phrases: &["deadbeat", "liar", "stupid", "loser", "scum", "idiot", "shame on you"],
        why: "insults or abuses the borrower",
    },
    Banned {
        code: "lint.impersonation",
        phrases: &[
            "this is the court",
            "court officer",
            "government agency",
            "federal agent",
            "on behalf of the court",
            "law enforcement",
        ],
        why: "impersonates a court, the police or the government",
    },
    Banned {
        code: "lint.false_legal_claim",
        phrases: &[
            "warrant",
            "you will be sued today",
            "legal action has been filed",
            "judgment has been entered",
            "garnish your wages immediately",
            "garnish",
            "we will sue",
            "will be sued",
            "lawsuit has been filed",
            "court order against you",
        ],
        why: "makes a legal claim that may be false",
    },
    Banned {
        code: "lint.collection_fee",
        phrases: &["collection fee", "collection charge", "processing fee for this notice"],
        why: "demands a collection fee",
    },
    Banned {
        code: "lint.third_party_disclosure",
        phrases: &[
            "tell your employer",
            "contact your employer",
            "tell your family",
            "contact your family",
            "your neighbors",
            "your neighbours",
            "your contacts will",
            "your friends will know",
            "your employer will be told",
            "your emergency contact",
        ],
        why: "threatens to disclose the debt to third parties",
    },
    Banned {
        code: "lint.shaming",
        phrases: &[
            "publicly",
            "everyone will know",
            "name and shame",
            "wall of shame",
            "post your name",
        ],
        why: "shames the borrower",
    },
    Banned {
        code: "lint.new_borrowing",
        phrases: &["take out another loan", "borrow from another", "payday loan to pay"],
        why: "pushes new borrowing to repay",
    },
];

/// Chinese phrases banned by the CBA 2026 guideline and GB/T 45251—2025.
const BANNED_ZH: &[Banned] = &[
    Banned {
        code: "lint.threat",
        phrases: &[
            "逮捕",
            "拘留",
            "坐牢",
            "判刑",
            "抓你",
            "后果自负",
            "让你好看",
            "上门讨债",
            "找到你家",
            "上门找你",
        ],
        why: "暴力、逮捕或不实后果威胁",
    },
    Banned {
        code: "lint.insult",
        phrases: &["老赖", "骗子", "无赖", "不要脸", "废物", "垃圾", "赖账"],
        why: "侮辱、谩骂借款人",
    },
    Banned {
        code: "lint.impersonation",
        phrases: &["公安局", "警察", "法院工作人员", "我们是法院", "政府部门", "检察院"],
        why: "冒充公检法或政府机关",
    },
    Banned {
        code: "lint.false_legal_claim",
        phrases: &[
            "已立案",
            "已被起诉",
            "通缉",
            "冻结你所有",
            "起诉你",
            "强制执行",
            "法院传票",
            "失信被执行人",
            "列入黑名单",
        ],
        why: "不实法律后果",
    },
    Banned {
        code: "lint.collection_fee",
        phrases: &["催收费", "催收服务费", "上门费"],
        why: "收取催收费用",
    },
    Banned {
        code: "lint.third_party_disclosure",
        phrases: &[
            "通知你的家人",
            "告诉你的家人",
            "联系你的同事",
            "通讯录",
            "告知你的单位",
            "告诉你的朋友",
            "紧急联系人",
            "你的亲友",
        ],
        why: "向第三方透露债务",
    },
    Banned {
        code: "lint.shaming",
        phrases: &["曝光", "公开你的", "游街"],
        why: "羞辱借款人",
    },
    Banned {
        code: "lint.new_borrowing",
        phrases: &["以贷养贷", "借钱还", "其他平台借", "找网贷"],
        why: "诱导借新还旧",
    },
];

/// What to lint and against which rules.
#[derive(Clone, Copy)]
pub struct Subject<'a> {
    /// Template id for findings.
    pub template: &'a str,
    /// Template source.
    pub source: &'a str,
    /// The text as rendered with a sample account.
    pub rendered: &'a str,
    /// Locale.
    pub locale: &'a str,
    /// Jurisdiction preset code (`US`, `CN`, `GB`, `custom`).
    pub preset: &'a str,
    /// Channel.
    pub channel: Channel,
    /// Company name the message must identify.
    pub company: &'a str,
    /// Most SMS segments allowed.
    pub max_sms_segments: usize,
    /// Whether the debt-collector disclosure is required: false for a message to someone who is not the
    /// borrower (a wrong number), which must not reveal a debt at all (FDCPA §805(b)).
    pub disclose: bool,
}

/// Every finding for one template.
pub fn lint(s: &Subject<'_>) -> Vec<Finding> {
    let mut out = Vec::new();
    let rules = if s.locale.starts_with("zh") {
        BANNED_ZH
    } else {
        BANNED_EN
    };
    for rule in rules.iter().chain(if s.locale.starts_with("zh") {
        BANNED_EN
    } else {
        BANNED_ZH
    }) {
        for phrase in rule.phrases {
            for (within, text) in [("source", s.source), ("rendered", s.rendered)] {
                if let Some(pos) = text.to_lowercase().find(phrase) {
                    out.push(Finding {
                        code: rule.code,
                        severity: Severity::Error,
                        template: s.template.to_string(),
                        position: Some(pos),
                        within,
                        message: format!("`{phrase}`: {}", rule.why),
                    });
                    break;
                }
            }
        }
    }
    let text = s.rendered.to_lowercase();
    let written = matches!(
        s.channel,
        Channel::Sms | Channel::Email | Channel::Letter | Channel::SocialDm
    );
    let mut require = |code: &'static str, ok: bool, message: String| {
        if !ok {
            out.push(Finding {
                code,
                severity: Severity::Error,
                template: s.template.to_string(),
                position: None,
                within: "rendered",
                message,
            });
        }
    };
    if written && !s.company.is_empty() {
        require(
            "lint.company_identification",
            s.rendered.contains(s.company),
            format!("the message does not name the company `{}`", s.company),
        );
    }
    if s.preset == "US" && written && s.disclose {
        // Reg F §1006.18(e): the debt-collector disclosure in every written communication.
        let disclosed = text.contains("debt collector")
            || text.contains("attempt to collect a debt")
            || text.contains("债务催收")
            || text.contains("cobrador de deudas");
        require(
            "lint.mini_miranda",
            disclosed,
            "US messages must disclose that they come from a debt collector (Reg F §1006.18(e))".into(),
        );
    }
    if s.preset == "US" && matches!(s.channel, Channel::Sms | Channel::Email) {
        // Reg F §1006.6(e): a clear way to opt out of electronic communications.
        let opt_out = text.contains("reply stop")
            || text.contains("unsubscribe")
            || text.contains("opt out")
            || text.contains("opt-out")
            || text.contains("responda stop")
            || text.contains("darse de baja")
            || text.contains("退订");
        require(
            "lint.opt_out",
            opt_out,
            "texts and e-mails must say how to opt out (e.g. `Reply STOP`) (Reg F §1006.6(e))".into(),
        );
    }
    if s.locale.starts_with("zh") && s.channel == Channel::Sms {
        let opt_out = s.rendered.contains("退订") || s.rendered.contains("回复TD") || s.rendered.contains("回T");
        require("lint.opt_out", opt_out, "短信须提供退订方式（如“回复TD退订”）".into());
    }
    if s.channel == Channel::Sms {
        let size = sms::measure(s.rendered);
        if size.segments > s.max_sms_segments {
            out.push(Finding {
                code: "lint.sms_too_long",
                severity: Severity::Warning,
                template: s.template.to_string(),
                position: None,
                within: "rendered",
                message: format!(
                    "{} {} units make {} segments; the policy allows {}",
                    size.units,
                    size.encoding.name(),
                    size.segments,
                    s.max_sms_segments
                ),
            });
        }
    }
    crate::sort::sort_by(&mut out, |a, b| {
        (a.severity, a.code, a.position).cmp(&(b.severity, b.code, b.position))
    });
    out
}

/// Lints every written part of a rendered message: the subject travels with each body, HTML is read as the
/// text a reader sees. Findings are de-duplicated and sorted.
pub fn lint_message(m: &super::library::Message, subject: &Subject<'_>) -> Vec<Finding> {
    let mut bodies: Vec<String> = Vec::new();
    let title = m.subject.as_deref().map(|t| format!("{t}\n")).unwrap_or_default();
    if let Some(t) = &m.text {
        bodies.push(format!("{title}{t}"));
    }
    if let Some(h) = &m.html {
        bodies.push(format!("{title}{}", html_text(h)));
    }
    let mut out: Vec<Finding> = Vec::new();
    for body in &bodies {
        for f in lint(&Subject {
            rendered: body,
            ..*subject
        }) {
            if !out.contains(&f) {
                out.push(f);
            }
        }
    }
    crate::sort::sort_by(&mut out, |a, b| {
        (a.severity, a.code, a.position).cmp(&(b.severity, b.code, b.position))
    });
    out
}

/// The text a reader of an HTML part sees: tags dropped, the entities MiniJinja's escaping writes decoded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject<'a>(text: &'a str, locale: &'a str, preset: &'a str, channel: Channel) -> Subject<'a> {
        Subject {
            template: "t",
            source: text,
            rendered: text,
            locale,
            preset,
            channel,
            company: "Acme Finance",
            max_sms_segments: 2,
            disclose: true,
        }
    }

    fn codes(s: &Subject<'_>) -> Vec<&'static str> {
        let mut c: Vec<&'static str> = lint(s).into_iter().map(|f| f.code).collect();
        c.dedup();
        c
    }

    #[test]
    fn a_compliant_us_text_passes() {
        let t = "Acme Finance: your payment of $120.00 is 31 days late. Pay at acme.example/pay or call 800-555-0100. This is a debt collector. Reply STOP to opt out.";
        assert_eq!(codes(&subject(t, "en-US", "US", Channel::Sms)), Vec::<&str>::new());
    }

    #[test]
    fn each_banned_code_triggers_in_both_languages() {
        let en = [
            ("We will have you arrested.", "lint.threat"),
            ("You deadbeat.", "lint.insult"),
            ("This is the court calling.", "lint.impersonation"),
            ("A warrant has been issued.", "lint.false_legal_claim"),
            ("A collection fee of $30 applies.", "lint.collection_fee"),
            ("We will tell your employer.", "lint.third_party_disclosure"),
            ("Everyone will know.", "lint.shaming"),
            ("Take out another loan to pay us.", "lint.new_borrowing"),
        ];
        for (text, code) in en {
            let t = format!("Acme Finance. {text} This is a debt collector.");
            assert!(
                codes(&subject(&t, "en-GB", "GB", Channel::Letter)).contains(&code),
                "{text} → {code}"
            );
        }
        let zh = [
            ("再不还款就逮捕你。", "lint.threat"),
            ("你这个老赖。", "lint.insult"),
            ("我们是法院的。", "lint.impersonation"),
            ("你已被起诉。", "lint.false_legal_claim"),
            ("需另付催收费200元。", "lint.collection_fee"),
            ("我们会通知你的家人。", "lint.third_party_disclosure"),
            ("我们将曝光你的欠款。", "lint.shaming"),
            ("可以去其他平台借钱还款。", "lint.new_borrowing"),
        ];
        for (text, code) in zh {
            let t = format!("【Acme Finance】{text}回复TD退订");
            assert!(
                codes(&subject(&t, "zh-CN", "CN", Channel::Sms)).contains(&code),
                "{text} → {code}"
            );
        }
    }

    #[test]
    fn required_elements_and_length() {
        let c = codes(&subject(
            "Your payment is late. Pay today.",
            "en-US",
            "US",
            Channel::Email,
        ));
        assert_eq!(
            c,
            vec!["lint.company_identification", "lint.mini_miranda", "lint.opt_out"]
        );
        let c = codes(&subject(
            "【Acme Finance】您的账单已逾期。",
            "zh-CN",
            "CN",
            Channel::Sms,
        ));
        assert_eq!(c, vec!["lint.opt_out"]);
        let long = format!("【Acme Finance】{}回复TD退订", "请尽快还款。".repeat(30));
        let f = lint(&subject(&long, "zh-CN", "CN", Channel::Sms));
        assert_eq!(
            f.iter().map(|f| (f.code, f.severity)).collect::<Vec<_>>(),
            vec![("lint.sms_too_long", Severity::Warning)]
        );
        // The budget is the policy's: 306 septets are two segments, 307 are three (153 per part).
        let text = |n: usize| {
            format!(
                "Acme Finance: {} Reply STOP to opt out. This is a debt collector.",
                "x".repeat(n)
            )
        };
        let fixed = text(0).len();
        let budget = |rendered: &str, max: usize| {
            lint(&Subject {
                max_sms_segments: max,
                ..subject(rendered, "en-US", "US", Channel::Sms)
            })
            .iter()
            .map(|f| (f.code, f.severity))
            .collect::<Vec<_>>()
        };
        assert_eq!(budget(&text(306 - fixed), 2), vec![]);
        assert_eq!(
            budget(&text(307 - fixed), 2),
            vec![("lint.sms_too_long", Severity::Warning)]
        );
        assert_eq!(budget(&text(307 - fixed), 3), vec![]);
        assert_eq!(
            budget(&text(161 - fixed), 1),
            vec![("lint.sms_too_long", Severity::Warning)]
        );
        // Positions point into the source.
        let f = lint(&subject(
            "Acme Finance. Hello deadbeat. This is a debt collector.",
            "en-GB",
            "GB",
            Channel::Letter,
        ));
        assert_eq!(f.first().and_then(|f| f.position), Some(20));
    }
}
