//! Recognising data that identifies a person, by a column's header and by its values.
//!
//! # By header ([`is_identifying`])
//!
//! A header is read as words: lowercase, accents dropped (`Prénom` is `prenom`), every run of
//! characters other than letters and digits a word break. Words that only make a header polite
//! or a question are then dropped: `optional`, `please`, `enter`, `your`, `what`, `is`, `the`,
//! `work`, `here` and their French, German and Spanish counterparts (`votre`, `ihr`, `su`, ...).
//! The header identifies people when what is left, joined without spaces,
//! - is one of the names, contact details or person ids below (`name`, `fullname`, `nom`,
//!   `prenom`, `vorname`, `nachname`, `nombre`, `apellidos`, `email`, `courriel`,
//!   `correoelectronico`, `contact`, `phone`, `mobilenumber`, `employeeid`, `staffnumber`,
//!   `participantid`, `teilnehmerid`, `loginname`, `responseid`, `answerid`, `antwortid`,
//!   `token`, `ipaddress`, ...), or
//! - has at most four words and mentions an e-mail or IP address anywhere (`emailaddress`,
//!   `RecipientEmail`, `IPAddress`), or
//! - starts with `custom data` (SurveyMonkey's custom variables, which carry whatever the
//!   sender attached: usually names and e-mail addresses).
//!
//! A code-and-text heading (`id. Response ID`, `Q3 - Your name`) is tested as a whole and by
//! each of its two parts.
//!
//! # By value ([`identifying_value`])
//!
//! A value looks like it identifies a person when it is an e-mail address (text, `@`, a
//! domain with a dot), a phone number (7 to 15 digits, with only `+`, spaces, dots, dashes and
//! brackets around them) or an IP address (four dot-separated numbers up to 255, or an IPv6
//! address). A group-by column with such a value, or whose values are nearly unique per row
//! (distinct values at least [`NEARLY_UNIQUE`] of the rows, over at least
//! [`MIN_ROWS_FOR_UNIQUENESS`] rows), identifies people: the
//! [`IdentityGuard`], a consumer of the reader's rows, refuses it without quoting any value.

/// Words that make a header polite, optional or a question, in English, French, German and
/// Spanish; they are dropped before a header is compared.
const FILLERS: &[&str] = &[
    // English
    "optional",
    "please",
    "enter",
    "provide",
    "your",
    "you",
    "what",
    "whats",
    "is",
    "the",
    "a",
    "an",
    "of",
    "work",
    "here",
    "type",
    "give",
    "us",
    "my",
    "if",
    "wish",
    "want",
    "to",
    // French
    "facultatif",
    "optionnel",
    "votre",
    "vos",
    "quel",
    "quelle",
    "est",
    "le",
    "la",
    "les",
    "veuillez",
    "saisir",
    "indiquer",
    "ton",
    "ta",
    // German
    "optional",
    "bitte",
    "ihr",
    "ihre",
    "ihren",
    "dein",
    "deine",
    "geben",
    "sie",
    "an",
    "ein",
    "wie",
    "lautet",
    "freiwillig",
    // Spanish
    "opcional",
    "su",
    "tu",
    "por",
    "favor",
    "cual",
    "es",
    "el",
    "ingrese",
    "introduzca",
];

/// Headers (as joined words, fillers dropped) that name a person, their contact details or an
/// id of a person or of their response.
const IDENTIFYING: &[&str] = &[
    // names
    "name",
    "names",
    "fullname",
    "firstname",
    "lastname",
    "surname",
    "givenname",
    "familyname",
    "middlename",
    "respondentname",
    "recipientfirstname",
    "recipientlastname",
    "recipientname",
    "nom",
    "prenom",
    "nomcomplet",
    "nomdefamille",
    "vorname",
    "nachname",
    "familienname",
    "vollstandigername",
    "nombre",
    "nombres",
    "apellido",
    "apellidos",
    "nombrecompleto",
    // contact details
    "email",
    "mail",
    "emailaddress",
    "mailaddress",
    "courriel",
    "adressecourriel",
    "correo",
    "correoelectronico",
    "contact",
    "contactdetails",
    "contactinfo",
    "kontakt",
    "contacto",
    "phone",
    "phonenumber",
    "telephone",
    "telephonenumber",
    "mobile",
    "mobilenumber",
    "mobilephone",
    "cellphone",
    "cell",
    "telefon",
    "telefonnummer",
    "handynummer",
    "telefono",
    "movil",
    "numerodetelephone",
    "portable",
    // ids of people and of their responses
    "id",
    "respondent",
    "respondentid",
    "responseid",
    "recordid",
    "answerid",
    "antwortid",
    "externalreference",
    "externaldatareference",
    "userid",
    "username",
    "login",
    "loginname",
    "loginid",
    "token",
    "accesscode",
    "employeeid",
    "employeenumber",
    "employeeno",
    "staffid",
    "staffnumber",
    "staffno",
    "personnelnumber",
    "payrollnumber",
    "badgenumber",
    "participant",
    "participantid",
    "participantnumber",
    "teilnehmer",
    "teilnehmerid",
    "teilnehmernummer",
    "personalnummer",
    "mitarbeiterid",
    "matricule",
    "identifiant",
    "numerodemployado",
    "ip",
    "ipaddr",
    "ipaddress",
    // places precise enough to find a person
    "locationlatitude",
    "locationlongitude",
    "latitude",
    "longitude",
];

/// Fragments whose mention anywhere in a short header makes it identifying.
const MENTIONS: &[&str] = &["email", "ipaddress", "ipadresse", "ipaddr", "courriel"];

/// Whether a column header names data that identifies a person (see the module doc).
pub fn is_identifying(header: &str) -> bool {
    if words_identify(header) {
        return true;
    }
    // A code-and-text heading: "id. Response ID", "Q3 - Your name".
    [". ", " - "].iter().any(|sep| {
        header
            .split_once(sep)
            .is_some_and(|(code, text)| words_identify(code) || words_identify(text))
    })
}

fn words_identify(header: &str) -> bool {
    let words = words(header);
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !FILLERS.contains(w))
        .collect();
    if kept.is_empty() {
        return false;
    }
    let key: String = kept.concat();
    if IDENTIFYING.contains(&key.as_str()) {
        return true;
    }
    if kept.starts_with(&["custom", "data"]) {
        return true;
    }
    kept.len() <= 4 && MENTIONS.iter().any(|m| key.contains(m))
}

/// A header's words: lowercase, accents dropped, split at anything but letters and digits.
fn words(header: &str) -> Vec<String> {
    let folded: String = header
        .chars()
        .flat_map(char::to_lowercase)
        .map(fold_accent)
        .collect();
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// A lowercase Latin letter without its accent (`é` -> `e`, `ß` stays).
fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// What kind of identifying value `value` is, when it looks like one (see the module doc).
pub fn identifying_value(value: &str) -> Option<&'static str> {
    let v = value.trim();
    if is_email(v) {
        Some("e-mail addresses")
    } else if is_ip_address(v) {
        Some("IP addresses")
    } else if is_phone(v) {
        Some("phone numbers")
    } else {
        None
    }
}

fn is_email(v: &str) -> bool {
    let Some((local, domain)) = v.rsplit_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

fn is_ip_address(v: &str) -> bool {
    v.parse::<std::net::IpAddr>().is_ok()
}

fn is_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    (7..=15).contains(&digits)
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '.' | '-' | '(' | ')' | '/'))
}

/// The share of distinct values over rows at which a group-by column is taken to be one value
/// per person.
pub const NEARLY_UNIQUE: f64 = 0.9;

/// The fewest rows over which [`NEARLY_UNIQUE`] is judged (a handful of respondents in a handful
/// of teams is not an identifying column).
pub const MIN_ROWS_FOR_UNIQUENESS: u64 = 10;

/// How many values of a group-by column [`IdentityGuard`] keeps at hand (a role or department
/// column has a handful).
const RECENT_VALUES: usize = 4;

/// A consumer of rows that refuses a group-by column whose values identify people (see the
/// module doc). It keeps the distinct values of each column, at most
/// [`crate::scoring::MAX_GROUP_VALUES`] + 1 of them (the scorer refuses a column with more).
pub struct IdentityGuard {
    columns: Vec<String>,
    /// Whether each column is the pseudo-column `source` (file names are not about people).
    skip: Vec<bool>,
    seen: Vec<rustc_hash::FxHashSet<String>>,
    /// The values of each column last looked up, at most [`RECENT_VALUES`] of them: most rows
    /// repeat one of a few values, found here without hashing.
    recent: Vec<Vec<String>>,
    rows: u64,
    file: String,
}

impl IdentityGuard {
    /// A guard over the group-by columns, in the order asked for.
    pub fn new(group_by: &[String]) -> IdentityGuard {
        IdentityGuard {
            columns: group_by.to_vec(),
            skip: group_by
                .iter()
                .map(|c| c.trim().eq_ignore_ascii_case(super::SOURCE_COLUMN))
                .collect(),
            seen: group_by.iter().map(|_| Default::default()).collect(),
            recent: group_by.iter().map(|_| Vec::new()).collect(),
            rows: 0,
            file: String::new(),
        }
    }

    fn refuse(&self, column: usize, what: &str) -> super::SinkError {
        format!(
            "{}: cannot group by '{}': its values are {what}, so it identifies respondents (no value is shown); group by a column such as a role or department",
            self.file, self.columns[column]
        )
        .into()
    }
}

impl super::RowSink for IdentityGuard {
    fn begin_file(&mut self, file: &mut super::FileStart<'_>) -> Result<(), super::SinkError> {
        self.file = file.path().to_string();
        Ok(())
    }

    fn row(&mut self, row: &super::Row<'_>) -> Result<(), super::SinkError> {
        self.rows += 1;
        for (i, value) in row.groups.iter().enumerate() {
            let recent = &mut self.recent[i];
            if self.skip[i] || value.is_empty() || recent.contains(value) {
                continue;
            }
            if self.seen[i].contains(value.as_str()) {
                // One of them makes way, chosen by the row count.
                if recent.len() < RECENT_VALUES {
                    recent.push(value.clone());
                } else {
                    recent[(self.rows % RECENT_VALUES as u64) as usize].clone_from(value);
                }
                continue;
            }
            if let Some(kind) = identifying_value(value) {
                return Err(self.refuse(i, kind));
            }
            if self.seen[i].len() <= crate::scoring::MAX_GROUP_VALUES {
                self.seen[i].insert(value.clone());
            }
        }
        Ok(())
    }

    fn end_file(&mut self, _file: &super::FileReport) -> Result<(), super::SinkError> {
        self.check_uniqueness()
    }
}

/// A fork guards the same columns of the same file, from no row; merged, the rows are counted
/// together and the distinct values joined (as many kept as one pass keeps).
impl super::Split for IdentityGuard {
    fn fork(&self) -> Self {
        IdentityGuard {
            columns: self.columns.clone(),
            skip: self.skip.clone(),
            seen: self.columns.iter().map(|_| Default::default()).collect(),
            recent: self.columns.iter().map(|_| Vec::new()).collect(),
            rows: 0,
            file: self.file.clone(),
        }
    }

    fn merge(&mut self, later: Self) -> Result<(), super::SinkError> {
        self.rows += later.rows;
        for (seen, values) in self.seen.iter_mut().zip(later.seen) {
            for value in values {
                if seen.len() <= crate::scoring::MAX_GROUP_VALUES {
                    seen.insert(value);
                }
            }
        }
        Ok(())
    }
}

impl IdentityGuard {
    /// Refuse a column whose values are nearly unique per row, over the rows read so far.
    fn check_uniqueness(&self) -> Result<(), super::SinkError> {
        if self.rows < MIN_ROWS_FOR_UNIQUENESS {
            return Ok(());
        }
        for i in 0..self.columns.len() {
            if !self.skip[i] && self.seen[i].len() as f64 >= NEARLY_UNIQUE * self.rows as f64 {
                return Err(self.refuse(i, "different in nearly every row"));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_that_name_people_in_four_languages() {
        for header in [
            "Name (optional)",
            "Full name (optional)",
            "Your name please",
            "What is your email address?",
            "Please enter your work email address",
            "Contact",
            "Employee ID",
            "Staff number",
            "Participant ID",
            "Mobile number",
            "Login name",
            "Nom",
            "Prénom",
            "Vorname",
            "Nachname",
            "Correo electrónico",
            "Courriel",
            "Teilnehmer-ID",
            "Custom Data 1",
            "Answer ID",
            "Antwort ID",
            "id. Response ID",
            "Response ID",
            "Email Address",
            "IPAddress",
            "RecipientEmail",
            "First Name",
            "token",
            "ID",
        ] {
            assert!(is_identifying(header), "{header} should identify people");
        }
    }

    #[test]
    fn headers_that_group_people_are_not_identifying() {
        for header in [
            "Role",
            "Department",
            "Team",
            "Which team are you in?",
            "Business unit",
            "Location",
            "Service name",
            "Department name",
            "Tenure",
            "Timestamp",
            "Q1",
            "Change requests are approved quickly",
            "The name of each business service is agreed with its owner",
        ] {
            assert!(
                !is_identifying(header),
                "{header} should not identify people"
            );
        }
    }

    fn guard_over(column: &[&str]) -> Result<(), String> {
        use crate::responses::{Row, RowSink};
        let mut guard = IdentityGuard::new(&["contact".to_string()]);
        for value in column {
            let groups = [value.to_string()];
            guard
                .row(&Row::new(&[], &groups))
                .map_err(|e| e.to_string())?;
        }
        guard.check_uniqueness().map_err(|e| e.to_string())
    }

    #[test]
    fn the_guard_refuses_identifying_group_values_without_quoting_them() {
        let err = guard_over(&["IT", "IT", "ann@example.org"]).unwrap_err();
        assert!(err.contains("cannot group by 'contact'") && err.contains("e-mail addresses"));
        assert!(!err.contains("ann@"), "{err}");
        let ids: Vec<String> = (0..10).map(|i| format!("P{i:03}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert!(
            guard_over(&ids)
                .unwrap_err()
                .contains("different in nearly every row")
        );
        // Ten respondents in eight teams: 8 of 10 rows, below the 90% rule.
        let teams = ["A", "B", "C", "D", "E", "F", "G", "H", "A", "B"];
        assert!(guard_over(&teams).is_ok());
    }

    #[test]
    fn values_that_identify_people() {
        assert_eq!(
            identifying_value("jane.doe@example.org"),
            Some("e-mail addresses")
        );
        assert_eq!(identifying_value(" 192.168.10.4 "), Some("IP addresses"));
        assert_eq!(identifying_value("2001:db8::1"), Some("IP addresses"));
        assert_eq!(identifying_value("+44 20 7946 0958"), Some("phone numbers"));
        assert_eq!(identifying_value("(555) 010-4477"), Some("phone numbers"));
        for ordinary in [
            "IT", "Finance", "Ops @ HQ", "2024", "5", "B001", "1.2.3", "12-34",
        ] {
            assert_eq!(identifying_value(ordinary), None, "{ordinary}");
        }
    }
}
