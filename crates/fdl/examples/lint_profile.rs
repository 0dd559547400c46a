//! Lints the benchmark's generated workflow a few times, for a profiler that counts instructions
//! (timings on shared machines vary 2×, instruction counts do not):
//! `valgrind --tool=callgrind target/release/examples/lint_profile 1000 5`.

#[path = "../tests/support/generated.rs"]
mod generated;

fn main() {
    let mut args = std::env::args().skip(1).map(|a| a.parse::<usize>().expect("a number"));
    let states = args.next().unwrap_or(1_000);
    let runs = args.next().unwrap_or(5);
    let source = generated::workflow(states);
    let mut config = fdl::LintConfig::default();
    config.limits.max_bytes = 64 * 1024 * 1024;
    let linter = fdl::Linter::new(config);
    let mut findings = 0;
    for _ in 0..runs {
        findings += std::hint::black_box(linter.lint(&source)).diagnostics.len();
    }
    println!("{states} states × {runs} runs: {findings} findings");
}
