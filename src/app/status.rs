//! The status message: one line telling the reader what a key did or what
//! went wrong, with its kind and when it was set, and the rule for how long
//! it stays.
//!
//! The rule, applied by `update` (time only from `Action::Clock`):
//!
//! - **Information** (`bookmarked`, `match 1/13`, `copied …`, `no match`)
//!   is cleared by the next input (key, click, wheel) that does not set a
//!   message of its own, or once the clock reaches [`INFO_SECS`] seconds
//!   after it was set. The run loop sends a `Clock` before every input,
//!   `Input::Idle` (every couple of seconds without input) included, so an
//!   idle screen clears it too.
//! - **Warnings** (`warning: …` from start-up, a bookmark change that
//!   could not be saved, changes still unsaved, a copy that failed, a bad
//!   regex) must stay until read: time never clears them, only the next
//!   input that sets no message of its own (or a new message).
//!
//! Handlers choose the kind (`State::say` for information, `State::warn`
//! for warnings); the shell chooses it for what it reports back
//! (`Report::Status`): information for a success (`saved …`, `copied …`,
//! `… written to …`), a warning for a failure.

/// Seconds an information message stays without input.
pub const INFO_SECS: u64 = 5;

/// What a message is, which decides its style and how long it stays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    Info,
    Warning,
}

/// A status message and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub kind: MessageKind,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            kind: MessageKind::Info,
        }
    }

    pub fn warning(text: impl Into<String>) -> Message {
        Message {
            text: text.into(),
            kind: MessageKind::Warning,
        }
    }

    pub fn is_warning(&self) -> bool {
        self.kind == MessageKind::Warning
    }
}

/// The status message part: the message, the clock when it was set, the
/// latest clock, and a count of messages set so `update` can tell whether
/// an input set one.
#[derive(Debug, Default)]
pub struct StatusMessage {
    message: Option<Message>,
    since: u64,
    now: u64,
    serial: u64,
}

impl StatusMessage {
    /// No message yet, the clock at `now`.
    pub fn new(now: u64, message: Option<Message>) -> StatusMessage {
        StatusMessage {
            message,
            since: now,
            now,
            serial: 0,
        }
    }

    pub fn get(&self) -> Option<&Message> {
        self.message.as_ref()
    }

    /// Set (or with `None` clear) the message, dated by the latest clock.
    pub fn set(&mut self, message: Option<Message>) {
        self.message = message;
        self.since = self.now;
        self.serial += 1;
    }

    /// How many messages have been set: compared before and after an input.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    /// The clock moved to `now`: information older than [`INFO_SECS`] goes.
    pub fn tick(&mut self, now: u64) {
        self.now = now;
        let expired = now.saturating_sub(self.since) >= INFO_SECS;
        if expired && self.message.as_ref().is_some_and(|m| !m.is_warning()) {
            self.message = None;
        }
    }

    /// After an input: the message goes unless the input set it (the
    /// serial moved since `before`).
    pub fn after_input(&mut self, before: u64) {
        if self.serial == before {
            self.message = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn information_expires_and_warnings_wait_for_a_key() {
        let mut s = StatusMessage::new(100, Some(Message::warning("warning: odd file")));
        s.set(Some(Message::info("bookmarked")));
        s.tick(104);
        assert!(s.get().is_some());
        s.tick(105);
        assert_eq!(s.get(), None);
        s.set(Some(Message::warning("kept, not saved yet")));
        s.tick(1_000);
        assert!(s.get().is_some());
        let before = s.serial();
        s.after_input(before);
        assert_eq!(s.get(), None);
    }

    #[test]
    fn an_input_that_sets_a_message_keeps_it() {
        let mut s = StatusMessage::new(0, None);
        let before = s.serial();
        s.set(Some(Message::info("match 2/5")));
        s.after_input(before);
        assert_eq!(s.get().map(|m| m.text.as_str()), Some("match 2/5"));
    }
}
