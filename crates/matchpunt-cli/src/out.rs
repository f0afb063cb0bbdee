//! Writing output files whole or not at all.

use anyhow::{bail, Context, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// A set of files written to temporary files in the target folder and renamed into place together
/// once all are complete.
pub struct Outputs {
    dir: PathBuf,
    staged: Vec<(NamedTempFile, PathBuf)>,
    protected: Vec<PathBuf>,
}

impl Outputs {
    /// Outputs into `dir` (created if missing); `protected` are input files that must never be
    /// overwritten.
    pub fn new(dir: &Path, protected: &[&Path]) -> Result<Self> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        Ok(Outputs {
            dir: dir.to_path_buf(),
            staged: Vec::new(),
            protected: protected
                .iter()
                .filter_map(|p| std::fs::canonicalize(p).ok())
                .collect(),
        })
    }

    /// Stages `name` in the output folder, written by `f`.
    pub fn stage(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        let target = self.dir.join(name);
        self.stage_path(&target, f)
    }

    /// Stages a file at any path (e.g. `--export-lp FILE`).
    pub fn stage_path(
        &mut self,
        target: &Path,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        if let Ok(canon) = std::fs::canonicalize(target) {
            if self.protected.contains(&canon) {
                bail!(
                    "refusing to overwrite the input file {} with an output; choose another --out folder",
                    target.display()
                );
            }
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = NamedTempFile::new_in(parent)
            .with_context(|| format!("cannot create a temporary file in {}", parent.display()))?;
        {
            let mut w = BufWriter::new(tmp.as_file());
            f(&mut w).with_context(|| format!("cannot write {}", target.display()))?;
            w.flush()
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        self.staged.push((tmp, target.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place.
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        let mut done = Vec::new();
        for (tmp, target) in self.staged {
            tmp.as_file()
                .sync_all()
                .with_context(|| format!("cannot write {}", target.display()))?;
            tmp.persist(&target).with_context(|| {
                format!("cannot move the output into place at {}", target.display())
            })?;
            done.push(target);
        }
        Ok(done)
    }
}
