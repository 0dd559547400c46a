//! Lint throughput on generated workflows of 100, 1,000 and 10,000 states.
//! Prints the median time per lint and MB/s. Budget (design.md): a 1,000-state workflow in
//! under 5 ms natively. Then the cost of `--fix` on such workflows with fixes to make and fixes
//! to refuse, as a multiple of one lint of the same text. Run:
//! `cargo bench -p fdl --bench lint_throughput`.

use std::time::{Duration, Instant};

#[path = "../tests/support/generated.rs"]
mod generated;
use generated::workflow;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Time to a clear error for hostile input (budget: < 100 ms, design.md).
fn hostile() {
    let bomb = {
        let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            s.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
        }
        s
    };
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let huge = "x: y\n".repeat(2 * 1024 * 1024);
    let linter = fdl::Linter::default();
    for (name, text) in [("alias bomb", bomb), ("10,000-deep nesting", deep), ("10 MB document", huge)] {
        let samples: Vec<Duration> = (0..20)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(linter.lint(&text).diagnostics.len());
                t.elapsed()
            })
            .collect();
        println!("hostile: {name:<22} refused in {:.3}ms", median(samples).as_secs_f64() * 1e3);
    }
}

/// `--fix` on a generated workflow where every Task's `TaskMode` is in lower case (a safe fix
/// each) and every 40th state has `Nxt: Nope` for `Next` (two unsafe fixes, both refused: the
/// rename names no state, `End: true` strands the states after it).
fn fixing() {
    println!(
        "{:>8} {:>9} {:>10} {:>22} {:>22} {:>8} {:>9}",
        "states", "findings", "lint", "fix", "fix --unsafe-fixes", "applied", "left out"
    );
    for states in [100usize, 1_000] {
        let mut source = workflow(states).replace("TaskMode: RequestComplete", "TaskMode: requestcomplete");
        for i in (3..states).step_by(40) {
            let from = format!("    Name: S{i}\n    Seconds: 1\n    Next: S{}\n", i + 1);
            source = source.replace(&from, &format!("    Name: S{i}\n    Seconds: 1\n    Nxt: Nope{i}\n"));
        }
        let linter = fdl::Linter::default();
        let time = |f: &dyn Fn()| {
            median(
                (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed()
                    })
                    .collect(),
            )
        };
        let findings = linter.lint(&source).diagnostics.len();
        let lint = time(&|| drop(std::hint::black_box(linter.lint(&source))));
        let safe = time(&|| drop(std::hint::black_box(linter.fix(&source, fdl::FixScope::SafeOnly))));
        let all = time(&|| drop(std::hint::black_box(linter.fix(&source, fdl::FixScope::IncludingUnsafe))));
        let outcome = linter.fix(&source, fdl::FixScope::IncludingUnsafe);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{states:>8} {findings:>9} {:>8.2}ms {:>10.2}ms ({:>5.1}×) {:>10.2}ms ({:>5.1}×) {:>8} {:>9}",
            ms(lint),
            ms(safe),
            ms(safe) / ms(lint),
            ms(all),
            ms(all) / ms(lint),
            outcome.applied,
            outcome.left_out.len()
        );
    }
}

fn main() {
    hostile();
    fixing();
    // The 10,000-state document is ~1.9 MB, over the 1 MiB service limit: raise it for the bench.
    let mut config = fdl::LintConfig::default();
    config.limits.max_bytes = 64 * 1024 * 1024;
    let linter = fdl::Linter::new(config.clone());
    println!("{:>8} {:>10} {:>12} {:>10} {:>10}", "states", "bytes", "median", "fastest", "MB/s");
    for states in [100usize, 1_000, 10_000] {
        let source = workflow(states);
        let report = linter.lint(&source);
        assert!(
            !report.has_errors(),
            "generated workflow has errors: {:?}",
            &report.diagnostics[..report.diagnostics.len().min(3)]
        );
        let runs = if states >= 10_000 { 15 } else { 60 };
        let samples: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let r = linter.lint(&source);
                std::hint::black_box(r.diagnostics.len());
                t.elapsed()
            })
            .collect();
        // The fastest run too: on a shared machine it is the figure least disturbed by neighbours.
        let fastest = samples.iter().min().copied().unwrap_or_default();
        let m = median(samples);
        let mbps = source.len() as f64 / 1e6 / m.as_secs_f64();
        let stage = |f: &dyn Fn()| {
            median(
                (0..runs)
                    .map(|_| {
                        let t = Instant::now();
                        f();
                        t.elapsed()
                    })
                    .collect(),
            )
            .as_secs_f64()
                * 1e3
        };
        let parse = stage(&|| {
            std::hint::black_box(fdl::yaml::parse(&source, config.limits));
        });
        let raw = stage(&|| {
            std::hint::black_box(granit_parser::Parser::new_from_str(&source).count());
        });
        let raw_nc = stage(&|| {
            let o = granit_parser::options! { emit_comments: false };
            std::hint::black_box(granit_parser::Parser::new_from_str_with_options(&source, o).count());
        });
        eprintln!("raw events {raw:.3}ms, without comments {raw_nc:.3}ms");
        let analyze = stage(&|| {
            std::hint::black_box(fdl::analysis::analyze_with_limits(&source, config.limits));
        });
        println!(
            "{states:>8} {:>10} {:>10.3}ms {:>8.3}ms {mbps:>10.1}   (median parse {parse:.3}ms, parse+lower {analyze:.3}ms)",
            source.len(),
            m.as_secs_f64() * 1e3,
            fastest.as_secs_f64() * 1e3
        );
    }
}
