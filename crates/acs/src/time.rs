//! UTC instants as the signatures write them: ISO 8601 `yyyy-MM-ddTHH:mm:ssZ` (RPC
//! `Timestamp`, V3 `x-acs-date`) and RFC 1123 (`Date` of ROA v1). Pure arithmetic on Unix
//! seconds, so it runs on wasm; the caller reads the clock (`js_sys::Date::now()` in the
//! browser, `SystemTime` natively).

use std::fmt;

/// Seconds per day.
const DAY: i64 = 86_400;
/// First and last supported instants: years 1970–9999 keep every format four digits wide.
const MIN_UNIX_SECONDS: i64 = 0;
const MAX_UNIX_SECONDS: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A UTC instant with one-second resolution (the signatures carry no fractions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime {
    unix_seconds: i64,
}

/// Why a time could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeError {
    /// Outside 1970-01-01T00:00:00Z ..= 9999-12-31T23:59:59Z.
    OutOfRange(i64),
    /// Not `yyyy-MM-ddTHH:mm:ssZ`; the text is quoted in the message.
    BadIso8601(String),
    /// Not `Mon, 13 Mar 2023 08:34:30 GMT`.
    BadRfc1123(String),
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::OutOfRange(s) => write!(f, "{s} Unix seconds is outside the years 1970-9999"),
            Self::BadIso8601(text) => write!(f, "`{text}` is not a UTC time of the form yyyy-MM-ddTHH:mm:ssZ"),
            Self::BadRfc1123(text) => {
                write!(f, "`{text}` is not an RFC 1123 date like `Mon, 13 Mar 2023 08:34:30 GMT`")
            }
        }
    }
}

impl std::error::Error for TimeError {}

impl UtcTime {
    /// The instant `unix_seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(unix_seconds: i64) -> Result<Self, TimeError> {
        if (MIN_UNIX_SECONDS..=MAX_UNIX_SECONDS).contains(&unix_seconds) {
            Ok(Self { unix_seconds })
        } else {
            Err(TimeError::OutOfRange(unix_seconds))
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// Parses exactly `yyyy-MM-ddTHH:mm:ssZ`, the only form the service accepts for
    /// `Timestamp` and `x-acs-date` (no fractions, no offsets).
    pub fn parse_iso8601(text: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::BadIso8601(text.chars().take(64).collect());
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 20
            && bytes.iter().enumerate().all(|(i, b)| match i {
                4 | 7 => *b == b'-',
                10 => *b == b'T',
                13 | 16 => *b == b':',
                19 => *b == b'Z',
                _ => b.is_ascii_digit(),
            });
        if !shape_ok {
            return Err(bad());
        }
        // The shape check guarantees ASCII digits at these positions.
        let number = |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<i64>().ok());
        let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) =
            (number(0..4), number(5..7), number(8..10), number(11..13), number(14..16), number(17..19))
        else {
            return Err(bad());
        };
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return Err(bad());
        }
        let seconds = days_from_civil(year, month, day) * DAY + hour * 3600 + minute * 60 + second;
        Self::from_unix_seconds(seconds).map_err(|_| bad())
    }

    /// Parses RFC 1123 as the ROA `Date` header carries it: `Mon, 13 Mar 2023 08:34:30 GMT`.
    /// The weekday must be present but is not checked against the date (as HTTP servers do).
    pub fn parse_rfc1123(text: &str) -> Result<Self, TimeError> {
        let bad = || TimeError::BadRfc1123(text.chars().take(64).collect());
        let parts: Vec<&str> = text.split(' ').collect();
        let [weekday, day, month, year, clock, "GMT"] = parts.as_slice() else { return Err(bad()) };
        let month_index = MONTHS.iter().position(|m| m == month).ok_or_else(bad)?;
        if !WEEKDAYS.iter().any(|w| weekday.strip_suffix(',') == Some(*w)) || day.len() != 2 || year.len() != 4 {
            return Err(bad());
        }
        let iso = format!("{year}-{:02}-{day}T{clock}Z", month_index + 1);
        Self::parse_iso8601(&iso).map_err(|_| bad())
    }

    /// `yyyy-MM-ddTHH:mm:ssZ`.
    pub fn iso8601(self) -> String {
        let (year, month, day, hour, minute, second) = self.fields();
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}Z")
    }

    /// RFC 1123, e.g. `Mon, 13 Mar 2023 08:34:30 GMT` (the ROA v1 `Date` header).
    pub fn rfc1123(self) -> String {
        let (year, month, day, hour, minute, second) = self.fields();
        let weekday = WEEKDAYS[(self.unix_seconds.div_euclid(DAY).rem_euclid(7)) as usize];
        let month_name = MONTHS[(month - 1) as usize];
        format!("{weekday}, {day:02} {month_name} {year:04} {hour:02}:{minute:02}:{second:02} GMT")
    }

    fn fields(self) -> (i64, i64, i64, i64, i64, i64) {
        let days = self.unix_seconds.div_euclid(DAY);
        let rest = self.unix_seconds.rem_euclid(DAY);
        let (year, month, day) = civil_from_days(days);
        (year, month, day, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

impl fmt::Display for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso8601())
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil-calendar algorithms (public domain), proleptic Gregorian.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_the_documented_example_instant_both_ways() {
        let t = UtcTime::parse_iso8601("2023-03-13T08:34:30Z").unwrap();
        assert_eq!(t.unix_seconds(), 1_678_696_470);
        assert_eq!(t.iso8601(), "2023-03-13T08:34:30Z");
        assert_eq!(t.rfc1123(), "Mon, 13 Mar 2023 08:34:30 GMT");
    }

    #[test]
    fn round_trips_leap_days_and_the_range_ends() {
        for text in ["1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2000-02-29T12:00:00Z", "9999-12-31T23:59:59Z"] {
            assert_eq!(UtcTime::parse_iso8601(text).unwrap().iso8601(), text);
        }
        assert_eq!(UtcTime::from_unix_seconds(0).unwrap().rfc1123(), "Thu, 01 Jan 1970 00:00:00 GMT");
    }

    #[test]
    fn refuses_other_shapes_and_impossible_dates() {
        for text in [
            "2023-03-13T08:34:30.000Z",
            "2023-03-13T08:34:30+08:00",
            "2023-03-13 08:34:30Z",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-01-01T24:00:00Z",
            "２023-01-01T00:00:00Z",
            "",
        ] {
            assert!(matches!(UtcTime::parse_iso8601(text), Err(TimeError::BadIso8601(_))), "{text}");
        }
    }

    #[test]
    fn parses_rfc_1123_dates_and_refuses_other_shapes() {
        let t = UtcTime::parse_rfc1123("Mon, 13 Mar 2023 08:34:30 GMT").unwrap();
        assert_eq!(t.iso8601(), "2023-03-13T08:34:30Z");
        for text in [
            "Mon, 13 Mar 2023 08:34:30 UTC",
            "13 Mar 2023 08:34:30 GMT",
            "Mon, 3 Mar 2023 08:34:30 GMT",
            "Mon, 13 Foo 2023 08:34:30 GMT",
            "Mon, 31 Feb 2023 08:34:30 GMT",
        ] {
            assert!(matches!(UtcTime::parse_rfc1123(text), Err(TimeError::BadRfc1123(_))), "{text}");
        }
    }

    #[test]
    fn refuses_instants_outside_the_supported_years() {
        assert_eq!(UtcTime::from_unix_seconds(-1), Err(TimeError::OutOfRange(-1)));
        assert!(UtcTime::from_unix_seconds(MAX_UNIX_SECONDS + 1).is_err());
    }
}
