//! Static files (`--static`): regular files under the folder only — never a dotfile or anything under a dot
//! folder (`.git/`, `.env`), never a database or its journals (`*.db`, `*.sqlite`, `*-wal`, `*-shm`,
//! `*-journal`: the audit trail holds borrower names and phone numbers), and never through a symlink that
//! leads outside the folder (paths are resolved before they are checked). Anything refused is the same JSON
//! 404 as a missing file, so the answer does not tell what exists.

use axum::body::Body;
use axum::extract::Request;
use axum::http::Method;
use axum::response::Response;
use std::path::{Component, Path, PathBuf};
use std::str::FromStr;
use tower::ServiceExt;

/// A folder served at a URL prefix: `DIR` (at `/`) or `/PREFIX=DIR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticMount {
    /// URL prefix, starting and ending with `/`.
    pub prefix: String,
    /// The folder.
    pub dir: PathBuf,
}

impl FromStr for StaticMount {
    type Err = String;

    fn from_str(s: &str) -> Result<StaticMount, String> {
        let (prefix, dir) = match s.split_once('=') {
            Some((p, d)) if p.starts_with('/') => (p, d),
            _ => ("/", s),
        };
        if dir.is_empty() {
            return Err(format!("`{s}` names no folder: use DIR or /PREFIX=DIR"));
        }
        let inner = prefix.trim_matches('/');
        if inner.split('/').any(|seg| seg.starts_with('.') || seg.is_empty()) && !inner.is_empty() {
            return Err(format!("the prefix `{prefix}` has an empty or dot segment"));
        }
        let prefix = if inner.is_empty() {
            "/".to_string()
        } else {
            format!("/{inner}/")
        };
        Ok(StaticMount {
            prefix,
            dir: PathBuf::from(dir),
        })
    }
}

/// The mounted folders, resolved once at start, longest prefix first.
#[derive(Debug, Default)]
pub(crate) struct Mounts(Vec<(String, PathBuf)>);

impl Mounts {
    /// Resolves each folder.
    ///
    /// # Errors
    /// A folder that does not exist or is not a folder.
    pub(crate) fn open(mounts: &[StaticMount]) -> anyhow::Result<Mounts> {
        let mut out = Vec::with_capacity(mounts.len());
        for m in mounts {
            let root =
                std::fs::canonicalize(&m.dir).map_err(|e| anyhow::anyhow!("--static `{}`: {e}", m.dir.display()))?;
            if !root.is_dir() {
                anyhow::bail!("--static `{}` is not a folder", m.dir.display());
            }
            out.push((m.prefix.clone(), root));
        }
        out.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Ok(Mounts(out))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The file a URL path names, if it may be served.
    pub(crate) fn resolve(&self, url_path: &str) -> Option<PathBuf> {
        for (prefix, root) in &self.0 {
            let rest = if let Some(rest) = url_path.strip_prefix(prefix.as_str()) {
                rest
            } else if url_path == prefix.trim_end_matches('/') {
                ""
            } else {
                continue;
            };
            return resolve_under(root, rest);
        }
        None
    }
}

/// A name that is never served: dotfiles and dot folders, databases and their journals.
fn private(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.')
        || [".db", ".db3", ".sqlite", ".sqlite3", "-wal", "-shm", "-journal"]
            .iter()
            .any(|ext| lower.ends_with(ext))
}

/// `rest` (still percent-encoded) under `root`, resolved through symlinks and checked at every step.
fn resolve_under(root: &Path, rest: &str) -> Option<PathBuf> {
    let decoded = percent_encoding::percent_decode_str(rest).decode_utf8().ok()?;
    let mut path = root.to_path_buf();
    for seg in decoded.split('/').filter(|s| !s.is_empty()) {
        if seg == "." || seg == ".." || seg.contains(['\\', '\0']) || private(seg) {
            return None;
        }
        path.push(seg);
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        path.push("index.html");
    }
    let mut real = std::fs::canonicalize(&path).ok()?;
    if real.is_dir() {
        real = std::fs::canonicalize(real.join("index.html")).ok()?;
    }
    // After symlinks: still under the root, still no private name on the way, and a regular file.
    let inside = real.strip_prefix(root).ok()?;
    let clean = inside.components().all(|c| match c {
        Component::Normal(name) => name.to_str().is_some_and(|n| !private(n)),
        _ => false,
    });
    (clean && real.is_file()).then_some(real)
}

/// Serves the static file for `req`, or the JSON 404.
pub(crate) async fn serve(mounts: std::sync::Arc<super::AppState>, req: Request) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return super::not_found().await;
    }
    let url_path = req.uri().path().to_string();
    let state = std::sync::Arc::clone(&mounts);
    let found = tokio::task::spawn_blocking(move || state.files.resolve(&url_path))
        .await
        .ok()
        .flatten();
    let Some(file) = found else {
        return super::not_found().await;
    };
    let served = tower_http::services::ServeFile::new(file).oneshot(req).await;
    match served {
        Ok(r) => r.map(Body::new),
        Err(never) => match never {},
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn mounts_parse() {
        assert_eq!(
            "www".parse::<StaticMount>().unwrap(),
            StaticMount {
                prefix: "/".into(),
                dir: "www".into()
            }
        );
        assert_eq!("/pkg=pkg".parse::<StaticMount>().unwrap().prefix, "/pkg/");
        assert_eq!("/a/b/=x".parse::<StaticMount>().unwrap().prefix, "/a/b/");
        assert!("/.git=x".parse::<StaticMount>().is_err());
        assert!("/p=".parse::<StaticMount>().is_err());
    }

    #[test]
    fn private_names() {
        for n in [
            ".env",
            ".git",
            "dunwell-audit.db",
            "x.DB",
            "a.db-wal",
            "a.db-shm",
            "a.db-journal",
            "b.sqlite3",
        ] {
            assert!(private(n), "{n}");
        }
        for n in ["index.html", "dunwell_bg.wasm", "db.js", "wal.txt"] {
            assert!(!private(n), "{n}");
        }
    }
}
