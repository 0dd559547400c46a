//! Prints the tree granit builds for a YAML file (values, styles, spans and the text they
//! cover), its comments and its YAML diagnostics: how to find what the fast scanner must build
//! for a new construct. `cargo run -p fdl --example yaml_probe FILE`.

fn main() {
    let src = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let doc = fdl::yaml::parse_full(&src, Default::default());
    fn show(n: &fdl::yaml::Node, src: &str, d: usize) {
        let pad = "  ".repeat(d);
        let t = &src[n.span.start as usize..n.span.end as usize];
        match &n.kind {
            fdl::yaml::NodeKind::Scalar(s) => {
                println!("{pad}S {:?} {:?} {}..{} {:?} tag={:?}", s.value, s.style, n.span.start, n.span.end, t, s.tag)
            }
            fdl::yaml::NodeKind::Seq(items) => {
                println!("{pad}Seq {}..{} {:?}", n.span.start, n.span.end, t);
                for i in items {
                    show(i, src, d + 1)
                }
            }
            fdl::yaml::NodeKind::Map(es) => {
                println!("{pad}Map {}..{} {:?}", n.span.start, n.span.end, t);
                for e in es {
                    show(&e.key, src, d + 1);
                    show(&e.value, src, d + 2)
                }
            }
        }
    }
    if let Some(r) = &doc.root {
        show(r, &src, 0)
    }
    for c in &doc.comments {
        println!("comment {:?} {}..{}", c.text, c.span.start, c.span.end)
    }
    for d in &doc.diagnostics {
        println!("diag {} {:?} {}..{}", d.code, d.message, d.span.start, d.span.end)
    }
}
