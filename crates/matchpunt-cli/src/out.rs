//! Writing a command's output files as one set: after the command, the folder holds the old set
//! or the new set, never a mix, and no temporary file.
//!
//! The protocol, for an output folder `DIR`:
//!
//! 1. **Lock.** `DIR/.matchpunt.lock` is locked (an OS file lock, released by the OS however the
//!    process ends); a second run on the same folder is refused while the first holds it. The
//!    lock is taken before the inputs are read, and the lock file is removed when the run ends.
//! 2. **Recover.** A staging folder `DIR/.matchpunt-tmp` left by a run that was killed (kill -9,
//!    power loss) is dealt with first: if that run had started moving its files into place (its
//!    journal exists), the move is finished; otherwise its temporary files are removed.
//! 3. **Stage.** Every output is written whole into the staging folder (an export file outside
//!    `DIR` into a hidden file beside it) and synced to disk. Files are created with the user's
//!    umask. Nothing visible changes yet.
//! 4. **Commit.** A journal listing every (staged, target, backup) triple is written and
//!    renamed into place; then every existing target is moved to its backup, then every staged
//!    file to its target; then the backups and the journal are removed. If a rename fails, the
//!    renames done so far are undone in reverse order and the old set is back. If the undo
//!    itself fails, the journal stays, and the next run on the folder finishes the move.
//!
//! A file of the command's set that this run does not write (a round's `changes.csv` after a
//! plain run, `standbys.csv` with standbys off) is removed in the same commit
//! ([`OutputSet::remove_stale`]): it is moved to its backup with the old set and deleted with
//! it, so the folder holds one run's files, never another run's beside them.
//!
//! Ctrl-C and SIGTERM (see [`on_signal`]) remove the staging folder, the hidden export files,
//! the lock file and a folder the run created, and exit 130; during a commit they wait for it
//! to end (a few renames), so the folder then holds the new set.
//!
//! Why one file: the lock, the staging, the journal, the commit with its undo and the recovery
//! of a killed run are one protocol; each step relies on what the others leave on disk, so they
//! are read and changed together.

use anyhow::{bail, Context, Result};
use matchpunt::messages::Msg;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

/// A text of the message table about `path`, in the reader's language ([`crate::voice`]).
fn say(msg: Msg, path: &Path) -> String {
    crate::voice::reader().fill(msg, &[("path", &path.display())])
}

/// The lock file in an output folder.
pub const LOCK_NAME: &str = ".matchpunt.lock";
/// The staging folder in an output folder.
pub const STAGE_NAME: &str = ".matchpunt-tmp";
/// In the staging folder: the journal of a commit that has started.
const JOURNAL: &str = "commit";
const JOURNAL_PART: &str = "commit.part";
/// In the staging folder: hidden export files outside it, one path a line.
const PENDING: &str = "pending";
/// In the staging folder: the old files while the new ones move into place.
const OLD: &str = "old";

/// The renames of a commit, so that a test can make any of them fail.
pub trait FsOps {
    /// `std::fs::rename`.
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()>;
}

/// The real file system. Counts its renames for the `MATCHPUNT_TEST_HOLD=commit:K` hook.
#[derive(Default)]
pub struct RealFs {
    renames: usize,
}

impl FsOps for RealFs {
    fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
        test_hold(&format!("commit:{}", self.renames));
        self.renames += 1;
        fs::rename(from, to)
    }
}

/// A test hook: with `MATCHPUNT_TEST_HOLD=POINT` in the environment, the process says so on
/// stderr and sleeps at `POINT` ("locked", "staged", "commit:K" before the K-th rename of a
/// commit), so that a test can kill it there.
pub fn test_hold(point: &str) {
    if std::env::var_os("MATCHPUNT_TEST_HOLD").is_some_and(|v| v == point) {
        eprintln!("matchpunt: test hold at {point}");
        loop {
            std::thread::sleep(std::time::Duration::from_secs(60));
        }
    }
}

/// What a signal handler must remove for one open output set.
#[derive(Default)]
struct Cleanup {
    id: u64,
    stage: Option<PathBuf>,
    temps: Vec<PathBuf>,
    lock: Option<PathBuf>,
    /// Folders the run created, deepest first; removed if empty.
    created: Vec<PathBuf>,
}

impl Cleanup {
    fn run(&mut self) {
        for t in self.temps.drain(..) {
            let _ = fs::remove_file(t);
        }
        if let Some(s) = self.stage.take() {
            let _ = fs::remove_dir_all(s);
        }
        if let Some(l) = self.lock.take() {
            let _ = fs::remove_file(l);
        }
        for d in self.created.drain(..) {
            let _ = fs::remove_dir(d);
        }
    }
}

static CLEANUP: Mutex<Vec<Cleanup>> = Mutex::new(Vec::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

fn cleanup_list() -> MutexGuard<'static, Vec<Cleanup>> {
    CLEANUP.lock().unwrap_or_else(|e| e.into_inner())
}

fn with_cleanup(id: u64, f: impl FnOnce(&mut Cleanup)) {
    if let Some(c) = cleanup_list().iter_mut().find(|c| c.id == id) {
        f(c);
    }
}

/// The signal handler (Ctrl-C, SIGTERM, SIGHUP): removes every temporary file, lock file and
/// folder created by an output set that is open, then exits with status 130. A commit in
/// progress holds the list, so the handler waits for it to end.
pub fn on_signal() -> ! {
    let mut list = cleanup_list();
    let open = !list.is_empty();
    for c in list.iter_mut() {
        c.run();
    }
    if open {
        eprintln!("matchpunt: stopped; no output was changed");
    } else {
        eprintln!("matchpunt: stopped");
    }
    std::process::exit(130);
}

/// One file of the set.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    staged: PathBuf,
    target: PathBuf,
    backup: PathBuf,
    /// A stale file of the set: the commit moves the target to its backup and places nothing.
    remove: bool,
}

/// The output files of one command, written as one set into an output folder (and, for
/// exports, beside it). Dropped without [`OutputSet::commit`], it removes everything it made.
pub struct OutputSet {
    /// The folder as given, for messages.
    shown: PathBuf,
    /// Absolute.
    dir: PathBuf,
    stage: PathBuf,
    lock: Option<File>,
    entries: Vec<Entry>,
    id: u64,
    /// A note on what was recovered from an earlier, killed run.
    pub recovered: Option<String>,
}

impl OutputSet {
    /// Opens `dir` for a new output set: creates it if missing, takes its lock (refusing if
    /// another run holds it) and recovers what a killed run left.
    pub fn open(dir: &Path) -> Result<Self> {
        Self::open_with(dir, &mut RealFs::default())
    }

    /// [`OutputSet::open`] with the renames of a recovery done by `fs`.
    pub fn open_with(dir: &Path, fs_ops: &mut dyn FsOps) -> Result<Self> {
        if dir.exists() && !dir.is_dir() {
            bail!("{}", say(Msg::OutIsFile, dir));
        }
        let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
        let mut created = Vec::new();
        let mut up = Some(dir);
        while let Some(d) = up.filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            created.push(d.to_path_buf());
            up = d.parent();
        }
        cleanup_list().push(Cleanup {
            id,
            created: created.clone(),
            ..Cleanup::default()
        });
        let mut set = OutputSet {
            shown: dir.to_path_buf(),
            dir: dir.to_path_buf(),
            stage: dir.join(STAGE_NAME),
            lock: None,
            entries: Vec::new(),
            id,
            recovered: None,
        };
        fs::create_dir_all(dir).with_context(|| say(Msg::OutCannotCreateFolder, dir))?;
        set.dir = fs::canonicalize(dir).with_context(|| say(Msg::OutCannotOpenFolder, dir))?;
        set.stage = set.dir.join(STAGE_NAME);
        set.lock = Some(lock(&set.dir, &set.shown)?);
        let lock_path = set.dir.join(LOCK_NAME);
        with_cleanup(id, |c| c.lock = Some(lock_path));
        set.recovered =
            recover(&set.stage, fs_ops).with_context(|| say(Msg::OutCannotCleanUp, &set.shown))?;
        test_hold("locked");
        Ok(set)
    }

    fn ensure_stage(&self) -> Result<()> {
        if !self.stage.exists() {
            let mut list = cleanup_list();
            fs::create_dir(&self.stage).with_context(|| say(Msg::OutCannotCreate, &self.stage))?;
            fs::create_dir(self.stage.join(OLD))
                .with_context(|| say(Msg::OutCannotCreate, &self.stage))?;
            if let Some(c) = list.iter_mut().find(|c| c.id == self.id) {
                c.stage = Some(self.stage.clone());
            }
        }
        Ok(())
    }

    /// Stages `name` in the output folder, written by `f`.
    pub fn stage(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        self.stage_file(name, false, f)
    }

    /// [`OutputSet::stage`] for a file of one person's data (an access request's export):
    /// created with mode 0600 on Unix, readable by its owner only, whatever the umask.
    pub fn stage_private(
        &mut self,
        name: &str,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        self.stage_file(name, true, f)
    }

    fn stage_file(
        &mut self,
        name: &str,
        private: bool,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        self.ensure_stage()?;
        let entry = Entry {
            staged: self.stage.join(name),
            target: self.dir.join(name),
            backup: self.stage.join(OLD).join(name),
            remove: false,
        };
        let file = {
            let _list = cleanup_list();
            let mut opts = OpenOptions::new();
            opts.write(true).create(true).truncate(true);
            #[cfg(unix)]
            if private {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(0o600);
            }
            #[cfg(not(unix))]
            let _ = private;
            opts.open(&entry.staged)
                .with_context(|| say(Msg::OutCannotCreate, &entry.staged))?
        };
        let shown = self.shown.join(name);
        write_synced(file, &shown, f)?;
        self.entries.push(entry);
        Ok(())
    }

    /// Stages a file at any path (`--export-lp FILE`), as a hidden file beside it.
    pub fn stage_path(
        &mut self,
        target: &Path,
        f: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        self.ensure_stage()?;
        let target = absolute_target(target)?;
        let parent = target.parent().unwrap_or(Path::new("/"));
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let pid = std::process::id();
        let entry = Entry {
            staged: parent.join(format!(".{name}.matchpunt-new-{pid}")),
            target: target.clone(),
            backup: parent.join(format!(".{name}.matchpunt-old-{pid}")),
            remove: false,
        };
        let file = {
            let mut list = cleanup_list();
            // Listed before it exists, so that a killed run's file can be found and removed.
            let mut pending = OpenOptions::new()
                .create(true)
                .append(true)
                .open(self.stage.join(PENDING))
                .with_context(|| say(Msg::OutCannotWriteIn, &self.stage))?;
            pending.write_all(format!("{}\n", encode(&entry.staged)).as_bytes())?;
            pending.sync_all()?;
            if let Some(c) = list.iter_mut().find(|c| c.id == self.id) {
                c.temps.push(entry.staged.clone());
            }
            File::create(&entry.staged).with_context(|| say(Msg::OutCannotCreate, &entry.staged))?
        };
        write_synced(file, &target, f)?;
        self.entries.push(entry);
        Ok(())
    }

    /// Removes `name` from the output folder in the commit, as one step with the staged
    /// files, unless this set stages it or it does not exist: a file of the command's set that
    /// this run does not write. Call it after staging. Nothing changes before the commit, and
    /// a failed commit puts it back with the old set.
    ///
    /// # Errors
    /// `name` is a folder.
    pub fn remove_stale(&mut self, name: &str) -> Result<()> {
        let target = self.dir.join(name);
        if self.entries.iter().any(|e| e.target == target) || !target.exists() {
            return Ok(());
        }
        if target.is_dir() {
            bail!(
                "{} is a folder: move it away, or choose another output",
                self.shown.join(name).display()
            );
        }
        self.ensure_stage()?;
        self.entries.push(Entry {
            staged: self.stage.join(name),
            backup: self.stage.join(OLD).join(name),
            target,
            remove: true,
        });
        Ok(())
    }

    /// The files [`OutputSet::remove_stale`] will remove, as shown.
    pub fn stale(&self) -> Vec<PathBuf> {
        self.entries
            .iter()
            .filter(|e| e.remove)
            .filter_map(|e| e.target.file_name().map(|n| self.shown.join(n)))
            .collect()
    }

    /// Moves every staged file into place as one set (see the module docs); returns the
    /// targets written (not those removed).
    pub fn commit(self) -> Result<Vec<PathBuf>> {
        self.commit_with(&mut RealFs::default())
    }

    /// [`OutputSet::commit`] with the renames done by `fs_ops`.
    pub fn commit_with(mut self, fs_ops: &mut dyn FsOps) -> Result<Vec<PathBuf>> {
        test_hold("staged");
        // Signals wait until the commit is over.
        let mut list = cleanup_list();
        for e in &self.entries {
            if e.target.is_dir() {
                bail!("{}", say(Msg::OutTargetIsFolder, &e.target));
            }
        }
        let journal = self.stage.join(JOURNAL);
        let part = self.stage.join(JOURNAL_PART);
        let mut text = String::new();
        for e in &self.entries {
            text.push_str(&format!(
                "{}\t{}\t{}{}\n",
                encode(&e.target),
                encode(&e.staged),
                encode(&e.backup),
                if e.remove { "\tremove" } else { "" }
            ));
        }
        write_synced(
            File::create(&part).with_context(|| say(Msg::OutCannotCreate, &part))?,
            &part,
            |w| Ok(w.write_all(text.as_bytes())?),
        )?;
        fs_ops
            .rename(&part, &journal)
            .with_context(|| say(Msg::OutCannotWrite, &journal))?;
        sync_dir(&self.stage);
        move_into_place(&self.entries, fs_ops, &self.shown)?;
        // The new set is in place. The backups go before the journal, so that a run killed in
        // between leaves a journal by which the next run finds and removes the rest.
        for e in &self.entries {
            let _ = fs::remove_file(&e.backup);
        }
        let _ = fs::remove_file(&journal);
        let _ = fs::remove_dir_all(&self.stage);
        sync_dir(&self.dir);
        for e in &self.entries {
            if let Some(p) = e.target.parent() {
                sync_dir(p);
            }
        }
        let _ = fs::remove_file(self.dir.join(LOCK_NAME));
        list.retain(|c| c.id != self.id);
        drop(list);
        self.lock = None;
        let entries = std::mem::take(&mut self.entries);
        Ok(entries
            .into_iter()
            .filter(|e| !e.remove)
            .map(|e| {
                e.target
                    .strip_prefix(&self.dir)
                    .map(|rel| self.shown.join(rel))
                    .unwrap_or(e.target)
            })
            .collect())
    }
}

impl Drop for OutputSet {
    /// Not committed (an error, or a commit that failed and was undone): removes the staging
    /// folder, the hidden export files, the lock file and a folder this run created, if empty.
    fn drop(&mut self) {
        let mut list = cleanup_list();
        if let Some(pos) = list.iter().position(|c| c.id == self.id) {
            let mut c = list.swap_remove(pos);
            // A failed commit whose undo failed too keeps its journal for the next run.
            if self.stage.join(JOURNAL).exists() {
                c.stage = None;
                c.temps.clear();
                c.created.clear();
            }
            c.run();
        }
        self.lock = None;
    }
}

/// Phase A (old files to their backups) and phase B (staged files to their targets), undone
/// in reverse order if a rename fails.
fn move_into_place(entries: &[Entry], fs_ops: &mut dyn FsOps, shown: &Path) -> Result<()> {
    let mut backed_up = Vec::new();
    let mut placed = Vec::new();
    let mut failure = None;
    for (i, e) in entries.iter().enumerate() {
        if e.target.exists() {
            if let Err(err) = fs_ops.rename(&e.target, &e.backup) {
                failure = Some((err, &e.target));
                break;
            }
            backed_up.push(i);
        }
    }
    if failure.is_none() {
        for (i, e) in entries.iter().enumerate().filter(|(_, e)| !e.remove) {
            if let Err(err) = fs_ops.rename(&e.staged, &e.target) {
                failure = Some((err, &e.target));
                break;
            }
            placed.push(i);
        }
    }
    let Some((err, at)) = failure else {
        return Ok(());
    };
    let mut undone = true;
    for &i in placed.iter().rev() {
        undone &= fs_ops
            .rename(&entries[i].target, &entries[i].staged)
            .is_ok();
    }
    for &i in backed_up.iter().rev() {
        if undone {
            undone &= fs_ops
                .rename(&entries[i].backup, &entries[i].target)
                .is_ok();
        }
    }
    let stage = entries
        .iter()
        .find_map(|e| e.backup.parent().and_then(Path::parent))
        .map(Path::to_path_buf);
    if undone {
        if let Some(s) = &stage {
            let _ = fs::remove_file(s.join(JOURNAL));
        }
        let lang = crate::voice::reader();
        let hint = if err.kind() == io::ErrorKind::PermissionDenied {
            lang.text(Msg::OutMoveOpenElsewhere)
        } else {
            ""
        };
        Err(anyhow::Error::new(err).context(lang.fill(
            Msg::OutMoveUndone,
            &[
                ("path", &at.display()),
                ("hint", &hint),
                ("dir", &shown.display()),
            ],
        )))
    } else {
        Err(anyhow::Error::new(err).context(crate::voice::reader().fill(
            Msg::OutMoveStuck,
            &[("path", &at.display()), ("dir", &shown.display())],
        )))
    }
}

/// Finishes or undoes what a killed run left in `stage` (see the module docs). Returns a note
/// for the user if there was something.
fn recover(stage: &Path, fs_ops: &mut dyn FsOps) -> Result<Option<String>> {
    if !stage.exists() {
        return Ok(None);
    }
    let journal = stage.join(JOURNAL);
    let note = if journal.exists() {
        let text =
            fs::read_to_string(&journal).with_context(|| say(Msg::OutCannotRead, &journal))?;
        let entries = parse_journal(&text).with_context(|| say(Msg::OutDamaged, &journal))?;
        for e in &entries {
            if e.remove {
                if e.target.exists() && !e.backup.exists() {
                    fs_ops.rename(&e.target, &e.backup)?;
                }
            } else if e.staged.exists() {
                if e.target.exists() && !e.backup.exists() {
                    fs_ops.rename(&e.target, &e.backup)?;
                }
                fs_ops.rename(&e.staged, &e.target)?;
            }
        }
        fs::remove_file(&journal)?;
        for e in &entries {
            let _ = fs::remove_file(&e.backup);
        }
        Msg::OutRecoveredMoved
    } else {
        if let Ok(text) = fs::read_to_string(stage.join(PENDING)) {
            for line in text.lines() {
                if let Some(p) = decode(line) {
                    let _ = fs::remove_file(p);
                }
            }
        }
        Msg::OutRecoveredRemoved
    };
    fs::remove_dir_all(stage).with_context(|| say(Msg::OutCannotRemove, stage))?;
    Ok(Some(crate::voice::reader().text(note).to_string()))
}

fn parse_journal(text: &str) -> Result<Vec<Entry>> {
    text.lines()
        .map(|line| {
            let parts: Vec<Option<PathBuf>> = line.split('\t').map(decode).collect();
            match parts.as_slice() {
                [Some(t), Some(s), Some(b)] => Ok(Entry {
                    target: t.clone(),
                    staged: s.clone(),
                    backup: b.clone(),
                    remove: false,
                }),
                [Some(t), Some(s), Some(b), _] if line.ends_with("\tremove") => Ok(Entry {
                    target: t.clone(),
                    staged: s.clone(),
                    backup: b.clone(),
                    remove: true,
                }),
                _ => bail!(
                    "{}",
                    crate::voice::reader()
                        .fill(Msg::OutBadJournalLine, &[("line", &format!("{line:?}"))])
                ),
            }
        })
        .collect()
}

/// Takes the lock of `dir` (absolute), or says which run holds it.
fn lock(dir: &Path, shown: &Path) -> Result<File> {
    use fs4::fs_std::FileExt;
    let path = dir.join(LOCK_NAME);
    for _ in 0..10 {
        let mut f = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| say(Msg::OutCannotCreate, &path))?;
        if !f
            .try_lock_exclusive()
            .with_context(|| say(Msg::OutCannotLock, &path))?
        {
            let mut pid = String::new();
            let _ = f.read_to_string(&mut pid);
            let lang = crate::voice::reader();
            bail!(
                "{}",
                match pid.trim() {
                    "" => say(Msg::OutBusy, shown),
                    p => lang.fill(Msg::OutBusyPid, &[("pid", &p), ("path", &shown.display())]),
                }
            );
        }
        // A run that ended in between removed the file we opened: lock the new one instead.
        if !same_file(&f, &path) {
            continue;
        }
        f.set_len(0)?;
        writeln!(f, "{}", std::process::id())?;
        return Ok(f);
    }
    bail!("{}", say(Msg::OutLockReplaced, &path))
}

#[cfg(unix)]
fn same_file(f: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (f.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &File, path: &Path) -> bool {
    // An open file cannot be removed here, so the path still names it.
    path.exists()
}

/// Writes `f` into `file` and syncs it to disk.
fn write_synced(
    file: File,
    shown: &Path,
    f: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let mut w = BufWriter::new(file);
    f(&mut w).with_context(|| say(Msg::OutCannotWrite, shown))?;
    let file = w
        .into_inner()
        .map_err(|e| e.into_error())
        .with_context(|| say(Msg::OutCannotWrite, shown))?;
    file.sync_all()
        .with_context(|| say(Msg::OutCannotWrite, shown))
}

/// Makes renames in `dir` durable (where the platform allows opening a folder).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// `target` with an absolute, resolved folder (the file itself need not exist).
pub fn absolute_target(target: &Path) -> Result<PathBuf> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = target.file_name() else {
        bail!("{}", say(Msg::OutExpectedFileName, target));
    };
    let dir = fs::canonicalize(parent).with_context(|| {
        crate::voice::reader().fill(
            Msg::OutNoFolder,
            &[("path", &target.display()), ("dir", &parent.display())],
        )
    })?;
    Ok(dir.join(name))
}

/// A path as one journal field: bytes outside printable ASCII, `%` and tabs as `%XX`.
fn encode(p: &Path) -> String {
    let mut out = String::new();
    for &b in path_bytes(p).iter() {
        if b.is_ascii_graphic() && b != b'%' || b == b' ' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(s: &str) -> Option<PathBuf> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    path_from_bytes(out)
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn path_from_bytes(b: Vec<u8>) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    Some(PathBuf::from(std::ffi::OsString::from_vec(b)))
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn path_from_bytes(b: Vec<u8>) -> Option<PathBuf> {
    String::from_utf8(b).ok().map(PathBuf::from)
}

/// A simpler set of files for `compare` and `simulate`: written to temporary files in the target
/// folder and renamed into place once all are complete (without the lock and journal of
/// [`OutputSet`]).
pub struct Outputs {
    dir: PathBuf,
    staged: Vec<(tempfile::NamedTempFile, PathBuf)>,
    protected: Vec<PathBuf>,
}

impl Outputs {
    /// Outputs into `dir` (created if missing); `protected` are input files that must never be
    /// overwritten.
    pub fn new(dir: &Path, protected: &[&Path]) -> Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| say(Msg::OutCannotCreateFolder, dir))?;
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
                bail!("{}", say(Msg::OutProtectedInput, target));
            }
        }
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // Created with mode 0666 less the umask, as any new file (tempfile's own default is
        // 0600, which kept the group from reading a shared report).
        let mut builder = tempfile::Builder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(fs::Permissions::from_mode(0o666));
        }
        let tmp = builder
            .tempfile_in(parent)
            .with_context(|| say(Msg::OutCannotCreateTemp, parent))?;
        {
            let mut w = BufWriter::new(tmp.as_file());
            f(&mut w).with_context(|| say(Msg::OutCannotWrite, target))?;
            w.flush()
                .with_context(|| say(Msg::OutCannotWrite, target))?;
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
                .with_context(|| say(Msg::OutCannotWrite, &target))?;
            tmp.persist(&target)
                .with_context(|| say(Msg::OutCannotMoveOne, &target))?;
            done.push(target);
        }
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fails the `fail`-th rename (0-based) and every one listed in `also`.
    struct FailAt {
        n: usize,
        fail: Vec<usize>,
    }

    impl FsOps for FailAt {
        fn rename(&mut self, from: &Path, to: &Path) -> io::Result<()> {
            let k = self.n;
            self.n += 1;
            if self.fail.contains(&k) {
                return Err(io::Error::other(format!("injected failure at rename {k}")));
            }
            fs::rename(from, to)
        }
    }

    /// Every file under `dir` with its content, relative, sorted (hidden files included).
    fn listing(dir: &Path) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p.clone());
                    out.push((
                        p.strip_prefix(dir).unwrap().display().to_string() + "/",
                        String::new(),
                    ));
                } else {
                    out.push((
                        p.strip_prefix(dir).unwrap().display().to_string(),
                        fs::read_to_string(&p).unwrap_or_default(),
                    ));
                }
            }
        }
        out.sort();
        out
    }

    const NAMES: [&str; 3] = ["assignments.csv", "unmatched.csv", "experts.csv"];

    /// A folder with the old set, a file of the user's, and an old export beside it.
    fn old_set() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        fs::create_dir(&out).unwrap();
        for n in NAMES {
            fs::write(out.join(n), format!("old {n}")).unwrap();
        }
        fs::write(out.join("notes.txt"), "the user's").unwrap();
        fs::write(root.path().join("model.lp"), "old lp").unwrap();
        root
    }

    fn stage_new(set: &mut OutputSet, root: &Path) {
        for n in NAMES {
            set.stage(n, |w| Ok(w.write_all(format!("new {n}").as_bytes())?))
                .unwrap();
        }
        set.stage_path(&root.join("model.lp"), |w| Ok(w.write_all(b"new lp")?))
            .unwrap();
    }

    fn expect_set(root: &Path, which: &str) {
        let mut want: Vec<(String, String)> = NAMES
            .iter()
            .map(|n| (format!("out/{n}"), format!("{which} {n}")))
            .collect();
        want.push(("out/".into(), String::new()));
        want.push(("out/notes.txt".into(), "the user's".into()));
        want.push(("model.lp".into(), format!("{which} lp")));
        want.sort();
        assert_eq!(
            listing(root),
            want,
            "expected the {which} set and nothing else"
        );
    }

    #[test]
    fn commit_replaces_the_set_and_keeps_other_files() {
        let root = old_set();
        let mut set = OutputSet::open(&root.path().join("out")).unwrap();
        stage_new(&mut set, root.path());
        let written = set.commit().unwrap();
        assert_eq!(written.len(), 4);
        expect_set(root.path(), "new");
    }

    /// The renames of a commit of 4 files over 4 old ones: 1 journal + 4 backups + 4 moves.
    const RENAMES: usize = 9;

    #[test]
    fn a_failing_rename_at_any_step_leaves_the_old_set() {
        for k in 0..RENAMES {
            let root = old_set();
            let mut set = OutputSet::open(&root.path().join("out")).unwrap();
            stage_new(&mut set, root.path());
            let err = set
                .commit_with(&mut FailAt {
                    n: 0,
                    fail: vec![k],
                })
                .unwrap_err();
            assert!(
                format!("{err:#}").contains("injected failure"),
                "step {k}: {err:#}"
            );
            expect_set(root.path(), "old");
        }
        // And with no failure, the new set.
        let root = old_set();
        let mut set = OutputSet::open(&root.path().join("out")).unwrap();
        stage_new(&mut set, root.path());
        set.commit_with(&mut FailAt {
            n: 0,
            fail: vec![RENAMES],
        })
        .unwrap();
        expect_set(root.path(), "new");
    }

    #[test]
    fn a_failing_undo_is_finished_by_the_next_run() {
        // Fail a rename and the first rename of its undo: the journal stays, the folder may
        // hold a mix until the next open, which must leave the new set and nothing else.
        let mut finished_later = 0;
        for k in 1..RENAMES {
            let root = old_set();
            let out = root.path().join("out");
            let mut set = OutputSet::open(&out).unwrap();
            stage_new(&mut set, root.path());
            let err = set
                .commit_with(&mut FailAt {
                    n: 0,
                    fail: vec![k, k + 1],
                })
                .unwrap_err();
            let msg = format!("{err:#}");
            let undone = msg.contains("are unchanged");
            let set = OutputSet::open(&out).unwrap();
            if undone {
                // (The second failure fell after the commit's renames.)
                assert_eq!(set.recovered, None, "step {k}");
                drop(set);
                expect_set(root.path(), "old");
            } else {
                assert!(msg.contains("next run"), "step {k}: {msg}");
                assert!(set.recovered.is_some(), "step {k}");
                drop(set);
                expect_set(root.path(), "new");
                finished_later += 1;
            }
        }
        // Steps 2-8 fail an undo; step 1 (the first backup) has nothing to undo.
        assert_eq!(finished_later, RENAMES - 2);
    }

    /// The old set plus a stale file of another run (`changes.csv`), which the new set does
    /// not write: after a commit it is gone, after a failed one it is back with the old set.
    fn expect_with_stale(root: &Path, which: &str) {
        let mut got = listing(root);
        let stale = ("out/changes.csv".to_string(), "old changes".to_string());
        let had = got.contains(&stale);
        got.retain(|x| *x != stale);
        assert_eq!(had, which == "old", "{which}: {got:?}");
        let mut want: Vec<(String, String)> = NAMES
            .iter()
            .map(|n| (format!("out/{n}"), format!("{which} {n}")))
            .collect();
        want.push(("out/".into(), String::new()));
        want.push(("out/notes.txt".into(), "the user's".into()));
        want.push(("model.lp".into(), format!("{which} lp")));
        want.sort();
        assert_eq!(got, want, "expected the {which} set and nothing else");
    }

    fn stale_set() -> (tempfile::TempDir, OutputSet) {
        let root = old_set();
        let out = root.path().join("out");
        fs::write(out.join("changes.csv"), "old changes").unwrap();
        let mut set = OutputSet::open(&out).unwrap();
        stage_new(&mut set, root.path());
        for n in NAMES.iter().chain(&["changes.csv", "standbys.csv"]) {
            set.remove_stale(n).unwrap();
        }
        assert_eq!(set.stale(), vec![out.join("changes.csv")]);
        (root, set)
    }

    #[test]
    fn a_file_of_the_set_not_written_goes_in_the_same_commit() {
        let (root, set) = stale_set();
        let written = set.commit().unwrap();
        assert_eq!(written.len(), 4, "the removed file is not said written");
        expect_with_stale(root.path(), "new");
        // A failing rename at any step (one more backup: the stale file) leaves the old set,
        // the stale file with it.
        for k in 0..RENAMES + 1 {
            let (root, set) = stale_set();
            let err = set
                .commit_with(&mut FailAt {
                    n: 0,
                    fail: vec![k],
                })
                .unwrap_err();
            assert!(format!("{err:#}").contains("injected failure"), "{k}");
            expect_with_stale(root.path(), "old");
        }
        // A failed undo: the next run finishes the commit, the stale file removed.
        for k in 1..RENAMES + 1 {
            let (root, set) = stale_set();
            let msg = format!(
                "{:#}",
                set.commit_with(&mut FailAt {
                    n: 0,
                    fail: vec![k, k + 1],
                })
                .unwrap_err()
            );
            drop(OutputSet::open(&root.path().join("out")).unwrap());
            let which = if msg.contains("are unchanged") {
                "old"
            } else {
                "new"
            };
            expect_with_stale(root.path(), which);
        }
    }

    #[test]
    fn dropping_an_uncommitted_set_removes_everything_it_made() {
        let root = old_set();
        let mut set = OutputSet::open(&root.path().join("out")).unwrap();
        stage_new(&mut set, root.path());
        drop(set);
        expect_set(root.path(), "old");
        // A folder the run created goes too, when it stays empty.
        let fresh = root.path().join("a/b/c");
        let set = OutputSet::open(&fresh).unwrap();
        assert!(fresh.join(LOCK_NAME).exists());
        drop(set);
        assert!(!root.path().join("a").exists());
    }

    #[test]
    fn a_second_open_on_the_same_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let first = OutputSet::open(&out).unwrap();
        // Named another way.
        let other = root.path().join("out/../out");
        let err = OutputSet::open(&other).err().expect("refused");
        let msg = format!("{err:#}");
        assert!(msg.contains("another matchpunt run"), "{msg}");
        assert!(msg.contains(&std::process::id().to_string()), "{msg}");
        drop(first);
        let again = OutputSet::open(&out).unwrap();
        drop(again);
        assert!(listing(root.path()).is_empty());
    }

    #[test]
    fn a_file_is_not_a_folder() {
        let root = tempfile::tempdir().unwrap();
        let f = root.path().join("out");
        fs::write(&f, "x").unwrap();
        let err = OutputSet::open(&f).err().expect("refused");
        assert!(
            format!("{err}").contains("is a file, not a folder"),
            "{err}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn files_are_written_with_the_users_umask() {
        let root = tempfile::tempdir().unwrap();
        let mut set = OutputSet::open(&root.path().join("out")).unwrap();
        set.stage("a.csv", |w| Ok(w.write_all(b"x")?)).unwrap();
        set.commit().unwrap();
        // Readable by the group (0600 was the bug); the exact bits depend on the umask.
        assert_mode_of_a_new_file(&root.path().join("out/a.csv"));
    }

    /// `path` has the mode of a file created now in its folder (0666 less the umask).
    #[cfg(unix)]
    fn assert_mode_of_a_new_file(path: &Path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path).unwrap().permissions().mode();
        let probe = path.with_file_name("probe");
        File::create(&probe).unwrap();
        let want = fs::metadata(&probe).unwrap().permissions().mode();
        fs::remove_file(&probe).unwrap();
        assert_eq!(mode & 0o777, want & 0o777, "{}", path.display());
    }

    /// `compare --out` and `simulate --out` (the simpler [`Outputs`]) respect the umask too
    /// (issue 25: report.html was 0600).
    #[cfg(unix)]
    #[test]
    fn simple_outputs_are_written_with_the_users_umask() {
        let root = tempfile::tempdir().unwrap();
        let mut outs = Outputs::new(root.path(), &[]).unwrap();
        outs.stage("report.html", |w| Ok(w.write_all(b"<html>")?))
            .unwrap();
        outs.commit().unwrap();
        assert_mode_of_a_new_file(&root.path().join("report.html"));
    }

    #[test]
    fn journal_paths_round_trip() {
        for p in ["/a b/c%d\te.csv", "/plain/x.csv", "/ünï/çødé.lp"] {
            assert_eq!(decode(&encode(Path::new(p))), Some(PathBuf::from(p)));
        }
    }
}
