//! `str::parse::<f64>` without core's Eisel-Lemire tables: the same grammar and the same
//! correctly rounded result (a test compares the two), but the rare inputs that are not exact
//! in f64 arithmetic take a slow big-integer path instead of a 10 KB table of powers of five.
//! Why: that table is among the largest items of the embed wasm (size budget), and workflows
//! write few numbers, almost all short.

/// Significant digits kept; the rest only count as "more, non-zero" (768 decide any rounding).
const MAX_DIGITS: usize = 800;

/// Parses like `f64::from_str`: `[+-]` then `inf`, `infinity`, `nan` (any case) or
/// `digits[.digits][(e|E)[+-]digits]` with digits on at least one side of the point.
pub fn parse_f64(s: &str) -> Option<f64> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let value = if ["inf", "infinity"].iter().any(|w| rest.eq_ignore_ascii_case(w)) {
        f64::INFINITY
    } else if rest.eq_ignore_ascii_case("nan") {
        f64::NAN
    } else {
        parse_number(rest.as_bytes())?
    };
    Some(if negative { -value } else { value })
}

fn parse_number(bytes: &[u8]) -> Option<f64> {
    let mut digits: Vec<u8> = Vec::new();
    let mut truncated = false;
    // The value is `digits × 10^exponent`.
    let mut exponent: i64 = 0;
    let (mut seen_digit, mut seen_point) = (false, false);
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => {
                seen_digit = true;
                if digits.is_empty() && b == b'0' {
                    // Leading zeros are not significant.
                } else if digits.len() < MAX_DIGITS {
                    digits.push(b - b'0');
                } else {
                    truncated |= b != b'0';
                    exponent += 1;
                }
                if seen_point {
                    exponent -= 1;
                }
            }
            b'.' if !seen_point => seen_point = true,
            _ => break,
        }
        i += 1;
    }
    if !seen_digit {
        return None;
    }
    if let Some(b'e' | b'E') = bytes.get(i) {
        let (negative, start) = match bytes.get(i + 1) {
            Some(b'-') => (true, i + 2),
            Some(b'+') => (false, i + 2),
            _ => (false, i + 1),
        };
        let exp_digits = bytes.get(start..).unwrap_or_default();
        if exp_digits.is_empty() || !exp_digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        // Saturates: anything this large is 0 or infinity anyway.
        let e = exp_digits.iter().fold(0i64, |e, d| (e * 10 + i64::from(d - b'0')).min(1 << 40));
        exponent += if negative { -e } else { e };
    } else if i != bytes.len() {
        return None;
    }
    if truncated {
        // A non-zero digit past the kept ones: the value is strictly above the kept digits,
        // which this extra digit keeps without reaching any rounding boundary.
        digits.push(1);
        exponent -= 1;
    }
    while digits.last() == Some(&0) {
        digits.pop();
        exponent += 1;
    }
    if digits.is_empty() {
        return Some(0.0);
    }
    Some(to_f64(&digits, exponent))
}

/// 10^0 … 10^22, every one exact in f64.
fn exact_power_of_ten(e: usize) -> Option<f64> {
    (e <= 22).then(|| (0..e).fold(1.0, |p, _| p * 10.0))
}

/// The nearest f64 to `digits × 10^exponent` (digits without leading or trailing zeros).
fn to_f64(digits: &[u8], exponent: i64) -> f64 {
    let magnitude = digits.len() as i64 + exponent; // value < 10^magnitude
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -324 {
        return 0.0;
    }
    // Exact operands and one rounding (Clinger): most numbers in practice.
    if digits.len() <= 15 {
        let w = digits.iter().fold(0u64, |w, &d| w * 10 + u64::from(d)) as f64;
        if let Some(p) = exact_power_of_ten(exponent.unsigned_abs() as usize) {
            return if exponent >= 0 { w * p } else { w / p };
        }
    }
    let mut num = Big::from_digits(digits);
    let mut den = Big::from_digits(&[1]);
    if exponent >= 0 {
        num.mul_pow10(exponent as u32);
    } else {
        den.mul_pow10(exponent.unsigned_abs() as u32);
    }
    // q = ⌊num·2^s / den⌋ with 2^53 ≤ q < 2^54; value = (q + fraction)·2^-s.
    let mut s = 53 - (num.bits() as i64 - den.bits() as i64);
    let (mut q, mut sticky) = divide(&num, &den, s);
    if q < 1 << 53 {
        s += 1;
        (q, sticky) = divide(&num, &den, s);
    }
    round(q, sticky, -s)
}

/// ⌊num·2^s / den⌋ (below 2^55) and whether there is a remainder.
fn divide(num: &Big, den: &Big, s: i64) -> (u64, bool) {
    let (mut rem, den) =
        if s >= 0 { (num.shl(s as usize), den.clone()) } else { (num.clone(), den.shl((-s) as usize)) };
    let mut q = 0u64;
    for bit in (0..55).rev() {
        let d = den.shl(bit);
        if rem.cmp_big(&d) != std::cmp::Ordering::Less {
            rem.sub(&d);
            q |= 1 << bit;
        }
    }
    (q, !rem.is_zero())
}

/// Rounds `(q + fraction)·2^e2` (2^53 ≤ q < 2^54; `sticky`: fraction > 0) to nearest, ties to
/// even, with subnormals and overflow.
fn round(q: u64, sticky: bool, e2: i64) -> f64 {
    // Drop one bit, or more for a subnormal (whose last bit is worth 2^-1074).
    let shift = (1 + (-1074 - (e2 + 1)).max(0)).min(63) as u32;
    let mut m = q >> shift;
    let half = 1u64 << (shift - 1);
    let rest = q & ((1u64 << shift) - 1);
    let e = e2 + i64::from(shift);
    if rest > half || (rest == half && (sticky || m & 1 == 1)) {
        m += 1;
    }
    let (m, e) = if m == 1 << 53 { (1 << 52, e + 1) } else { (m, e) };
    if e > 971 {
        return f64::INFINITY;
    }
    if m < 1 << 52 {
        return f64::from_bits(m); // subnormal (or zero): e is -1074
    }
    f64::from_bits(((e + 1075) as u64) << 52 | (m & ((1 << 52) - 1)))
}

/// An unsigned big integer, little-endian base 2^32 limbs.
#[derive(Clone)]
struct Big(Vec<u32>);

impl Big {
    fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::new());
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |v, &d| v * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(factor) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut e: u32) {
        while e > 0 {
            let step = e.min(9);
            self.mul_add(10u32.pow(step), 0);
            e -= step;
        }
    }

    fn bits(&self) -> usize {
        self.0.last().map_or(0, |top| 32 * self.0.len() - top.leading_zeros() as usize)
    }

    fn is_zero(&self) -> bool {
        self.0.iter().all(|&l| l == 0)
    }

    fn shl(&self, bits: usize) -> Big {
        let (words, bits) = (bits / 32, bits % 32);
        let mut out = vec![0u32; words];
        let mut carry = 0u32;
        for &limb in &self.0 {
            out.push(if bits == 0 { limb } else { limb << bits | carry });
            carry = if bits == 0 { 0 } else { limb >> (32 - bits) };
        }
        if carry > 0 {
            out.push(carry);
        }
        Big(out)
    }

    fn cmp_big(&self, other: &Big) -> std::cmp::Ordering {
        let len = self.0.len().max(other.0.len());
        for i in (0..len).rev() {
            let (a, b) = (self.0.get(i).copied().unwrap_or(0), other.0.get(i).copied().unwrap_or(0));
            if a != b {
                return a.cmp(&b);
            }
        }
        std::cmp::Ordering::Equal
    }

    /// self -= other (other ≤ self).
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = v.rem_euclid(1 << 32) as u32;
            borrow = i64::from(v < 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_f64;

    fn check(s: &str) {
        let ours = parse_f64(s);
        let core = s.parse::<f64>().ok();
        match (ours, core) {
            (Some(a), Some(b)) if a.is_nan() && b.is_nan() => {}
            (Some(a), Some(b)) => assert_eq!(a.to_bits(), b.to_bits(), "{s}: {a:e} vs {b:e}"),
            (a, b) => assert_eq!(a, b, "{s:?}"),
        }
    }

    #[test]
    fn same_as_core_on_special_cases() {
        for s in [
            "",
            "+",
            "-",
            ".",
            "e5",
            "1e",
            "1e+",
            "1.e5",
            ".5",
            "5.",
            "-.5e-3",
            "1_0",
            " 1",
            "1 ",
            "0x10",
            "1e5.0",
            "inf",
            "-Infinity",
            "INF",
            "nan",
            "-NaN",
            "infinit",
            "+nan",
            "0",
            "-0",
            "0.000",
            "00012.5000",
            "1e-400",
            "1e400",
            "-1e400",
            "9007199254740992",
            "9007199254740993",
            "9007199254740995",
            "0.1",
            "0.3",
            "123456789012345678901234567890",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.7976931348623159e308",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "4.9406564584124654e-324",
            "2.4703282292062327e-324",
            "2.4703282292062328e-324",
            "5e-324",
            "1e-323",
            "2.225073858507201136057409796709131975934819546351645648e-308",
            "1e22",
            "1e23",
            "8.98846567431158e307",
            "1e99999999999999999999",
            "1e-99999999999999999999",
            "0e99999999999999",
            "3.14159265358979323846",
            "1.00000000000000011102230246251565404236316680908203125",
            "1.00000000000000011102230246251565404236316680908203124",
            "1.00000000000000011102230246251565404236316680908203126",
        ] {
            check(s);
        }
        // Longer than MAX_DIGITS: a halfway case decided by a digit far out.
        let long = format!("1.00000000000000011102230246251565404236316680908203125{}1", "0".repeat(900));
        check(&long);
        check(&format!("{}e-900", "9".repeat(1000)));
        check(&format!("0.{}1", "0".repeat(2000)));
    }

    #[test]
    fn same_as_core_on_random_numbers() {
        // A small xorshift generator: reproducible, no dependency.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..50_000 {
            let r = next();
            let s = match r % 4 {
                // Any f64's shortest and long representations.
                0 => format!("{:e}", f64::from_bits(next())),
                1 => format!("{:.30e}", f64::from_bits(next())),
                // Random digits and exponents.
                _ => {
                    let len = 1 + (next() % 40) as usize;
                    let digits: String = (0..len).map(|_| char::from(b'0' + (next() % 10) as u8)).collect();
                    let point = (next() % (len as u64 + 1)) as usize;
                    let exp = (next() % 700) as i64 - 350;
                    format!("{}.{}e{exp}", &digits[..point], &digits[point..])
                }
            };
            check(&s);
        }
    }
}
