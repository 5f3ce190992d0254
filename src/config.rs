//! Where verbatim keeps the user's things (config, the demo project) and who the coder is.
//! `VERBATIM_HOME` moves both folders (tests and scripts use it); otherwise the OS conventions
//! from `directories` apply.
//!
//! Invariant: nothing here touches a project; projects live where the user puts them.

use crate::error::{Error, Result};
use std::path::PathBuf;

/// The user's config and data folders.
#[derive(Debug, Clone)]
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

impl Dirs {
    /// Finds the folders: `$VERBATIM_HOME/{config,data}` when set, else the platform's.
    pub fn locate() -> Result<Self> {
        if let Some(home) = std::env::var_os("VERBATIM_HOME").filter(|h| !h.is_empty()) {
            let home = PathBuf::from(home);
            return Ok(Self {
                config: home.join("config"),
                data: home.join("data"),
            });
        }
        let dirs =
            directories::ProjectDirs::from("org", "verbatim", "verbatim").ok_or_else(|| {
                Error::Invalid(
                    "no home folder was found for verbatim's settings; set VERBATIM_HOME".into(),
                )
            })?;
        Ok(Self {
            config: dirs.config_dir().to_owned(),
            data: dirs.data_dir().to_owned(),
        })
    }
}

/// The coder name to record: `VERBATIM_CODER`, else `coder` in the user's `config.json`, else the
/// login name, else `coder`.
pub fn default_coder() -> String {
    if let Some(c) = std::env::var("VERBATIM_CODER")
        .ok()
        .filter(|c| valid_coder(c))
    {
        return c;
    }
    let from_config = Dirs::locate().ok().and_then(|d| {
        let bytes = std::fs::read(d.config.join("config.json")).ok()?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        v.get("coder")?.as_str().map(str::to_owned)
    });
    from_config
        .filter(|c| valid_coder(c))
        .or_else(|| std::env::var("USER").ok().filter(|c| valid_coder(c)))
        .or_else(|| std::env::var("USERNAME").ok().filter(|c| valid_coder(c)))
        .unwrap_or_else(|| "coder".to_owned())
}

/// A coder name becomes a folder name (`codings/<coder>/`): letters, digits, `-`, `_`, `.` only.
pub fn valid_coder(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
