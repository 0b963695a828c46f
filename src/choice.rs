//! Named choices of the library (a survey layout, an output format): each lists itself with a
//! short name and a help line, so that a front end (the command line) can offer them without the
//! library knowing any front end.

/// A named choice that a front end lists by name.
pub trait Choice: Copy + Send + Sync + 'static {
    /// Every choice, in the order a user sees them.
    const ALL: &'static [Self];
    /// The short name a user types.
    fn id(self) -> &'static str;
    /// One line saying what it is.
    fn help(self) -> &'static str;

    /// The choice whose [`Choice::id`] is `id`.
    fn from_id(id: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.id() == id)
    }
}
