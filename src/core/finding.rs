//! Findings: what the analysis core reports, in byte ranges of the document text.

use std::borrow::Cow;
use std::ops::Range;

/// Text of a finding: most messages and fixes are fixed strings, which then
/// cost no allocation (nor one per copy into document offsets).
pub type Text = Cow<'static, str>;

/// How serious a finding is. Maps 1:1 onto LSP severities in the adapter.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Replace `range` (bytes) of the text by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    pub range: Range<usize>,
    pub replacement: Text,
}

impl Edit {
    pub fn new(range: Range<usize>, replacement: impl Into<Text>) -> Edit {
        Edit {
            range,
            replacement: replacement.into(),
        }
    }

    pub fn shifted(&self, by: usize) -> Edit {
        Edit {
            range: self.range.start + by..self.range.end + by,
            replacement: self.replacement.clone(),
        }
    }
}

/// A fix: a titled set of non-overlapping edits applied together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Fix {
    pub title: Text,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn replace(
        range: Range<usize>,
        replacement: impl Into<Text>,
        title: impl Into<Text>,
    ) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit::new(range, replacement)],
        }
    }
}

/// Another place that matters for a finding (LSP relatedInformation).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Related {
    pub range: Range<usize>,
    pub message: Text,
}

/// One defect found in the text.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    /// Stable rule code, e.g. `punct-halfwidth`.
    pub code: &'static str,
    pub severity: Severity,
    /// Chinese message: what is wrong and what is right.
    pub message: Text,
    /// Byte range in the document (or, inside a paragraph rule, in the paragraph).
    pub range: Range<usize>,
    pub fix: Option<Fix>,
    pub related: Vec<Related>,
    /// Did the rule choose the severity itself ([`Finding::with_severity`])?
    /// If not, the analyzer gives the finding its rule's default severity
    /// from the rule table (and then the configuration's).
    #[serde(skip)]
    pub(crate) own_severity: bool,
}

impl Finding {
    /// A finding at its rule's default severity (the analyzer fills it in
    /// from the rule table, then applies the configuration).
    pub fn new(code: &'static str, range: Range<usize>, message: impl Into<Text>) -> Finding {
        Finding {
            code,
            severity: Severity::Warning,
            message: message.into(),
            range,
            fix: None,
            related: Vec::new(),
            own_severity: false,
        }
    }

    /// A severity of the rule's own choice for this finding (a milder case
    /// of what the rule reports), in place of the rule's default.
    pub fn with_severity(mut self, severity: Severity) -> Finding {
        self.severity = severity;
        self.own_severity = true;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    pub fn with_related(mut self, range: Range<usize>, message: impl Into<Text>) -> Finding {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    /// Move every byte range by `by` (paragraph-relative → document).
    pub fn shifted(&self, by: usize) -> Finding {
        Finding {
            code: self.code,
            severity: self.severity,
            message: self.message.clone(),
            range: self.range.start + by..self.range.end + by,
            fix: self.fix.as_ref().map(|f| Fix {
                title: f.title.clone(),
                edits: f.edits.iter().map(|e| e.shifted(by)).collect(),
            }),
            related: self
                .related
                .iter()
                .map(|r| Related {
                    range: r.range.start + by..r.range.end + by,
                    message: r.message.clone(),
                })
                .collect(),
            own_severity: self.own_severity,
        }
    }
}
