//! ISO 8601 week arithmetic (weeks start on Monday; week 1 holds the year's first Thursday).

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// ISO weekday of a date: 1 = Monday .. 7 = Sunday.
fn iso_weekday(year: i32, month: u32, day: u32) -> u32 {
    // 1970-01-01 was a Thursday (ISO weekday 4).
    let wd = (days_from_civil(year, month, day) + 3).rem_euclid(7) + 1;
    wd as u32
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of ISO weeks (52 or 53) in ISO year `year`.
///
/// A year has 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year.
///
/// ```
/// assert_eq!(matchpunt_gen::iso_weeks_in_year(2026), 53);
/// assert_eq!(matchpunt_gen::iso_weeks_in_year(2025), 52);
/// assert_eq!(matchpunt_gen::iso_weeks_in_year(2020), 53);
/// ```
pub fn iso_weeks_in_year(year: i32) -> u32 {
    match iso_weekday(year, 1, 1) {
        4 => 53,
        3 if is_leap(year) => 53,
        _ => 52,
    }
}

/// The ISO week before `(year, week)`, crossing year boundaries (`(2027, 1)` -> `(2026, 53)`).
///
/// ```
/// assert_eq!(matchpunt_gen::previous_iso_week((2027, 1)), (2026, 53));
/// assert_eq!(matchpunt_gen::previous_iso_week((2026, 1)), (2025, 52));
/// assert_eq!(matchpunt_gen::previous_iso_week((2026, 47)), (2026, 46));
/// ```
pub fn previous_iso_week((year, week): (i32, u32)) -> (i32, u32) {
    if week <= 1 {
        (year - 1, iso_weeks_in_year(year - 1))
    } else {
        (year, week - 1)
    }
}

/// Formats an ISO week the way the contract writes it: `2026-W47`.
///
/// ```
/// assert_eq!(matchpunt_gen::format_iso_week((2027, 3)), "2027-W03");
/// ```
pub fn format_iso_week((year, week): (i32, u32)) -> String {
    format!("{year}-W{week:02}")
}

/// Whether `(year, week)` names an existing ISO week.
pub(crate) fn is_valid_week((year, week): (i32, u32)) -> bool {
    week >= 1 && week <= iso_weeks_in_year(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays() {
        assert_eq!(iso_weekday(1970, 1, 1), 4);
        assert_eq!(iso_weekday(2026, 1, 1), 4); // Thursday
        assert_eq!(iso_weekday(2025, 1, 1), 3); // Wednesday
        assert_eq!(iso_weekday(2024, 2, 29), 4);
        assert_eq!(iso_weekday(2000, 1, 1), 6); // Saturday
    }

    #[test]
    fn long_years() {
        let long: Vec<i32> = (2000..=2040)
            .filter(|&y| iso_weeks_in_year(y) == 53)
            .collect();
        assert_eq!(long, vec![2004, 2009, 2015, 2020, 2026, 2032, 2037]);
    }

    #[test]
    fn previous_across_boundaries() {
        assert_eq!(previous_iso_week((2021, 1)), (2020, 53));
        assert_eq!(previous_iso_week((2027, 1)), (2026, 53));
        assert_eq!(previous_iso_week((2025, 1)), (2024, 52));
        assert!(is_valid_week((2026, 53)));
        assert!(!is_valid_week((2025, 53)));
        assert!(!is_valid_week((2025, 0)));
    }
}
