//! Errors that stop a whole data file from loading, and diagnostics that only leave one item out.

/// A data file the widget cannot use at all. The message names the file and the field.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DataError {
    #[error("{file}: not valid JSON: {message}")]
    Json { file: &'static str, message: String },
    #[error("{file}: field {field}: {message}")]
    Field {
        file: &'static str,
        field: &'static str,
        message: String,
    },
}

/// One item of input that was skipped, with the reason; the rest of the map still works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic(pub String);

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
