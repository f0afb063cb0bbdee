//! Sign-in sessions: who is at the page (the user name the ledger's audit log records as the
//! actor of a booking), kept on the server under a random id.
//!
//! Why sessions and not the token in a cookie: a page that writes must know who wrote, must be
//! able to end a sign-in (logout, expiry) without changing the token everyone shares, and must
//! never hand the shared secret to a browser's cookie store. The cookie holds only a session id:
//! 256 bits from the operating system's CSPRNG (`rand`'s `OsRng`), hex, `HttpOnly;
//! SameSite=Strict` (and `Secure` when the page is served beyond loopback). Each session has its
//! own CSRF token (256 bits too) that every form that writes carries as a hidden field.
//!
//! Sessions end after [`Config::session_idle`](crate::Config::session_idle) without a request,
//! after [`MAX_AGE`] in any case, and at logout. They live in memory: a restart signs everyone
//! out, the safe side.
//!
//! Failed sign-ins are slowed down for everyone at once ([`Backoff`]): a global limit, because
//! a guesser can change address more easily than a token can be guessed.

use rand::rngs::OsRng;
use rand::RngCore;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The name of the session cookie.
pub const COOKIE: &str = "matchpunt_session";

/// The longest a session lives, however active.
pub const MAX_AGE: Duration = Duration::from_secs(12 * 3600);

/// Most sessions kept at once; the oldest goes first beyond it (a flood of sign-ins cannot fill
/// the memory).
pub const MAX_SESSIONS: usize = 1000;

/// 32 random bytes from the OS CSPRNG, as 64 hex digits.
pub fn random_id() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// One signed-in user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    /// The user name given at sign-in (the ledger's actor).
    pub user: String,
    /// The CSRF token of this session's forms.
    pub csrf: String,
    created: Instant,
    seen: Instant,
}

/// The sessions of a server.
#[derive(Debug)]
pub struct Sessions {
    idle: Duration,
    map: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// No sessions; each ends after `idle` without a request.
    pub fn new(idle: Duration) -> Sessions {
        Sessions {
            idle,
            map: Mutex::new(HashMap::new()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts a session for `user`; returns its id. O(sessions) when full.
    pub fn start(&self, user: &str) -> String {
        let id = random_id();
        let now = Instant::now();
        let mut map = self.lock();
        let idle = self.idle;
        map.retain(|_, s| live(s, now, idle));
        if map.len() >= MAX_SESSIONS {
            if let Some(oldest) = map
                .iter()
                .min_by_key(|(_, s)| s.created)
                .map(|(k, _)| k.clone())
            {
                map.remove(&oldest);
            }
        }
        map.insert(
            id.clone(),
            Session {
                user: user.to_string(),
                csrf: random_id(),
                created: now,
                seen: now,
            },
        );
        id
    }

    /// The live session with this id (and it counts as a request: its idle time starts
    /// again); an expired one is removed and None.
    pub fn get(&self, id: &str) -> Option<Session> {
        let now = Instant::now();
        let mut map = self.lock();
        let s = map.get_mut(id)?;
        if !live(s, now, self.idle) {
            map.remove(id);
            return None;
        }
        s.seen = now;
        Some(s.clone())
    }

    /// Ends the session with this id (logout).
    pub fn end(&self, id: &str) {
        self.lock().remove(id);
    }

    /// How many live sessions there are.
    pub fn count(&self) -> usize {
        let now = Instant::now();
        self.lock()
            .values()
            .filter(|s| live(s, now, self.idle))
            .count()
    }
}

fn live(s: &Session, now: Instant, idle: Duration) -> bool {
    now.duration_since(s.seen) < idle && now.duration_since(s.created) < MAX_AGE
}

/// Checks a user name given at sign-in: 1 to 64 characters, letters (any script), digits,
/// spaces and `.-_@'`, not only spaces. It is written to the ledger's audit log.
pub fn check_user(user: &str) -> Result<String, String> {
    let u = user.trim();
    if u.is_empty() {
        return Err("a user name is needed: it is recorded with each booking".into());
    }
    if u.chars().count() > 64 {
        return Err(format!(
            "the user name has {} characters: expected at most 64",
            u.chars().count()
        ));
    }
    if let Some(c) = u
        .chars()
        .find(|c| !(c.is_alphanumeric() || " .-_@'".contains(*c)))
    {
        return Err(format!(
            "the user name contains {c:?}: expected letters, digits, spaces and . - _ @ '"
        ));
    }
    Ok(u.to_string())
}

/// The delay before the answer to a sign-in after `failures` failed ones in a row: none after
/// none, then 250 ms doubling up to 8 s.
pub fn delay_after(failures: u32) -> Duration {
    if failures == 0 {
        Duration::ZERO
    } else {
        Duration::from_millis(250u64 << (failures - 1).min(5))
    }
}

/// Failed sign-ins in a row, for everyone at once. Sign-ins queue one behind the other (a
/// `tokio` mutex held across the delay), so the delay limits the rate of guesses however many
/// connections a guesser opens. A quiet quarter of an hour or a right sign-in resets it.
#[derive(Debug, Default)]
pub struct Backoff {
    state: tokio::sync::Mutex<(u32, Option<Instant>)>,
}

/// A quiet time after which failures are forgotten.
const FORGET: Duration = Duration::from_secs(15 * 60);

impl Backoff {
    /// Runs `attempt` after the delay the failures so far call for; records its outcome
    /// (true: signed in). Attempts run one at a time.
    pub async fn attempt<T>(&self, attempt: impl FnOnce() -> (bool, T)) -> T {
        let mut st = self.state.lock().await;
        if st.1.is_some_and(|t| t.elapsed() > FORGET) {
            *st = (0, None);
        }
        tokio::time::sleep(delay_after(st.0)).await;
        let (ok, out) = attempt();
        if ok {
            *st = (0, None);
        } else {
            // Even the first failure waits: a wrong token is not answered at once.
            tokio::time::sleep(delay_after(1)).await;
            *st = (st.0.saturating_add(1), Some(Instant::now()));
        }
        out
    }

    /// Failed sign-ins in a row so far.
    pub async fn failures(&self) -> u32 {
        self.state.lock().await.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_long_random_and_distinct() {
        let a = random_id();
        let b = random_id();
        assert_eq!(a.len(), 64);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn sessions_expire_and_end() {
        let s = Sessions::new(Duration::from_millis(50));
        let id = s.start("Sanne");
        let got = s.get(&id).unwrap();
        assert_eq!(got.user, "Sanne");
        assert_ne!(got.csrf, id);
        std::thread::sleep(Duration::from_millis(80));
        assert!(s.get(&id).is_none(), "idle too long");
        let id = s.start("Sanne");
        s.end(&id);
        assert!(s.get(&id).is_none(), "logged out");
        assert!(s.get("not-an-id").is_none());
    }

    #[test]
    fn user_names() {
        assert_eq!(check_user(" Sanne de Vries ").unwrap(), "Sanne de Vries");
        assert!(check_user("  ").is_err());
        assert!(check_user("a<b").is_err());
        assert!(check_user("x\ny").is_err());
        assert!(check_user(&"a".repeat(65)).is_err());
    }

    #[test]
    fn delays_double_and_stop_growing() {
        assert_eq!(delay_after(0), Duration::ZERO);
        assert_eq!(delay_after(1), Duration::from_millis(250));
        assert_eq!(delay_after(2), Duration::from_millis(500));
        assert_eq!(delay_after(6), Duration::from_millis(8000));
        assert_eq!(delay_after(60), Duration::from_millis(8000));
    }
}
