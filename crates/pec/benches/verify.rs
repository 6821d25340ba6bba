//! Benchmark of `pec::verify` on each genuine sample in ../shared/samples/real, natively:
//! criterion keeps each one's median in target/criterion/verify/<sample>/new/estimates.json.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};

fn verify(c: &mut Criterion) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/samples/real");
    let mut samples: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    samples.sort();
    assert!(!samples.is_empty(), "no samples in {}", dir.display());

    // The page and the command line keep one verifier per session, not one per file.
    let mut verifier = pec::Verifier::default();
    let mut group = c.benchmark_group("verify");
    for path in samples {
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let name = path.file_stem().unwrap_or_default().to_string_lossy();
        assert!(
            verifier.verify(&bytes).all_passed(),
            "{name} must verify, or its timing means nothing"
        );
        group.bench_function(name.as_ref(), |b| {
            b.iter(|| verifier.verify(black_box(&bytes)))
        });
    }
    group.finish();
}

criterion_group!(benches, verify);
criterion_main!(benches);
